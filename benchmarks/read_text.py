"""Reading text images end to end: segmentation + classifier on prose in fonts training never saw.

Each case is a single line or a 3-line paragraph of benchmarks/prose.txt, drawn dark on light at
about 40 px in one of the unseen fonts, clean or degraded (blur, noise, JPEG, rotation up to 2
degrees). Character accuracy is 1 - edit distance / reference length, where a punctuation mark in
the reference counts as read when its position is marked (the 3755 charset has no punctuation).

    python benchmarks/read_text.py [--checkpoint_dir DIR] [--cases 40]
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import numpy as np  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from model_reader import restored_reader  # noqa: E402
from reading import PLACEHOLDER, read_images, reads_punctuation  # noqa: E402
from mixed_lines import edit_distance  # noqa: E402
from real_crops import UNSEEN_FONTS, degraded  # noqa: E402

PROSE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'prose.txt')
LINE_CHARS = 18


def sentences_in_lines(text, rng, count):
    """`count` consecutive chunks of LINE_CHARS characters from a random place in the text."""
    start = int(rng.integers(0, len(text) - LINE_CHARS * count))
    return [text[start + i * LINE_CHARS:start + (i + 1) * LINE_CHARS] for i in range(count)]


def drawn(lines, font_spec, size):
    font = ImageFont.truetype(font_spec[0], size, index=font_spec[1])
    spacing = int(size * 1.6)
    image = Image.new('L', (int(size * (LINE_CHARS + 2)), spacing * len(lines) + size), 235)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(lines):
        draw.text((size, size // 2 + row * spacing), line, fill=25, font=font)
    return image


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--checkpoint_dir', default=None, help='default: the CLI default (./checkpoint/, else model/)')
    parser.add_argument('--cases', type=int, default=40, help='images per font and condition (half lines, '
                        'half 3-line paragraphs)')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--show', type=int, default=2, help='print this many misread lines per font')
    args = parser.parse_args()
    reader, chars = restored_reader(args.checkpoint_dir)
    read_punct = reads_punctuation(chars)
    text = ''.join(open(PROSE, encoding='utf-8').read().split())
    rng = np.random.default_rng(args.seed)
    print('%-26s %-9s %6s %9s %11s' % ('font', 'condition', 'lines', 'char acc', 's per line'))
    totals = np.zeros(4)
    for name, spec in UNSEEN_FONTS.items():
        for degrade in (False, True):
            errors = length = lines_read = 0
            seconds = 0.0
            shown = 0
            for case in range(args.cases):
                reference = sentences_in_lines(text, rng, 1 if case % 2 == 0 else 3)
                image = drawn(reference, spec, int(rng.integers(36, 45)))
                gray = np.asarray(degraded(image, rng) if degrade else image)
                start = time.perf_counter()
                got = read_images(reader, [gray], chars)[0].text
                seconds += time.perf_counter() - start
                want = '\n'.join(''.join(PLACEHOLDER if not read_punct and c not in chars else c for c in line)
                                 for line in reference)
                distance = edit_distance(want, got)
                errors, length, lines_read = errors + distance, length + len(want), lines_read + len(reference)
                if distance and shown < args.show:
                    print('   want %s\n   got  %s' % (want.replace('\n', ' | '), got.replace('\n', ' | ')))
                    shown += 1
            totals += (errors, length, seconds, lines_read)
            print('%-26s %-9s %6d %9.4f %11.4f' % (name, 'degraded' if degrade else 'clean', lines_read,
                                                   1 - errors / length, seconds / lines_read))
    print('%-26s %-9s %6d %9.4f %11.4f' % ('all', '', totals[3], 1 - totals[0] / totals[1], totals[2] / totals[3]))


if __name__ == '__main__':
    main()
