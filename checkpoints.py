"""Training checkpoints that are never lost: a folder lock, saves that refuse diverged weights and clean
up after a failed write, and finding the last checkpoint that is whole and sound."""
import fcntl
import glob
import os
import shutil

import numpy as np
import tensorflow.compat.v1 as tf

from errors import UserError
from model import MODEL_NAME

# Largest absolute value a weight or batch-norm statistic may hold in a checkpoint worth keeping. The
# shipped model's largest is 54 (an fc1 moving variance; its weights stay below 0.5), so 1e6 leaves four
# orders of magnitude for healthy models, while a diverging update sends weights towards 1e29 with
# the loss still finite.
EXPLODED_WEIGHT = 1e6
LOCK_FILE = '.lock'
STATE_FILE = 'checkpoint'  # tf.train's list of the checkpoints in a folder
MB = 1 << 20


class FolderLock:
    """An exclusive lock on a checkpoint folder for one training process.

    flock() is released by the kernel when its holder dies, however it dies, so a lock file left by
    a dead process is simply taken over. The file holds the holder's process id, for the messages.
    """

    def __init__(self, folder, log=print):
        self.path = os.path.join(folder, LOCK_FILE)
        self.log = log
        self.file = None

    def __enter__(self):
        self.file = open(self.path, 'a+')
        try:
            fcntl.flock(self.file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = self._holder()
            self.file.close()
            raise UserError('another training (process %s) is using --checkpoint_dir %s; wait for it to '
                            'finish or pass another --checkpoint_dir' % (holder or '?', os.path.dirname(self.path)))
        except OSError as e:  # a file system without locks (some network ones): train, but say so
            self.log('warning: cannot lock %s (%s); make sure no other training uses this folder'
                     % (self.path, e.strerror))
            return self
        previous = self._holder()
        if previous and previous != str(os.getpid()):
            self.log('taking over the lock of %s left by process %s, which has ended' % (self.path, previous))
        self.file.seek(0)
        self.file.truncate()
        self.file.write(str(os.getpid()))
        self.file.flush()
        return self

    def _holder(self):
        self.file.seek(0)
        return self.file.read().strip()

    def __exit__(self, *exc):
        # The file stays: deleting it would let a third process lock a new file while a second one
        # waits on this one.
        self.file.seek(0)
        self.file.truncate()
        self.file.close()


def step_of(prefix):
    return int(prefix.rsplit('-', 1)[1])


def on_disk(folder):
    """Checkpoint prefixes of this model in folder, listed or not, oldest step first."""
    pattern = os.path.join(folder, glob.escape(MODEL_NAME) + '-*.index')
    prefixes = [path[:-len('.index')] for path in glob.glob(pattern)]
    return sorted((p for p in prefixes if p.rsplit('-', 1)[1].isdigit()), key=step_of)


def listed(folder):
    """The checkpoints tf.train's state file lists, oldest first ([] when there is none)."""
    try:
        state = tf.train.get_checkpoint_state(folder)
    except (tf.errors.OpError, ValueError):  # an unparsable state file lists nothing usable
        return []
    if state is None:
        return []
    return [p if os.path.isabs(p) else os.path.join(folder, p) for p in state.all_model_checkpoint_paths]


def remove(folder):
    """Deletes this model's checkpoints (listed or not) and the list itself; returns how many there were."""
    found = on_disk(folder)
    for path in glob.glob(os.path.join(folder, glob.escape(MODEL_NAME) + '-*')):
        _delete(path)
    _delete(os.path.join(folder, STATE_FILE))
    return len(found)


def _delete(path):
    if os.path.isdir(path):
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        os.remove(path)


def problem(prefix):
    """Why the checkpoint at prefix cannot be restored (missing or truncated files); None when it is whole.

    A V2 checkpoint's data files hold every tensor back to back, so together they are exactly as
    large as the tensors the index lists: a shorter file was cut off (a full disk, an interrupted copy).
    """
    if not os.path.exists(prefix + '.index'):
        return 'its .index file is missing'
    try:
        reader = tf.train.load_checkpoint(prefix)
    except (tf.errors.OpError, ValueError) as e:
        return 'its .index file is unreadable (%s)' % _cause(e)
    data_files = glob.glob(glob.escape(prefix) + '.data-*-of-*')
    shards = int(data_files[0].rsplit('-of-', 1)[1]) if data_files else 1
    if len(data_files) < shards:
        return 'its .data file is missing'
    dtypes, shapes = reader.get_variable_to_dtype_map(), reader.get_variable_to_shape_map()
    if any(dtype == tf.string for dtype in dtypes.values()):
        return None  # strings have no fixed size to check against
    expected = sum(int(np.prod(shapes[name])) * dtype.size for name, dtype in dtypes.items())
    actual = sum(os.path.getsize(path) for path in data_files)
    if actual < expected:
        return 'its .data file is truncated (%.1f of %.1f MB)' % (actual / MB, expected / MB)
    return None


def _cause(error):
    """The line of a TensorFlow error that says what went wrong ("<file>; No space left on device" gives the
    latter part), not the graph node or stack it adds."""
    lines = (getattr(error, 'message', None) or str(error)).strip().split('\n')
    for line in lines:
        if '; ' in line and not line[:1].isspace():
            return line.rsplit('; ', 1)[1]
    return lines[0]


def checked(prefix):
    """prefix, when the checkpoint is whole; else a UserError saying what is wrong with it."""
    reason = problem(prefix)
    if reason:
        raise UserError('checkpoint %s is damaged: %s; copy it again, or pass a --checkpoint_dir that holds a '
                        'whole one' % (prefix, reason))
    return prefix


def diverged(prefix):
    """The largest absolute model weight in a checkpoint when it is non-finite or exploded; else None."""
    reader = tf.train.load_checkpoint(prefix)
    largest = max((_largest(reader.get_tensor(name)) for name, dtype in reader.get_variable_to_dtype_map().items()
                   if dtype.is_floating and _is_model_weight(name)), default=0.0)
    return None if largest < EXPLODED_WEIGHT else largest


def _is_model_weight(name):
    # Adam's slots (…/Adam, …/Adam_1, beta powers) may be large in a healthy model.
    return 'Adam' not in name and not name.startswith('beta')


def _largest(values):
    values = np.abs(values.astype(np.float64))
    return float(np.inf) if not np.isfinite(values).all() else float(values.max(initial=0.0))


def last_good(folder, log=print):
    """The newest checkpoint in folder that is whole and holds finite, unexploded weights; None when there
    is no checkpoint at all. Skipped ones are logged; a UserError when none is good."""
    candidates = sorted(set(listed(folder)) | set(on_disk(folder)), key=step_of, reverse=True)
    for prefix in candidates:
        reason = problem(prefix)
        largest = None if reason else diverged(prefix)
        if largest is not None:
            reason = 'its weights diverged (largest %g)' % largest
        if reason is None:
            return prefix
        log('warning: skipping checkpoint %s: %s' % (prefix, reason))
    if candidates:
        raise UserError('no usable checkpoint in %s (see the warnings above); train without --restore and with '
                        '--overwrite to start over' % folder)
    return None


class Saver:
    """tf.train.Saver for training: refuses to save diverged weights and cleans up after a failed write,
    so the checkpoints already on disk stay whole and listed."""

    def __init__(self, folder, max_to_keep=3):
        self.folder = folder
        self.saver = tf.train.Saver(max_to_keep=max_to_keep, save_relative_paths=True)
        self.largest_weight = _largest_weight_op(tf.model_variables())
        self.bytes_needed = sum(v.shape.num_elements() * v.dtype.base_dtype.size for v in tf.global_variables())
        self.saved_step = None

    def restore(self, sess, prefix):
        """Restores prefix and takes over the listed checkpoints, so that max_to_keep also deletes those."""
        self.saver.restore(sess, prefix)
        self.saver.recover_last_checkpoints([p for p in listed(self.folder) if step_of(p) <= step_of(prefix)])
        self.saved_step = step_of(prefix)

    def save(self, sess, global_step):
        """Saves the step unless already saved; returns the checkpoint prefix."""
        step = int(sess.run(global_step))
        if step == self.saved_step:
            return self.latest()
        largest = float(sess.run(self.largest_weight))
        if not largest < EXPLODED_WEIGHT:
            raise UserError('training diverged at step %d (the largest weight is %g): not saved; %s'
                            % (step, largest, self._advice('lower --learning_rate and rerun')))
        prefix = os.path.join(self.folder, MODEL_NAME)
        try:
            saved = self.saver.save(sess, prefix, global_step=step)
        except (tf.errors.OpError, OSError) as e:
            self._clean_up_failed(step)
            free = shutil.disk_usage(self.folder).free
            raise UserError('could not save the checkpoint of step %d to %s (%s); a checkpoint needs about %d MB '
                            'and %d MB are free; %s' % (step, self.folder, _cause(e), self.bytes_needed / MB + 1,
                                                        free / MB, self._advice('free space or pass another '
                                                                                '--checkpoint_dir and rerun')))
        self.saved_step = step
        return saved

    def latest(self):
        kept = listed(self.folder)
        return kept[-1] if kept else None

    def _advice(self, action):
        latest = self.latest()
        if latest is None:
            return action
        return 'the checkpoint of step %d is kept: %s with --restore' % (step_of(latest), action)

    def _clean_up_failed(self, step):
        """Removes the failed step's files and TensorFlow's temporary files, and lists only whole checkpoints."""
        stem = os.path.join(self.folder, glob.escape('%s-%d' % (MODEL_NAME, step)))
        for path in glob.glob(stem + '.*') + glob.glob(stem + '_temp*') + \
                glob.glob(os.path.join(self.folder, '*.tempstate*')):
            _delete(path)
        whole = [p for p in listed(self.folder) if problem(p) is None]
        if whole != listed(self.folder):
            if whole:
                tf.train.update_checkpoint_state(self.folder, whole[-1], whole, save_relative_paths=True)
            else:
                _delete(os.path.join(self.folder, STATE_FILE))
        self.saver.recover_last_checkpoints(whole)


def _largest_weight_op(variables):
    """A scalar: the largest absolute value among the variables, inf when any value is NaN or inf."""
    with tf.name_scope('largest_weight'):
        return tf.reduce_max(tf.stack([
            tf.reduce_max(tf.where(tf.is_finite(v), tf.abs(v), tf.fill(tf.shape(v), np.inf)))
            for v in variables]))
