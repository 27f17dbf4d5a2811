"""Accuracy on character crops that the generator did not make: cut from rendered text lines.

Lines of random characters (GB2312 level 1: the first 3755 labels) are drawn dark on light in fonts
that training never saw, at several sizes, optionally degraded as a whole (blur, noise, JPEG, slight
rotation); each character is then cut out by its true cell, as a segmenter would, and read by the
model: with all its classes, or with the first --charset_size (the original task).

    python benchmarks/real_crops.py [--checkpoint_dir DIR] [--per_font 600] [--charset_size 3755] [--sizes 16,20]

Lines whose ideographs span less than reading.SMALL_TEXT are scaled up reading.UPSCALE times before
the cells are cut, as reading cuts screenshot-size text.
"""
import argparse
import io
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import numpy as np  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter, ImageFont  # noqa: E402

from latin_strips import MIN_SIZE, font_sizes  # noqa: E402
from model_reader import restored_reader  # noqa: E402
from reader import network_input  # noqa: E402
from reading import SMALL_TEXT, UPSCALE  # noqa: E402

UNSEEN_FONTS = {  # none of these is in the training set; UMing is held out of it on purpose
    'AR PL UMing (held out)': ('/usr/share/fonts/truetype/arphic/uming.ttc', 0),
    'AR PL SungtiL GB': ('/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf', 0),
    'AR PL KaitiM GB': ('/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf', 0),
    'Droid Sans Fallback': ('/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', 0),
    'LXGW WenKai': ('/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf', 0),
}
LINE_LENGTH = 15
LEVEL1 = 3755  # the crops are of the first this many labels, GB2312 level 1
BAND_SHARE = 0.92  # of the font size, the height a line's ideographs span (reading.SMALL_TEXT: 22 of 24 px)


def rendered_line(chars, font, size):
    """A dark-on-light line with one character per cell of side 1.15*size; returns (image, cells)."""
    pitch = int(round(size * 1.15))
    image = Image.new('L', (pitch * len(chars) + 2 * pitch, 2 * pitch), 235)
    draw = ImageDraw.Draw(image)
    cells = []
    for i, char in enumerate(chars):
        left = pitch * (i + 1)
        draw.text((left + pitch // 2, pitch), char, fill=25, font=font, anchor='mm')
        cells.append((left, pitch // 2, left + pitch, pitch + pitch // 2 + 1))
    return image, cells


def degraded(image, rng):
    image = image.rotate(rng.uniform(-2, 2), resample=Image.BILINEAR, fillcolor=235)
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.0)))
    noisy = np.asarray(image, np.float32) + rng.normal(0, 8, (image.height, image.width))
    image = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))
    buffer = io.BytesIO()
    image.save(buffer, format='JPEG', quality=int(rng.integers(40, 75)))
    return Image.open(buffer).convert('L')


def crops(chars, font_spec, degrade, rng, sizes=(20, 48)):
    """Network inputs for the characters, cut from lines at sizes between sizes[0] and sizes[1] pixels."""
    inputs = []
    for start in range(0, len(chars), LINE_LENGTH):
        size = int(rng.integers(sizes[0], sizes[1] + 1))
        font = ImageFont.truetype(font_spec[0], size, index=font_spec[1])
        image, cells = rendered_line(chars[start:start + LINE_LENGTH], font, size)
        if degrade:
            image = degraded(image, rng)
        if BAND_SHARE * size < SMALL_TEXT:
            image = image.resize((image.width * UPSCALE, image.height * UPSCALE), Image.BICUBIC)
            cells = [tuple(UPSCALE * v for v in cell) for cell in cells]
        pixels = np.asarray(image)
        inputs.extend(network_input(pixels[top:bottom, left:right])
                      for left, top, right, bottom in cells)
    return inputs


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--checkpoint_dir', default=None, help='default: the CLI default (./checkpoint/, else model/)')
    parser.add_argument('--per_font', type=int, default=600, help='characters sampled per font and condition')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--charset_size', type=int, default=None,
                        help='read with the first N classes only (default: all the model has)')
    parser.add_argument('--sizes', default='20,48', help='smallest,largest line size in pixels (font size)')
    args = parser.parse_args()
    sizes = size_range(args.sizes)
    reader, labels = restored_reader(args.checkpoint_dir, top_k=5, more_flags=(
        ['--charset_size', str(args.charset_size)] if args.charset_size else []))
    level1 = min(len(labels), LEVEL1)
    rng = np.random.default_rng(args.seed)
    print('%-26s %-9s %7s %7s %7s' % ('font', 'condition', 'crops', 'top-1', 'top-5'))
    totals = np.zeros(3)
    for name, spec in UNSEEN_FONTS.items():
        for degrade in (False, True):
            ids = rng.choice(level1, args.per_font, replace=False)
            glyphs = crops([labels[i] for i in ids], spec, degrade, rng, sizes)
            _, top = reader.top_k(np.stack(glyphs))
            top1, top5 = np.mean(top[:, 0] == ids), np.mean((top == ids[:, None]).any(axis=1))
            totals += (len(ids), top1 * len(ids), top5 * len(ids))
            print('%-26s %-9s %7d %7.4f %7.4f' % (name, 'degraded' if degrade else 'clean', len(ids), top1, top5))
    print('%-26s %-9s %7d %7.4f %7.4f' % ('all', '', totals[0], totals[1] / totals[0], totals[2] / totals[0]))


def size_range(text):
    """(smallest, largest) from --sizes 'A,B'."""
    sizes = font_sizes(text)
    if sizes is None:
        raise SystemExit('--sizes must be two whole numbers of pixels, smallest first, at least %d pixels, '
                         'e.g. 16,20; got %r' % (MIN_SIZE, text))
    return sizes


if __name__ == '__main__':
    main()
