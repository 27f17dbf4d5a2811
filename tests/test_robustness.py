"""Training never loses work and nothing ends in a traceback: signals sent to a real training process,
divergence, a full disk, a stale lock, two trainings on one folder, damaged checkpoints, bad flags and
unusual images. Each case checks the exit status, the one-line message and what is on disk."""
import errno
import glob
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

import checkpoints
import chinese_ocr
from benchmarks.bad_inputs import CLASSES, explode, make_dataset
from conftest import ROOT, WQY_FONTS
from model import MODEL_NAME
from reader import gray_image

FONT = os.path.join(WQY_FONTS, 'wqy-zenhei.ttc')


@pytest.fixture(scope='module')
def mini_dataset(tmp_path_factory):
    """Two classes (bars and rings), 8 images each per split: enough to run a few training steps."""
    out = tmp_path_factory.mktemp('mini')
    make_dataset(str(out))
    return out


def train_args(dataset, ckpt, *extra):
    return ['--mode=train', '--charset_size', CLASSES, '--batch_size', 4, '--eval_steps', 1000,
            '--train_data_dir', dataset / 'train', '--test_data_dir', dataset / 'test',
            '--checkpoint_dir', ckpt, '--log_dir', ckpt.parent / (ckpt.name + '_log'), *extra]


def cli(*args):
    """Runs the CLI in this process; returns (exit status, the error line or '')."""
    try:
        chinese_ocr.main([str(a) for a in args])
    except SystemExit as e:
        assert isinstance(e.code, str) and '\n' not in e.code, e.code
        return 1, e.code
    return 0, ''


def listed_steps(ckpt):
    return [checkpoints.step_of(p) for p in checkpoints.listed(str(ckpt))]


def leftovers(ckpt):
    """Temporary files a save may leave behind."""
    return glob.glob(str(ckpt / '*tempstate*')) + glob.glob(str(ckpt / '*_temp*'))


@pytest.fixture(scope='module')
def good_checkpoint(mini_dataset, tmp_path_factory):
    """A folder with whole checkpoints at steps 2 and 4."""
    ckpt = tmp_path_factory.mktemp('good') / 'ckpt'
    assert cli(*train_args(mini_dataset, ckpt, '--max_steps', 4, '--save_steps', 2)) == (0, '')
    assert listed_steps(ckpt) == [2, 4]
    return ckpt


def copy_of(ckpt, tmp_path):
    return shutil.copytree(ckpt, tmp_path / 'ckpt')


# --- signals, sent to a real training process ---

def start_training(dataset, ckpt, log):
    args = [str(a) for a in train_args(dataset, ckpt, '--max_steps', 100000, '--save_steps', 100000)]
    stderr = open(log, 'w')
    return subprocess.Popen([sys.executable, os.path.join(ROOT, 'chinese_ocr.py'), *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=stderr, text=True)


def wait_for(log, text, process, timeout=120):
    deadline = time.time() + timeout
    while text not in open(log).read():
        assert process.poll() is None, open(log).read()
        assert time.time() < deadline, 'no %r in %s' % (text, open(log).read())
        time.sleep(0.1)


def test_sigterm_saves_a_second_signal_waits_and_a_second_training_is_refused(mini_dataset, tmp_path):
    ckpt, log = tmp_path / 'ckpt', tmp_path / 'train.log'
    training = start_training(mini_dataset, ckpt, log)
    try:
        wait_for(log, 'the step 2 takes', training)
        second = subprocess.run([sys.executable, os.path.join(ROOT, 'chinese_ocr.py'),
                                 *[str(a) for a in train_args(mini_dataset, ckpt, '--max_steps', 10)]],
                                cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert second.returncode == 1 and 'Traceback' not in second.stderr
        assert second.stderr.strip().split('\n')[-1].startswith(
            'error: another training (process %d) is using --checkpoint_dir' % training.pid)
        training.send_signal(signal.SIGTERM)
        time.sleep(0.3)  # the save of a 140 MB checkpoint takes longer
        training.send_signal(signal.SIGINT)
        assert training.wait(timeout=120) == 1
    finally:
        training.kill()
    stderr = open(log).read()
    assert 'Traceback' not in stderr
    last = stderr.strip().split('\n')[-1]
    assert last.startswith('error: stopped by SIGTERM: saved the checkpoint at step ')
    step = int(last.split('at step ')[1].split(';')[0])
    assert step >= 2 and listed_steps(ckpt) == [step]
    assert checkpoints.problem(checkpoints.listed(str(ckpt))[0]) is None and not leftovers(ckpt)


def test_ctrl_c_during_start_up_is_one_line(mini_dataset, tmp_path):
    training = start_training(mini_dataset, tmp_path / 'ckpt', tmp_path / 'log')
    time.sleep(1.0)  # TensorFlow is still being imported
    training.send_signal(signal.SIGINT)
    assert training.wait(timeout=60) == 1
    stderr = open(tmp_path / 'log').read()
    assert 'Traceback' not in stderr and stderr.strip().split('\n')[-1].startswith('error: SIGINT while starting')
    assert not checkpoints.on_disk(str(tmp_path / 'ckpt'))


def test_the_lock_of_a_killed_training_is_taken_over(mini_dataset, tmp_path, caplog):
    ckpt, log = tmp_path / 'ckpt', tmp_path / 'train.log'
    training = start_training(mini_dataset, ckpt, log)
    try:
        wait_for(log, 'the step 1 takes', training)
    finally:
        training.kill()  # SIGKILL: no chance to clean up
    training.wait()
    assert (ckpt / checkpoints.LOCK_FILE).read_text() == str(training.pid)
    caplog.set_level(logging.INFO)
    assert cli(*train_args(mini_dataset, ckpt, '--max_steps', 1)) == (0, '')
    assert 'left by process %d' % training.pid in caplog.text and listed_steps(ckpt) == [1]


def test_a_folder_without_locks_is_trained_in_with_a_warning(tmp_path, monkeypatch):
    def no_locks(*args):
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))
    monkeypatch.setattr(checkpoints.fcntl, 'flock', no_locks)
    messages = []
    with checkpoints.FolderLock(str(tmp_path), messages.append):
        pass
    assert messages == ['warning: cannot lock %s (No locks available); make sure no other training uses this '
                        'folder' % (tmp_path / checkpoints.LOCK_FILE)]


# --- divergence ---

def test_nan_loss_is_one_line_and_keeps_the_last_good_checkpoint(good_checkpoint, mini_dataset, tmp_path):
    ckpt = copy_of(good_checkpoint, tmp_path)
    status, message = cli(*train_args(mini_dataset, ckpt, '--restore', '--max_steps', 20, '--learning_rate', 1e30))
    assert status == 1 and re.match(r'error: the loss became nan at step \d+; lower --learning_rate', message)
    assert listed_steps(ckpt) == [2, 4]


def test_exploded_weights_are_not_saved_over_the_last_good_checkpoint(good_checkpoint, mini_dataset, tmp_path):
    ckpt = copy_of(good_checkpoint, tmp_path)
    status, message = cli(*train_args(mini_dataset, ckpt, '--restore', '--max_steps', 20, '--save_steps', 1,
                                      '--learning_rate', 1e6))
    found = re.match(r'error: training diverged at step (\d+) \(the largest weight is .*\): not saved; '
                     r'the checkpoint of step (\d+) is kept: lower --learning_rate and rerun with --restore', message)
    assert status == 1 and found, message
    diverged, kept = int(found[1]), int(found[2])
    assert kept == diverged - 1 and listed_steps(ckpt)[-1] == kept  # --save_steps 1: every sound step was saved
    assert not glob.glob(str(ckpt / ('%s-%d*' % (MODEL_NAME, diverged))))
    assert checkpoints.diverged(checkpoints.listed(str(ckpt))[-1]) is None


def test_restore_skips_exploded_and_truncated_checkpoints(good_checkpoint, mini_dataset, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    ckpt = copy_of(good_checkpoint, tmp_path)
    explode(str(ckpt / (MODEL_NAME + '-4')), str(ckpt / (MODEL_NAME + '-6')))
    with open(ckpt / (MODEL_NAME + '-4.data-00000-of-00001'), 'r+b') as f:
        f.truncate(1 << 20)
    assert cli(*train_args(mini_dataset, ckpt, '--restore', '--max_steps', 3)) == (0, '')
    assert 'chinese-rec-model-6: its weights diverged' in caplog.text
    assert 'chinese-rec-model-4: its .data file is truncated' in caplog.text
    assert 'restore from the checkpoint %s' % (ckpt / (MODEL_NAME + '-2')) in caplog.text
    assert checkpoints.listed(str(ckpt))[-1].endswith('-3')


# --- a full disk ---

@pytest.fixture
def small_disk(tmp_path):
    """A 200 MB tmpfs: room for one checkpoint of this network (141 MB) but not two."""
    folder = tmp_path / 'disk'
    folder.mkdir()
    if subprocess.run(['mount', '-t', 'tmpfs', '-o', 'size=200m', 'tmpfs', str(folder)],
                      capture_output=True).returncode:
        pytest.skip('cannot mount a tmpfs here (needs root)')
    yield folder
    subprocess.run(['umount', '--lazy', str(folder)], check=True)


def test_full_disk_keeps_the_last_checkpoint_and_frees_the_partial_one(small_disk, mini_dataset):
    ckpt = small_disk / 'ckpt'
    status, message = cli(*train_args(mini_dataset, ckpt, '--max_steps', 4, '--save_steps', 2),
                          '--log_dir', small_disk.parent / 'log')
    assert status == 1 and message.startswith('error: could not save the checkpoint of step 4')
    assert 'No space left on device' in message and 'a checkpoint needs about 141 MB' in message
    assert 'the checkpoint of step 2 is kept' in message
    assert listed_steps(ckpt) == [2] and checkpoints.problem(str(ckpt / (MODEL_NAME + '-2'))) is None
    assert not leftovers(ckpt) and not glob.glob(str(ckpt / (MODEL_NAME + '-4*')))
    step_2 = sum(os.path.getsize(p) for p in glob.glob(str(ckpt / (MODEL_NAME + '-2.*'))))
    assert shutil.disk_usage(small_disk).used < step_2 + (1 << 20)


# --- damaged checkpoints and restarts ---

@pytest.mark.parametrize('mode', ['validation', 'inference', 'export'])
def test_truncated_checkpoint_is_named_in_one_line(good_checkpoint, mini_dataset, tmp_path, mode):
    ckpt = copy_of(good_checkpoint, tmp_path)
    with open(ckpt / (MODEL_NAME + '-4.data-00000-of-00001'), 'r+b') as f:
        f.truncate(1 << 20)
    status, message = cli('--mode', mode, '--charset_size', CLASSES, '--checkpoint_dir', ckpt,
                          '--test_data_dir', mini_dataset / 'test',
                          '--image', os.path.join(ROOT, 'examples/crops/001.png'),
                          '--export_dir', tmp_path / 'export')
    assert status == 1
    assert message == ('error: checkpoint %s is damaged: its .data file is truncated (1.0 of 140.8 MB); copy it '
                       'again, or pass a --checkpoint_dir that holds a whole one' % (ckpt / (MODEL_NAME + '-4')))
    assert not os.path.exists(tmp_path / 'export' / 'saved_model')


def test_training_over_old_checkpoints_needs_restore_or_overwrite(good_checkpoint, mini_dataset, tmp_path):
    ckpt = copy_of(good_checkpoint, tmp_path)
    status, message = cli(*train_args(mini_dataset, ckpt, '--max_steps', 1))
    assert status == 1 and message.startswith('error: %s already holds checkpoints' % ckpt)
    assert '--restore' in message and '--overwrite' in message and listed_steps(ckpt) == [2, 4]
    assert cli(*train_args(mini_dataset, ckpt, '--max_steps', 1, '--overwrite')) == (0, '')
    assert listed_steps(ckpt) == [1] and checkpoints.on_disk(str(ckpt)) == [str(ckpt / (MODEL_NAME + '-1'))]
    # A restart takes over the earlier run's checkpoints: the oldest is rotated out, not left unlisted.
    assert cli(*train_args(mini_dataset, ckpt, '--restore', '--max_steps', 4, '--save_steps', 1)) == (0, '')
    assert listed_steps(ckpt) == [2, 3, 4] and checkpoints.on_disk(str(ckpt)) == checkpoints.listed(str(ckpt))


# --- flags ---

@pytest.mark.parametrize('flag, value, message', [
    ('--batch_size', 0, '--batch_size must be at least 1, not 0'),
    ('--batch_size', -4, '--batch_size must be at least 1, not -4'),
    ('--max_steps', -1, '--max_steps must be at least 1, not -1'),
    ('--save_steps', 0, '--save_steps must be at least 1'),
    ('--eval_steps', 0, '--eval_steps must be at least 1'),
    ('--top_k', 0, '--top_k must be at least 1'),
    ('--learning_rate', -0.001, '--learning_rate must be a positive number, not -0.001'),
    ('--learning_rate', 'nan', '--learning_rate must be a positive number, not nan'),
    ('--keep_prob', 0, '--keep_prob must be in (0, 1]'),
    ('--keep_prob', 1.5, '--keep_prob must be in (0, 1]'),
    ('--image_size', 32, '--image_size must be 64, not 32'),
    ('--charset_size', 3756, '--charset_size 3756 is out of range'),
    ('--charset_size', 0, '--charset_size 0 is out of range'),
    ('--charset', '/no/such/charset', 'cannot read charset file /no/such/charset'),
    ('--overwrite', None, '--restore continues from the checkpoints that --overwrite deletes'),
])
def test_bad_training_flags_are_refused_before_anything_is_written(mini_dataset, tmp_path, flag, value, message):
    ckpt = tmp_path / 'ckpt'
    # The flag comes last, so it overrides train_args's value (argparse keeps the last one).
    status, error = cli(*train_args(mini_dataset, ckpt, '--max_steps', 2, '--restore'), flag,
                        *([] if value is None else [value]))
    assert status == 1 and error.startswith('error: ' + message)
    assert not os.path.exists(ckpt)


# --- images ---

def glyph_image():
    image = Image.new('L', (64, 64), 255)
    ImageDraw.Draw(image).text((8, 4), '中', fill=0, font=ImageFont.truetype(FONT, 48))
    return image


def test_sixteen_bit_png_keeps_its_grey_levels(tmp_path):
    eight = np.asarray(glyph_image())
    Image.fromarray(eight.astype(np.uint16) * 257).save(tmp_path / 'a.png')
    assert Image.open(tmp_path / 'a.png').mode == 'I;16'
    assert np.array_equal(gray_image(str(tmp_path / 'a.png')), eight)


def test_dark_text_on_a_transparent_background_is_composited_on_white(tmp_path):
    eight = np.asarray(glyph_image())
    rgba = np.zeros((64, 64, 4), np.uint8)
    rgba[..., 3] = 255 - eight  # black ink, transparent paper (whose colour is black too)
    Image.fromarray(rgba, 'RGBA').save(tmp_path / 'a.png')
    assert np.abs(gray_image(str(tmp_path / 'a.png')).astype(int) - eight).max() <= 1


def test_animated_gif_is_read_from_its_first_frame_with_a_warning(tmp_path):
    first = glyph_image()
    first.save(tmp_path / 'a.gif', save_all=True, append_images=[first.rotate(90)])
    warnings = []
    assert np.array_equal(gray_image(str(tmp_path / 'a.gif'), warnings.append), np.asarray(first))
    assert warnings == ['warning: %s has 2 frames; only the first is read' % (tmp_path / 'a.gif')]


def test_decompression_bomb_is_one_line(good_checkpoint, tmp_path):
    Image.new('1', (20000, 20000), 1).save(tmp_path / 'huge.png')  # 90 kB on disk, 400 megapixels
    status, message = cli('--mode=inference', '--charset_size', CLASSES, '--checkpoint_dir', good_checkpoint,
                          '--image', tmp_path / 'huge.png')
    assert status == 1 and message.startswith('error: %s is too large to read' % (tmp_path / 'huge.png'))
    assert 'the limit is 40 megapixels' in message



@pytest.mark.parametrize('sizes, message', [('20', 'two whole numbers'), ('a,b', 'two whole numbers'),
                                            ('30,20', 'smallest first'), ('4,20', 'at least 8 pixels')])
def test_real_crops_refuses_sizes_it_cannot_draw_in_one_line(sizes, message):
    result = subprocess.run([sys.executable, os.path.join(ROOT, 'benchmarks', 'real_crops.py'), '--sizes', sizes],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and message in result.stderr.strip().splitlines()[-1]
    assert 'Traceback' not in result.stderr
