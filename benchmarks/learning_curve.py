"""Draws loss, accuracy and learning-rate curves from a training run's TensorBoard events as one PNG.

    python benchmarks/learning_curve.py --log_dir ./log --out docs/learning_curve.png
"""
import argparse
import os

os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import matplotlib  # noqa: E402
matplotlib.use('Agg')  # files only: no display needed
import matplotlib.pyplot as plt  # noqa: E402
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator  # noqa: E402

RUNS = {'train': 'training batches', 'val': 'test batches'}
PANELS = (('loss', 'cross-entropy loss', 'log'), ('accuracy', 'top-1 accuracy', 'linear'),
          ('learning_rate', 'learning rate', 'log'))


def scalars(run_dir):
    """{tag: ([steps], [values])} of a run's scalar summaries, as TensorBoard loads them."""
    if not os.path.isdir(run_dir):
        return {}
    events = EventAccumulator(run_dir, size_guidance={'scalars': 0})  # 0: keep every point
    events.Reload()
    return {tag: ([e.step for e in events.Scalars(tag)], [e.value for e in events.Scalars(tag)])
            for tag in events.Tags()['scalars']}


def draw(log_dir, out):
    """Writes the figure; returns {run: number of loss points}."""
    runs = {name: scalars(os.path.join(log_dir, name)) for name in RUNS}
    figure, axes = plt.subplots(1, len(PANELS), figsize=(15, 4.2), constrained_layout=True)
    for ax, (tag, label, scale) in zip(axes, PANELS):
        for name, series in runs.items():
            if tag in series and not (tag == 'learning_rate' and name == 'val'):
                ax.plot(*series[tag], label=RUNS[name], linewidth=1.2 if name == 'train' else 2)
        ax.set(xlabel='training step', ylabel=label, yscale=scale, title=label)
        ax.grid(True, which='both', alpha=0.3)
        if ax.has_data():
            ax.legend()
    figure.savefig(out, dpi=100)
    plt.close(figure)
    return {name: len(series.get('loss', ([], []))[0]) for name, series in runs.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--log_dir', default='./log', help='the training --log_dir (with train/ and val/)')
    parser.add_argument('--out', default='docs/learning_curve.png', help='PNG to write')
    args = parser.parse_args()
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    points = draw(args.log_dir, args.out)
    if not any(points.values()):
        raise SystemExit('error: no loss summaries in %s/train or %s/val; pass the --log_dir of a training'
                         % (args.log_dir, args.log_dir))
    print('wrote %s (%d train and %d test points)' % (args.out, points['train'], points['val']))


if __name__ == '__main__':
    main()
