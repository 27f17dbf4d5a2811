"""Em dashes and 一 between ideographs: how often the reader tells them apart.

CJK fonts draw — as a hairline at the height of 一, so a line cut to its ink leaves the two little to
tell them by. Lines that hold both (这一个问题—模型) are drawn in the unseen fonts and three training
faces, at 16-48 px, clean and degraded, and read whole; each 一 and — in a line segmented into as many
glyphs as it has characters is counted. With --no_words each ideograph is read alone, without the
language model's choice between a 一 and a dash. With --doubled the lines hold the dash as Chinese
sets it, doubled (他说——我们走吧), and 一一 (一一对应的方法).

    python benchmarks/dashes.py [--doubled] [--no_words] [--checkpoint_dir DIR]
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import numpy as np  # noqa: E402

from model_reader import restored_reader  # noqa: E402
from mixed_lines import drawn_line  # noqa: E402
from reading import TextResult, read_images  # noqa: E402
from real_crops import UNSEEN_FONTS, degraded  # noqa: E402
from segment_lines import FONTS  # noqa: E402

TRAINING_FONTS = {name + ' (trained on)': FONTS[name] for name in ('Noto Serif CJK SC', 'Noto Sans CJK SC', 'AR PL UKai')}
LINES = ['这一个问题—模型', '看一眼文字—电话', '统一的方法—训练', '第一次报告—用户']
DOUBLED_LINES = ['他说——我们走吧', '北京——中国的首都', '答案只有一个——坚持', '一一对应的方法']
SIZES = (16, 20, 24, 32, 40, 48)
MARKS = '一—'


def counts(reader, chars, spec, rng, words, lines):
    """{mark: [read right, seen]} over `lines` at SIZES, clean and degraded, in one font."""
    tally = {mark: [0, 0] for mark in MARKS}
    for size in SIZES:
        for degrade in (False, True):
            for text in lines:
                image = drawn_line(text, spec, size)
                image = degraded(image, rng) if degrade else image
                result = read_images(reader, [np.asarray(image)], chars, on_error=lambda name, error: None,
                                     words=words)
                if not result or not isinstance(result[0], TextResult) or len(result[0].lines) != 1:
                    continue
                read = result[0].lines[0].characters
                if len(read) != len(text):
                    continue
                for want, got in zip(text, read):
                    if want in tally:
                        tally[want][0] += got.char == want
                        tally[want][1] += 1
    return tally


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--checkpoint_dir', default=None, help='default: the CLI default (./checkpoint/, else model/)')
    parser.add_argument('--no_words', action='store_true', help='read each ideograph alone')
    parser.add_argument('--seed', type=int, default=5)
    parser.add_argument('--doubled', action='store_true', help='lines with —— and 一一 (DOUBLED_LINES)')
    args = parser.parse_args()
    reader, chars = restored_reader(args.checkpoint_dir)
    rng = np.random.default_rng(args.seed)
    print('| font | — read as — | 一 read as 一 |')
    print('| --- | --- | --- |')
    total = {mark: np.zeros(2, int) for mark in MARKS}
    for name, spec in {**UNSEEN_FONTS, **TRAINING_FONTS}.items():
        tally = counts(reader, chars, spec, rng, not args.no_words, DOUBLED_LINES if args.doubled else LINES)
        for mark in MARKS:
            total[mark] += tally[mark]
        print('| %s | %d of %d | %d of %d |' % (name, *tally['—'], *tally['一']))
    print('| all | **%d of %d** | **%d of %d** |' % (*total['—'], *total['一']))


if __name__ == '__main__':
    main()
