"""Between-graph replicated training on TensorFlow's own runtime: parameter servers, workers, model clones.

A ps task serves the variables; every worker builds the whole graph under `replica_device_setter`,
reads its own shard of the training images on its own CPU, and runs `--num_clones` copies of the
network whose gradients are averaged into one update. Task 0 of the workers is the chief: it alone
initializes or restores the variables, writes checkpoints and summaries. The structure follows
tensorflow/models research/slim (train_image_classifier.py, deployment/model_deploy.py).
"""
import contextlib
import logging
import os
import signal
import socket
import threading
import time

import numpy as np
import slim_compat  # noqa: F401  (must precede tf_slim)
import tensorflow.compat.v1 as tf
import tf_slim as slim

from data_iterator import DataIterator
from errors import UserError
from model import MODEL_NAME, learning_rate_schedule, network

# A blocked op (a lost parameter server, a sync token that never comes) fails after this long
# instead of hanging; it must exceed the slowest legitimate step, e.g. 3 s for batch 128 on 2 cores
# plus the first fill of the shuffle queue (20,000 images, about a minute on a slow disk).
OPERATION_TIMEOUT_MS = 5 * 60 * 1000
# Non-chief workers check that the chief has initialized the variables this often (TF's default: 30 s).
CHIEF_POLL_SECS = 1
# How long a task waits for the rest of the cluster to come up before giving up, in seconds.
CLUSTER_WAIT_SECS = 30 * 60
# Seconds the queue-runner threads get to stop when a session closes (TF's default: 120 s). The sync
# optimizer's chief thread always uses all of it: it waits on the ps for gradients that no longer come.
STOP_GRACE_SECS = 3

# A ps that refuses connections PS_CHECK_FAILURES times in a row, PS_CHECK_SECS apart, is gone. TensorFlow
# itself would wait for it forever: even closing a session blocks on a dead ps.
PS_CHECK_SECS = 2
PS_CHECK_FAILURES = 3
# The ps stays up this long after the last worker is done: closing that worker's session still reaches it.
PS_LINGER_SECS = 2

logger = logging.getLogger('chinese-ocr')


def requested(flags):
    """True when any flag of this module differs from its default: then training goes through here."""
    return bool(flags.job_name or flags.ps_hosts or flags.worker_hosts or flags.task or flags.sync_replicas
                or flags.replicas_to_aggregate is not None or flags.num_clones != 1 or flags.clone_on_cpu)


def host_list(text, flag):
    """The host:port entries of a comma-separated --ps_hosts/--worker_hosts value."""
    hosts = [h.strip() for h in (text or '').split(',')]
    for host in hosts:
        name, _, port = host.rpartition(':')
        if not name or not port.isdigit() or not 0 < int(port) < 65536:
            raise UserError('%s %r is not a comma-separated list of host:port (e.g. 10.0.0.1:2222,10.0.0.2:2222)'
                            % (flag, text))
    return hosts


def cluster_spec(flags):
    """The validated ClusterSpec of --ps_hosts/--worker_hosts, or None for clones in one process."""
    if flags.num_clones < 1:
        raise UserError('--num_clones must be at least 1, got %d' % flags.num_clones)
    if not (flags.job_name or flags.ps_hosts or flags.worker_hosts):
        if flags.task or flags.sync_replicas or flags.replicas_to_aggregate is not None:
            raise UserError('--task, --sync_replicas and --replicas_to_aggregate need a cluster: pass --job_name, '
                            '--ps_hosts and --worker_hosts')
        return None
    if not flags.job_name:
        raise UserError('missing --job_name: pass --job_name ps or --job_name worker with --ps_hosts/--worker_hosts')
    if not flags.ps_hosts or not flags.worker_hosts:
        raise UserError('--job_name needs both --ps_hosts and --worker_hosts (comma-separated host:port lists)')
    ps, workers = host_list(flags.ps_hosts, '--ps_hosts'), host_list(flags.worker_hosts, '--worker_hosts')
    if len(set(ps + workers)) < len(ps + workers):
        raise UserError('--ps_hosts and --worker_hosts list the same host:port twice; give each task its own port')
    tasks = {'ps': ps, 'worker': workers}[flags.job_name]
    if not 0 <= flags.task < len(tasks):
        raise UserError('--task %d is out of range: %d %s tasks are listed (--task 0..%d)'
                        % (flags.task, len(tasks), flags.job_name, len(tasks) - 1))
    if flags.replicas_to_aggregate is not None:
        if not flags.sync_replicas:
            raise UserError('--replicas_to_aggregate needs --sync_replicas')
        if not 1 <= flags.replicas_to_aggregate <= len(workers):
            raise UserError('--replicas_to_aggregate must be between 1 and the number of workers (%d), got %d'
                            % (len(workers), flags.replicas_to_aggregate))
    return tf.train.ClusterSpec({'ps': ps, 'worker': workers})


def train(flags, config, check_checkpoint, check_writable):
    """Runs this process's task: a ps until the workers are done, or a worker until --max_steps."""
    cluster = cluster_spec(flags)
    if cluster and flags.job_name == 'ps':
        return run_ps(cluster, flags.task)
    return run_worker(flags, cluster, config, check_checkpoint, check_writable)


def start_server(cluster, job_name, task):
    try:
        return tf.train.Server(cluster, job_name=job_name, task_index=task)
    except (tf.errors.OpError, RuntimeError) as e:
        raise UserError('cannot start the %s %d server on %s (%s); is the port free?'
                        % (job_name, task, cluster.task_address(job_name, task), first_line(e)))


def first_line(error):
    return str(getattr(error, 'message', error)).strip().splitlines()[0]


def done_queues(cluster):
    """One queue per ps task into which each worker puts its task id when it stops: the ps's way out of join()."""
    queues = []
    for task in range(cluster.num_tasks('ps')):
        with tf.device('/job:ps/task:%d' % task):
            queues.append(tf.FIFOQueue(cluster.num_tasks('worker'), tf.int32, shared_name='done_queue_%d' % task,
                                       name='done_queue_%d' % task))
    return queues


def run_ps(cluster, task):
    server = start_server(cluster, 'ps', task)
    workers = cluster.num_tasks('worker')
    done = done_queues(cluster)[task].dequeue()
    logger.info('ps %d serving on %s until %d workers are done', task, cluster.task_address('ps', task), workers)
    config = tf.ConfigProto(device_filters=['/job:ps/task:%d' % task])
    with tf.Session(server.target, config=config) as sess:
        for finished in range(1, workers + 1):
            logger.info('ps %d: worker %d is done (%d of %d)', task, sess.run(done), finished, workers)
        time.sleep(PS_LINGER_SECS)
    return {'job_name': 'ps', 'task': task}


def clone_devices(num_clones, clone_on_cpu):
    """One device per clone: the GPUs in order, or the CPU for every clone."""
    if clone_on_cpu:
        return ['/device:CPU:0'] * num_clones
    return ['/device:GPU:%d' % i for i in range(num_clones)]


def average_clone_gradients(clone_grads):
    """One (gradient, variable) per variable: the mean of the clones' gradients (each clone saw its own batch)."""
    averaged = []
    for pairs in zip(*clone_grads):
        grads = [g for g, _ in pairs if g is not None]
        var = pairs[0][1]
        if grads:
            averaged.append((tf.add_n(grads) / len(grads) if len(grads) > 1 else grads[0], var))
    return averaged


def clones(optimizer, images, labels, charset_size, keep_prob, devices):
    """(mean loss, first clone's accuracy, averaged gradients) of one network copy per device, sharing weights.

    The batch is split evenly between the clones; only the first clone's batch-norm updates are kept
    (as in model_deploy), so the moving averages move once per step whatever the number of clones.
    """
    losses, grads = [], []
    # The weights live on the CPU (of the ps, in a cluster) whatever device a clone computes on.
    with slim.arg_scope([slim.model_variable, slim.variable], device='/device:CPU:0'):
        for i, (part_images, part_labels) in enumerate(zip(tf.split(images, len(devices)),
                                                            tf.split(labels, len(devices)))):
            with tf.name_scope('clone_%d' % i), tf.device(devices[i]), \
                    tf.variable_scope(tf.get_variable_scope(), reuse=tf.AUTO_REUSE):
                logits = network(part_images, charset_size, True, keep_prob)
                loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(logits=logits,
                                                                                     labels=part_labels))
                if i == 0:
                    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), part_labels), tf.float32))
                losses.append(loss)
                grads.append(optimizer.compute_gradients(loss))
    return tf.add_n(losses) / len(losses), accuracy, average_clone_gradients(grads)


def training_graph(flags, images, labels, num_workers):
    """The worker's train op, loss, step and summaries; variables go where the enclosing device scope says."""
    global_step = tf.train.get_or_create_global_step()
    rate = learning_rate_schedule(global_step, flags.learning_rate, flags.lr_decay, flags.max_steps)
    optimizer = tf.train.AdamOptimizer(rate)
    if flags.sync_replicas:
        # With fewer replicas to aggregate than workers, the rest are backups: a dead or slow one does not stall.
        optimizer = tf.train.SyncReplicasOptimizer(
            optimizer, replicas_to_aggregate=flags.replicas_to_aggregate or num_workers,
            total_num_replicas=num_workers)
    loss, accuracy, grads = clones(optimizer, images, labels, flags.charset_size, flags.keep_prob,
                                   clone_devices(flags.num_clones, flags.clone_on_cpu))
    # Batch-norm moving averages update once per worker step: in sync training that is num_workers updates
    # per global step, each over batch_size images, i.e. the same number of images per update as one process.
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS, 'clone_0')
    # Not a control dependency of apply_gradients: the sync optimizer's chief queue runner is built there.
    train_op = tf.group(optimizer.apply_gradients(grads, global_step=global_step), *update_ops)
    with tf.control_dependencies([train_op]):
        step_after = global_step.read_value()
    summary = tf.summary.merge([tf.summary.scalar('loss', loss), tf.summary.scalar('accuracy', accuracy),
                                tf.summary.scalar('learning_rate', rate)])
    return {'train_op': train_op, 'loss': loss, 'step': step_after, 'summary': summary,
            'optimizer': optimizer, 'global_step': global_step}


def eval_accuracy(images, labels, charset_size):
    """Accuracy of the current weights on a test batch, in inference mode (moving averages, no dropout)."""
    with tf.name_scope('eval'), tf.variable_scope(tf.get_variable_scope(), reuse=True):
        logits = network(images, charset_size, False, 1.0)
    return tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), labels), tf.float32))


def worker_shard(flags, task, num_workers):
    """The training images of this worker: every num_workers-th image from its task id on."""
    augment = dict(random_flip_up_down=flags.random_flip_up_down, random_brightness=flags.random_brightness,
                   random_contrast=flags.random_contrast)
    feeder = DataIterator(flags.train_data_dir, flags.charset_size, flags.image_size, **augment)
    shard = feeder.shard(task, num_workers)
    if not shard.size:
        raise UserError('worker %d of %d gets no training images: %s holds only %d' %
                        (task, num_workers, flags.train_data_dir, feeder.size))
    return shard


class OneSessionCreator(tf.train.SessionCreator):
    """Creates the session once. MonitoredSession recreates a session that lost a task and retries forever
    while the task is away; here a lost ps or chief ends training with an error instead."""

    def __init__(self, create):
        self._create = create
        self._created = False

    def create_session(self):
        if self._created:
            raise UserError('lost contact with the cluster (a ps or the chief stopped); restart every task, '
                            'the workers with --restore, to continue from the chief\'s last checkpoint')
        self._created = True
        return self._create()


def worker_session_creator(scaffold, master, config):
    """Waits for the chief to initialize the variables, checking every CHIEF_POLL_SECS."""
    def create():
        scaffold.finalize()
        manager = tf.train.SessionManager(local_init_op=scaffold.local_init_op,
                                          ready_op=scaffold.ready_op,
                                          ready_for_local_init_op=scaffold.ready_for_local_init_op,
                                          graph=tf.get_default_graph(), recovery_wait_secs=CHIEF_POLL_SECS)
        return manager.wait_for_session(master, config=config, max_wait_secs=CLUSTER_WAIT_SECS)
    return OneSessionCreator(create)


class ReleaseTokensHook(tf.train.SessionRunHook):
    """When the chief stops, puts a sync token in the queue for each other worker: a worker waiting for a
    token in its last step would otherwise wait until the operation timeout."""

    def __init__(self, optimizer, num_workers):
        self._optimizer = optimizer
        self._num_workers = num_workers

    def begin(self):
        self._release = self._optimizer.get_init_tokens_op(self._num_workers)

    def end(self, session):
        session.run(self._release)


class PsWatch:
    """A forked process that ends this worker with a one-line error when a ps stops accepting connections.
    A process, not a thread: the TensorFlow calls that block on a dead ps may never let a thread run."""

    def __init__(self, addresses):
        self._addresses = addresses
        self._pid = None

    def start(self):
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            try:
                self._watch(parent)
            finally:
                os._exit(0)
        self._pid = pid

    def _watch(self, parent):
        failures = 0
        while os.getppid() == parent:
            time.sleep(PS_CHECK_SECS)
            lost = [a for a in self._addresses if not reachable(a)]
            failures = failures + 1 if lost else 0
            if failures >= PS_CHECK_FAILURES:
                os.write(2, ('error: lost the ps at %s; restart every task, the workers with --restore, to continue '
                             'from the chief\'s last checkpoint\n' % ','.join(lost)).encode())
                os.kill(parent, signal.SIGKILL)  # nothing to save: the variables lived on the ps
                return

    def stop(self):
        os.kill(self._pid, signal.SIGKILL)
        os.waitpid(self._pid, 0)


def reachable(address):
    host, _, port = address.rpartition(':')
    try:
        socket.create_connection((host, int(port)), timeout=PS_CHECK_SECS).close()
        return True
    except OSError:
        return False


class StopRequest:
    """SIGINT and SIGTERM ask the training loop to stop after the current step (the chief then saves)."""

    def __init__(self):
        self.signal = None

    def __enter__(self):
        self._previous = {s: signal.signal(s, self._handle) for s in (signal.SIGINT, signal.SIGTERM)}
        return self

    def _handle(self, signum, _frame):
        self.signal = signum

    def __exit__(self, *_):
        for s, handler in self._previous.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def cancelled_threads_quiet():
    """Closing the session cancels the sync optimizer's chief queue runner, which is how it ends: no traceback."""
    previous = threading.excepthook

    def hook(args):
        if not issubclass(args.exc_type, tf.errors.CancelledError):
            previous(args)
    threading.excepthook = hook
    try:
        yield
    finally:
        threading.excepthook = previous


def run_worker(flags, cluster, config, check_checkpoint, check_writable):
    task = flags.task if cluster else 0
    num_workers = cluster.num_tasks('worker') if cluster else 1
    is_chief = task == 0
    server = start_server(cluster, 'worker', task) if cluster else None
    if cluster:
        # Session creation waits only for the ps tasks and this worker, not for the other workers.
        config.device_filters.extend(['/job:ps', '/job:worker/task:%d' % task])
    config.operation_timeout_in_ms = OPERATION_TIMEOUT_MS
    restore_dir = chief_restore_dir(flags, check_checkpoint, check_writable) if is_chief else None
    graph = worker_graph(flags, cluster, task, num_workers)
    scaffold = tf.train.Scaffold(saver=graph['saver'])
    master = server.target if server else ''
    hooks = [tf.train.StopAtStepHook(last_step=flags.max_steps)]
    if flags.sync_replicas:
        hooks.append(graph['optimizer'].make_session_run_hook(is_chief))
    if is_chief:
        creator = OneSessionCreator(tf.train.ChiefSessionCreator(scaffold, master, config,
                                                                 checkpoint_dir=restore_dir).create_session)
        hooks += chief_hooks(flags, graph, num_workers)
    else:
        creator = worker_session_creator(scaffold, master, config)
    watch = PsWatch(cluster.job_tasks('ps')) if cluster else None
    if watch:
        watch.start()
    try:
        step = train_loop(flags, graph, creator, hooks)
    except tf.errors.OpError as e:
        raise UserError('worker %d stopped: %s (%s); if a ps or the chief died, restart every task, the workers '
                        'with --restore' % (task, type(e).__name__, first_line(e)))
    finally:
        # Telling a dead ps blocks forever, so the watch keeps guarding until the ps has been told.
        tell_the_ps(master, config, graph['done'])
        if watch:
            watch.stop()
    return {'job_name': 'worker', 'task': task, 'global_step': step}


def chief_restore_dir(flags, check_checkpoint, check_writable):
    """--checkpoint_dir when --restore finds a checkpoint there to resume from, else None."""
    check_writable(flags.checkpoint_dir, '--checkpoint_dir')
    latest = tf.train.latest_checkpoint(flags.checkpoint_dir) if flags.restore else None
    if latest:
        check_checkpoint(latest, flags.charset_size)
        logger.info('restore from the checkpoint %s', latest)
        return flags.checkpoint_dir
    if flags.restore:
        logger.info('no checkpoint in %s: starting from scratch', flags.checkpoint_dir)
    return None


def worker_graph(flags, cluster, task, num_workers):
    """training_graph's handles plus the saver, the done-queue tokens and, on the chief, the test accuracy."""
    worker = '/job:worker/task:%d' % task if cluster else ''
    train_feeder = worker_shard(flags, task, num_workers)
    logger.info('worker %d of %d: %d training images', task, num_workers, train_feeder.size)
    # The input pipeline (with any local variable it has) stays on this worker's CPU: under
    # replica_device_setter alone its variables would go to the ps, shared by every worker.
    with tf.device(worker + '/device:CPU:0'):
        images, labels = train_feeder.input_pipeline(flags.batch_size * flags.num_clones, aug=True)
        if task == 0:
            test_images, test_labels = DataIterator(flags.test_data_dir, flags.charset_size,
                                                    flags.image_size).input_pipeline(flags.batch_size)
    setter = tf.train.replica_device_setter(cluster=cluster, worker_device=worker) if cluster else None
    with tf.device(setter):
        graph = training_graph(flags, images, labels, num_workers)
        graph['test_accuracy'] = eval_accuracy(test_images, test_labels, flags.charset_size) if task == 0 else None
    graph['done'] = [q.enqueue(task) for q in done_queues(cluster)] if cluster else []
    with tf.device(worker + '/device:CPU:0'):
        # Not sharded: a sharded saver would make each ps write its shard to its own disk.
        graph['saver'] = tf.train.Saver(max_to_keep=3, sharded=False, save_relative_paths=True)
    return graph


def chief_hooks(flags, graph, num_workers):
    """Checkpoints, summaries and, in sync training, the last tokens for the other workers."""
    hooks = [tf.train.CheckpointSaverHook(flags.checkpoint_dir, save_steps=flags.save_steps, saver=graph['saver'],
                                          checkpoint_basename=MODEL_NAME),
             tf.train.SummarySaverHook(save_steps=1, output_dir=os.path.join(flags.log_dir, 'train'),
                                       summary_op=graph['summary'])]
    if flags.sync_replicas and num_workers > 1:
        hooks.append(ReleaseTokensHook(graph['optimizer'], num_workers))
    return hooks


def train_loop(flags, graph, creator, hooks):
    """Steps until --max_steps or a stop signal; returns the last global step seen."""
    step = 0
    test_accuracy = graph['test_accuracy']
    val_writer = tf.summary.FileWriter(os.path.join(flags.log_dir, 'val')) if test_accuracy is not None else None
    next_eval = flags.eval_steps
    with StopRequest() as stop, cancelled_threads_quiet(), \
            tf.train.MonitoredSession(session_creator=creator, hooks=hooks,
                                      stop_grace_period_secs=STOP_GRACE_SECS) as sess:
        logger.info(':::Training Start::: to step %d', flags.max_steps)
        # The step read after this worker's own update decides: StopAtStepHook alone reads it before the update,
        # so in async training each worker could overshoot --max_steps by a step more.
        while not sess.should_stop() and stop.signal is None and step < flags.max_steps:
            start = time.time()
            _, loss, step = sess.run([graph['train_op'], graph['loss'], graph['step']])
            if not np.isfinite(loss):
                raise UserError('the loss became %s at step %d; lower --learning_rate and rerun with --restore '
                                'from the last good checkpoint in %s' % (loss, step, flags.checkpoint_dir))
            logger.info('the step %d takes %.3f loss %.4f', step, time.time() - start, loss)
            if val_writer and step >= next_eval:
                accuracy = sess.run_step_fn(lambda step_context: step_context.session.run(test_accuracy))
                val_writer.add_summary(tf.Summary(value=[tf.Summary.Value(tag='accuracy',
                                                                         simple_value=accuracy)]), step)
                logger.info('===== the step %d test accuracy: %.4f =====', step, accuracy)
                next_eval = (step // flags.eval_steps + 1) * flags.eval_steps
    if val_writer:
        val_writer.close()
    if stop.signal is not None:
        what = 'saved the checkpoint' if test_accuracy is not None else 'stopped'
        raise UserError('interrupted: %s at step %d; continue with --restore' % (what, step))
    logger.info('===== Train Finished =====')
    return step


def tell_the_ps(master, config, done):
    """Puts this worker's token in every ps's done queue; a ps that is already gone is not waited for."""
    if not done:
        return
    quick = tf.ConfigProto()
    quick.CopyFrom(config)
    quick.operation_timeout_in_ms = STOP_GRACE_SECS * 1000
    try:
        with tf.Session(master, config=quick) as sess:
            sess.run(done)
    except tf.errors.OpError as e:
        logger.info('could not tell the ps that this worker is done (%s)', first_line(e))
