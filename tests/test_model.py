import numpy as np
import pytest
import tensorflow.compat.v1 as tf
import tf_slim as slim

from model import build_graph, weights_saver

CLASSES = 7


@pytest.fixture
def graph():
    with tf.Graph().as_default():
        handles = build_graph(top_k=3, charset_size=CLASSES)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            yield handles, sess


def batch(n=16, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((n, 64, 64, 1), dtype=np.float32), rng.integers(0, CLASSES, n)


def test_handles_are_the_seeds_and_shapes_follow_the_charset(graph):
    handles, sess = graph
    images, _ = batch()
    probs, top = sess.run([handles['predicted_distribution'], handles['predicted_index_top_k']],
                          {handles['images']: images})
    assert probs.shape == (16, CLASSES) and top.shape == (16, 3)
    assert np.allclose(probs.sum(axis=1), 1, atol=1e-5)


def test_logits_layer_is_linear(graph):
    handles, _ = graph
    assert not [v for v in tf.global_variables() if v.name.startswith('fc2/BatchNorm')]
    assert handles['logits'].op.type == 'BiasAdd'  # no ReLU, no normalisation after the matmul


def test_adam_at_learning_rate_1e_3():
    with tf.Graph().as_default():
        build_graph(1, CLASSES)
        rates = [op for op in tf.get_default_graph().get_operations() if op.type.endswith('ApplyAdam')]
        assert rates
        with tf.Session() as sess:
            assert sess.run(rates[0].inputs[5]) == pytest.approx(1e-3)


def test_batch_norm_moving_mean_is_updated_exactly_once_per_step(graph):
    handles, sess = graph
    moving_mean = [v for v in slim.get_model_variables() if v.name == 'conv3_1/BatchNorm/moving_mean:0'][0]
    conv_output = tf.get_default_graph().get_tensor_by_name('conv3_1/Conv2D:0')
    images, labels = batch()
    feed = {handles['images']: images, handles['labels']: labels, handles['is_training']: True}
    before = sess.run(moving_mean)
    batch_mean = sess.run(conv_output, feed).mean(axis=(0, 1, 2))
    sess.run(handles['train_op'], feed)
    decay = 0.95
    assert np.allclose(sess.run(moving_mean), decay * before + (1 - decay) * batch_mean, rtol=1e-3, atol=1e-5)


def test_global_step_is_an_integer_that_counts_steps_and_is_saved(graph, tmp_path):
    handles, sess = graph
    assert handles['global_step'].dtype.base_dtype == tf.int64
    images, labels = batch()
    for _ in range(3):
        sess.run(handles['train_op'], {handles['images']: images, handles['labels']: labels})
    path = weights_saver().save(sess, str(tmp_path / 'model'), global_step=handles['global_step'])
    assert path.endswith('-3')
    assert dict(tf.train.list_variables(path))['global_step'] == []
    assert 'conv3_1/weights/Adam' not in dict(tf.train.list_variables(path))  # weights only
