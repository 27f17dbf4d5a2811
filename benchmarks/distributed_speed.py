"""Training images/s of one process against a local cluster of 1 ps + 2 workers (sync and async).

    python benchmarks/distributed_speed.py --train_data_dir ./dataset/train --test_data_dir ./dataset/test \\
        [--charset_size 3755 --batch_size 64 --max_steps 60]

Each run is a real `chinese_ocr.py --mode=train` (the cluster through scripts/train_cluster.py). The rate is
measured on the workers' logs between the first and last "the step N" lines, so start-up and the first fill
of the input queue do not count: images = global steps x batch size (x workers in sync training, where
one global step aggregates one batch from each worker).
"""
import argparse
import datetime
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STEP_LINE = re.compile(r'^(\S+ \S+) the step (\d+) takes', re.M)
WORKERS = 2


def images_per_second(log_text, images_per_step):
    """Rate between the first and last step lines (by time) of one log or of the workers' logs together."""
    lines = sorted(STEP_LINE.findall(log_text))
    if len(lines) < 2:
        sys.exit('error: the run logged fewer than 2 steps:\n%s' % log_text[-2000:])
    (t0, s0), (t1, s1) = lines[0], lines[-1]
    seconds = (datetime.datetime.strptime(t1, '%Y-%m-%d %H:%M:%S,%f') -
               datetime.datetime.strptime(t0, '%Y-%m-%d %H:%M:%S,%f')).total_seconds()
    return (int(s1) - int(s0)) * images_per_step / seconds


def train_args(flags, out, name):
    return ['--charset_size', str(flags.charset_size), '--batch_size', str(flags.batch_size),
            '--max_steps', str(flags.max_steps), '--eval_steps', '100000', '--save_steps', '100000',
            '--train_data_dir', flags.train_data_dir, '--test_data_dir', flags.test_data_dir,
            '--checkpoint_dir', os.path.join(out, name, 'checkpoint'), '--log_dir', os.path.join(out, name, 'log')]


def one_process(flags, out):
    run = subprocess.run([sys.executable, os.path.join(ROOT, 'chinese_ocr.py'), '--mode=train',
                          *train_args(flags, out, 'single')], capture_output=True, text=True, check=True)
    return images_per_second(run.stderr, flags.batch_size)


def cluster(flags, out, sync):
    name = 'sync' if sync else 'async'
    logs = os.path.join(out, name, 'tasks')
    subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'train_cluster.py'), '--workers', str(WORKERS),
                    '--logs', logs, '--', *train_args(flags, out, name), *(['--sync_replicas'] if sync else [])],
                   check=True)
    text = ''
    for task in range(WORKERS):
        with open(os.path.join(logs, 'worker-%d.log' % task)) as f:
            text += f.read()
    return images_per_second(text, flags.batch_size * (WORKERS if sync else 1))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--train_data_dir', default='./dataset/train')
    p.add_argument('--test_data_dir', default='./dataset/test')
    p.add_argument('--charset_size', type=int, default=3755)
    p.add_argument('--batch_size', type=int, default=64, help='per worker')
    p.add_argument('--max_steps', type=int, default=60, help='global steps per run')
    flags = p.parse_args()
    with tempfile.TemporaryDirectory() as out:
        rates = [('1 process', one_process(flags, out)),
                 ('1 ps + %d workers, sync' % WORKERS, cluster(flags, out, sync=True)),
                 ('1 ps + %d workers, async' % WORKERS, cluster(flags, out, sync=False))]
    print('| setup | train images/s (batch %d per worker, %d classes) |' % (flags.batch_size, flags.charset_size))
    print('| --- | --- |')
    for name, rate in rates:
        print('| %s | %.1f |' % (name, rate))


if __name__ == '__main__':
    main()
