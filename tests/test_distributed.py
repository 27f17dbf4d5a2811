"""Between-graph replicated training on loopback: a ps and workers as real processes, each under a timeout
and killed at the end; model clones and flag validation in-process."""
import json
import os
import re
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
import slim_compat  # noqa: F401  (must precede tf_slim, which distributed imports)
import tensorflow.compat.v1 as tf

import chinese_ocr
import distributed
from conftest import ROOT, WQY_FONTS
from data_iterator import labelled_images
from model import build_graph

sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import train_cluster  # noqa: E402

CLASSES = 4
TASK_TIMEOUT = 240  # seconds any one task may take, start-up included, on 2 busy cores
STEP_LINE = re.compile(r'the step (\d+) takes [\d.]+ loss ([\d.naif]+)')


@pytest.fixture(scope='module')
def dataset(tmp_path_factory):
    """4 characters from the WenQuanYi fonts: 72 training images, enough for a falling loss in a few steps."""
    import gen_printed_char
    out = tmp_path_factory.mktemp('cluster_dataset')
    gen_printed_char.generate(gen_printed_char.parse_args([
        '--out_dir', str(out), '--font_dir', WQY_FONTS, '--charset_size', str(CLASSES), '--need_aug',
        '--rotate', '2', '--rotate_step', '2', '--copies', '3', '--overwrite', '--workers', '2']), log=lambda _: None)
    return out


def train_args(dataset, tmp_path, name, *extra):
    return ['--charset_size', str(CLASSES), '--batch_size', '8', '--eval_steps', '1000', '--save_steps', '1000',
            '--train_data_dir', str(dataset / 'train'), '--test_data_dir', str(dataset / 'test'),
            '--checkpoint_dir', str(tmp_path / name / 'checkpoint'), '--log_dir', str(tmp_path / name / 'log'),
            *[str(e) for e in extra]]


@pytest.fixture
def cluster(tmp_path):
    """Starts tasks as processes (logs in tmp_path/<job>-<task>.log); every one still running at the end is killed."""
    started = []
    hosts = train_cluster.cluster_hosts(workers=3)

    def start(job_name, task, workers, args):
        ps_hosts, worker_hosts = hosts[0], ','.join(hosts[1].split(',')[:workers])
        log = tmp_path / ('%s-%d.log' % (job_name, task))
        command = train_cluster.task_command(job_name, task, ps_hosts, worker_hosts, args)
        process = train_cluster.start(command, str(log))
        process.log = log
        started.append(process)
        return process

    yield start
    train_cluster.stop(started, signal.SIGKILL, 5)


def finish(process, timeout=TASK_TIMEOUT):
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail('%s did not end within %d s:\n%s' % (process.log.name, timeout, process.log.read_text()[-3000:]))


def steps(process):
    """(global step, loss) of each 'the step N takes T loss L' line the task logged."""
    return [(int(s), float(l)) for s, l in STEP_LINE.findall(process.log.read_text())]


def wait_for_steps(process, count, timeout=TASK_TIMEOUT):
    deadline = time.time() + timeout
    while len(steps(process)) < count:
        if process.poll() is not None or time.time() > deadline:
            pytest.fail('%s logged no step:\n%s' % (process.log.name, process.log.read_text()[-3000:]))
        time.sleep(0.5)


def validate(dataset, ckpt, logs):
    chinese_ocr.main(['--mode=validation', '--charset_size', str(CLASSES), '--checkpoint_dir', str(ckpt),
                      '--test_data_dir', str(dataset / 'test'), '--log_dir', str(logs)])
    return json.loads((logs / 'validation_report.json').read_text(encoding='utf-8'))


def test_sync_training_stops_at_max_steps_and_only_the_chief_writes(dataset, cluster, tmp_path):
    max_steps = 12
    ps = cluster('ps', 0, 2, [])
    chief = cluster('worker', 0, 2, train_args(dataset, tmp_path, 'chief', '--sync_replicas', '--max_steps', max_steps))
    other = cluster('worker', 1, 2, train_args(dataset, tmp_path, 'other', '--sync_replicas', '--max_steps', max_steps))
    assert finish(chief) == 0 and finish(other) == 0, chief.log.read_text()[-3000:] + other.log.read_text()[-3000:]
    assert finish(ps, 30) == 0  # every worker told it that it was done
    assert steps(other) and max(s for s, _ in steps(other)) <= max_steps
    ckpt = tmp_path / 'chief' / 'checkpoint'
    assert tf.train.latest_checkpoint(str(ckpt)).endswith('-%d' % max_steps)
    assert not (tmp_path / 'other').exists()  # no checkpoint, no summaries from a non-chief worker
    assert os.listdir(tmp_path / 'chief' / 'log' / 'train')
    losses = [loss for _, loss in steps(chief)]
    assert np.mean(losses[-4:]) < 0.5 * np.log(CLASSES)  # well below a uniform guess's loss: it learned
    assert checkpoint_names(ckpt) == single_process_names()  # the single-process --restore reads it too
    report = validate(dataset, ckpt, tmp_path / 'validation')
    assert report['images'] == len(labelled_images(str(dataset / 'test'), CLASSES))


def checkpoint_names(ckpt):
    return {name for name, _ in tf.train.list_variables(tf.train.latest_checkpoint(str(ckpt)))}


def single_process_names():
    with tf.Graph().as_default():
        build_graph(1, CLASSES)
        return {v.op.name for v in tf.global_variables()}


def test_async_final_step_overshoots_by_fewer_than_the_workers(dataset, tmp_path):
    max_steps = 10
    launcher = subprocess.Popen(
        [sys.executable, os.path.join(ROOT, 'scripts', 'train_cluster.py'), '--workers', '2',
         '--logs', str(tmp_path / 'logs'), '--', *train_args(dataset, tmp_path, 'run', '--max_steps', max_steps)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        output, _ = launcher.communicate(timeout=TASK_TIMEOUT)
    except subprocess.TimeoutExpired:
        launcher.send_signal(signal.SIGINT)  # the launcher then stops every task it started
        launcher.communicate(timeout=train_cluster.WORKER_GRACE_SECS + train_cluster.PS_GRACE_SECS + 10)
        pytest.fail('the local cluster did not finish')
    assert launcher.returncode == 0, output
    final = [STEP_LINE.findall((tmp_path / 'logs' / ('worker-%d.log' % i)).read_text()) for i in range(2)]
    assert all(final)  # both workers trained
    assert max_steps <= max(int(lines[-1][0]) for lines in final) <= max_steps + 2 - 1
    assert 'is done (2 of 2)' in (tmp_path / 'logs' / 'ps-0.log').read_text()


@pytest.mark.slow  # 4 processes: about 50 s on 2 busy cores
def test_a_killed_backup_worker_does_not_stall_sync_training(dataset, cluster, tmp_path):
    max_steps = 12
    args = ['--sync_replicas', '--replicas_to_aggregate', 2, '--max_steps', max_steps]
    cluster('ps', 0, 3, [])
    workers = [cluster('worker', i, 3, train_args(dataset, tmp_path, 'w%d' % i, *args)) for i in range(3)]
    wait_for_steps(workers[2], 1)
    workers[2].send_signal(signal.SIGKILL)
    assert finish(workers[0]) == 0, workers[0].log.read_text()[-3000:]
    assert steps(workers[0])[-1][0] == max_steps
    assert tf.train.latest_checkpoint(str(tmp_path / 'w0' / 'checkpoint')).endswith('-%d' % max_steps)


def test_workers_end_with_a_one_line_error_when_the_ps_dies(dataset, cluster, tmp_path):
    ps = cluster('ps', 0, 2, [])
    workers = [cluster('worker', i, 2, train_args(dataset, tmp_path, 'w%d' % i, '--max_steps', 100000))
               for i in range(2)]
    for worker in workers:
        wait_for_steps(worker, 2)
    ps.send_signal(signal.SIGKILL)
    for worker in workers:
        assert finish(worker, 120) != 0
        last = worker.log.read_text().strip().splitlines()[-1]
        assert last.startswith('error: ') and 'restart every task' in last, worker.log.read_text()[-3000:]
        assert 'Traceback' not in worker.log.read_text()


def test_variables_go_to_the_ps_and_the_input_pipeline_stays_on_the_worker(dataset, tmp_path):
    flags = chinese_ocr.parse_flags(['--job_name', 'worker', '--task', '1', *HOSTS, '--sync_replicas',
                                     *train_args(dataset, tmp_path, 'placement')])
    with tf.Graph().as_default():
        distributed.worker_graph(flags, distributed.cluster_spec(flags), 1, 2)
        model_devices = {v.device for v in tf.global_variables()}
        local_devices = {v.device for v in tf.local_variables()}
        queues = [op for op in tf.get_default_graph().get_operations() if op.type.endswith('QueueV2')
                  and not op.name.startswith(('done_queue', 'sync_token_q'))]
    assert model_devices == {'/job:ps/task:0/device:CPU:0', '/job:ps/task:0'}
    assert local_devices and all(d.startswith('/job:worker/task:1') for d in local_devices)
    assert queues and all(op.device == '/job:worker/task:1/device:CPU:0' for op in queues)


def test_clone_gradients_are_averaged():
    with tf.Graph().as_default():
        a, b = tf.constant([1.0, -2.0]), tf.constant([3.0, 6.0])
        var = tf.Variable([0.0, 0.0])
        other = tf.Variable(0.0)
        averaged = distributed.average_clone_gradients([[(a, var), (None, other)], [(b, var), (None, other)]])
        with tf.Session() as sess:
            assert len(averaged) == 1 and averaged[0][1] is var
            assert sess.run(averaged[0][0]).tolist() == [2.0, 2.0]


def test_clones_average_the_gradients_of_their_own_halves_of_the_batch():
    """Against one network on each half: fails if the clones' gradients were summed or one clone ignored."""
    rng = np.random.default_rng(0)
    images = rng.random((8, 64, 64, 1), dtype=np.float32)
    labels = np.array([0, 1, 2, 3, 3, 2, 1, 0])
    with tf.Graph().as_default():
        optimizer = tf.train.GradientDescentOptimizer(0.1)
        cpu = distributed.clone_devices(2, clone_on_cpu=True)

        def gradients(image_batch, label_batch, devices):
            _, _, grads = distributed.clones(optimizer, tf.constant(image_batch), tf.constant(label_batch),
                                             CLASSES, 1.0, devices)
            return {v.op.name: g for g, v in grads}
        both = gradients(images, labels, cpu)
        first, second = gradients(images[:4], labels[:4], cpu[:1]), gradients(images[4:], labels[4:], cpu[:1])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            both, first, second = sess.run([both, first, second])
    assert set(both) == set(first) and 'fc2/weights' in both
    for name in ('conv3_1/weights', 'fc2/weights'):
        assert np.allclose(both[name], (first[name] + second[name]) / 2, rtol=1e-3, atol=1e-6)
        assert not np.allclose(both[name], first[name] + second[name], rtol=1e-2, atol=1e-6)
        assert not np.allclose(both[name], first[name], rtol=1e-2, atol=1e-6)


def test_two_clones_on_cpu_train_resume_and_validate(dataset, tmp_path):
    args = train_args(dataset, tmp_path, 'clones', '--num_clones', 2, '--clone_on_cpu')
    chinese_ocr.main(['--mode=train', '--max_steps', '3', *args])
    chinese_ocr.main(['--mode=train', '--max_steps', '5', '--restore', *args])
    ckpt = tmp_path / 'clones' / 'checkpoint'
    assert tf.train.latest_checkpoint(str(ckpt)).endswith('-5')
    assert checkpoint_names(ckpt) == single_process_names()
    assert validate(dataset, ckpt, tmp_path / 'validation')['images'] > 0


def error_of(*args):
    with pytest.raises(SystemExit) as exit_info:
        chinese_ocr.main([str(a) for a in args])
    return str(exit_info.value.code)


def test_sigterm_saves_on_the_chief_and_a_nan_loss_stops_training(dataset, tmp_path):
    args = ['--clone_on_cpu', '--max_steps', '1000', *train_args(dataset, tmp_path, 'run')]
    trainer = train_cluster.start([sys.executable, os.path.join(ROOT, 'chinese_ocr.py'), '--mode=train', *args],
                                  str(tmp_path / 'train.log'))
    trainer.log = tmp_path / 'train.log'
    try:
        wait_for_steps(trainer, 2)
        trainer.send_signal(signal.SIGTERM)
        assert finish(trainer, 60) != 0
    finally:
        train_cluster.stop([trainer], signal.SIGKILL, 5)
    message = trainer.log.read_text().strip().splitlines()[-1]
    step = int(re.match(r'error: interrupted: saved the checkpoint at step (\d+); continue with --restore',
                        message)[1])
    ckpt = tmp_path / 'run' / 'checkpoint'
    assert tf.train.latest_checkpoint(str(ckpt)).endswith('-%d' % step)
    message = error_of('--mode=train', *args, '--restore', '--learning_rate', '1e30')
    assert re.match(r'error: the loss became nan at step \d+; lower --learning_rate', message), message
    assert tf.train.latest_checkpoint(str(ckpt)).endswith('-%d' % step)  # the NaN weights were not saved


HOSTS = ['--ps_hosts', '127.0.0.1:1', '--worker_hosts', '127.0.0.1:2,127.0.0.1:3']


@pytest.mark.parametrize('flags, message', [
    (['--job_name', 'worker', '--task', '2', *HOSTS], '--task 2 is out of range: 2 worker tasks'),
    (['--task', '1', *HOSTS], 'missing --job_name'),
    (['--job_name', 'ps', '--ps_hosts', 'localhost', '--worker_hosts', '127.0.0.1:2'],
     "--ps_hosts 'localhost' is not a comma-separated list of host:port"),
    (['--job_name', 'worker', '--ps_hosts', '127.0.0.1:1', '--worker_hosts', '127.0.0.1:1'], 'same host:port twice'),
    (['--job_name', 'worker', '--sync_replicas', '--replicas_to_aggregate', '3', *HOSTS],
     'between 1 and the number of workers (2)'),
    (['--job_name', 'worker', '--replicas_to_aggregate', '1', *HOSTS], '--replicas_to_aggregate needs --sync_replicas'),
    (['--num_clones', '0'], '--num_clones must be at least 1'),
    (['--sync_replicas'], 'need a cluster'),
])
def test_bad_cluster_flags_are_one_line_errors(tmp_path, flags, message):
    text = error_of('--mode=train', '--checkpoint_dir', tmp_path, *flags)
    assert text.startswith('error: ') and message in text and '\n' not in text, text
