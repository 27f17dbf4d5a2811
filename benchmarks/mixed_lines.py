"""Text lines as users meet them, for benchmarks: Chinese with digits, Latin words and punctuation.

Each line comes from a template of ordinary document text (dates, prices, versions, phone numbers,
percentages, brackets and quotes, GB2312 level-2 words) filled at random, and is drawn dark on light
in a font that training never saw. Latin runs are drawn either in the Chinese font's own Latin or,
as a word processor falls back, in an unseen Latin face; a character that a font lacks (Droid Sans
Fallback has no ASCII) is drawn, as a renderer does, in the first fallback font that has it.
"""
import functools
import shutil
import subprocess
import tempfile
import unicodedata

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

LIBERATION = '/usr/share/fonts/truetype/liberation2/'
FALLBACKS = [(LIBERATION + 'LiberationSans-Regular.ttf', 0),     # none of them in the training set
             ('/usr/share/fonts/truetype/arphic/uming.ttc', 0)]

LATIN_WORDS = ['TensorFlow', 'Python', 'NumPy', 'Linux', 'GitHub', 'Docker', 'Excel', 'iPhone', 'Windows',
               'office', 'offline', 'riffle', 'burning', 'firmware', 'fifty', 'modern', 'Chrome', 'PDF', 'API',
               'OCR', 'Wi-Fi', 'USB', 'JSON', 'kernel', 'report', 'Beijing', 'Shanghai', 'Email', 'Apple']
LEVEL2_WORDS = ['蜻蜓', '蝌蚪', '璐琪', '山坳', '琵琶', '橄榄', '蟋蟀', '蜘蛛', '骷髅', '嘀咕', '憧憬', '邂逅',
                '踌躇', '惆怅', '缱绻', '氤氲', '饕餮', '魑魅', '魍魉', '蹒跚', '囹圄', '耄耋']
CHINESE_WORDS = ['数据', '模型', '训练', '识别', '文字', '图像', '系统', '用户', '价格', '库存', '计算', '矩阵',
                 '乘法', '发布', '版本', '电话', '地址', '学校', '图书馆', '孩子们', '兴趣', '池塘', '研究',
                 '方法', '问题', '结果', '城市', '交通', '下载', '安装', '软件', '报告', '会议', '时间']
TEMPLATES = [
    '{y}年{m}月{d}日，{latin} {version}发布。',
    '价格：{n}元/件，库存：{n2}件；共计{n3}元。',
    '使用{latin} {version}和{latin2}计算{zh}{zh2}。',
    '池塘边的{l2}和{l2b}引起了{zh}的兴趣。',
    '电话：{phone}，{zh}约{pct}。',
    '《{zh}{zh2}》一书（{latin}版）共{n}页！',
    '他说：“{zh}的{l2}很好。”',
    '{zh}【{latin}】{zh2}{pct}，{l2}？',
    '{latin} {latin2}: {n} {zh}, {n2}%.',
    '第{n}号{zh}—{zh2}…{l2}',
]
MARGIN = 0.5  # x font size, paper around the text


def filled(template, rng):
    pick = lambda words: words[int(rng.integers(len(words)))]  # noqa: E731
    return template.format(
        y=int(rng.integers(1990, 2031)), m=int(rng.integers(1, 13)), d=int(rng.integers(1, 29)),
        latin=pick(LATIN_WORDS), latin2=pick(LATIN_WORDS), zh=pick(CHINESE_WORDS), zh2=pick(CHINESE_WORDS),
        l2=pick(LEVEL2_WORDS), l2b=pick(LEVEL2_WORDS), version='%d.%d' % (rng.integers(1, 4), rng.integers(0, 22)),
        n=int(rng.integers(1, 1000)), n2=int(rng.integers(1, 100)), n3=int(rng.integers(100, 10000)),
        phone='0%d-%d' % (rng.integers(10, 100), rng.integers(10000000, 99999999)),
        pct='%.1f%%' % rng.uniform(0, 100))


def mixed_line(rng):
    return filled(TEMPLATES[int(rng.integers(len(TEMPLATES)))], rng)


@functools.lru_cache(maxsize=None)
def code_points(font):
    """The code points a (path, index) font has glyphs for."""
    return frozenset(TTFont(font[0], fontNumber=font[1], lazy=True).getBestCmap() or {})


def font_for(char, chinese_font, latin_font):
    """The (path, index) font that draws `char`: ASCII in `latin_font` when given, else the Chinese
    font, else the first fallback that has it."""
    order = ([latin_font] if latin_font and ord(char) < 128 else []) + [chinese_font] + FALLBACKS
    return next((font for font in order if ord(char) in code_points(font)), chinese_font)


def _runs(text, chinese_font, latin_font):
    """The text cut into (font, run) pieces of characters drawn in one font."""
    runs = []
    for char in text:
        font = font_for(char, chinese_font, latin_font)
        if runs and runs[-1][0] == font:
            runs[-1][1] += char
        else:
            runs.append([font, char])
    return runs


def drawn_line(text, chinese_font, size, latin_font=None):
    """A dark-on-light image of `text`; ASCII runs in `latin_font` when given. Fonts are (path, index)."""
    faces = {}
    runs = []
    for font, run in _runs(text, chinese_font, latin_font):
        if font not in faces:
            faces[font] = ImageFont.truetype(font[0], size, index=font[1])
        runs.append((faces[font], run))
    width = sum(font.getlength(run) for font, run in runs)
    margin = int(MARGIN * size) + 2
    image = Image.new('L', (int(width) + 2 * margin, int(size * 1.5) + 2 * margin), 235)
    draw = ImageDraw.Draw(image)
    x = float(margin)
    for font, run in runs:
        draw.text((x, margin + size), run, fill=25, font=font, anchor='ls')
        x += font.getlength(run)
    return image


def score_text(text):
    """What is compared: NFKC-folded (full and half width alike), without spaces."""
    return ''.join(unicodedata.normalize('NFKC', text).split())


def edit_distance(a, b):
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]


def tesseract_line(image, lang='chi_sim'):
    """Tesseract's reading of a one-line image (--psm 7), or None when tesseract is not installed."""
    if not shutil.which('tesseract'):
        return None
    with tempfile.NamedTemporaryFile(suffix='.png') as f:
        image.save(f.name)
        out = subprocess.run(['tesseract', f.name, '-', '-l', lang, '--psm', '7'], capture_output=True,
                             text=True, timeout=120)
    return out.stdout.strip()

