"""Draws loss and accuracy curves from a training run's TensorBoard events as one PNG.

    python benchmarks/learning_curve.py --log_dir ./log --out docs/learning_curve.png
"""
import argparse
import glob
import os

os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import tensorflow.compat.v1 as tf  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

PANEL_W, PANEL_H, PAD = 560, 300, 50
COLOURS = {'train': (31, 119, 180), 'val': (255, 127, 14)}


def scalars(run_dir, tag):
    """(step, value) pairs of one scalar tag across a run's event files, in step order."""
    points = {}
    for path in sorted(glob.glob(os.path.join(run_dir, 'events.out.tfevents.*'))):
        for event in tf.train.summary_iterator(path):
            for value in event.summary.value:
                if value.tag == tag:
                    points[event.step] = value.simple_value
    return sorted(points.items())


def draw_panel(draw, origin, title, series, y_range):
    x0, y0 = origin
    draw.rectangle([x0 + PAD, y0 + 20, x0 + PANEL_W - 10, y0 + PANEL_H - PAD + 20], outline=(0, 0, 0))
    draw.text((x0 + PAD, y0 + 4), title, fill=(0, 0, 0))
    last_step = max((points[-1][0] for points in series.values() if points), default=1)
    low, high = y_range
    width, height = PANEL_W - PAD - 10, PANEL_H - PAD

    def xy(step, value):
        frac = (min(max(value, low), high) - low) / (high - low)
        return x0 + PAD + width * step / last_step, y0 + 20 + height * (1 - frac)

    for name, points in series.items():
        if len(points) > 1:
            draw.line([xy(s, v) for s, v in points], fill=COLOURS[name], width=2)
    for frac in (0, 0.5, 1):
        draw.text((x0 + 4, y0 + 14 + height * (1 - frac)), '%.2g' % (low + frac * (high - low)), fill=(0, 0, 0))
    draw.text((x0 + PAD + width - 60, y0 + PANEL_H - PAD + 24), 'step %d' % last_step, fill=(0, 0, 0))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--log_dir', default='./log', help='the training --log_dir (with train/ and val/)')
    parser.add_argument('--out', default='docs/learning_curve.png', help='PNG to write')
    args = parser.parse_args()
    runs = {name: os.path.join(args.log_dir, name) for name in COLOURS}
    loss = {name: scalars(path, 'loss') for name, path in runs.items()}
    accuracy = {name: scalars(path, 'accuracy') for name, path in runs.items()}
    image = Image.new('RGB', (2 * PANEL_W, PANEL_H + 30), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    top_loss = max((v for points in loss.values() for _, v in points), default=1)
    draw_panel(draw, (0, 0), 'loss (blue: train batches, orange: test batches)', loss, (0, top_loss))
    draw_panel(draw, (PANEL_W, 0), 'accuracy (blue: train batches, orange: test batches)', accuracy, (0, 1))
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    image.save(args.out)
    print('wrote %s (%d train and %d test points)' % (args.out, len(loss['train']), len(loss['val'])))


if __name__ == '__main__':
    main()
