"""How far the ink of a / leans against that of 1 I l | (neighbours.ink_slant, SLASH_SLANT).

Reads read_mixed.py's mixed lines (the same draws: --seed as there) and, for each glyph whose first
two candidates hold / or one of 1 I l | 丨, prints what it was read as and how many columns its ink
moves right for each row up, then the range of leans of each group. The line 价格：407元/件 holds a /
in every draw, so each draw has slashes to measure.

    make bench-setup
    python benchmarks/slash_lean.py --seeds 3,7,11,12
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import numpy as np  # noqa: E402

from model_reader import restored_reader  # noqa: E402
from mixed_lines import drawn_line  # noqa: E402
from neighbours import ink_slant  # noqa: E402
from read_mixed import cases  # noqa: E402
from reading import TextResult, read_images  # noqa: E402
from real_crops import UNSEEN_FONTS, degraded  # noqa: E402

UPRIGHT = '1Il|\u4e28'   # 1 I l | 丨
SLASH = '/'


def leans(reader, chars, seed, lines):
    """[(read as, lean)] of each glyph of the draw's mixed lines offered as / or as an upright stroke."""
    rng = np.random.default_rng(seed)
    found = []
    for spec in UNSEEN_FONTS.values():
        for degrade in (False, True):
            for ref, size, latin in cases('mixed', rng, lines):
                image = drawn_line(ref, spec, size, latin)
                image = degraded(image, rng) if degrade else image
                result = read_images(reader, [np.asarray(image)], chars)[0]
                if isinstance(result, TextResult):
                    found += [(c.char, ink_slant(c.crop)) for line in result.lines for c in line.characters
                              if c.crop is not None and any(x in UPRIGHT + SLASH for x in c.candidates[:2])]
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--seeds', default='3,7,11,12', help='read_mixed.py draws, comma-separated')
    parser.add_argument('--lines', type=int, default=6, help='lines of each kind a draw holds (read_mixed --lines)')
    args = parser.parse_args()
    reader, chars = restored_reader(top_k=5)
    found = [pair for seed in args.seeds.split(',') for pair in leans(reader, chars, int(seed), args.lines)]
    print('| read as | glyphs | least lean | most lean |\n| --- | --- | --- | --- |')
    for name, group in (('/', SLASH), ('1 I l, the bar, 丨', UPRIGHT), ('anything else', None)):
        values = [lean for char, lean in found if (char in group if group else char not in UPRIGHT + SLASH)]
        if values:
            print('| %s | %d | %.2f | %.2f |' % (name, len(values), min(values), max(values)))


if __name__ == '__main__':
    main()
