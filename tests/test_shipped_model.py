"""The model in model/ reads the repo's examples, in fonts it never saw in training: the crops, the
paragraph with its punctuation, and the README's mixed lines (digits, Latin words, marks, level 2)."""
import json
import os

import chinese_ocr
from conftest import ROOT

MODEL = os.path.join(ROOT, 'model')
PARAGRAPH = ['秋天到了，田野里一片金黄。农民们忙着收割',
             '稻谷，脸上露出了满意的笑容。科学家们经过',
             '多年的研究，终于找到了解决这个问题的方法。']
# What README.md shows: exactly what the model reads (y and t of Python touch, and are cut apart).
MIXED_LINES = ['2026年11月29日，TensorFlow 2.21发布。',
               '价格：128元/件，库存：35件；共计4480元。',
               '使用Python 3.11和NumPy计算矩阵乘法。',
               '池塘边的蜻蜓和蝌蚪引起了孩子们的兴趣。']


def read(capsys, *args):
    chinese_ocr.main(['--mode=inference', '--checkpoint_dir', MODEL, '--output', 'json', *args])
    return json.loads(capsys.readouterr().out)


def test_shipped_model_reads_the_example_crops(capsys):
    result = read(capsys, '--inference_dir', os.path.join(ROOT, 'examples', 'crops'))
    assert result['text'] == '先腐蚀后膨胀称为开运算能够去除孤立的小点毛刺和小桥'


def test_shipped_model_reads_the_example_paragraph(capsys):
    result = read(capsys, '--image', os.path.join(ROOT, 'examples', 'paragraph.png'))['results'][0]
    assert result['text'].split('\n') == PARAGRAPH


def test_shipped_model_reads_the_readme_mixed_lines(capsys):
    result = read(capsys, '--image', os.path.join(ROOT, 'examples', 'mixed_lines.png'))['results'][0]
    assert result['text'].split('\n') == MIXED_LINES


def test_with_the_first_3755_classes_the_shipped_model_reads_the_original_task(capsys):
    """GB2312 level 1 only, as the original: its marks can only be placeholders."""
    result = read(capsys, '--charset_size', '3755', '--image', os.path.join(ROOT, 'examples', 'paragraph.png'))
    assert result['results'][0]['text'].split('\n') == [line.replace('，', '□').replace('。', '□') for line in PARAGRAPH]
