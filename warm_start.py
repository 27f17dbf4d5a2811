"""Starting a training from other weights: research/slim's --checkpoint_path, for a charset that changed.

The logits layer is the one layer whose shape follows the charset. Because label id i means the same
character in every charset built by charset.py (later groups are appended, `--charset_size N` keeps the
first N), the first rows of a checkpoint's logits still belong to the same characters in a larger or
smaller charset: they are copied, and the rows of new characters keep their fresh initialisation.
Everything else must match in shape, or be named in --checkpoint_exclude_scopes to start afresh.
"""
import numpy as np
import slim_compat  # noqa: F401  (must precede tf_slim)
import tensorflow.compat.v1 as tf
import tf_slim as slim

from errors import UserError
from model import LOGITS_SCOPE


def resolved_checkpoint(path):
    """The checkpoint prefix that `path` names: itself, or the latest checkpoint in a folder."""
    prefix = tf.train.latest_checkpoint(path) if tf.io.gfile.isdir(path) else path
    try:
        tf.train.list_variables(prefix)
    except (tf.errors.OpError, ValueError, TypeError):
        raise UserError('--checkpoint_path %s is not a checkpoint (a folder holding one, or a prefix such as '
                        'model/chinese-rec-model-1600)' % path)
    return prefix


def _excluded(name, scopes):
    return any(name == s or name.startswith(s.rstrip('/') + '/') for s in scopes)


def warm_start_plan(variables, checkpoint, exclude_scopes):
    """(restored as they are, resized along the class axis, left at their initial values): three lists of
    the graph's variables, checked against the checkpoint's names and shapes."""
    shapes = dict(tf.train.list_variables(checkpoint))
    unknown = [s for s in exclude_scopes if not any(_excluded(v.op.name, [s]) for v in variables)]
    if unknown:
        raise UserError('--checkpoint_exclude_scopes %s names no layer of the network; the scopes are %s'
                        % (','.join(unknown), ', '.join(sorted({v.op.name.split('/')[0] for v in variables}))))
    same, resized, fresh = [], [], []
    for var in variables:
        name, shape = var.op.name, var.shape.as_list()
        if _excluded(name, exclude_scopes):
            fresh.append(var)
        elif name not in shapes:
            raise UserError('--checkpoint_path %s has no variable %s; name its scope in --checkpoint_exclude_scopes '
                            'to train it from scratch' % (checkpoint, name))
        elif shapes[name] == shape:
            same.append(var)
        elif name.startswith(LOGITS_SCOPE + '/') and shapes[name][:-1] == shape[:-1]:
            resized.append(var)
        else:
            raise UserError('%s is %s in --checkpoint_path %s but %s here; pass --checkpoint_exclude_scopes %s to '
                            'train it from scratch' % (name, shapes[name], checkpoint, shape, layer_of(name)))
    return same, resized, fresh


def layer_of(name):
    """The scope of the layer a variable belongs to: line/logits of line/logits/weights, conv1 of
    conv1/BatchNorm/beta."""
    parts = name.split('/')[:-1]
    return '/'.join(parts[:-1] if len(parts) > 1 and parts[-1] == 'BatchNorm' else parts)


def warm_start(sess, checkpoint, exclude_scopes=()):
    """Loads `checkpoint` into the initialised model variables (weights and batch-norm statistics, not the
    optimizer's slots or the step, as research/slim does); returns (restored, resized, fresh) counts."""
    same, resized, fresh = warm_start_plan(slim.get_model_variables(), checkpoint, exclude_scopes)
    if same:
        tf.train.Saver(var_list={v.op.name: v for v in same}).restore(sess, checkpoint)
    for var in resized:
        value = sess.run(var)
        old = tf.train.load_variable(checkpoint, var.op.name)
        kept = min(old.shape[-1], value.shape[-1])
        value[..., :kept] = old[..., :kept]
        var.load(np.asarray(value, dtype=value.dtype), sess)
    return len(same), len(resized), len(fresh)
