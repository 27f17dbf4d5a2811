"""Validation: top-1/top-k accuracy of a checkpoint on a test split, with a per-class report.

Every image of the split is read exactly once (the pipeline runs one epoch, in order). The report has
exact top-1 and top-k accuracy, each class's accuracy and the most-confused character pairs; `write`
saves it as JSON beside a picture of those pairs.
"""
import json
import logging
import os
import sys
import time
from collections import Counter

import numpy as np
import tensorflow.compat.v1 as tf

from charset import EXTRA_GROUPS, gb2312_level1
from confused_pairs import draw_confused_pairs
from data_iterator import DataIterator
from model import build_graph, trained_charset_size, weights_saver
from progress import batch_count

REPORT_FILE = 'validation_report.json'
PICTURE_FILE = 'confused_pairs.png'
CONFUSED_PAIRS = 50  # pairs kept in the report
logger = logging.getLogger('chinese-ocr')


def evaluate(checkpoint, chars, data_dir, batch_size, top_k, config=None):
    """The validation report of `checkpoint` read with the first len(chars) classes on `data_dir`."""
    feeder = DataIterator(data_dir, len(chars))
    with tf.Graph().as_default(), tf.Session(config=config) as sess:
        images_op, labels_op = feeder.input_pipeline(batch_size, num_epochs=1)
        graph = build_graph(top_k, len(chars), trained_classes=trained_charset_size(checkpoint))
        sess.run(tf.local_variables_initializer())
        weights_saver().restore(sess, checkpoint)
        logger.info('restore from the checkpoint %s', checkpoint)
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess=sess, coord=coord)
        truth, predicted = [], []
        try:
            for batch in range(1, sys.maxsize):
                start = time.time()
                images, labels = sess.run([images_op, labels_op])
                indices = sess.run(graph['predicted_index_top_k'], feed_dict={graph['images']: images})
                truth.append(labels)
                predicted.append(indices)
                logger.info('the batch %d of %d takes %.3f seconds, accuracy = %.4f(top_1) %.4f(top_k)', batch,
                            batch_count(feeder.size, batch_size), time.time() - start,
                            np.mean(indices[:, 0] == labels), np.mean((indices == labels[:, None]).any(axis=1)))
        except tf.errors.OutOfRangeError:
            pass
        finally:
            coord.request_stop()
            coord.join(threads)
    return report(np.concatenate(truth), np.concatenate(predicted), chars)


def report(truth, top_k, chars):
    """Exact top-1/top-k accuracy, per-class accuracy and the most-confused character pairs."""
    top_1 = top_k[:, 0]
    hits = top_1 == truth
    per_class = {}
    for label in np.unique(truth):
        mine = truth == label
        per_class[chars[label]] = round(float(hits[mine].mean()), 6)
    confusions = Counter(zip(truth[~hits].tolist(), top_1[~hits].tolist()))
    return {'images': int(truth.size), 'top_1_accuracy': float(hits.mean()),
            'top_k': int(top_k.shape[1]),
            'top_k_accuracy': float((top_k == truth[:, None]).any(axis=1).mean()),
            'most_confused': [{'truth': chars[t], 'read_as': chars[p], 'count': n}
                              for (t, p), n in confusions.most_common(CONFUSED_PAIRS)],
            'groups': group_accuracy(truth, top_k, chars),
            'per_class_accuracy': per_class}


def group_names(chars):
    """Each character's group: 'level1' (GB2312 level 1), a charset.EXTRA_GROUPS name (level2,
    digits, latin, punctuation) or 'other'."""
    level1 = set(gb2312_level1())
    named = {c: name for name, members in EXTRA_GROUPS.items() for c in members}
    return ['level1' if c in level1 else named.get(c, 'other') for c in chars]


def group_accuracy(truth, top_k, chars):
    """{group: {'images', 'top_1_accuracy', 'top_k_accuracy'}} for the groups the split has images of;
    a letter read in the other case is an error."""
    groups = group_names(chars)
    names = np.array(groups)[truth]
    hits = top_k == truth[:, None]
    return {name: {'images': int(np.sum(names == name)), 'top_1_accuracy': float(hits[names == name, 0].mean()),
                   'top_k_accuracy': float(hits[names == name].any(axis=1).mean())}
            for name in dict.fromkeys(groups) if np.any(names == name)}


def write(result, folder):
    """Saves the report as JSON and draws its most-confused pairs; returns (json path, picture path or None)."""
    path = os.path.join(folder, REPORT_FILE)
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(result, f, ensure_ascii=False, indent=1)
    return path, draw_confused_pairs(result['most_confused'], os.path.join(folder, PICTURE_FILE))
