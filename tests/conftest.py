"""Shared fixtures: a small rendered dataset and a model trained on it, built once per test session."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')
os.environ.setdefault('TF_ENABLE_ONEDNN_OPTS', '1')

WQY_FONTS = '/usr/share/fonts/truetype/wqy'
TEST_FONTS = WQY_FONTS + ',/usr/share/fonts/truetype/arphic'
TINY_CLASSES = 20


def run_cli(script, *args):
    """Runs one of the repo's scripts as a user would; returns the CompletedProcess."""
    return subprocess.run([sys.executable, os.path.join(ROOT, script), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=900)


@pytest.fixture(scope='session')
def tiny_dataset(tmp_path_factory):
    """20 characters from the WenQuanYi and AR PL fonts, AR PL UMing held out."""
    import gen_printed_char
    out = tmp_path_factory.mktemp('dataset')
    gen_printed_char.generate(gen_printed_char.parse_args([
        '--out_dir', str(out), '--font_dir', TEST_FONTS, '--charset_size', str(TINY_CLASSES),
        '--holdout_fonts', 'UMing', '--need_aug', '--rotate', '2', '--rotate_step', '2', '--copies', '3',
        '--overwrite', '--workers', '2']), log=lambda _: None)
    return out


@pytest.fixture(scope='session')
def tiny_model(tiny_dataset, tmp_path_factory):
    """A checkpoint trained for 160 steps on tiny_dataset; returns (checkpoint_dir, log_dir)."""
    import chinese_ocr
    ckpt = tmp_path_factory.mktemp('checkpoint')
    logs = tmp_path_factory.mktemp('log')
    chinese_ocr.main(['--mode=train', '--charset_size', str(TINY_CLASSES), '--batch_size', '32',
                      '--max_steps', '160', '--eval_steps', '40', '--save_steps', '80',
                      '--train_data_dir', str(tiny_dataset / 'train'), '--test_data_dir', str(tiny_dataset / 'test'),
                      '--checkpoint_dir', str(ckpt), '--log_dir', str(logs)])
    return ckpt, logs
