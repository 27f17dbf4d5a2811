"""Export a checkpoint as a self-contained TF SavedModel and a TFLite model.

export() writes, into export_dir:
    saved_model/        signature 'serving_default': images [N, 64, 64, 1] float32, white on black
                        in [0, 1] -> top_k_ids int32, top_k_probabilities float32 and
                        top_k_characters (UTF-8 strings), each [N, k]
    chinese_ocr.tflite  the same signature, converted for TFLite
    labels.txt          line i is the character of id i
    checkpoint/         the weights alone (no optimizer slots): a small checkpoint to ship or restore
"""
import os
import shutil
import tempfile

import tensorflow as tf2
import tensorflow.compat.v1 as tf
from tensorflow.python.eager import context

from charset import write_charset
from errors import UserError
from model import IMAGE_SIZE, MODEL_NAME, network, trained_charset_size, weights_saver

SAVED_MODEL = 'saved_model'
TFLITE = 'chinese_ocr.tflite'
LABELS = 'labels.txt'
WEIGHTS = 'checkpoint'


def export_saved_model(checkpoint, charset_chars, export_dir, top_k=3):
    """Writes the checkpoint as a SavedModel to export_dir, which must not exist yet; returns export_dir."""
    with tf.Graph().as_default() as graph:
        images = tf.placeholder(tf.float32, [None, IMAGE_SIZE, IMAGE_SIZE, 1], name='images')
        logits = network(images, trained_charset_size(checkpoint), is_training=False,
                         keep_prob=1.0)[:, :len(charset_chars)]
        probabilities, ids = tf.nn.top_k(tf.nn.softmax(logits), k=min(top_k, len(charset_chars)))
        # A constant table rather than a vocabulary asset or a lookup-table resource keeps the
        # SavedModel self-contained, and TFLite's builtin GATHER accepts string tensors.
        characters = tf.gather(tf.constant(charset_chars), ids)
        signature = tf.saved_model.predict_signature_def(
            inputs={'images': images},
            outputs={'top_k_ids': ids, 'top_k_probabilities': probabilities, 'top_k_characters': characters})
        with tf.Session(graph=graph) as sess:
            tf.train.Saver(tf.model_variables()).restore(sess, checkpoint)
            builder = tf.saved_model.Builder(export_dir)
            builder.add_meta_graph_and_variables(sess, [tf.saved_model.tag_constants.SERVING],
                                                 signature_def_map={'serving_default': signature})
            builder.save()
    return export_dir


def export_tflite(saved_model_dir, tflite_path):
    """Converts the SavedModel to a TFLite flatbuffer at tflite_path; returns tflite_path.

    The string output converts with builtin ops alone, so the TFLite model keeps
    all three outputs; interpreters that cannot read string tensors can use
    top_k_ids with labels.txt instead.
    """
    # Without eager execution (the CLI disables it) the converter falls back to the TF1 one,
    # which drops the signature and leaves the outputs named after ops such as 'TopKV2:1'.
    with context.eager_mode():
        flatbuffer = tf2.lite.TFLiteConverter.from_saved_model(saved_model_dir).convert()
    with open(tflite_path, 'wb') as f:
        f.write(flatbuffer)
    return tflite_path


def export_weights(checkpoint, checkpoint_dir):
    """Writes the checkpoint's weights and step, without optimizer slots, to checkpoint_dir; returns its prefix."""
    with tf.Graph().as_default() as graph:
        images = tf.placeholder(tf.float32, [None, IMAGE_SIZE, IMAGE_SIZE, 1])
        network(images, trained_charset_size(checkpoint), is_training=False, keep_prob=1.0)
        # Relative paths: the folder is written in a staging place and then moved.
        saver = weights_saver(save_relative_paths=True)
        with tf.Session(graph=graph) as sess:
            saver.restore(sess, checkpoint)
            return saver.save(sess, os.path.join(checkpoint_dir, MODEL_NAME),
                              global_step=tf.train.get_or_create_global_step(), write_meta_graph=False)


def export(checkpoint, chars, export_dir, top_k):
    """Exports a checkpoint of len(chars) classes; returns {'saved_model', 'tflite', 'labels'} paths."""
    if top_k < 1:
        raise UserError('--top_k must be at least 1, not %d' % top_k)
    paths = {'saved_model': os.path.join(export_dir, SAVED_MODEL), 'tflite': os.path.join(export_dir, TFLITE),
             'labels': os.path.join(export_dir, LABELS), 'weights': os.path.join(export_dir, WEIGHTS)}
    try:
        os.makedirs(export_dir, exist_ok=True)
        # Everything is written to a staging folder first, so that a failed export (a full disk, say)
        # leaves a previous export in export_dir whole, and the SavedModel Builder gets a fresh folder.
        staging = tempfile.mkdtemp(prefix='.export-', dir=export_dir)
        try:
            staged = {name: os.path.join(staging, os.path.basename(path)) for name, path in paths.items()}
            export_saved_model(checkpoint, chars, staged['saved_model'], top_k)
            export_tflite(staged['saved_model'], staged['tflite'])
            write_charset(chars, staged['labels'])
            export_weights(checkpoint, staged['weights'])
            for name, path in paths.items():
                _replace(staged[name], path)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except (tf.errors.OpError, OSError) as e:
        raise UserError('could not write the export to %s (%s); free disk space or choose a writable --export_dir'
                        % (export_dir, e.message if isinstance(e, tf.errors.OpError) else e.strerror or e))
    return paths


def _replace(source, target):
    # os.replace cannot put a folder over a non-empty one.
    if os.path.isdir(target):
        shutil.rmtree(target)
    os.replace(source, target)
