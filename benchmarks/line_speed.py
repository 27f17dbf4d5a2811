"""The time to read one 18-character text line, model against model, on the same line in turns.

The machine's speed drifts from minute to minute (a shared host), so two models timed one after the
other can differ by more than they really do. Here each round reads the line once with every model,
in turn, and the medians and bests of the rounds are compared. Model load is excluded.

    python benchmarks/line_speed.py --checkpoint_dirs model,OTHER_DIR [--rounds 40]
"""
import argparse
import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import chinese_ocr  # noqa: E402
from errors import UserError  # noqa: E402
from speed import LINE, line_image, line_reading  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--checkpoint_dirs', required=True, help='comma-separated model folders to compare')
    parser.add_argument('--rounds', type=int, default=40, help='timed rounds (each reads once with every model)')
    parser.add_argument('--precision', default='fp32', choices=['fp32', 'bf16'])
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error('--rounds must be at least 1')
    chinese_ocr.tf.disable_eager_execution()
    folders = args.checkpoint_dirs.split(',')
    with tempfile.TemporaryDirectory() as work:
        path = line_image(work)
        try:
            reads = [line_reading(folder, args.precision, path) for folder in folders]
        except UserError as e:
            sys.exit('error: %s' % e)
        for read in reads:
            read()  # warm-up
        times = [[] for _ in folders]
        for _ in range(args.rounds):
            for read, timed in zip(reads, times):
                start = time.perf_counter()
                read()
                timed.append(time.perf_counter() - start)
    print('%d-character line, %d rounds, %s: median / best seconds' % (len(LINE), args.rounds, args.precision))
    for folder, timed in zip(folders, times):
        print('%-40s %.3f / %.3f' % (folder, statistics.median(timed), min(timed)))


if __name__ == '__main__':
    main()
