"""The line reader's network (a pure function of its inputs): a strip of a line in, a reading per column out.

Cut into glyphs and classified one by one, small blurred Latin loses to its cuts: touching letters are
read as one (rn as m, OC as m) and a wide letter as two (W as VV). The line reader reads a run of
Latin letters, digits and their marks whole: convolutions over the strip, then a label (or the blank)
for every STRIDE columns, trained with CTC (connectionist temporal classification) on rendered runs,
so no cut is ever made.
"""
import string

import slim_compat  # noqa: F401  (must precede tf_slim)
import tensorflow.compat.v1 as tf
import tf_slim as slim

from charset import CHINESE_PUNCTUATION

IDEOGRAPH = '\u3013'  # 〓, the label of any ideograph: the classifier reads which one; the line reader, where it is
# Ids 0..94 the ASCII characters, then the marks of Chinese text, then IDEOGRAPH; CTC's blank is the last class.
LINE_CHARS = ' ' + string.digits + string.ascii_letters + string.punctuation + CHINESE_PUNCTUATION + IDEOGRAPH
BLANK = len(LINE_CHARS)
STRIDE = 2           # strip columns per output column: a 1 or an l is 4 or more columns wide at STRIP_HEIGHT 32,
                     # room for the blank that parts the two l of all
MODEL_NAME = 'line-model'  # checkpoint file prefix
SCOPE = 'line'


def line_logits(strips, is_training, bn_decay=0.95):
    """[batch, columns, len(LINE_CHARS) + 1] logits for a [batch, 32, width, 1] float strip batch in
    [0, 1]; columns is width / STRIDE, rounded up."""
    bn_params = {'is_training': is_training, 'decay': bn_decay}
    with tf.variable_scope(SCOPE), \
            slim.arg_scope([slim.conv2d], kernel_size=[3, 3], padding='SAME', normalizer_fn=slim.batch_norm,
                           normalizer_params=bn_params), \
            slim.arg_scope([slim.max_pool2d], padding='SAME'):
        net = slim.conv2d(strips, 32, scope='conv1')
        net = slim.max_pool2d(net, [2, 2], stride=[2, STRIDE], scope='pool1')    # 16 rows
        net = slim.conv2d(net, 64, scope='conv2')
        net = slim.max_pool2d(net, [2, 1], stride=[2, 1], scope='pool2')         # 8 rows
        net = slim.conv2d(net, 96, scope='conv3')
        net = slim.conv2d(net, 96, scope='conv4')
        net = slim.max_pool2d(net, [2, 1], stride=[2, 1], scope='pool3')         # 4 rows
        net = slim.conv2d(net, 128, scope='conv5')
        # The four rows side by side: where in the band a mark sits (, against ') stays in the features.
        net = tf.reshape(tf.transpose(net, [0, 2, 1, 3]), [tf.shape(net)[0], 1, tf.shape(net)[2], 4 * 128])
        net = slim.conv2d(net, 192, kernel_size=[1, 3], scope='context1')
        net = slim.conv2d(net, 192, kernel_size=[1, 3], scope='context2')
        logits = slim.conv2d(net, BLANK + 1, kernel_size=[1, 1], activation_fn=None, normalizer_fn=None,
                             scope='logits')
    return tf.squeeze(logits, axis=1)


def ctc_loss(logits, labels):
    """The mean CTC loss of [batch, columns, classes] logits against a SparseTensor of label ids."""
    columns = tf.fill([tf.shape(logits)[0]], tf.shape(logits)[1])
    # TF1's CTC: the blank is the last class, as BLANK is; a label too long for its strip counts nothing.
    return tf.reduce_mean(tf.nn.ctc_loss(tf.cast(labels, tf.int32), logits, columns, time_major=False,
                                         ignore_longer_outputs_than_inputs=True))
