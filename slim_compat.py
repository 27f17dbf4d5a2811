"""Makes tf-slim 1.1.0 run on current TensorFlow; a no-op where nothing is broken.

Import this module before `tf_slim`. Each patch is applied only when the old
name is missing and the new one exists, so on TensorFlow versions tf-slim was
written for nothing changes.
"""
import importlib
import sys

from tensorflow.python.framework import ops
from tensorflow.python.ops import control_flow_ops

LEGACY_LAYERS = 'tf_keras.legacy_tf_layers'


def _alias_legacy_layers():
    """tf.layers' BatchNorm lazily imports a module that tf-keras moved under `src`."""
    try:
        importlib.import_module(LEGACY_LAYERS)
        return False
    except ImportError:
        pass
    try:
        moved = importlib.import_module('tf_keras.src.legacy_tf_layers')
    except ImportError:
        return False
    sys.modules[LEGACY_LAYERS] = moved
    for name in ('normalization', 'base', 'core', 'convolutional', 'pooling'):
        sys.modules[LEGACY_LAYERS + '.' + name] = importlib.import_module(moved.__name__ + '.' + name)
    return True


def _alias_tensor_class():
    if hasattr(ops, 'Tensor'):
        return False
    from tensorflow.python.framework import tensor
    ops.Tensor = tensor.Tensor
    return True


def _alias_cond():
    if hasattr(control_flow_ops, 'cond'):
        return False
    from tensorflow.python.ops import cond
    control_flow_ops.cond = cond.cond
    return True


def apply():
    """Applies the patches that are needed; returns the names of those applied."""
    patches = {'legacy_tf_layers': _alias_legacy_layers,
               'ops.Tensor': _alias_tensor_class,
               'control_flow_ops.cond': _alias_cond}
    return [name for name, patch in patches.items() if patch()]


APPLIED = apply()
