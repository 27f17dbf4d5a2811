"""Latin letters that touch digits (H2O, 5G, MP3, 1080p, COVID-19, RTX4090): read as letters, not cut
into digits by numbers_recut.

Six lines holding such words and a phone number, in the five fonts training never saw, at 18, 24 and
32 px, with their ASCII in the CJK font or in Liberation Sans, clean and degraded as read_mixed.py
degrades them (360 lines). Scored as read_mixed.py scores (every character, NFKC-folded, no spaces);
run it on two trees (a `git worktree` of the older one) to see what a reading change alters.

    make bench-setup
    python benchmarks/letters_beside_digits.py [--checkpoint_dir DIR] [--show]
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import numpy as np  # noqa: E402

from model_reader import restored_reader  # noqa: E402
from mixed_lines import LIBERATION, drawn_line, edit_distance, score_text  # noqa: E402
from reading import TextResult, read_images  # noqa: E402
from real_crops import UNSEEN_FONTS, degraded  # noqa: E402

TEXTS = ['水的化学式是H2O，手机支持5G和4K。', '我用MP3听歌，看3D电影和1080p视频。', 'iPhone15和Win10，COVID-19已经过去。',
         '纸张A4，芯片x86，距离5km，重100kg。', '第1st和3rd名，24h营业，电话010-62751234。', '型号RTX4090与GTX1080Ti，价格9999元。']
SIZES = (18, 24, 32)
SEED = 5


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--checkpoint_dir', default=None, help='the model to read with (default: the shipped one)')
    parser.add_argument('--show', action='store_true', help='print every line read wrong')
    args = parser.parse_args()
    reader, chars = restored_reader(args.checkpoint_dir, top_k=5)
    rng = np.random.default_rng(SEED)
    lines = exact = characters = errors = 0
    for text in TEXTS:
        for name, spec in UNSEEN_FONTS.items():
            for size in SIZES:
                for latin in (None, (LIBERATION + 'LiberationSans-Regular.ttf', 0)):
                    for degrade in (False, True):
                        image = drawn_line(text, spec, size, latin)
                        image = degraded(image, rng) if degrade else image
                        result = read_images(reader, [np.asarray(image)], chars, on_error=lambda n, e: None)
                        got = result[0].text if result and isinstance(result[0], TextResult) else ''
                        wrong = edit_distance(score_text(text), score_text(got))
                        lines, exact = lines + 1, exact + (wrong == 0)
                        characters, errors = characters + len(score_text(text)), errors + wrong
                        if wrong and args.show:
                            print('%s %d px %s %s: %s' % (name, size, 'Liberation Sans' if latin else 'CJK font',
                                                         'degraded' if degrade else 'clean', got))
    print('| lines | read exactly | characters | accuracy |')
    print('| --- | --- | --- | --- |')
    print('| %d | %d | %d | %.2f%% |' % (lines, exact, characters, 100.0 * (1 - errors / characters)))


if __name__ == '__main__':
    main()
