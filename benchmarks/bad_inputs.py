"""Bad inputs and interruptions tried against the CLI, as a new user would: each run is classified as a
clear error, handled right, an unclear error, a traceback, a silent or wrong result, or lost work.

    python benchmarks/bad_inputs.py [--only WORD]      (about 15 minutes on 2 cores; needs root for the
                                                        full-disk case, which mounts a small tmpfs)

A clear error is exit status 1 (2 for argparse's own errors) with a last stderr line `error: ...` that
names the problem; handled right is exit status 0 with the right output and files. Lost work is a
checkpoint that should be on disk, whole and listed, and is not.
"""
import argparse
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import numpy as np  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

import slim_compat  # noqa: E402,F401  (must precede tf_slim)
import tensorflow.compat.v1 as tf  # noqa: E402
import checkpoints  # noqa: E402
from model import MODEL_NAME  # noqa: E402

CLI = os.path.join(ROOT, 'chinese_ocr.py')
SHIPPED = os.path.join(ROOT, 'model')
FONT = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc'
CLASSES = 2
OUTCOMES = ['clear error', 'handled right', 'unclear error', 'traceback', 'silent or wrong', 'lost work']
DISK_MB = 200  # room for one checkpoint of this network (141 MB) but not two


class Run:
    def __init__(self, returncode, stdout, stderr):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr

    @property
    def last_line(self):
        lines = self.stderr.strip().split('\n')
        return lines[-1] if lines else ''


def cli(*args, timeout=900):
    done = subprocess.run([sys.executable, CLI, *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)
    return Run(done.returncode, done.stdout, done.stderr)


def interrupted(args, signals, after='the step 2 takes', delay=0.3):
    """Runs the CLI, sends the signals (delay seconds apart) once `after` is in its stderr (or, when
    after is a number, that many seconds after the start), and waits for it to end."""
    log = tempfile.NamedTemporaryFile('w+', suffix='.log', delete=False)
    process = subprocess.Popen([sys.executable, CLI, *map(str, args)], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=log, text=True)
    if isinstance(after, str):
        while after not in open(log.name).read() and process.poll() is None:
            time.sleep(0.1)
    else:
        time.sleep(after)
    for i, s in enumerate(signals):
        if i:
            time.sleep(delay)
        if process.poll() is None:
            process.send_signal(s)
    stdout, _ = process.communicate(timeout=900)
    return Run(process.returncode, stdout, open(log.name).read())


# --- the material: a two-class dataset, checkpoints made from it, images ---

class Work:
    def __init__(self, folder):
        self.folder = folder
        self.data = os.path.join(folder, 'data')
        make_dataset(self.data)
        self.good = os.path.join(folder, 'good')
        run = cli(*self.train(self.good, '--max_steps', 4, '--save_steps', 2))
        assert run.returncode == 0, run.stderr
        self.count = 0

    def fresh(self, copy_good=False):
        """A new checkpoint folder, empty or holding a copy of the good checkpoints (steps 2 and 4)."""
        self.count += 1
        path = os.path.join(self.folder, 'ckpt%d' % self.count)
        if copy_good:
            shutil.copytree(self.good, path)
        return path

    def train(self, ckpt, *extra):
        return ['--mode=train', '--charset_size', CLASSES, '--batch_size', 4, '--eval_steps', 1000,
                '--train_data_dir', os.path.join(self.data, 'train'),
                '--test_data_dir', os.path.join(self.data, 'test'),
                '--checkpoint_dir', ckpt, '--log_dir', ckpt + '_log', *extra]

    def image(self, name, make):
        path = os.path.join(self.folder, name)
        make(path)
        return path


def make_dataset(folder):
    for split in ('train', 'test'):
        for label in range(CLASSES):
            sub = os.path.join(folder, split, '%05d' % label)
            os.makedirs(sub)
            for i in range(8):
                image = Image.new('L', (64, 64), 0)
                draw = ImageDraw.Draw(image)
                if label:
                    draw.ellipse([12, 12 + i, 50, 52], outline=255, width=4)
                else:
                    draw.rectangle([10 + i, 20, 50, 30 + i], fill=255)
                image.save(os.path.join(sub, '%d.png' % i))


def glyph(char='中', size=96):
    image = Image.new('L', (size, size), 255)
    ImageDraw.Draw(image).text((size // 8, 0), char, fill=0, font=ImageFont.truetype(FONT, size * 3 // 4))
    return image


def sixteen_bit(path):
    Image.fromarray(np.asarray(glyph()).astype(np.uint16) * 257).save(path)


def transparent(path):
    rgba = np.zeros((96, 96, 4), np.uint8)
    rgba[..., 3] = 255 - np.asarray(glyph())
    Image.fromarray(rgba, 'RGBA').save(path)


def animated(path):
    glyph().save(path, save_all=True, append_images=[glyph('国')])


def truncate_latest(ckpt, keep_bytes=1 << 20):
    with open(checkpoints.listed(ckpt)[-1] + '.data-00000-of-00001', 'r+b') as f:
        f.truncate(keep_bytes)
    return ckpt


# --- what must hold afterwards ---

def listed(ckpt):
    return [checkpoints.step_of(p) for p in checkpoints.listed(ckpt)]


def sound(ckpt, at_least=1):
    """The folder lists a whole checkpoint of at least that step, and no temporary files are left."""
    kept = checkpoints.listed(ckpt)
    return (bool(kept) and checkpoints.step_of(kept[-1]) >= at_least and checkpoints.problem(kept[-1]) is None
            and not glob.glob(os.path.join(ckpt, '*tempstate*')) and not glob.glob(os.path.join(ckpt, '*_temp*')))


def saved_where_it_stopped(ckpt, run):
    """The step the message names is the latest whole checkpoint."""
    try:
        step = int(run.last_line.split('at step ')[1].split(';')[0])
    except (IndexError, ValueError):
        return False
    return sound(ckpt, step) and listed(ckpt)[-1] == step


def reads(char):
    return lambda ckpt, run: run.stdout.strip().endswith(char)


# --- the cases ---

def cases(work):
    """(name, expect 'error' or 'ok', what the error line must contain, run, check, what a failed check loses)."""
    w = work
    shipped = ['--mode=inference', '--checkpoint_dir', SHIPPED]
    small = ['--charset_size', CLASSES]
    c = []

    def add(name, expect, text, run, check=None, loses='silent or wrong'):
        c.append((name, expect, text, run, check, loses))

    # Interruptions and divergence
    def signalled(signals, after='the step 2 takes'):
        ckpt = w.fresh()
        return ckpt, interrupted(w.train(ckpt, '--max_steps', 100000, '--save_steps', 100000), signals, after)
    add('SIGTERM while training', 'error', 'stopped by SIGTERM: saved the checkpoint',
        lambda: signalled([signal.SIGTERM]), saved_where_it_stopped, 'lost work')
    add('Ctrl-C while training', 'error', 'stopped by SIGINT: saved the checkpoint',
        lambda: signalled([signal.SIGINT]), saved_where_it_stopped, 'lost work')
    add('second Ctrl-C during the save', 'error', 'stopped by SIGINT: saved the checkpoint',
        lambda: signalled([signal.SIGINT, signal.SIGINT]), saved_where_it_stopped, 'lost work')
    add('second SIGTERM during the save', 'error', 'stopped by SIGTERM: saved the checkpoint',
        lambda: signalled([signal.SIGTERM, signal.SIGTERM]), saved_where_it_stopped, 'lost work')
    add('Ctrl-C during start-up (1 s)', 'error', 'SIGINT while starting', lambda: signalled([signal.SIGINT], 1.0))
    add('SIGTERM during start-up (1 s)', 'error', 'SIGTERM while starting', lambda: signalled([signal.SIGTERM], 1.0))

    def diverging(rate, save_steps):
        ckpt = w.fresh(copy_good=True)
        return ckpt, cli(*w.train(ckpt, '--restore', '--max_steps', 40, '--save_steps', save_steps,
                                  '--learning_rate', rate))

    def last_is_sound(ckpt, run):
        return sound(ckpt, 4) and checkpoints.diverged(checkpoints.listed(ckpt)[-1]) is None
    add('divergence: --learning_rate 1e6, a save every step', 'error', 'training diverged',
        lambda: diverging(1e6, 1), last_is_sound, 'lost work')
    add('divergence: --learning_rate 1e30 (NaN loss before a save)', 'error', 'the loss became nan',
        lambda: diverging(1e30, 1000), last_is_sound, 'lost work')

    def full_disk():
        disk = os.path.join(w.folder, 'disk')
        os.makedirs(disk, exist_ok=True)
        if subprocess.run(['mount', '-t', 'tmpfs', '-o', 'size=%dm' % DISK_MB, 'tmpfs', disk]).returncode:
            return disk, Run(None, '', 'skipped: cannot mount a tmpfs')
        ckpt = os.path.join(disk, 'ckpt')
        try:
            # The last --log_dir wins: the summaries go outside the small disk.
            run = cli(*w.train(ckpt, '--max_steps', 4, '--save_steps', 2), '--log_dir', disk + '_log')
            again = cli(*w.train(ckpt, '--restore', '--max_steps', 6, '--save_steps', 2), '--log_dir', disk + '_log')
            ok = sound(ckpt, 2) and listed(ckpt) == [2] and 'Traceback' not in again.stderr and \
                'could not save the checkpoint of step 4' in again.last_line
            return disk, Run(run.returncode, run.stdout, run.stderr + ('' if ok else '\n[restore afterwards failed]'))
        finally:
            if sound(ckpt, 2) and listed(ckpt) == [2]:
                open(disk + '_sound', 'w').close()  # the tmpfs is gone when the check runs
            subprocess.run(['umount', '--lazy', disk])
    add('full disk during a save (tmpfs of %d MB)' % DISK_MB, 'error', 'a checkpoint needs about', full_disk,
        lambda disk, run: os.path.exists(disk + '_sound') and '[restore' not in run.stderr, 'lost work')

    def two_trainings():
        ckpt = w.fresh()
        args = w.train(ckpt, '--max_steps', 100000, '--save_steps', 100000)
        log = tempfile.NamedTemporaryFile('w+', delete=False)
        first = subprocess.Popen([sys.executable, CLI, *map(str, args)], cwd=ROOT, stdout=subprocess.DEVNULL,
                                 stderr=log, text=True)
        while 'the step 1 takes' not in open(log.name).read() and first.poll() is None:
            time.sleep(0.1)
        second = cli(*w.train(ckpt, '--restore', '--max_steps', 10))
        first.send_signal(signal.SIGTERM)
        first.wait()
        return ckpt, Run(second.returncode, second.stdout, second.stderr + ('' if first.returncode == 1 else
                                                                           '\n[the first training failed]'))
    add('two trainings on one --checkpoint_dir', 'error', 'another training', two_trainings,
        lambda ckpt, run: sound(ckpt) and '[the first' not in run.stderr, 'lost work')

    def stale_lock():
        ckpt = w.fresh()
        killed = interrupted(w.train(ckpt, '--max_steps', 100000), [signal.SIGKILL], 'the step 1 takes')
        assert killed.returncode == -signal.SIGKILL
        return ckpt, cli(*w.train(ckpt, '--max_steps', 2))
    add('lock left by a killed (SIGKILL) training', 'ok', None, stale_lock,
        lambda ckpt, run: 'taking over the lock' in run.stderr and listed(ckpt) == [2])

    def restart(*extra, copy=True):
        ckpt = w.fresh(copy_good=copy)
        return ckpt, cli(*w.train(ckpt, *extra))
    add('train again into a folder with checkpoints, no --restore', 'error', 'already holds checkpoints',
        lambda: restart('--max_steps', 2), lambda ckpt, run: listed(ckpt) == [2, 4], 'lost work')
    add('--overwrite', 'ok', None, lambda: restart('--max_steps', 2, '--overwrite'),
        lambda ckpt, run: listed(ckpt) == [2] and len(checkpoints.on_disk(ckpt)) == 1)
    add('--restore continues; no unlisted checkpoints pile up', 'ok', None,
        lambda: restart('--restore', '--max_steps', 10, '--save_steps', 2),
        lambda ckpt, run: listed(ckpt) == [6, 8, 10] and checkpoints.on_disk(ckpt) == checkpoints.listed(ckpt))
    add('--restore with --max_steps already reached', 'error', 'already at --max_steps',
        lambda: restart('--restore', '--max_steps', 4), lambda ckpt, run: listed(ckpt) == [2, 4])
    add('--restore and --overwrite together', 'error', 'pass one of them',
        lambda: restart('--restore', '--overwrite', '--max_steps', 8), lambda ckpt, run: listed(ckpt) == [2, 4])

    def damaged_restore(how):
        ckpt = w.fresh(copy_good=True)
        if how == 'truncated':
            truncate_latest(ckpt)
        elif how == 'all':
            for prefix in checkpoints.listed(ckpt):
                os.truncate(prefix + '.data-00000-of-00001', 1000)
        else:
            explode(checkpoints.listed(ckpt)[-1], os.path.join(ckpt, MODEL_NAME + '-6'))
        return ckpt, cli(*w.train(ckpt, '--restore', '--max_steps', 8))
    add('--restore, latest .data truncated', 'ok', None, lambda: damaged_restore('truncated'),
        lambda ckpt, run: 'restore from the checkpoint %s' % os.path.join(ckpt, MODEL_NAME + '-2') in run.stderr)
    add('--restore, latest has exploded weights', 'ok', None, lambda: damaged_restore('exploded'),
        lambda ckpt, run: 'restore from the checkpoint %s' % os.path.join(ckpt, MODEL_NAME + '-4') in run.stderr)
    add('--restore, every checkpoint truncated', 'error', 'no usable checkpoint', lambda: damaged_restore('all'))
    for mode, extra in [('validation', ['--test_data_dir', os.path.join(w.data, 'test')]),
                        ('inference', ['--image', os.path.join(ROOT, 'examples/crops/001.png')]),
                        ('export', ['--export_dir', os.path.join(w.folder, 'export')])]:
        add('--mode=%s, .data truncated' % mode, 'error', 'is damaged: its .data file is truncated',
            lambda mode=mode, extra=extra: (None, cli('--mode=' + mode, *small, '--checkpoint_dir',
                                                      truncate_latest(w.fresh(copy_good=True)), *extra)))

    # Flags
    def flag(*extra, mode_args=None):
        ckpt = w.fresh()
        args = mode_args if mode_args is not None else w.train(ckpt, '--max_steps', 4)
        return ckpt, cli(*args, *extra)

    def nothing_written(ckpt, run):
        return not os.path.exists(ckpt)
    for extra, text in [(['--batch_size', 0], '--batch_size must be at least 1'),
                        (['--batch_size', -3], '--batch_size must be at least 1'),
                        (['--max_steps', -1], '--max_steps must be at least 1'),
                        (['--max_steps', 0], '--max_steps must be at least 1'),
                        (['--save_steps', 0], '--save_steps must be at least 1'),
                        (['--eval_steps', 0], '--eval_steps must be at least 1'),
                        (['--learning_rate', -1], '--learning_rate must be a positive number'),
                        (['--learning_rate', 0], '--learning_rate must be a positive number'),
                        (['--learning_rate', 'nan'], '--learning_rate must be a positive number'),
                        (['--charset_size', 5000], '--charset_size 5000 is out of range'),
                        (['--charset_size', 0], '--charset_size 0 is out of range'),
                        (['--image_size', 32], '--image_size must be 64'),
                        (['--keep_prob', 0], '--keep_prob must be in (0, 1]'),
                        (['--keep_prob', 2], '--keep_prob must be in (0, 1]'),
                        (['--charset', '/no/such/file'], 'cannot read charset file'),
                        (['--batch_size', 'abc'], "invalid int value: 'abc'"),
                        (['--mode', 'bogus'], "invalid choice: 'bogus'")]:
        add('train %s' % ' '.join(map(str, extra)), 'error', text, lambda extra=extra: flag(*extra), nothing_written)
    add('inference --top_k 0', 'error', '--top_k must be at least 1',
        lambda: flag(mode_args=shipped + ['--top_k', 0, '--image', os.path.join(ROOT, 'examples/crops/001.png')]))
    add('inference --charset /no/such/file', 'error', 'cannot read charset file',
        lambda: flag(mode_args=shipped + ['--charset', '/no/such/file']))

    # Data and checkpoints (behaviour that was already right)
    add('--train_data_dir missing', 'error', 'does not exist',
        lambda: flag('--train_data_dir', os.path.join(w.folder, 'none')))
    add('--checkpoint_dir not writable', 'error', 'cannot write to --checkpoint_dir',
        lambda: (None, cli(*w.train('/etc/hostname/ck', '--max_steps', 2))))
    add('empty training folder', 'error', 'no images for labels',
        lambda: flag('--train_data_dir', w.image('empty', os.makedirs)))

    def one_bad_training_image():
        data = os.path.join(w.folder, 'data_bad')
        shutil.copytree(os.path.join(w.data, 'train'), data)
        with open(os.path.join(data, '00000', 'bad.png'), 'wb') as f:
            f.write(b'\x89PNG truncated')
        return flag('--train_data_dir', data)
    add('one undecodable training image', 'ok', None, one_bad_training_image,
        lambda ckpt, run: 'skipping' in run.stderr and listed(ckpt) == [4])
    add('validation without a checkpoint', 'error', 'no checkpoint in',
        lambda: flag(mode_args=['--mode=validation', *small, '--checkpoint_dir', w.fresh(),
                                '--test_data_dir', os.path.join(w.data, 'test')]))
    add('checkpoint of another --charset_size', 'error', 'was trained with --charset_size 2',
        lambda: flag(mode_args=['--mode=inference', '--charset_size', '3755', '--checkpoint_dir', w.good, '--image',
                                os.path.join(ROOT, 'examples/crops/001.png')]))

    # Images, read by the shipped model
    def read(path):
        return None, cli(*shipped, '--image', path)
    add('16-bit greyscale PNG', 'ok', None, lambda: read(w.image('16bit.png', sixteen_bit)), reads('中'))
    add('RGBA, black text on a transparent background', 'ok', None,
        lambda: read(w.image('rgba.png', transparent)), reads('中'))
    add('animated GIF (first frame read, with a warning)', 'ok', None, lambda: read(w.image('anim.gif', animated)),
        lambda ckpt, run: reads('中')(ckpt, run) and 'only the first is read' in run.stderr)
    add('20000x20000 image (decompression bomb)', 'error', 'is too large to read',
        lambda: read(w.image('bomb.png', lambda p: Image.new('1', (20000, 20000), 1).save(p))))
    add('7000x6000 image', 'error', 'the limit is 40 megapixels',
        lambda: read(w.image('large.png', lambda p: Image.new('L', (7000, 6000), 255).save(p))))
    add('300x1 image', 'error', 'too small',
        lambda: read(w.image('thin.png', lambda p: Image.new('L', (300, 1), 255).save(p))))
    add('garbage bytes named .png', 'error', 'not a readable image',
        lambda: read(w.image('garbage.png', lambda p: open(p, 'wb').write(b'garbage'))))
    add('blank image', 'error', 'no visible',
        lambda: read(w.image('blank.png', lambda p: Image.new('L', (64, 64), 255).save(p))))
    add('--image missing', 'error', 'not a readable image', lambda: read(os.path.join(w.folder, 'none.png')))
    add('--inference_dir missing', 'error', 'does not exist',
        lambda: (None, cli(*shipped, '--inference_dir', os.path.join(w.folder, 'none'))))
    add('--inference_dir without images', 'error', 'no png/jpg/bmp images',
        lambda: (None, cli(*shipped, '--inference_dir', w.image('noimages', os.makedirs))))

    def one_bad_among_good(path):
        os.makedirs(path)
        glyph().save(os.path.join(path, 'a.png'))
        open(os.path.join(path, 'b.png'), 'wb').write(b'garbage')
    add('one unreadable image among good ones', 'error', '1 of 2 images could not be read',
        lambda: (None, cli(*shipped, '--inference_dir', w.image('mixed', one_bad_among_good))), reads('中'))
    return c


def explode(source, prefix):
    """A copy of the checkpoint at source with its logits weights 1e30 times larger, at prefix."""
    reader = tf.train.load_checkpoint(source)
    values = {name: reader.get_tensor(name) for name in reader.get_variable_to_dtype_map()}
    values['fc2/weights'] *= 1e30
    with tf.Graph().as_default(), tf.Session() as sess:
        # Placeholders, not constants, as initial values: 140 MB of constants would make a slow graph.
        fed = {name: tf.placeholder(tf.as_dtype(value.dtype), value.shape) for name, value in values.items()}
        variables = {name: tf.Variable(placeholder, name=name.replace('/', '_')) for name, placeholder in fed.items()}
        sess.run(tf.global_variables_initializer(), {fed[name]: value for name, value in values.items()})
        tf.train.Saver(variables).save(sess, prefix, write_meta_graph=False, write_state=False)


def outcome(expect, text, run, check_passed, loses):
    if run.returncode is None:
        return None  # skipped
    if 'Traceback' in run.stderr:
        return 'traceback'
    if check_passed is False:
        return loses
    if expect == 'ok':
        return 'handled right' if run.returncode == 0 else 'silent or wrong'
    if run.returncode == 0:
        return 'silent or wrong'
    clear = run.returncode in (1, 2) and 'error: ' in run.last_line and text in run.last_line
    return 'clear error' if clear else 'unclear error'


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--only', help='run only the cases whose name contains this')
    flags = parser.parse_args()
    folder = tempfile.mkdtemp(prefix='bad_inputs-')
    try:
        work = Work(folder)
        counts = Counter()
        rows = []
        for name, expect, text, run_case, check, loses in cases(work):
            if flags.only and flags.only not in name:
                continue
            start = time.time()
            place, run = run_case()
            passed = None if check is None or run.returncode is None else bool(check(place, run))
            result = outcome(expect, text, run, passed, loses)
            counts[result] += 1
            rows.append((name, result or 'skipped', run.returncode, run.last_line[:110]))
            print('%-55s %-15s %5s s  %s' % (name, result, '%.0f' % (time.time() - start), run.last_line[:110]),
                  file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print('| input or interruption | outcome | exit | last line of stderr |')
    print('| --- | --- | --- | --- |')
    for name, result, code, line in rows:
        print('| %s | %s | %s | `%s` |' % (name, result, code, line.replace('|', '\\|')))
    print()
    print('| tried | ' + ' | '.join(OUTCOMES) + ' |')
    print('| --- |' + ' --- |' * len(OUTCOMES))
    print('| %d | ' % sum(counts[o] for o in OUTCOMES) + ' | '.join(str(counts[o]) for o in OUTCOMES) + ' |')


if __name__ == '__main__':
    main()
