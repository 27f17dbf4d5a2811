"""Trains the line reader (line_model) on strips from latin_strips.py: the train loop, apart from the
network and the data.

The strips sit in memory in a variable; a shuffled queue of their indices (tf.train.range_input_producer)
feeds the batches. Checkpoints go to --train_dir every --save_steps and when the run is stopped (Ctrl-C,
SIGTERM); --restore continues from the newest one. Every --eval_steps the held-back strips are read and
the share read exactly is printed and summarised for TensorBoard. As in research/slim, --checkpoint_path
starts a new run from other weights, the scopes in --checkpoint_exclude_scopes left fresh (line/logits,
when the line reader's charset grew).

    python line_training.py --data dataset/latin_strips.npz --train_dir checkpoint/lines --max_steps 6000
"""
import argparse
import os
import sys
import time

import numpy as np
import slim_compat  # noqa: F401  (must precede tf_slim)
import tensorflow.compat.v1 as tf
import tf_slim as slim

import interrupts
from errors import UserError
from line_model import BLANK, LINE_CHARS, MODEL_NAME, ctc_loss, line_logits
from warm_start import resolved_checkpoint, warm_start

EVAL_STRIPS = 1000   # strips held back from training to measure it


def loaded(paths):
    """(strips, widths, labels) of the .npz files, concatenated."""
    parts = []
    for path in paths:
        try:
            with np.load(path) as data:
                parts.append((data['strips'], data['widths'], data['labels']))
        except (OSError, KeyError, ValueError) as e:
            raise UserError('%s is not a strip set written by latin_strips.py (%s)' % (path, e))
    return tuple(np.concatenate(column) for column in zip(*parts))


def greedy_text(logits):
    """The text a [columns, classes] logits (or probabilities) row reads, by best label per column."""
    best = np.argmax(logits, axis=-1)
    kept = [b for i, b in enumerate(best) if b != BLANK and (i == 0 or b != best[i - 1])]
    return ''.join(LINE_CHARS[b] for b in kept)


def label_text(row):
    return ''.join(LINE_CHARS[i] for i in row if i >= 0)


def training_graph(strips, labels, batch_size, learning_rate, max_steps):
    """The graph's handles: the data's initialiser and its feeds, the train op, the loss and the
    evaluation's logits for a fed strip batch."""
    strips_in = tf.placeholder(tf.uint8, strips.shape)
    labels_in = tf.placeholder(tf.int32, labels.shape)
    data = [tf.Variable(strips_in, trainable=False, collections=[]),
            tf.Variable(labels_in, trainable=False, collections=[])]
    index = tf.train.range_input_producer(len(strips), shuffle=True).dequeue_many(batch_size)
    batch = tf.cast(tf.gather(data[0], index), tf.float32)[:, :, :, None] / 255.0
    dense = tf.gather(data[1], index)
    where = tf.where(dense >= 0)
    sparse = tf.SparseTensor(where, tf.gather_nd(dense, where), tf.shape(dense, out_type=tf.int64))
    global_step = tf.train.get_or_create_global_step()
    loss = ctc_loss(line_logits(batch, True), sparse)
    rate = tf.train.cosine_decay(learning_rate, global_step, max_steps, alpha=0.01)
    train_op = slim.learning.create_train_op(loss, tf.train.AdamOptimizer(rate), global_step=global_step,
                                             check_numerics=False)
    tf.summary.scalar('loss', loss)
    tf.summary.scalar('learning_rate', rate)
    fed = tf.placeholder(tf.float32, [None, None, None, 1], name='strips')
    with tf.variable_scope(tf.get_variable_scope(), reuse=True):
        probabilities = tf.nn.softmax(line_logits(fed, False), name='probabilities')
    exact = tf.placeholder(tf.float32, [])
    return {'init_data': [d.initializer for d in data], 'feeds': {strips_in: strips, labels_in: labels},
            'train_op': train_op, 'loss': loss, 'step': global_step, 'summaries': tf.summary.merge_all(),
            'fed': fed, 'probabilities': probabilities, 'exact': exact,
            'exact_summary': tf.summary.scalar('held_back_exact', exact),
            'saver': tf.train.Saver(slim.get_model_variables() + [global_step], max_to_keep=3)}


def exact_share(sess, graph, strips, widths, labels):
    """The share of strips read exactly, each read at its own width."""
    right = 0
    for strip, width, row in zip(strips, widths, labels):
        found = sess.run(graph['probabilities'], {graph['fed']: strip[None, :, :width, None] / 255.0})
        right += greedy_text(found[0]) == label_text(row)
    return right / len(strips)


def train(data, train_dir, max_steps, batch_size=32, learning_rate=1e-3, save_steps=500, eval_steps=500,
          restore=False, held_back=EVAL_STRIPS, log=print, start_from=None, exclude_scopes=()):
    """Trains to `max_steps`, the first `held_back` strips kept apart to measure it, from the checkpoint
    `start_from` (but `exclude_scopes`) unless `restore` finds one in `train_dir`; returns (step, last
    loss, held-back strips' exact share at the end)."""
    strips, widths, labels = data
    held = slice(0, held_back)
    with tf.Graph().as_default():
        g = training_graph(strips[held_back:], labels[held_back:], batch_size, learning_rate,
                                           max_steps)
        config = tf.ConfigProto(allow_soft_placement=True)
        with tf.Session(config=config) as sess:
            sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
            sess.run(g['init_data'], g['feeds'])
            newest = tf.train.latest_checkpoint(train_dir)
            if restore and newest:
                g['saver'].restore(sess, newest)
                log('restored %s' % newest)
            elif start_from:
                counts = warm_start(sess, start_from, exclude_scopes)
                log('started from %s: %d variables restored, %d resized, %d fresh' % ((start_from,) + counts))
            coordinator = tf.train.Coordinator()
            threads = tf.train.start_queue_runners(sess, coordinator)
            writer = tf.summary.FileWriter(train_dir, sess.graph)
            path = os.path.join(train_dir, MODEL_NAME)
            step, start, exact, loss = sess.run(g['step']), time.time(), None, None
            try:
                while step < max_steps:
                    _, loss, summary, step = sess.run([g['train_op'], g['loss'], g['summaries'], g['step']])
                    if step % 50 == 0:
                        writer.add_summary(summary, step)
                        log('step %d loss %.3f (%.2f s/step)' % (step, loss, (time.time() - start) / 50))
                        start = time.time()
                    if step % save_steps == 0 or step == max_steps:
                        with interrupts.held():
                            g['saver'].save(sess, path, global_step=step)
                    if step % eval_steps == 0 or step == max_steps:
                        exact = exact_share(sess, g, strips[held], widths[held], labels[held])
                        writer.add_summary(sess.run(g['exact_summary'], {g['exact']: exact}), step)
                        log('step %d held-back strips read exactly: %.4f' % (step, exact))
            except KeyboardInterrupt:
                with interrupts.held():
                    g['saver'].save(sess, path, global_step=step)
                log('stopped by %s: saved %s-%d; continue with --restore' % (interrupts.received(), path, step))
            finally:
                coordinator.request_stop()
                coordinator.join(threads, stop_grace_period_secs=5)
                writer.close()
    return step, loss, exact


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--data', default='dataset/latin_strips.npz', help='comma-separated .npz strip sets')
    parser.add_argument('--train_dir', default='checkpoint/lines')
    parser.add_argument('--max_steps', type=int, default=6000)
    parser.add_argument('--batch_size', type=int, default=32)
    parser.add_argument('--learning_rate', type=float, default=1e-3)
    parser.add_argument('--save_steps', type=int, default=500)
    parser.add_argument('--eval_steps', type=int, default=500)
    parser.add_argument('--restore', action='store_true', help='continue from the newest checkpoint in --train_dir')
    parser.add_argument('--checkpoint_path', default=None,
                        help='start from these weights (a checkpoint, or a folder holding one), e.g. model/lines')
    parser.add_argument('--checkpoint_exclude_scopes', default='',
                        help='comma-separated scopes not taken from --checkpoint_path (e.g. line/logits)')
    args = parser.parse_args(argv)
    for name in ('max_steps', 'batch_size', 'save_steps', 'eval_steps'):
        if getattr(args, name) < 1:
            parser.error('--%s must be at least 1' % name)
    if not args.learning_rate > 0:
        parser.error('--learning_rate must be positive')
    if args.checkpoint_exclude_scopes and not args.checkpoint_path:
        parser.error('--checkpoint_exclude_scopes leaves layers out of --checkpoint_path, which is not given')
    try:
        start_from = resolved_checkpoint(args.checkpoint_path) if args.checkpoint_path else None
        data = loaded(args.data.split(','))
        if len(data[0]) <= EVAL_STRIPS + args.batch_size:
            raise UserError('%s holds %d strips: at least %d are needed' % (args.data, len(data[0]),
                                                                              EVAL_STRIPS + args.batch_size + 1))
        os.makedirs(args.train_dir, exist_ok=True)
        with interrupts.handled():
            train(data, args.train_dir, args.max_steps, args.batch_size, args.learning_rate, args.save_steps,
                  args.eval_steps, args.restore, start_from=start_from,
                  exclude_scopes=[s for s in args.checkpoint_exclude_scopes.split(',') if s])
    except UserError as e:
        sys.exit('error: %s' % e)


if __name__ == '__main__':
    sys.exit(main())
