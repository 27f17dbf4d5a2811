import importlib
import sys

import slim_compat
from tensorflow.python.framework import ops
from tensorflow.python.ops import control_flow_ops


def test_patches_what_current_tensorflow_broke():
    assert set(slim_compat.APPLIED) <= {'legacy_tf_layers', 'ops.Tensor', 'control_flow_ops.cond'}
    assert hasattr(ops, 'Tensor') and hasattr(control_flow_ops, 'cond')
    assert importlib.import_module(slim_compat.LEGACY_LAYERS + '.normalization').BatchNormalization


def test_does_nothing_where_nothing_is_broken():
    before = (ops.Tensor, control_flow_ops.cond, sys.modules[slim_compat.LEGACY_LAYERS])
    assert slim_compat.apply() == []
    assert (ops.Tensor, control_flow_ops.cond, sys.modules[slim_compat.LEGACY_LAYERS]) == before


def test_slim_batch_norm_and_train_op_build_and_run():
    import numpy as np
    import tensorflow.compat.v1 as tf
    import tf_slim as slim
    with tf.Graph().as_default(), tf.Session() as sess:
        x = tf.placeholder(tf.float32, [None, 4])
        is_training = tf.placeholder_with_default(True, [])
        y = slim.fully_connected(x, 3, normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training})
        train_op = slim.learning.create_train_op(tf.reduce_mean(y ** 2), tf.train.AdamOptimizer(0.1))
        sess.run(tf.global_variables_initializer())
        assert np.isfinite(sess.run(train_op, {x: np.random.rand(8, 4)}))
