"""The network (a pure function of its inputs) and the training graph around it."""
import slim_compat  # noqa: F401  (must precede tf_slim)
import tensorflow.compat.v1 as tf
import tf_slim as slim

IMAGE_SIZE = 64
MODEL_NAME = 'chinese-rec-model'  # checkpoint file prefix, as the original named it
LOGITS_SCOPE = 'fc2'  # the one layer whose shape follows the charset


def network(images, num_classes, is_training, keep_prob, bn_decay=0.95):
    """Logits of the seed's network for a [batch, 64, 64, 1] float image batch in [0, 1].

    bn_decay is lower than slim's 0.999 so that the moving averages used at
    evaluation have caught up with the weights after a few hundred steps.
    """
    bn_params = {'is_training': is_training, 'decay': bn_decay}
    with slim.arg_scope([slim.conv2d, slim.fully_connected],
                        normalizer_fn=slim.batch_norm, normalizer_params=bn_params), \
            slim.arg_scope([slim.conv2d], kernel_size=[3, 3], padding='SAME'), \
            slim.arg_scope([slim.max_pool2d], kernel_size=[2, 2], stride=2, padding='SAME'):
        net = slim.conv2d(images, 64, scope='conv3_1')
        net = slim.max_pool2d(net, scope='pool1')
        net = slim.conv2d(net, 128, scope='conv3_2')
        net = slim.max_pool2d(net, scope='pool2')
        net = slim.conv2d(net, 256, scope='conv3_3')
        net = slim.max_pool2d(net, scope='pool3')
        net = slim.conv2d(net, 512, scope='conv3_4')
        net = slim.conv2d(net, 512, scope='conv3_5')
        net = slim.max_pool2d(net, scope='pool4')
        net = slim.flatten(net)
        net = slim.fully_connected(slim.dropout(net, keep_prob), 1024, activation_fn=tf.nn.relu, scope='fc1')
    # The logits stay linear: batch norm or ReLU here (as in the seed) clips and rescales the scores.
    return slim.fully_connected(slim.dropout(net, keep_prob), num_classes,
                                activation_fn=None, normalizer_fn=None, scope=LOGITS_SCOPE)


def learning_rate_schedule(global_step, learning_rate, decay, max_steps):
    if decay == 'cosine':
        return tf.train.cosine_decay(learning_rate, global_step, max_steps, alpha=0.01)
    return tf.constant(learning_rate, name='constant_learning_rate')  # 'learning_rate' is the summary's tag


IMAGES_SHOWN = 3  # training inputs per TensorBoard image summary, e.g. 3 glyphs of about 2 KB each as PNG
IMAGE_SUMMARY_STEPS = 100  # steps between image summaries: 16002 steps give 161, about 1 MB of events


def input_images_summary(images, is_training, global_step):
    """A few training inputs as TensorBoard images every IMAGE_SUMMARY_STEPS steps; an empty summary otherwise."""
    def images_shown():
        with tf.name_scope(None):  # the tag is 'input_images', not 'cond/input_images'
            return tf.summary.image('input_images', images, IMAGES_SHOWN, collections=[])
    # The read of global_step has no inputs, so it runs before the step's update: steps 0, N, 2N... are shown.
    due = tf.logical_and(is_training, tf.equal(global_step % IMAGE_SUMMARY_STEPS, 0))
    return tf.cond(due, images_shown, lambda: tf.constant(b''))  # b'' is an empty Summary proto


def build_graph(top_k, charset_size, learning_rate=1e-3, lr_decay='none', max_steps=1, bn_decay=0.95,
                trained_classes=None):
    """The seed's named handles: placeholders, train op, metrics and top-k predictions.

    With `trained_classes` (a checkpoint's class count, larger than charset_size), the network has that
    many logits and reads with the first charset_size of them: label ids keep their meaning across
    charsets, so a 6896-class model still answers the 3755-class task."""
    keep_prob = tf.placeholder_with_default(1.0, shape=[], name='keep_prob')
    images = tf.placeholder(tf.float32, [None, IMAGE_SIZE, IMAGE_SIZE, 1], name='image_batch')
    labels = tf.placeholder(tf.int64, [None], name='label_batch')
    is_training = tf.placeholder_with_default(False, shape=[], name='train_flag')

    logits = network(images, trained_classes or charset_size, is_training, keep_prob, bn_decay)
    if trained_classes and trained_classes > charset_size:
        logits = logits[:, :charset_size]
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(logits=logits, labels=labels))
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), labels), tf.float32))

    global_step = tf.train.get_or_create_global_step()
    rate = learning_rate_schedule(global_step, learning_rate, lr_decay, max_steps)
    tf.add_to_collection(tf.GraphKeys.SUMMARIES, input_images_summary(images, is_training, global_step))
    # create_train_op runs the UPDATE_OPS (batch-norm moving averages) once per step, before the update.
    # Its numerics check would raise before the train loop can report a NaN loss in one line.
    train_op = slim.learning.create_train_op(loss, tf.train.AdamOptimizer(rate), global_step=global_step,
                                             check_numerics=False)

    probabilities = tf.nn.softmax(logits, name='probabilities')
    k = min(top_k, charset_size)
    predicted_val_top_k, predicted_index_top_k = tf.nn.top_k(probabilities, k=k)
    accuracy_top_k = tf.reduce_mean(tf.cast(tf.nn.in_top_k(logits, labels, k), tf.float32))

    tf.summary.scalar('loss', loss)
    tf.summary.scalar('accuracy', accuracy)
    tf.summary.scalar('learning_rate', rate)
    return {'images': images, 'labels': labels, 'keep_prob': keep_prob, 'is_training': is_training,
            'top_k': k, 'global_step': global_step, 'train_op': train_op, 'loss': loss,
            'accuracy': accuracy, 'accuracy_top_k': accuracy_top_k, 'logits': logits,
            'merged_summary_op': tf.summary.merge_all(), 'predicted_distribution': probabilities,
            'predicted_index_top_k': predicted_index_top_k, 'predicted_val_top_k': predicted_val_top_k}


def weights_saver(**kwargs):
    """A Saver over the weights and the step only: restores full and weights-only checkpoints alike."""
    return tf.train.Saver(var_list=slim.get_model_variables() + [tf.train.get_or_create_global_step()], **kwargs)


def trained_charset_size(checkpoint):
    """The number of classes of the checkpoint's logits layer; None when it has no such layer."""
    return dict(tf.train.list_variables(checkpoint)).get(LOGITS_SCOPE + '/weights', [None, None])[1]
