"""A plain run prints no TensorFlow start-up chatter; what TF_CPP_MIN_LOG_LEVEL lets through still shows."""
import os
import subprocess
import sys

from conftest import ROOT
from quiet_start import kept_lines

STARTUP = ('WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n'
           'I0000 00:00:1795952882.510056    4055 port.cc:153] oneDNN custom operations are on.\n'
           'I0000 00:00:1795952882.609282    4055 cpu_feature_guard.cc:227] This TensorFlow binary is optimized.\n'
           'To enable the following instructions: AVX2 FMA, in other operations, rebuild TensorFlow.\n'
           'W0000 00:00:1795952882.609282    4055 some.cc:1] a warning\n'
           'E0000 00:00:1795952886.699897    4055 cuda_platform.cc:52] failed call to cuInit: UNKNOWN ERROR (303)\n'
           'E0000 00:00:1795952886.699897    4055 other.cc:9] a real error\n'
           'Traceback (most recent call last): a Python message\n')


def test_level_2_keeps_real_errors_and_python_output_only():
    assert kept_lines(STARTUP, 2) == STARTUP.splitlines(keepends=True)[-2:]


def test_level_0_keeps_everything_and_level_1_hides_info_with_its_continuation():
    assert ''.join(kept_lines(STARTUP, 0)) == STARTUP
    kept = ''.join(kept_lines(STARTUP, 1))
    assert 'a warning' in kept and 'oneDNN' not in kept and 'To enable' not in kept and 'cuInit' not in kept


def test_plain_inference_run_prints_no_startup_chatter():
    env = {k: v for k, v in os.environ.items() if k not in ('TF_CPP_MIN_LOG_LEVEL', 'TF_ENABLE_ONEDNN_OPTS')}
    run = subprocess.run([sys.executable, 'chinese_ocr.py', '--mode=inference', '--image', 'examples/paragraph.png'],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    assert 'cuInit' not in run.stderr and 'oneDNN' not in run.stderr and 'absl' not in run.stderr
    assert 'device: ' in run.stderr and 'precision: ' in run.stderr
    assert run.stdout.startswith('examples/paragraph.png:')
