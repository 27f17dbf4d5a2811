"""Synthesizes the line reader's training set: runs of Latin text, and stretches of mixed lines, cut as strips.

Each run (a dictionary word in one of its cases, a CamelCase name, a number, a date, a version, a phone
number, a percentage, an address, with the marks around them) is drawn at 14-48 px on the baseline of a
line in a training Chinese font, its letters in that font's own Latin or in a DejaVu face, as a word
processor falls back; half the lines are blurred, noisy, JPEG-compressed and turned slightly. A --mixed
share of the strips are stretches of a mixed line instead: ideographs (labelled IDEOGRAPH, for the
classifier reads which one), the marks of Chinese text around them, and Latin runs, so that the line
reader learns where a run begins among ideographs and reads the marks between them. The strip is cut as
reading cuts it (strip.py): the rows of the band the font's ideographs span, and the columns of the ink.
None of the faces is one the benchmarks read.

    python latin_strips.py --count 120000 --out dataset/latin_strips.npz
"""
import argparse
import io
import os
import string
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from charset import gb2312_level1, gb2312_level2
from glyph import white_on_black
from line_model import IDEOGRAPH, LINE_CHARS
from strip import STRIP_HEIGHT, STRIP_PAD, strip_input, strip_rows

CHINESE_FACES = [('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 0),
                 ('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 0),
                 ('/usr/share/fonts/truetype/arphic/ukai.ttc', 0),
                 ('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 2),
                 ('/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', 2),
                 ('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', 2),
                 ('/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc', 2)]
LATIN_DIR = '/usr/share/fonts/truetype/dejavu'
BAND_GLYPH = '国'   # an ideograph that fills its em box as the segmenter's band does
SIZES = (14, 48)    # pixels of font size, both included
MIN_SIZE = 8        # px: a smaller font's ideographs are a few dots, nothing a reader could learn from
OWN_LATIN = 0.5     # share of runs set in the Chinese face's own Latin
DEGRADED = 0.5      # share of lines blurred, noisy, compressed and turned
MAX_WIDTH = 256     # strip columns: longer runs are drawn again shorter
MAX_LABELS = 24
MIXED = 0.5         # share of strips that are stretches of mixed lines, by default
LEVEL2 = 0.2        # share of a mixed line's ideographs drawn from GB2312 level 2 (蜻蜓 beside 池塘)
LOOKALIKE = 0.1     # share drawn from the ideographs a mark or a letter resembles, which a line seldom holds
LOOKALIKES = '一二三十口日曰八人入丁工土士干中丨乙了卜儿'   # 一 against —, 口 against O, 十 against +, 八 against /\\
CJK_MARKS = '，，，。。、；：？！…—·％～'   # a mark after a piece, the commonest twice as often
CJK_PAIRS = ['（）', '《》', '【】', '“”', '‘’', '「」', '『』', '〔〕', '〈〉']
WORDS = '/usr/share/dict/words'
MARKS_AROUND = ['%s', '%s', '%s', '%s,', '%s.', '(%s)', '[%s]', '"%s"', "'%s'", '%s:', '%s;', '%s!', '%s?',
                '<%s>', '%s/', '#%s', '@%s', '%s*', '_%s', '%s~', '{%s}', '%s=', '+%s', '%s&', '-%s', '%s\'s']


def dictionary():
    with open(WORDS, encoding='utf-8', errors='replace') as f:
        return [w for w in f.read().split() if w.isascii() and w.isalpha()]


def word(words, rng):
    """A dictionary word lower-case, Capitalised, in CAPITALS or two run together in CamelCase."""
    w = words[int(rng.integers(len(words)))]
    form = rng.random()
    if form < 0.45:
        return w
    if form < 0.75:
        return w.capitalize()
    if form < 0.85:
        return w.upper()[:6]
    return w.capitalize() + words[int(rng.integers(len(words)))].capitalize()


def number(rng):
    """A number as documents write them: an integer, a decimal, a version, a percentage, a date, a phone
    number, a price."""
    form = int(rng.integers(8))
    if form == 0:
        return str(int(rng.integers(0, 10 ** int(rng.integers(1, 7)))))
    if form == 1:
        return '%.*f' % (int(rng.integers(1, 3)), rng.uniform(0, 1000))
    if form == 2:
        third = '.%d' % rng.integers(0, 10) if rng.random() < 0.3 else ''
        return '%d.%d%s' % (rng.integers(0, 20), rng.integers(0, 30), third)
    if form == 3:
        return '%.1f%%' % rng.uniform(0, 100)
    if form == 4:
        return '%d-%02d-%02d' % (rng.integers(1980, 2040), rng.integers(1, 13), rng.integers(1, 29))
    if form == 5:
        return '0%d-%d' % (rng.integers(10, 1000), rng.integers(1000000, 99999999))
    if form == 6:
        return '%d/%d' % (rng.integers(1, 100), rng.integers(1, 100))
    return ''.join(rng.choice(list(string.digits + string.ascii_letters), int(rng.integers(2, 8))))


def run_text(words, rng):
    """One run of Latin text: one to three tokens, words and numbers, with marks around some."""
    tokens = []
    for _ in range(int(rng.choice([1, 1, 2, 2, 3]))):
        token = word(words, rng) if rng.random() < 0.65 else number(rng)
        if rng.random() < 0.35:
            token = MARKS_AROUND[int(rng.integers(len(MARKS_AROUND)))] % token
        elif rng.random() < 0.08:
            token = token + '-' + word(words, rng)
        tokens.append(token)
    return ' '.join(tokens)[:MAX_LABELS]


def mixed_pieces(words, ideographs, rng):
    """A stretch of a mixed line as [(text, whether it is Latin)]: two to five pieces (ideographs, Latin
    runs, numbers), some in brackets or quotes, some followed by a mark; Latin runs are apart from each
    other by a space, and from ideographs by none."""
    pieces = []
    for _ in range(int(rng.integers(2, 6))):
        kind = rng.random()
        if kind < 0.5:
            chosen = [ideographs[group(rng)] for _ in range(int(rng.integers(1, 5)))]
            piece = [(''.join(chars[int(rng.integers(len(chars)))] for chars in chosen), False)]
        else:
            piece = [(run_text(words, rng) if kind < 0.8 else number(rng), True)]
            if pieces and pieces[-1][1]:
                piece[0] = (' ' + piece[0][0], True)
        if rng.random() < 0.15:
            pair = CJK_PAIRS[int(rng.integers(len(CJK_PAIRS)))]
            piece = [(pair[0], False)] + piece + [(pair[1], False)]
        if rng.random() < 0.3:
            mark = CJK_MARKS[int(rng.integers(len(CJK_MARKS)))]
            piece.append((mark * 2 if mark in '—…' and rng.random() < 0.5 else mark, False))
        pieces += piece
    return pieces


def group(rng):
    """Which group of ideographs (level 1, level 2, look-alikes) a mixed line's ideograph is drawn from."""
    draw = rng.random()
    return 2 if draw < LOOKALIKE else 1 if draw < LOOKALIKE + LEVEL2 else 0


def labels_of(pieces):
    """The label text of pieces: each ideograph as IDEOGRAPH."""
    return ''.join(c if c in LINE_CHARS else IDEOGRAPH for text, _ in pieces for c in text)


def latin_faces():
    return sorted(os.path.join(LATIN_DIR, n) for n in os.listdir(LATIN_DIR)
                  if n.endswith('.ttf') and 'Math' not in n and 'ExtraLight' not in n)


def drawn_strip(pieces, chinese, latin, size, degrade, rng):
    """The strip of `pieces` [(text, whether Latin)] drawn one after another on a line of the `chinese`
    (path, index) face, the Latin ones in the `latin` path or the Chinese face's own Latin when None, at
    `size` px; None when it is blank."""
    band_font = ImageFont.truetype(chinese[0], size, index=chinese[1])
    latin_font = ImageFont.truetype(latin, size) if latin else band_font
    fonts = [latin_font if is_latin else band_font for _, is_latin in pieces]
    paper, ink = int(rng.integers(200, 256)), int(rng.integers(0, 70))
    left, baseline = size, 2 * size
    lengths = [font.getlength(text) for (text, _), font in zip(pieces, fonts)]
    image = Image.new('L', (int(sum(lengths)) + 2 * size, 3 * size), paper)
    draw = ImageDraw.Draw(image)
    boxes = []
    for (text, _), font, length in zip(pieces, fonts, lengths):
        draw.text((left, baseline), text, fill=ink, font=font, anchor='ls')
        boxes.append(draw.textbbox((left, baseline), text, font=font, anchor='ls'))
        left += length
    band = band_font.getbbox(BAND_GLYPH, anchor='ls')
    inked = (min(b[0] for b in boxes), max(b[2] for b in boxes))
    if degrade:
        image = image.rotate(rng.uniform(-2, 2), resample=Image.BILINEAR, fillcolor=paper)
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.1)))
        noisy = np.asarray(image, np.float32) + rng.normal(0, rng.uniform(0, 10), (image.height, image.width))
        image = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))
        buffer = io.BytesIO()
        image.save(buffer, format='JPEG', quality=int(rng.integers(35, 90)))
        image = Image.open(buffer).convert('L')
    top, bottom = baseline + band[1], baseline + band[3]
    pad = (bottom - top) * rng.uniform(0, 2 * STRIP_PAD)
    shift = (bottom - top) * rng.uniform(-0.05, 0.05)
    first, last = strip_rows(top + shift, bottom + shift)
    return strip_input(white_on_black(np.asarray(image)), first, last,
                       int(round(inked[0] - pad)), int(round(inked[1] + pad)))


def sample(words, faces, ideographs, mixed, sizes, degraded, rng):
    """(strip, label text) of one random run, or with chance `mixed` of a stretch of a mixed line, drawn at
    `sizes` (smallest, largest) px and degraded with chance `degraded`."""
    while True:
        if rng.random() < mixed:
            pieces = mixed_pieces(words, ideographs, rng)
        else:
            pieces = [(run_text(words, rng), True)]
        text = labels_of(pieces)
        if len(text) > MAX_LABELS:
            continue
        chinese = faces[0][int(rng.integers(len(faces[0])))]
        latin = None if rng.random() < OWN_LATIN else faces[1][int(rng.integers(len(faces[1])))]
        size = int(rng.integers(sizes[0], sizes[1] + 1))
        strip = drawn_strip(pieces, chinese, latin, size, rng.random() < degraded, rng)
        if strip is not None and strip.shape[1] <= MAX_WIDTH:
            return strip, text


def synthesized(count, seed, mixed=MIXED, sizes=SIZES, degraded=DEGRADED):
    """(strips [count, STRIP_HEIGHT, MAX_WIDTH] uint8 padded with 0, widths, labels [count, MAX_LABELS]
    padded with -1), a `mixed` share of them stretches of mixed lines, drawn at `sizes` (smallest, largest)
    px, a `degraded` share of them degraded."""
    rng = np.random.default_rng(seed)
    words, faces = dictionary(), (CHINESE_FACES, latin_faces())
    ideographs = (gb2312_level1(), gb2312_level2(), LOOKALIKES)
    strips = np.zeros((count, STRIP_HEIGHT, MAX_WIDTH), np.uint8)
    widths = np.zeros(count, np.int32)
    labels = np.full((count, MAX_LABELS), -1, np.int32)
    for i in range(count):
        strip, text = sample(words, faces, ideographs, mixed, sizes, degraded, rng)
        strips[i, :, :strip.shape[1]] = np.round(strip[:, :, 0] * 255)
        widths[i] = strip.shape[1]
        labels[i, :len(text)] = [LINE_CHARS.index(c) for c in text]
    return strips, widths, labels


def font_sizes(text):
    """(smallest, largest) of a --sizes value such as '14,24', or None when it is not one."""
    try:
        sizes = tuple(int(v) for v in text.split(','))
    except ValueError:
        return None
    return sizes if len(sizes) == 2 and MIN_SIZE <= sizes[0] <= sizes[1] else None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--count', type=int, default=120000)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--out', default='dataset/latin_strips.npz')
    parser.add_argument('--mixed', type=float, default=MIXED, help='share of strips that are stretches of mixed lines')
    parser.add_argument('--sizes', default='%d,%d' % SIZES,
                        help='smallest,largest font size in px: a fine-tuning on small text narrows it')
    parser.add_argument('--degraded', type=float, default=DEGRADED,
                        help='share of lines blurred, noisy, compressed and turned')
    args = parser.parse_args(argv)
    sizes = font_sizes(args.sizes)
    if sizes is None:
        parser.error('--sizes must be two whole numbers of px, smallest first, from %d up, such as %d,%d'
                     % (MIN_SIZE, SIZES[0], SIZES[1]))
    if not 0 <= args.degraded <= 1:
        parser.error('--degraded must be a share from 0 to 1')
    if args.count < 1:
        parser.error('--count must be at least 1')
    if not 0 <= args.mixed <= 1:
        parser.error('--mixed must be a share from 0 to 1')
    try:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, 'wb') as out:  # refused before the minutes of drawing, not after
            strips, widths, labels = synthesized(args.count, args.seed, args.mixed, sizes, args.degraded)
            np.savez(out, strips=strips, widths=widths, labels=labels)
    except OSError as e:
        sys.exit('error: %s (the strips need %s, from `make setup`, and a writable --out)' % (e, WORDS))
    print('%d strips written to %s' % (args.count, args.out))


if __name__ == '__main__':
    sys.exit(main())
