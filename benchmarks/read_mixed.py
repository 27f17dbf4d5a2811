"""Reading real text lines, the project beside Tesseract chi_sim on the same images.

Two suites, each in fonts that training never saw, clean and degraded (blur, noise, JPEG, rotation up
to 2 degrees):
- mixed: Chinese with digits, Latin words and punctuation (benchmarks/mixed_lines.py), 16-48 px; half
  of the lines set their ASCII in Liberation Sans or Serif, as a word processor falls back;
- prose: Chinese prose with its punctuation (benchmarks/prose.txt) at screenshot sizes, 16, 20, 24 px.
Character accuracy is 1 - edit distance / reference length over every character of the reference,
punctuation included, after NFKC folding (full- and half-width forms of a mark count as the same) and
without spaces; a placeholder (□) is an error like any other wrong character.

    make bench-setup
    python benchmarks/read_mixed.py [--checkpoint_dir DIR] [--lines 20] [--suite mixed|prose|both]
                                    [--seed 0] [--draws 1]

A draw is one seed's lines; the reading rules were worked out on the lines of a few seeds (0, 1, 3, 7,
11, 12, 13), so the figure to trust is the one over many draws never looked at (--seed 20 --draws 20).
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import numpy as np  # noqa: E402

from model_reader import restored_reader  # noqa: E402
from mixed_lines import LIBERATION, drawn_line, edit_distance, mixed_line, score_text, tesseract_line  # noqa: E402
from reading import CharacterResult, read_images  # noqa: E402
from real_crops import UNSEEN_FONTS, degraded  # noqa: E402

LATIN_FALLBACKS = [(LIBERATION + 'LiberationSans-Regular.ttf', 0), (LIBERATION + 'LiberationSerif-Regular.ttf', 0)]
PROSE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'prose.txt')
PROSE_SIZES = (16, 20, 24)
MIXED_SIZES = (16, 48)
PROSE_LINE = 18  # characters


def prose_line(text, rng):
    start = int(rng.integers(0, len(text) - PROSE_LINE))
    return text[start:start + PROSE_LINE]


def cases(suite, rng, count):
    """(reference text, size in pixels, Latin font or None) for `count` lines of the suite."""
    prose = ''.join(open(PROSE, encoding='utf-8').read().split())
    for i in range(count):
        if suite == 'prose':
            yield prose_line(prose, rng), int(PROSE_SIZES[i % len(PROSE_SIZES)]), None
        else:
            latin = LATIN_FALLBACKS[i // 2 % 2] if i % 2 else None
            yield mixed_line(rng), int(rng.integers(MIXED_SIZES[0], MIXED_SIZES[1] + 1)), latin


def ours(reader, chars, image, words):
    result = read_images(reader, [np.asarray(image)], chars, on_error=lambda name, error: None, words=words)
    if not result:
        return ''
    return result[0].candidates[0] if isinstance(result[0], CharacterResult) else result[0].text


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--checkpoint_dir', default=None, help='default: the CLI default (./checkpoint/, else model/)')
    parser.add_argument('--lines', type=int, default=20, help='lines per suite, font and condition')
    parser.add_argument('--suite', default='both', choices=['mixed', 'prose', 'both'])
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--draws', type=int, default=1,
                        help='draws of lines, seeds --seed on: with more than one, each draw\'s totals and all of them')
    parser.add_argument('--show', type=int, default=1, help='misread lines to print per font and condition')
    parser.add_argument('--no_tesseract', action='store_true', help='skip Tesseract')
    parser.add_argument('--no_words', action='store_true',
                        help='read each ideograph alone, without the language model over its neighbours')
    args = parser.parse_args()
    if args.lines < 1 or args.draws < 1:
        parser.error('--lines and --draws must be at least 1')
    reader, chars = restored_reader(args.checkpoint_dir)
    print('model %s (%d classes)' % (reader.checkpoint, len(chars)))
    suites = ['mixed', 'prose'] if args.suite == 'both' else [args.suite]
    print('| %s | font | condition | lines | characters | ours | Tesseract chi_sim | ours s/line |'
          % ('suite' if args.draws == 1 else 'seed, suite'))
    print('| --- | --- | --- | --- | --- | --- | --- | --- |')
    overall = {suite: np.zeros(5) for suite in suites}
    for seed in range(args.seed, args.seed + args.draws):
        rng = np.random.default_rng(seed)
        for suite in suites:
            totals = suite_totals(reader, chars, suite, rng, args, rows=args.draws == 1)
            overall[suite] += totals
            print_total(suite if args.draws == 1 else '%d, %s' % (seed, suite), totals)
    if args.draws > 1:
        for suite in suites:
            print_total('seeds %d-%d, %s' % (args.seed, args.seed + args.draws - 1, suite), overall[suite])


def suite_totals(reader, chars, suite, rng, args, rows):
    """(our errors, Tesseract's, characters, our seconds, lines) over a suite's lines of one draw, each
    font and condition's printed as a row when `rows`."""
    totals = np.zeros(5)
    for name, spec in UNSEEN_FONTS.items():
        for degrade in (False, True):
            errors = np.zeros(2)
            length, seconds, shown = 0, 0.0, 0
            for reference, size, latin in cases(suite, rng, args.lines):
                image = drawn_line(reference, spec, size, latin)
                image = degraded(image, rng) if degrade else image
                start = time.perf_counter()
                got = ours(reader, chars, image, not args.no_words)
                seconds += time.perf_counter() - start
                theirs = None if args.no_tesseract else tesseract_line(image)
                want = score_text(reference)
                mine = edit_distance(want, score_text(got))
                errors += (mine, edit_distance(want, score_text(theirs)) if theirs is not None else np.nan)
                length += len(want)
                if mine and shown < args.show:
                    print('    want %s\n    ours %s\n    tess %s' % (reference, got, theirs))
                    shown += 1
            totals += (*errors, length, seconds, args.lines)
            if rows:
                print('| %s | %s | %s | %d | %d | %s | %s | %.3f |' % (
                    suite, name, 'degraded' if degrade else 'clean', args.lines, length,
                    accuracy(errors[0], length), accuracy(errors[1], length), seconds / args.lines))
    return totals


def print_total(label, totals):
    print('| %s | all | | %d | %d | **%s** (%d wrong) | **%s** | %.3f |' % (
        label, totals[4], totals[2], accuracy(totals[0], totals[2]), totals[0], accuracy(totals[1], totals[2]),
        totals[3] / totals[4]))


def accuracy(errors, length):
    """Character accuracy as a percentage, or a dash where Tesseract was not run (--no_tesseract)."""
    return '\u2014' if np.isnan(errors) else '%.2f%%' % (100 * (1 - errors / length))


if __name__ == '__main__':
    main()
