"""The shapes of the Chinese stops ， 。 、 · in read prose lines, and how well the stops are read.

Prose lines (benchmarks/prose.txt) at 16, 20 and 24 px, clean and degraded as read_mixed.py draws
them, are read by the shipped model. For each stop of a line read with as many characters as it has:
1. on the training faces, the stop's ink_elongation: the mean and spread that
   punctuation_model.STOP_ELONGATION holds;
2. on the faces training never saw, how many stops are read wrong with each weight of that shape
   term (punctuation_model.SHAPE_WEIGHT), 0 being the stops read without it.

    make bench-setup
    python benchmarks/stop_shapes.py [--lines 24] [--seed 0] [--shape_weights 0,0.1,0.25,0.5]
"""
import argparse
import os
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import numpy as np  # noqa: E402

from model_reader import restored_reader  # noqa: E402
import punctuation_model  # noqa: E402
from mixed_lines import drawn_line  # noqa: E402
from read_mixed import cases  # noqa: E402
from reading import TextResult, read_images  # noqa: E402
from real_crops import UNSEEN_FONTS, degraded  # noqa: E402

NOTO = '/usr/share/fonts/opentype/noto/'
TRAINING_FACES = {  # the simplified-Chinese faces of gen_printed_char.py's default font folders
    'Noto Sans CJK SC': (NOTO + 'NotoSansCJK-Regular.ttc', 2),
    'Noto Sans CJK SC Bold': (NOTO + 'NotoSansCJK-Bold.ttc', 2),
    'Noto Serif CJK SC': (NOTO + 'NotoSerifCJK-Regular.ttc', 2),
    'WenQuanYi Zen Hei': ('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 0),
    'WenQuanYi Micro Hei': ('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 0),
    'AR PL UKai CN': ('/usr/share/fonts/truetype/arphic/ukai.ttc', 0),
}


def read_stops(reader, chars, faces, lines, seed):
    """[(the stop in the reference, the Character read for it)] over the faces' prose lines."""
    rng = np.random.default_rng(seed)
    found = []
    for spec in faces.values():
        for degrade in (False, True):
            for reference, size, _ in cases('prose', rng, lines):
                image = drawn_line(reference, spec, size)
                image = degraded(image, rng) if degrade else image
                result = read_images(reader, [np.asarray(image)], chars, on_error=lambda name, error: None)
                if not result or not isinstance(result[0], TextResult) or len(result[0].lines) != 1:
                    continue
                characters = result[0].lines[0].characters
                if len(characters) == len(reference):
                    found += [(want, c) for want, c in zip(reference, characters) if want in punctuation_model.STOPS]
    return found


def positive_int(text):
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError('%r is not a whole number of lines, 1 or more' % text)
    return int(text)


def weights_list(text):
    try:
        weights = [float(w) for w in text.split(',')]
    except ValueError:
        weights = []
    if not weights or any(not 0 <= w < float('inf') for w in weights):
        raise argparse.ArgumentTypeError('%r is not a comma-separated list of weights of 0 or more (0,0.25)' % text)
    return weights


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--lines', type=positive_int, default=24, help='lines per face and condition')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--shape_weights', type=weights_list, default=[0, 0.1, 0.25, 0.5],
                        help='comma-separated SHAPE_WEIGHTs to read the unseen faces with')
    args = parser.parse_args()
    reader, chars = restored_reader(top_k=5)

    elongations = defaultdict(list)
    for want, character in read_stops(reader, chars, TRAINING_FACES, args.lines, args.seed):
        elongations[want].append(punctuation_model.ink_elongation(character.crop))
    print('| stop | training faces\' stops | ink_elongation mean | spread |')
    print('| --- | --- | --- | --- |')
    for stop, values in elongations.items():
        print('| %s | %d | %.2f | %.2f |' % (stop, len(values), np.mean(values), np.std(values)))

    print('\n| SHAPE_WEIGHT | unseen faces\' stops | read wrong | the misreads (wanted→read: count) |')
    print('| --- | --- | --- | --- |')
    for weight in args.shape_weights:
        punctuation_model.SHAPE_WEIGHT = weight
        found = read_stops(reader, chars, UNSEEN_FONTS, args.lines, args.seed + 1)
        wrong = Counter('%s→%s' % (want, c.char) for want, c in found if c.char != want)
        print('| %g | %d | %d | %s |' % (weight, len(found), sum(wrong.values()),
                                        ', '.join('%s: %d' % item for item in wrong.most_common())))


if __name__ == '__main__':
    main()
