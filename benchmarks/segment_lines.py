"""Segmenting mixed lines: Chinese with digits, Latin words, brackets, quotes and punctuation.

Each line is drawn one character at a time on a shared baseline, in one of the CJK fonts (its own
Latin glyphs, or DejaVu Sans for the ASCII runs in a third of the lines) at 16-48 px, so the true
ink box of every character is known. A character counts as segmented when one box matches it one
to one (IoU >= 0.5); the others are merged (one box holds it and another character), split (it is
cut into several boxes) or missed. Spaces: for each pair of neighbours both segmented, the reader's
space decision (reading.spaced, on the true characters and the segmented boxes) against the text.

    python benchmarks/segment_lines.py [--lines 300] [--seed 0] [--show 10]
"""
import argparse
import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import numpy as np  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from reading import Character, Line, spaced  # noqa: E402
from segment import segment_lines  # noqa: E402

FONTS = {
    'WenQuanYi Zen Hei': ('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 0),
    'WenQuanYi Micro Hei': ('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 0),
    'AR PL UMing': ('/usr/share/fonts/truetype/arphic/uming.ttc', 0),
    'AR PL UKai': ('/usr/share/fonts/truetype/arphic/ukai.ttc', 0),
    'Noto Sans CJK SC': ('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 2),
    'Noto Serif CJK SC': ('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', 2),
}
LATIN_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'
ISSUE_LINES = ['2026年11月29日，TensorFlow 2.21发布。', '价格：128元/件，库存：35件；共计4480元。',
               '使用Python 3.11和NumPy计算矩阵乘法。', '池塘边的蜻蜓和蝌蚪引起了孩子们的兴趣。']
WORDS = ('TensorFlow Python NumPy the modern corner burn return first office coffee different affine '
         'fluffy traffic suffix offline profile final field print train learning morning journey injection '
         'jiujitsu minimum illicit William Wikipedia OpenAI GitHub Linux Windows version model data error '
         'file line window print() x86_64 e-mail user@example.com HTTP/2 C++ I/O').split()
NUMBERS = ('010-62751234', '99.8%', '2.21', '128元/件', '3.14159', '1,024', '50%', '12:30', '2026-11-29',
           '+86 138 0013 8000', '1/2', 'v1.2.3', '#42', '¥35.00', '$9.99', '1e-3', 'x=1', 'a+b=c', '7×8')
WRAPS = ('（%s）', '《%s》', '“%s”', '‘%s’', '【%s】', '"%s"', "'%s'", '(%s)', '[%s]', '「%s」')
MARKS = '，。、；：？！…—·,.;:?!'
FULL_WIDTH_MARKS = '，。、；：？！…—·（）《》“”‘’【】「」'
SIZES = (16, 48)
MATCH_IOU = 0.5
INK = 128  # grey level: darker pixels of a glyph drawn black on white are its ink


def prose_text():
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'prose.txt'), encoding='utf-8') as f:
        return ''.join(f.read().split())


def mixed_line(rng, prose):
    """A random line: prose chunks with Latin words, numbers, wrapped phrases and marks between them."""
    def chunk(low, high):
        start = int(rng.integers(0, len(prose) - high))
        return prose[start:start + int(rng.integers(low, high))]
    parts = [chunk(2, 6)]
    while sum(map(len, parts)) < rng.integers(14, 30):
        kind = rng.integers(0, 5)
        if kind == 0:
            words = ' '.join(rng.choice(WORDS, int(rng.integers(1, 4))))
            parts.append(' %s ' % words if rng.random() < 0.4 else words)
        elif kind == 1:
            parts.append(str(rng.choice(NUMBERS)))
        elif kind == 2:
            inner = chunk(2, 5) if rng.random() < 0.5 else str(rng.choice(WORDS))
            parts.append(str(rng.choice(WRAPS)) % inner)
        elif kind == 3:
            parts.append(str(rng.choice(list(MARKS))) + ('...' if rng.random() < 0.1 else ''))
        parts.append(chunk(1, 5))
    # Nobody types a space next to a full-width mark.
    return re.sub(r' *([%s]) *' % FULL_WIDTH_MARKS, r'\1', ''.join(parts)).strip()


def faces(font_spec, size, latin):
    """(CJK face, face for ASCII characters) at `size` px."""
    cjk = ImageFont.truetype(font_spec[0], size, index=font_spec[1])
    return cjk, (ImageFont.truetype(LATIN_FONT, size) if latin else cjk)


def ink_box(char, face, x, y):
    """[left, top, right, bottom) of the character's ink drawn with its baseline origin at (x, y)."""
    left, top, right, bottom = face.getbbox(char, anchor='ls')
    canvas = Image.new('L', (right - left + 4, bottom - top + 4), 255)
    ImageDraw.Draw(canvas).text((2 - left, 2 - top), char, fill=0, font=face, anchor='ls')
    pixels = np.asarray(canvas)
    ink = pixels < INK if (pixels < INK).any() else pixels < 255
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return [x + left - 2 + int(cols[0]), y + top - 2 + int(rows[0]),
            x + left - 2 + int(cols[-1]) + 1, y + top - 2 + int(rows[-1]) + 1]


def rendered(text, font_spec, size, latin=False):
    """(grayscale image, truth): `text` drawn dark on light, and per visible character
    (char, ink box, whether a space precedes it)."""
    cjk, ascii_face = faces(font_spec, size, latin)
    face_of = [ascii_face if ord(c) < 128 else cjk for c in text]
    width = int(sum(face.getlength(c) for c, face in zip(text, face_of))) + 2 * size
    image = Image.new('L', (width, 2 * size), 235)
    draw = ImageDraw.Draw(image)
    x, baseline, truth, space = size / 2, int(1.4 * size), [], False
    for char, face in zip(text, face_of):
        if char == ' ':
            space = True
        else:
            draw.text((round(x), baseline), char, fill=25, font=face, anchor='ls')
            truth.append((char, ink_box(char, face, round(x), baseline), space))
            space = False
        x += face.getlength(char)
    return np.asarray(image), truth


def iou(a, b):
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    inter = width * height
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def inside(a, b):
    """The share of box a's area that lies in box b."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(width, 0) * max(height, 0) / max(1, (a[2] - a[0]) * (a[3] - a[1]))


def scored(gray, truth):
    """Counts for one line: characters matched, merged, split, missed; boxes; spaces right and wrong."""
    _, lines = segment_lines(gray)
    boxes = [([b.left, b.top, b.right, b.bottom], line) for line in lines for b in line.boxes]
    counts = Counter(chars=len(truth), boxes=len(boxes), lines=len(lines))
    if not boxes:
        counts['missed'] = len(truth)
        return counts, []
    overlap = np.array([[iou(t[1], b[0]) for b in boxes] for t in truth])
    best_box, best_truth = overlap.argmax(axis=1), overlap.argmax(axis=0)
    matched = {}
    verdicts = []
    for i, (char, box, _) in enumerate(truth):
        j = int(best_box[i])
        # One to one: no other box lies mostly inside the character (the 口 of 和 cut off).
        intruders = [k for k, (b, _) in enumerate(boxes) if k != j and inside(b, box) >= 0.5]
        if overlap[i, j] >= MATCH_IOU and best_truth[j] == i and not intruders:
            matched[i] = j
            verdicts.append('ok')
            continue
        holders = [k for k, (b, _) in enumerate(boxes) if inside(box, b) >= 0.5]
        parts = [k for k, (b, _) in enumerate(boxes) if inside(b, box) >= 0.5]
        verdict = ('merged' if holders and any(inside(t[1], boxes[holders[0]][0]) >= 0.5
                                               for t in truth[:i] + truth[i + 1:])
                   else 'split' if len(parts) >= 2 else 'missed')
        counts[verdict] += 1
        verdicts.append(verdict)
    counts['matched'] = len(matched)
    for i in range(len(truth) - 1):
        if i in matched and i + 1 in matched and boxes[matched[i]][1] is boxes[matched[i + 1]][1]:
            segmented = boxes[matched[i]][1]
            pair = [Character(truth[k][0], boxes[matched[k]][0], 'char', [], [], []) for k in (i, i + 1)]
            got = spaced(Line(pair, segmented.top, segmented.bottom, 0.0, False)).characters[1].space_before
            want = truth[i + 1][2]
            counts['spaces'] += want
            counts['space_right'] += want and got
            counts['space_false'] += got and not want
    return counts, verdicts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--lines', type=int, default=300, help='generated lines, besides the issue\'s 4 in each font')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--show', type=int, default=10, help='print this many lines with errors')
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    prose = prose_text()
    cases = [(text, name, int(size), False) for name in FONTS for text, size in zip(ISSUE_LINES, (16, 24, 32, 48))]
    cases += [(mixed_line(rng, prose), str(rng.choice(list(FONTS))), int(rng.integers(SIZES[0], SIZES[1] + 1)),
               bool(rng.random() < 1 / 3)) for _ in range(args.lines)]
    by_font, shown = {}, 0
    for text, name, size, latin in cases:
        gray, truth = rendered(text, FONTS[name], size, latin)
        counts, verdicts = scored(gray, truth)
        by_font[name] = by_font.get(name, Counter()) + counts
        bad = [c for (c, _, _), v in zip(truth, verdicts) if v != 'ok']
        if (bad or counts['space_false'] or counts['spaces'] != counts['space_right']) and shown < args.show:
            print('%-20s %2d px%s  %s\n    wrong: %s  spaces %d/%d, false %d' % (
                name, size, ' +DejaVu' if latin else '', text, ' '.join('%s:%s' % (c, v[0]) for (c, _, _), v
                                                                      in zip(truth, verdicts) if v != 'ok'),
                counts['space_right'], counts['spaces'], counts['space_false']))
            shown += 1
    print('\n%-20s %6s %7s %8s %6s %6s %6s %11s %7s' % ('font', 'chars', 'matched', 'share', 'merged', 'split',
                                                     'missed', 'spaces', 'false'))
    total = Counter()
    for name, c in list(by_font.items()) + [('all', None)]:
        c = c if c is not None else total
        if name != 'all':
            total += c
        print('%-20s %6d %7d %8.4f %6d %6d %6d %5d/%-5d %7d' % (
            name, c['chars'], c['matched'], c['matched'] / c['chars'], c['merged'], c['split'], c['missed'],
            c['space_right'], c['spaces'], c['space_false']))


if __name__ == '__main__':
    main()
