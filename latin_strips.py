"""Synthesizes the line reader's training set: runs of Latin text set on a Chinese line, cut as strips.

Each run (a dictionary word in one of its cases, a CamelCase name, a number, a date, a version, a phone
number, a percentage, an address, with the marks around them) is drawn at 14-48 px on the baseline of a
line in a training Chinese font, its letters in that font's own Latin or in a DejaVu face, as a word
processor falls back; half the lines are blurred, noisy, JPEG-compressed and turned slightly. The strip
is cut as reading cuts it (strip.py): the rows of the band the font's ideographs span, and the columns
of the run's ink. None of the faces is one the benchmarks read.

    python latin_strips.py --count 120000 --out dataset/latin_strips.npz
"""
import argparse
import io
import os
import string
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from glyph import white_on_black
from line_model import LINE_CHARS
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
OWN_LATIN = 0.5     # share of runs set in the Chinese face's own Latin
DEGRADED = 0.5      # share of lines blurred, noisy, compressed and turned
MAX_WIDTH = 256     # strip columns: longer runs are drawn again shorter
MAX_LABELS = 24
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


def latin_faces():
    return sorted(os.path.join(LATIN_DIR, n) for n in os.listdir(LATIN_DIR)
                  if n.endswith('.ttf') and 'Math' not in n and 'ExtraLight' not in n)


def drawn_strip(text, chinese, latin, size, degrade, rng):
    """The strip of `text` drawn on a line of the `chinese` (path, index) face, in the `latin` path or
    the Chinese face's own Latin when None, at `size` px; None when it is blank."""
    band_font = ImageFont.truetype(chinese[0], size, index=chinese[1])
    font = ImageFont.truetype(latin, size) if latin else band_font
    paper, ink = int(rng.integers(200, 256)), int(rng.integers(0, 70))
    left, baseline = size, 2 * size
    image = Image.new('L', (int(font.getlength(text)) + 2 * size, 3 * size), paper)
    draw = ImageDraw.Draw(image)
    draw.text((left, baseline), text, fill=ink, font=font, anchor='ls')
    band = band_font.getbbox(BAND_GLYPH, anchor='ls')
    inked = draw.textbbox((left, baseline), text, font=font, anchor='ls')
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
                       int(round(inked[0] - pad)), int(round(inked[2] + pad)))


def sample(words, faces, rng):
    """(strip, text) of one random run."""
    while True:
        text = run_text(words, rng)
        chinese = faces[0][int(rng.integers(len(faces[0])))]
        latin = None if rng.random() < OWN_LATIN else faces[1][int(rng.integers(len(faces[1])))]
        size = int(rng.integers(SIZES[0], SIZES[1] + 1))
        strip = drawn_strip(text, chinese, latin, size, rng.random() < DEGRADED, rng)
        if strip is not None and strip.shape[1] <= MAX_WIDTH:
            return strip, text


def synthesized(count, seed):
    """(strips [count, STRIP_HEIGHT, MAX_WIDTH] uint8 padded with 0, widths, labels [count, MAX_LABELS]
    padded with -1)."""
    rng = np.random.default_rng(seed)
    words, faces = dictionary(), (CHINESE_FACES, latin_faces())
    strips = np.zeros((count, STRIP_HEIGHT, MAX_WIDTH), np.uint8)
    widths = np.zeros(count, np.int32)
    labels = np.full((count, MAX_LABELS), -1, np.int32)
    for i in range(count):
        strip, text = sample(words, faces, rng)
        strips[i, :, :strip.shape[1]] = np.round(strip[:, :, 0] * 255)
        widths[i] = strip.shape[1]
        labels[i, :len(text)] = [LINE_CHARS.index(c) for c in text]
    return strips, widths, labels


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--count', type=int, default=120000)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--out', default='dataset/latin_strips.npz')
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error('--count must be at least 1')
    try:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, 'wb') as out:  # refused before the minutes of drawing, not after
            strips, widths, labels = synthesized(args.count, args.seed)
            np.savez(out, strips=strips, widths=widths, labels=labels)
    except OSError as e:
        sys.exit('error: %s (the strips need %s, from `make setup`, and a writable --out)' % (e, WORDS))
    print('%d strips written to %s' % (args.count, args.out))


if __name__ == '__main__':
    sys.exit(main())
