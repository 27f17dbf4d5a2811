"""Train/inference speed of the network, fp32 and bf16: median and best of N timed runs.

    python benchmarks/speed.py [--repeats 10] [--loop_steps 30] [--precisions fp32,bf16]

Figures: the machine's matmul peak; training images/s at batch 128 (the bare train op on a fixed batch);
inference images/s at batch 128; batch-1 latency; reading one 18-character text line (segmentation and
classifier, model load excluded); and a whole step of the real training loop (input pipeline, feed,
summaries, logging) against the bare train op. The ceiling for a precision is peak GFLOP/s divided by
the work per image: 0.784 GFLOP forward (inference), about 3x that (2.35 GFLOP) per training image.
"""
import argparse
import logging
import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import numpy as np  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

import chinese_ocr  # noqa: E402  (sets the oneDNN default before TF loads)
from chinese_ocr import session_config  # noqa: E402
import tensorflow.compat.v1 as tf  # noqa: E402
from confused_pairs import cjk_font_path  # noqa: E402
from model_reader import restored_reader  # noqa: E402
from device import device_and_precision  # noqa: E402
from model import build_graph  # noqa: E402
from reading import read_images  # noqa: E402
from startup import make_tree  # noqa: E402

FORWARD_GFLOP = 0.784
TRAIN_GFLOP = 3 * FORWARD_GFLOP
CLASSES = 3755
BATCH = 128
LINE = '秋天到了田野里一片金黄农民们忙着收割稻'[:18]  # 18 characters, as benchmarks/read_text.py's lines
LINE_PX = 40  # character size of the drawn line: the middle of what reads best
WARMUP_STEPS = 5  # real-loop steps left out: graph optimisation and the first fill of the batch queue


def seconds(run, repeats):
    """Wall times of `repeats` runs after one untimed warm-up run."""
    run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def median_best(times, scale=1.0):
    """(median, best) of scale / time, e.g. images/s for scale = batch size."""
    return scale / statistics.median(times), scale / min(times)


def matmul_peak_gflops(precision, repeats, n=2048):
    dtype = tf.bfloat16 if precision == 'bf16' else tf.float32
    with tf.Graph().as_default(), tf.Session(config=session_config()) as sess:
        a = tf.Variable(tf.random.normal([n, n], dtype=tf.float32))
        b = tf.Variable(tf.random.normal([n, n], dtype=tf.float32))
        product = tf.reduce_sum(tf.matmul(tf.cast(a, dtype), tf.cast(b, dtype)))
        sess.run(tf.global_variables_initializer())
        return 2 * n ** 3 / min(seconds(lambda: sess.run(product), repeats)) / 1e9


def network_times(precision, repeats):
    """Timings (s) of the bare train op and inference at batch 128, and of batch-1 inference."""
    rng = np.random.default_rng(0)
    images = rng.random((BATCH, 64, 64, 1), dtype=np.float32)
    labels = rng.integers(0, CLASSES, BATCH)
    with tf.Graph().as_default(), tf.Session(config=session_config(precision)) as sess:
        g = build_graph(1, CLASSES)
        sess.run(tf.global_variables_initializer())
        train_feed = {g['images']: images, g['labels']: labels, g['is_training']: True, g['keep_prob']: 0.8}
        return {'train': seconds(lambda: sess.run(g['train_op'], train_feed), repeats),
                'infer': seconds(lambda: sess.run(g['predicted_index_top_k'], {g['images']: images}), repeats),
                'single': seconds(lambda: sess.run(g['predicted_index_top_k'], {g['images']: images[:1]}),
                                  5 * repeats)}


def line_image(work):
    """The path of a PNG of LINE drawn at LINE_PX in a CJK font, written into `work`."""
    path = os.path.join(work, 'line.png')
    image = Image.new('L', (LINE_PX * (len(LINE) + 2), 2 * LINE_PX), 235)
    ImageDraw.Draw(image).text((LINE_PX, LINE_PX // 2), LINE, fill=25, font=ImageFont.truetype(cjk_font_path(),
                                                                                              LINE_PX))
    image.save(path)
    return path


def line_reading(checkpoint_dir, precision, path):
    """A function that reads the line at `path` with the model in `checkpoint_dir` and its charset
    (loaded beforehand), as inference reads it."""
    reader, chars = restored_reader(checkpoint_dir, top_k=3, more_flags=['--precision', precision])
    read = read_images(reader, [path], chars)[0].text
    if read != LINE:
        print('warning: %s read the line as %s' % (checkpoint_dir, read), file=sys.stderr)
    return lambda: read_images(reader, [path], chars)


def text_line_times(precision, repeats, work):
    """Timings (s) of reading an 18-character line with the shipped model and its charset, loaded beforehand."""
    return seconds(line_reading(chinese_ocr.SHIPPED_MODEL_DIR, precision, line_image(work)), repeats)


class StepTimes(logging.Handler):
    """Collects T of the training log's 'the step N takes T ...' lines."""

    def __init__(self):
        super().__init__()
        self.times = []

    def emit(self, record):
        message = record.getMessage()
        if message.startswith('the step '):
            self.times.append(float(message.split(' takes ')[1].split()[0]))


def real_loop_step_times(precision, steps, work):
    """Per-step seconds of chinese_ocr's own training loop (pipeline, feed, summaries, log line) on a
    dataset of PNG files, warm-up steps left out."""
    data = os.path.join(work, 'data')
    os.makedirs(data)
    make_tree(data, 2 * CLASSES, CLASSES)
    handler = StepTimes()
    logging.getLogger('chinese-ocr').addHandler(handler)
    try:
        with tf.Graph().as_default():
            chinese_ocr.main(['--mode=train', '--precision', precision, '--batch_size', str(BATCH),
                              '--max_steps', str(steps + WARMUP_STEPS), '--eval_steps', '1000000',
                              '--save_steps', '1000000', '--train_data_dir', os.path.join(data, 'train'),
                              '--test_data_dir', os.path.join(data, 'test'),
                              '--checkpoint_dir', os.path.join(work, 'ckpt'), '--log_dir', os.path.join(work, 'log')])
    finally:
        logging.getLogger('chinese-ocr').removeHandler(handler)
    return handler.times[WARMUP_STEPS:]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--repeats', type=int, default=10, help='timed runs per figure')
    parser.add_argument('--loop_steps', type=int, default=30, help='timed steps of the real training loop')
    parser.add_argument('--precisions', default='fp32,bf16', help='comma-separated: fp32, bf16')
    args = parser.parse_args()
    tf.disable_eager_execution()
    print(device_and_precision('auto')[1])
    print('each figure: median / best of %d runs' % args.repeats)
    print('%-5s %9s %16s %8s %16s %8s %13s %13s %22s' % (
        'prec', 'peak GF/s', 'train img/s', '(ceil)', 'infer img/s', '(ceil)', 'batch-1 ms', '18-char line s',
        'real loop step / bare op'))
    for precision in args.precisions.split(','):
        peak = matmul_peak_gflops(precision, args.repeats)
        times = network_times(precision, args.repeats)
        with tempfile.TemporaryDirectory() as work:
            line = text_line_times(precision, args.repeats, work)
            loop = real_loop_step_times(precision, args.loop_steps, work)
        train, infer = median_best(times['train'], BATCH), median_best(times['infer'], BATCH)
        bare, real = statistics.median(times['train']), statistics.median(loop)
        print('%-5s %9.1f %16s %8.0f %16s %8.0f %13s %13s %22s' % (
            precision, peak, '%.1f / %.1f' % train, peak / TRAIN_GFLOP, '%.1f / %.1f' % infer, peak / FORWARD_GFLOP,
            '%.2f / %.2f' % tuple(1000 * t for t in (statistics.median(times['single']), min(times['single']))),
            '%.3f / %.3f' % (statistics.median(line), min(line)),
            '%.3f / %.3f s (%+.1f%%)' % (real, bare, 100 * (real / bare - 1))))


if __name__ == '__main__':
    main()
