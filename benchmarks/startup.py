"""Seconds from starting `chinese_ocr.py --mode=train` to its first step, on a dataset folder of full size.

    python benchmarks/startup.py [--data_dir /tmp/startup_set] [--images 315420] [--classes 3755]

When --data_dir has no train/ and test/ yet, they are made like gen_printed_char.py's output (9:1) from
hard links to a few rendered glyphs: 315k files that cost inodes but almost no disk space. Timings are
read from the training's own log lines, so they include starting Python and importing TensorFlow.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

from PIL import Image, ImageDraw

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GLYPHS = 8  # distinct PNG files the tree links to
TEST_SHARE = 10  # every 10th image goes to test/, as --test_ratio 0.1 does


def make_tree(data_dir, images, classes):
    """data_dir/{train,test}/%05d/<n>.png, `images` hard links in all, spread evenly over `classes` folders."""
    sources = []
    for i in range(GLYPHS):
        path = os.path.join(data_dir, 'glyph%d.png' % i)
        image = Image.new('L', (64, 64), 0)
        ImageDraw.Draw(image).rectangle([8 + i, 8, 48, 40 + i], fill=255)
        image.save(path)
        sources.append(path)
    for n in range(images):
        split = 'test' if n % TEST_SHARE == 0 else 'train'
        folder = os.path.join(data_dir, split, '%05d' % (n % classes))
        if n < 2 * classes:
            os.makedirs(folder, exist_ok=True)
        os.link(sources[n % GLYPHS], os.path.join(folder, '%d.png' % (n // classes)))


def first_step_seconds(data_dir, classes):
    """(seconds to the 'train images:' line, seconds to the first step's line) of a 1-step training."""
    with tempfile.TemporaryDirectory() as work:
        command = [sys.executable, os.path.join(ROOT, 'chinese_ocr.py'), '--mode=train', '--max_steps', '1',
                   '--charset_size', str(classes), '--batch_size', '128',
                   '--train_data_dir', os.path.join(data_dir, 'train'), '--test_data_dir', os.path.join(data_dir, 'test'),
                   '--checkpoint_dir', os.path.join(work, 'ckpt'), '--log_dir', os.path.join(work, 'log')]
        start = time.perf_counter()
        listed = None
        with subprocess.Popen(command, stderr=subprocess.PIPE, text=True) as process:
            for line in process.stderr:
                if 'train images:' in line:
                    listed = time.perf_counter() - start
                if 'the step 1 takes' in line:
                    first = time.perf_counter() - start
                    process.terminate()
                    return listed, first
        raise SystemExit('the training ended before its first step (exit status %s)' % process.returncode)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--data_dir', default=os.path.join(tempfile.gettempdir(), 'startup_set'))
    parser.add_argument('--images', type=int, default=315420, help='images in the tree made when there is none '
                        '(283,597 train + 31,823 test, as the shipped model had)')
    parser.add_argument('--classes', type=int, default=3755)
    args = parser.parse_args()
    if not os.path.isdir(os.path.join(args.data_dir, 'train')):
        os.makedirs(args.data_dir, exist_ok=True)
        start = time.perf_counter()
        make_tree(args.data_dir, args.images, args.classes)
        print('made %d hard links in %s in %.1f s' % (args.images, args.data_dir, time.perf_counter() - start))
    listed, first = first_step_seconds(args.data_dir, args.classes)
    print('datasets listed after %.1f s; first training step done after %.1f s' % (listed, first))


if __name__ == '__main__':
    main()
