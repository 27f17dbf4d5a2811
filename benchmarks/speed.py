"""Train/inference speed of the network against this machine's matmul peak, fp32 and bf16.

    python benchmarks/speed.py [--repeats 10]

The ceiling for a precision is peak GFLOP/s divided by the work per image: 0.784 GFLOP
forward (inference), about 3x that (2.35 GFLOP) per training image.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import numpy as np  # noqa: E402

from chinese_ocr import session_config  # noqa: E402  (sets the oneDNN default before TF loads)
import tensorflow.compat.v1 as tf  # noqa: E402
from model import build_graph  # noqa: E402

FORWARD_GFLOP = 0.784
TRAIN_GFLOP = 3 * FORWARD_GFLOP
CLASSES = 3755


def matmul_peak_gflops(precision, repeats, n=2048):
    dtype = tf.bfloat16 if precision == 'bf16' else tf.float32
    with tf.Graph().as_default(), tf.Session(config=session_config()) as sess:
        a = tf.Variable(tf.random.normal([n, n], dtype=tf.float32))
        b = tf.Variable(tf.random.normal([n, n], dtype=tf.float32))
        product = tf.reduce_sum(tf.matmul(tf.cast(a, dtype), tf.cast(b, dtype)))
        sess.run(tf.global_variables_initializer())
        return 2 * n ** 3 / best_seconds(lambda: sess.run(product), repeats) / 1e9


def best_seconds(run, repeats):
    run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def network_speeds(precision, repeats):
    """(train images/s at batch 128, inference images/s at batch 128, batch-1 latency in ms)."""
    rng = np.random.default_rng(0)
    images = rng.random((128, 64, 64, 1), dtype=np.float32)
    labels = rng.integers(0, CLASSES, 128)
    with tf.Graph().as_default(), tf.Session(config=session_config(precision)) as sess:
        g = build_graph(1, CLASSES)
        sess.run(tf.global_variables_initializer())
        train_feed = {g['images']: images, g['labels']: labels, g['is_training']: True, g['keep_prob']: 0.8}
        train = best_seconds(lambda: sess.run(g['train_op'], train_feed), repeats)
        infer = best_seconds(lambda: sess.run(g['predicted_index_top_k'], {g['images']: images}), repeats)
        single = best_seconds(lambda: sess.run(g['predicted_index_top_k'], {g['images']: images[:1]}), 5 * repeats)
    return 128 / train, 128 / infer, 1000 * single


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--repeats', type=int, default=10, help='timed runs per figure (the best is kept)')
    args = parser.parse_args()
    print('%-5s %10s %14s %16s %15s %18s %12s' % ('prec', 'peak GF/s', 'train img/s', '(of ceiling)',
                                                  'infer img/s', '(of ceiling)', 'batch-1 ms'))
    for precision in ('fp32', 'bf16'):
        peak = matmul_peak_gflops(precision, args.repeats)
        train, infer, latency = network_speeds(precision, args.repeats)
        print('%-5s %10.1f %14.1f %16s %15.1f %18s %12.2f' % (
            precision, peak, train, '%.0f%% of %.0f' % (100 * train * TRAIN_GFLOP / peak, peak / TRAIN_GFLOP),
            infer, '%.0f%% of %.0f' % (100 * infer * FORWARD_GFLOP / peak, peak / FORWARD_GFLOP), latency))


if __name__ == '__main__':
    main()
