"""chinese-ocr: train, validate and run a printed Chinese character classifier.

    python chinese_ocr.py --mode=train --train_data_dir=./dataset/train --test_data_dir=./dataset/test
    python chinese_ocr.py --mode=validation
    python chinese_ocr.py --mode=inference --inference_dir=./tmp      (character crops, lines or pages)
    python chinese_ocr.py --mode=inference --image=page.png
    python chinese_ocr.py --mode=export --export_dir=./export        (SavedModel, TFLite, weights)
"""
import argparse
import json
import logging
import math
import os
import shutil
import sys
import time
import warnings

import interrupts

if __name__ == '__main__':
    interrupts.exit_during_start_up()  # importing TensorFlow takes seconds

import numpy as np

# TensorFlow enables oneDNN by default only on CPUs with AVX512-VNNI/BF16 or AMX; on AVX2 it is ~40% faster here too.
os.environ.setdefault('TF_ENABLE_ONEDNN_OPTS', '1')
from quiet_start import DEFAULT_LEVEL, native_stderr_filtered
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', DEFAULT_LEVEL)
with native_stderr_filtered():
    import slim_compat  # noqa: F401  (must precede tf_slim, which model imports)
    import tensorflow.compat.v1 as tf
    from tensorflow.core.protobuf import rewriter_config_pb2

import checkpoints
from charset import DEFAULT_CHARSET, load_charset, write_charset
from data_iterator import IMAGE_EXTENSIONS, DataIterator
from device import device_and_precision
from errors import UserError
import distributed
import export as exporter
import validation as validator
from line_geometry import GEOMETRY_FILE
from model import IMAGE_SIZE, build_graph, trained_charset_size
from progress import Pace
import reading
from reader import Reader
from warm_start import resolved_checkpoint, warm_start

HERE = os.path.dirname(os.path.abspath(__file__))
SHIPPED_MODEL_DIR = os.path.join(HERE, 'model')
DEFAULT_CHECKPOINT_DIR = './checkpoint/'

def parse_flags(argv=None):
    """Every flag of every mode, in one place."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add = p.add_argument
    add('--mode', default='train', choices=['train', 'validation', 'inference', 'export'],
        help='what to run; export writes a SavedModel and a TFLite model of the checkpoint to --export_dir')
    add('--charset', default=None,
        help='charset file: line i is the character of label id i (default: for training chinese_labels; for '
             'reading, the checkpoint folder\'s own labels.txt, else chinese_labels)')
    add('--charset_size', type=int, default=None,
        help='use the first N characters of the charset as classes (default: training, the whole charset; '
             'reading, all the checkpoint\'s classes; fewer reads with only the first N of them, e.g. 3755 for '
             'the original task)')
    add('--image_size', type=int, default=64, help='side of the square images the network reads')
    add('--max_steps', type=int, default=16002, help='train until the global step reaches this')
    add('--eval_steps', type=int, default=100, help='evaluate a test batch every N steps')
    add('--save_steps', type=int, default=500, help='save a checkpoint every N steps')
    add('--checkpoint_dir', default=None,
        help='where training saves and validation/inference restore (default ./checkpoint/); when it is '
             'not given and ./checkpoint/ holds no checkpoint, validation and inference use the shipped '
             'model in model/')
    add('--train_data_dir', default='./dataset/train/', help='training images: DIR/%%05d/<n>.png')
    add('--test_data_dir', default='./dataset/test/', help='test images: DIR/%%05d/<n>.png')
    add('--log_dir', default='./log', help='TensorBoard summaries (train/, val/) and the validation report')
    add('--restore', action='store_true',
        help='continue training from the latest whole checkpoint in --checkpoint_dir')
    add('--overwrite', action='store_true',
        help='train from scratch into a --checkpoint_dir that holds checkpoints, deleting them')
    add('--checkpoint_path', default=None,
        help='start training from these weights (a checkpoint folder or prefix, e.g. model/) instead of random '
             'ones, when --checkpoint_dir has no checkpoint to --restore; a logits layer trained on fewer or more '
             'classes keeps the rows of the labels both share (fine-tuning the shipped model on a larger charset)')
    add('--checkpoint_exclude_scopes', default='',
        help='comma-separated variable scopes not taken from --checkpoint_path (e.g. fc2): trained from scratch')
    add('--batch_size', type=int, default=128, help='images per batch')
    add('--learning_rate', type=float, default=1e-3, help='Adam learning rate')
    add('--lr_decay', default='none', choices=['none', 'cosine'],
        help='learning-rate schedule: constant, or cosine down to 1%% of --learning_rate at --max_steps')
    add('--keep_prob', type=float, default=0.8, help='dropout keep probability while training')
    add('--random_flip_up_down', type=_boolean, default=False, help='training augmentation: vertical flips')
    add('--random_brightness', type=_boolean, default=True, help='training augmentation: brightness')
    add('--random_contrast', type=_boolean, default=True, help='training augmentation: contrast')
    add('--inference_dir', default='./tmp', help='folder of images to read (png/jpg/bmp): character crops, '
        'text lines or pages')
    add('--image', default=None, help='read this one image (a character, a text line or a page) instead of '
        '--inference_dir')
    add('--save_crops', default=None, help='write the characters cut from text images to this folder')
    add('--top_k', type=int, default=3, help='candidates to report (validation reports top-1 and top-k)')
    add('--precision', default='auto', choices=['auto', 'fp32', 'bf16'],
        help='bf16 uses oneDNN auto mixed precision: faster on CPUs with AVX512_BF16/AMX, slower on others; '
             'auto picks bf16 on those CPUs and fp32 elsewhere')
    add('--output', default='text', choices=['text', 'json'], help='inference output format')
    add('--export_dir', default='./export', help='where --mode=export writes saved_model/, chinese_ocr.tflite '
        'and labels.txt')
    # Between-graph replicated training and model clones, as in tensorflow/models research/slim (distributed.py).
    add('--job_name', default=None, choices=['ps', 'worker'],
        help='this task\'s job in a cluster: a ps serves the variables, workers train (task 0 is the chief)')
    add('--ps_hosts', default=None, help='comma-separated host:port of the parameter server tasks')
    add('--worker_hosts', default=None, help='comma-separated host:port of the worker tasks')
    add('--task', type=int, default=0, help='index of this task in its job\'s host list; worker 0 is the chief, '
        'which alone writes checkpoints and summaries')
    add('--sync_replicas', action='store_true',
        help='workers aggregate their gradients into one update per step (default: each updates on its own)')
    add('--replicas_to_aggregate', type=int, default=None,
        help='with --sync_replicas, gradients per update (default: the number of workers; fewer makes the '
             'rest backup workers)')
    add('--num_clones', type=int, default=1, help='model clones per worker, one per GPU; their gradients are '
        'averaged and --batch_size is per clone')
    add('--clone_on_cpu', action='store_true', help='put the clones on the CPU (no GPU needed)')
    flags = p.parse_args(argv)
    flags.explicit_checkpoint_dir = flags.checkpoint_dir is not None
    flags.checkpoint_dir = flags.checkpoint_dir or DEFAULT_CHECKPOINT_DIR
    return flags


def check_flags(flags):
    """Refuses, in one line each, flag values that would crash or silently do something else."""
    at_least_one = ['batch_size', 'top_k'] + (['max_steps', 'save_steps', 'eval_steps'] if flags.mode == 'train'
                                               else [])
    for name in at_least_one:
        if getattr(flags, name) < 1:
            raise UserError('--%s must be at least 1, not %d' % (name, getattr(flags, name)))
    if not (math.isfinite(flags.learning_rate) and flags.learning_rate > 0):
        raise UserError('--learning_rate must be a positive number, not %s (the default is 1e-3)'
                        % flags.learning_rate)
    if not 0 < flags.keep_prob <= 1:
        raise UserError('--keep_prob must be in (0, 1], not %s (1 turns dropout off)' % flags.keep_prob)
    if flags.image_size != IMAGE_SIZE:
        raise UserError('--image_size must be %d, not %d: the network reads %dx%d glyphs (images of any size are '
                        'scaled to that)' % (IMAGE_SIZE, flags.image_size, IMAGE_SIZE, IMAGE_SIZE))
    if flags.checkpoint_exclude_scopes and not flags.checkpoint_path:
        raise UserError('--checkpoint_exclude_scopes leaves layers out of --checkpoint_path, which is not given')
    if flags.restore and flags.overwrite:
        raise UserError('--restore continues from the checkpoints that --overwrite deletes: pass one of them')
    if flags.mode == 'train':
        flags.charset = flags.charset or DEFAULT_CHARSET
        flags.charset_size = len(load_charset(flags.charset, flags.charset_size))
    elif flags.charset or flags.charset_size:
        load_charset(flags.charset or DEFAULT_CHARSET, flags.charset_size)


def _boolean(text):
    if text.lower() in ('1', 'true', 'yes', 'on'):
        return True
    if text.lower() in ('0', 'false', 'no', 'off'):
        return False
    raise argparse.ArgumentTypeError('expected true or false, got %r' % text)


logger = logging.getLogger('chinese-ocr')


def session_config(precision='fp32'):
    """Soft placement puts work on a GPU when one exists and on the CPU otherwise."""
    config = tf.ConfigProto(allow_soft_placement=True)
    config.gpu_options.allow_growth = True
    if precision == 'bf16':
        config.graph_options.rewrite_options.auto_mixed_precision_onednn_bfloat16 = \
            rewriter_config_pb2.RewriterConfig.ON
    return config


def checkpoint_to_restore(flags):
    """The latest checkpoint in --checkpoint_dir; failing that, when the flag is at its default, the shipped one.

    Sets the flags' charset to read with: --charset, else the checkpoint folder's own, and --charset_size,
    else all of the checkpoint's classes."""
    ckpt = tf.train.latest_checkpoint(flags.checkpoint_dir)
    if ckpt is None and not flags.explicit_checkpoint_dir:
        ckpt = tf.train.latest_checkpoint(SHIPPED_MODEL_DIR)
    if ckpt is None:
        raise UserError('no checkpoint in %s; train one (--mode=train) or pass --checkpoint_dir' %
                        flags.checkpoint_dir)
    trained = trained_charset_size(checkpoints.checked(ckpt))
    flags.charset_size = flags.charset_size or trained
    if flags.charset_size > trained:
        raise UserError('checkpoint %s was trained with --charset_size %s, so it cannot read %d classes; pass '
                        '--charset_size %s or less (or another --checkpoint_dir)'
                        % (ckpt, trained, flags.charset_size, trained))
    own = os.path.join(os.path.dirname(ckpt), CHARSET_FILE)
    flags.charset = flags.charset or (own if os.path.isfile(own) else DEFAULT_CHARSET)
    return ckpt


def checkpoint_to_continue(flags):
    """With --restore, the last good checkpoint (None: start from scratch); without, None, unless the folder
    holds checkpoints of an earlier run and --overwrite was not given to delete them (a UserError)."""
    if not flags.restore:
        found = checkpoints.on_disk(flags.checkpoint_dir) or checkpoints.listed(flags.checkpoint_dir)
        if found and not flags.overwrite:
            raise UserError('%s already holds checkpoints (the latest: %s); pass --restore to continue from it, '
                            'or --overwrite to delete them and start over' % (flags.checkpoint_dir, found[-1]))
        return None
    ckpt = checkpoints.last_good(flags.checkpoint_dir, logger.warning)
    if ckpt is None:
        logger.info('no checkpoint in %s: starting from scratch', flags.checkpoint_dir)
        return None
    check_charset_size(ckpt, flags.charset_size)
    if checkpoints.step_of(ckpt) >= flags.max_steps:
        raise UserError('%s is at step %d, already at --max_steps %d; pass a larger --max_steps to train on'
                        % (ckpt, checkpoints.step_of(ckpt), flags.max_steps))
    return ckpt


def check_charset_size(ckpt, charset_size):
    trained = trained_charset_size(ckpt)
    if trained != charset_size:
        raise UserError('checkpoint %s was trained with --charset_size %s, not %d; pass --charset_size %s '
                        '(or another --checkpoint_dir)' % (ckpt, trained, charset_size, trained))


def writable_dir(path, flag):
    try:
        os.makedirs(path, exist_ok=True)
        probe = os.path.join(path, '.write_test')
        open(probe, 'w').close()
        os.remove(probe)
    except OSError as e:
        raise UserError('cannot write to %s %s (%s); choose a writable folder' % (flag, path, e.strerror))
    return path


def save(saver, sess, global_step):
    with interrupts.held():
        saved = saver.save(sess, global_step)
    logger.info('Save the ckpt of %d: %s', sess.run(global_step), saved)


CHARSET_FILE = 'labels.txt'  # a checkpoint folder's own charset, so that reading needs no --charset


def keep_reading_aids(flags):
    """Writes the charset, and the dataset's glyph geometry when it has one, beside the checkpoints."""
    write_charset(load_charset(flags.charset, flags.charset_size), os.path.join(flags.checkpoint_dir, CHARSET_FILE))
    geometry = os.path.join(os.path.dirname(os.path.normpath(flags.train_data_dir)), GEOMETRY_FILE)
    if os.path.isfile(geometry):
        shutil.copy(geometry, flags.checkpoint_dir)


def train(flags):
    if distributed.requested(flags):
        return distributed.train(flags, session_config(flags.precision), check_charset_size, writable_dir)
    start_from = resolved_checkpoint(flags.checkpoint_path) if flags.checkpoint_path else None
    writable_dir(flags.checkpoint_dir, '--checkpoint_dir')
    with checkpoints.FolderLock(flags.checkpoint_dir, logger.info):
        train_locked(flags, start_from)


def train_locked(flags, start_from):
    ckpt = checkpoint_to_continue(flags)
    keep_reading_aids(flags)
    augment = dict(random_flip_up_down=flags.random_flip_up_down, random_brightness=flags.random_brightness,
                   random_contrast=flags.random_contrast)
    train_feeder = DataIterator(flags.train_data_dir, flags.charset_size, flags.image_size, **augment)
    test_feeder = DataIterator(flags.test_data_dir, flags.charset_size, flags.image_size)
    logger.info('train images: %d, test images: %d', train_feeder.size, test_feeder.size)
    if flags.overwrite:  # only now that the data is known to be there
        with interrupts.held():
            logger.info('--overwrite: deleted %d checkpoints in %s', checkpoints.remove(flags.checkpoint_dir),
                        flags.checkpoint_dir)
    with tf.Session(config=session_config(flags.precision)) as sess:
        train_batch = train_feeder.input_pipeline(flags.batch_size, aug=True)
        test_batch = test_feeder.input_pipeline(flags.batch_size)
        graph = build_graph(1, flags.charset_size, flags.learning_rate, flags.lr_decay, flags.max_steps)
        saver = checkpoints.Saver(flags.checkpoint_dir)
        sess.run(tf.global_variables_initializer())
        if ckpt:
            saver.restore(sess, ckpt)
            logger.info('restore from the checkpoint %s', ckpt)
        elif start_from:
            counts = warm_start(sess, start_from, [s for s in flags.checkpoint_exclude_scopes.split(',') if s])
            logger.info('start from %s: %d variables restored, %d resized to %d classes, %d fresh', start_from,
                        counts[0], counts[1], flags.charset_size, counts[2])
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess=sess, coord=coord)
        try:
            train_loop(flags, sess, graph, saver, train_batch, test_batch)
        except KeyboardInterrupt:
            save(saver, sess, graph['global_step'])
            raise UserError('stopped by %s: saved the checkpoint at step %d; continue with --restore'
                            % (interrupts.received(), sess.run(graph['global_step'])))
        finally:
            coord.request_stop()
            coord.join(threads, stop_grace_period_secs=5)


def train_loop(flags, sess, graph, saver, train_batch, test_batch):
    train_writer = tf.summary.FileWriter(os.path.join(flags.log_dir, 'train'), sess.graph)
    val_writer = tf.summary.FileWriter(os.path.join(flags.log_dir, 'val'))
    step = sess.run(graph['global_step'])
    logger.info(':::Training Start::: from step %d to %d', step, flags.max_steps)
    pace = Pace(flags.batch_size, flags.max_steps)
    while step < flags.max_steps:
        start = time.time()
        images, labels = sess.run(train_batch)
        feed = {graph['images']: images, graph['labels']: labels,
                graph['keep_prob']: flags.keep_prob, graph['is_training']: True}
        _, loss, summary = sess.run([graph['train_op'], graph['loss'], graph['merged_summary_op']], feed_dict=feed)
        step += 1
        if not np.isfinite(loss):
            raise UserError('the loss became %s at step %d; lower --learning_rate and rerun with --restore '
                            'from the last good checkpoint in %s' % (loss, step, flags.checkpoint_dir))
        train_writer.add_summary(summary, step)
        logger.info(pace.step_line(step, time.time() - start, loss))
        if step % flags.eval_steps == 0:
            images, labels = sess.run(test_batch)
            accuracy, summary = sess.run([graph['accuracy'], graph['merged_summary_op']],
                                         feed_dict={graph['images']: images, graph['labels']: labels})
            val_writer.add_summary(summary, step)
            logger.info('===== the step %d test accuracy: %.4f =====', step, accuracy)
        if step % flags.save_steps == 0 and step < flags.max_steps:
            save(saver, sess, graph['global_step'])
    save(saver, sess, graph['global_step'])
    train_writer.close()
    val_writer.close()
    logger.info('===== Train Finished =====')


def validation(flags):
    ckpt = checkpoint_to_restore(flags)
    chars = load_charset(flags.charset, flags.charset_size)
    report = validator.evaluate(ckpt, chars, flags.test_data_dir, flags.batch_size, flags.top_k,
                                session_config(flags.precision))
    logger.info('top 1 accuracy %.6f top %d accuracy %.6f (%d images)', report['top_1_accuracy'],
                report['top_k'], report['top_k_accuracy'], report['images'])
    if len(report['groups']) > 1:
        for name, group in report['groups'].items():
            logger.info('  %-11s top 1 accuracy %.6f top %d accuracy %.6f (%d images)', name,
                        group['top_1_accuracy'], report['top_k'], group['top_k_accuracy'], group['images'])
    for pair in report['most_confused'][:10]:
        logger.info('confused: %s read as %s %d times', pair['truth'], pair['read_as'], pair['count'])
    path, picture = validator.write(report, writable_dir(flags.log_dir, '--log_dir'))
    logger.info('report written to %s%s', path, ', the most-confused pairs drawn in %s' % picture if picture else '')
    return report


def inference_images(folder):
    if not os.path.isdir(folder):
        raise UserError('--inference_dir %s does not exist; put character images in it or pass another folder'
                        % folder)
    names = sorted(os.listdir(folder))
    paths = [os.path.join(folder, n) for n in names if n.lower().endswith(IMAGE_EXTENSIONS)]
    if not paths:
        raise UserError('--inference_dir %s has no png/jpg/bmp images' % folder)
    return paths


def restored_reader(flags):
    """(reader.Reader, its charset) for the checkpoint the flags name: what inference and benchmarks read with."""
    ckpt = checkpoint_to_restore(flags)
    chars = load_charset(flags.charset, flags.charset_size)
    return Reader(ckpt, flags.charset_size, flags.top_k, session_config(flags.precision)), chars


def inference(flags):
    reader, chars = restored_reader(flags)
    paths = [flags.image] if flags.image else inference_images(flags.inference_dir)
    failed = []

    def skip(name, error):
        if len(paths) == 1:
            raise error
        print('warning: skipping %s' % error, file=sys.stderr)
        failed.append(name)
    start = time.time()
    results = reading.read_images(reader, paths, chars, on_error=skip)
    if not results:
        raise UserError('none of the %d images could be read' % len(paths))
    logger.info('read %d images in %.3f s with %s', len(results), time.time() - start, reader.checkpoint)
    if any(c.char == reading.PLACEHOLDER for r in results if isinstance(r, reading.TextResult)
           for line in r.lines for c in line.characters):
        logger.info('this charset has no punctuation: marks are shown as %s (see charset.py --extra)',
                    reading.PLACEHOLDER)
    if flags.save_crops:
        reading.save_crops(results, writable_dir(flags.save_crops, '--save_crops'))
    print_results(results, flags.output)
    if failed:
        raise UserError('%d of %d images could not be read (see the warnings above)' % (len(failed), len(paths)))
    return results


def print_results(results, output):
    if output == 'json':
        print(json.dumps(reading.as_json(results), ensure_ascii=False, indent=1))
        return
    for r in results:
        if isinstance(r, reading.TextResult):
            print('%s:\n%s' % (r.image, r.text))
        else:
            print('%s predict: %s ids %s probabilities %s' % (r.image, ' '.join(r.candidates), r.ids,
                                                              r.probabilities))
    singles = reading.singles_text(results)
    if singles:
        print(singles)


def export(flags):
    ckpt = checkpoint_to_restore(flags)
    chars = load_charset(flags.charset, flags.charset_size)
    paths = exporter.export(ckpt, chars, flags.export_dir, flags.top_k)
    for name, path in paths.items():
        logger.info('wrote %s: %s', name, path)
    return paths


MODES = {'train': train, 'validation': validation, 'inference': inference, 'export': export}


def main(argv=None):
    flags = parse_flags(argv)
    logging.basicConfig(level=logging.INFO, format='%(asctime)s %(message)s', stream=sys.stderr)
    # TF1-style APIs are the point of this project: their deprecation notices would bury its output.
    tf.get_logger().setLevel(logging.ERROR)
    warnings.filterwarnings('ignore', category=UserWarning, module='tensorflow|tf_keras')
    tf.disable_eager_execution()
    if flags.mode != 'export':
        flags.precision, chosen = device_and_precision(flags.precision)
        logger.info(chosen)
    try:
        with interrupts.handled(), tf.Graph().as_default():
            check_flags(flags)
            MODES[flags.mode](flags)
    except UserError as e:
        sys.exit('error: %s' % e)
    except KeyboardInterrupt:
        sys.exit('error: stopped by %s' % interrupts.received())


if __name__ == '__main__':
    main()
