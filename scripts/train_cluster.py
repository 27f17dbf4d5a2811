"""Trains on a cluster of local processes: 1 ps and N workers on 127.0.0.1 with free ports, a log per task.

    python scripts/train_cluster.py --workers 2 --logs ./cluster_logs -- --sync_replicas --max_steps 1000 \\
        --train_data_dir ./dataset/train --test_data_dir ./dataset/test

Everything after `--` goes to every task's `chinese_ocr.py --mode=train`. The ps stops when the workers
are done; Ctrl-C asks the workers to stop (the chief saves a checkpoint), then ends every task.
"""
import argparse
import os
import signal
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# After the last worker (or the ps) ends, the other tasks get this long to end on their own before they are stopped.
PS_GRACE_SECS = 15
# After Ctrl-C, the workers get this long to finish their step and (the chief) save before they are killed.
WORKER_GRACE_SECS = 60
POLL_SECS = 0.5


def free_ports(count):
    """Ports nothing listens on right now (held open together so that they differ)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(('127.0.0.1', 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def cluster_hosts(workers, ps=1):
    """(ps_hosts, worker_hosts) flag values on free loopback ports."""
    ports = ['127.0.0.1:%d' % p for p in free_ports(ps + workers)]
    return ','.join(ports[:ps]), ','.join(ports[ps:])


def task_command(job_name, task, ps_hosts, worker_hosts, train_args, python=sys.executable):
    return [python, os.path.join(ROOT, 'chinese_ocr.py'), '--mode=train', '--job_name', job_name,
            '--task', str(task), '--ps_hosts', ps_hosts, '--worker_hosts', worker_hosts, *train_args]


def start(command, log_path):
    with open(log_path, 'w') as log:
        # A session of its own: the terminal's Ctrl-C reaches this launcher only, which then stops each task.
        return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True)


def wait_all(processes, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline and any(p.poll() is None for p in processes):
        time.sleep(POLL_SECS)


def stop(processes, signum, grace):
    """Sends signum to the tasks still running, then kills those still running after grace seconds."""
    for p in processes:
        if p.poll() is None:
            p.send_signal(signum)
    wait_all(processes, grace)
    for p in processes:
        if p.poll() is None:
            p.kill()
            p.wait()


def run(workers, logs, train_args):
    os.makedirs(logs, exist_ok=True)
    ps_hosts, worker_hosts = cluster_hosts(workers)
    ps = start(task_command('ps', 0, ps_hosts, worker_hosts, train_args), os.path.join(logs, 'ps-0.log'))
    tasks = [start(task_command('worker', i, ps_hosts, worker_hosts, train_args),
                   os.path.join(logs, 'worker-%d.log' % i)) for i in range(workers)]
    print('ps on %s, workers on %s; logs in %s' % (ps_hosts, worker_hosts, logs), flush=True)
    try:
        while any(p.poll() is None for p in tasks) and ps.poll() is None:
            time.sleep(POLL_SECS)
    except KeyboardInterrupt:
        print('stopping the workers (the chief saves a checkpoint)...', flush=True)
        stop(tasks, signal.SIGTERM, WORKER_GRACE_SECS)
    finally:
        wait_all(tasks + [ps], PS_GRACE_SECS)
        stop(tasks + [ps], signal.SIGTERM, PS_GRACE_SECS)
    for i, p in enumerate(tasks):
        print('worker %d exited with %d (%s)' % (i, p.returncode, os.path.join(logs, 'worker-%d.log' % i)))
    return 0 if all(p.returncode == 0 for p in tasks) else 1


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    ours, train_args = (argv[:argv.index('--')], argv[argv.index('--') + 1:]) if '--' in argv else (argv, [])
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--workers', type=int, default=2, help='worker tasks (task 0 is the chief)')
    p.add_argument('--logs', default='./cluster_logs', help='folder for ps-0.log and worker-N.log')
    flags = p.parse_args(ours)
    if flags.workers < 1:
        sys.exit('error: --workers must be at least 1')
    return run(flags.workers, flags.logs, train_args)


if __name__ == '__main__':
    sys.exit(main())
