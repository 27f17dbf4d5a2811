"""The model in model/ reads the repo's example crops and paragraph (a font it never saw in training)."""
import json
import os

import chinese_ocr
from conftest import ROOT

MODEL = os.path.join(ROOT, 'model')


def read(capsys, *args):
    chinese_ocr.main(['--mode=inference', '--checkpoint_dir', MODEL, '--output', 'json', *args])
    return json.loads(capsys.readouterr().out)


def test_shipped_model_reads_the_example_crops(capsys):
    result = read(capsys, '--inference_dir', os.path.join(ROOT, 'examples', 'crops'))
    assert result['text'] == '先腐蚀后膨胀称为开运算能够去除孤立的小点毛刺和小桥'


def test_shipped_model_reads_the_example_paragraph(capsys):
    result = read(capsys, '--image', os.path.join(ROOT, 'examples', 'paragraph.png'))['results'][0]
    assert result['text'].split('\n') == ['秋天到了□田野里一片金黄□农民们忙着收割',
                                          '稻谷□脸上露出了满意的笑容□科学家们经过',
                                          '多年的研究□终于找到了解决这个问题的方法□']
