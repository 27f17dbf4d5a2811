"""TensorFlow's C++ start-up chatter kept off the terminal; what TF_CPP_MIN_LOG_LEVEL allows still shown.

TensorFlow 2.21 logs through Abseil before Abseil is initialised, and such lines ignore
TF_CPP_MIN_LOG_LEVEL: importing it prints "oneDNN custom operations are on" and "Could not find cuda
drivers", and the first device probe prints "failed call to cuInit", an error line on every machine
without a GPU driver. `native_stderr_filtered` catches file descriptor 2 around those moments and
writes back only the lines the level lets through. This module must not import TensorFlow.
"""
import contextlib
import os
import re
import sys
import tempfile

DEFAULT_LEVEL = '2'  # TF_CPP_MIN_LOG_LEVEL: 0 shows everything, 1 hides INFO, 2 also WARNING, 3 also ERROR
SEVERITIES = 'IWEF'  # Abseil's first letter of a line, in TF_CPP_MIN_LOG_LEVEL order
ABSL_LINE = re.compile(r'([IWEF])\d{4} ')  # e.g. "I0000 00:00:1795952882.510056 4055 port.cc:153] ..."
PRE_INIT_BANNER = 'WARNING: All log messages before absl::InitializeLog() is called'
NO_GPU_DRIVER = 'failed call to cuInit'  # the device probe's "error" when there is simply no GPU


def min_log_level():
    try:
        return int(os.environ.get('TF_CPP_MIN_LOG_LEVEL', '0'))
    except ValueError:
        return 0


def kept_lines(text, level):
    """The lines of captured stderr that pass `level`; a hidden Abseil line hides the one line that
    continues it (cpu_feature_guard's "To enable the following instructions: ...")."""
    kept, hide_next = [], False
    for line in text.splitlines(keepends=True):
        match = ABSL_LINE.match(line)
        if match:
            hide = SEVERITIES.index(match.group(1)) < level or (level > 0 and NO_GPU_DRIVER in line)
            hide_next = hide
        elif line.startswith(PRE_INIT_BANNER):
            hide, hide_next = level > 0, False
        else:
            hide, hide_next = hide_next, False
        if not hide:
            kept.append(line)
    return kept


@contextlib.contextmanager
def native_stderr_filtered():
    """Within it, C++ and Python writes to stderr are held, then written back filtered by the level."""
    level = min_log_level()
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as held:
        os.dup2(held.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            held.seek(0)
            sys.stderr.write(''.join(kept_lines(held.read().decode('utf-8', 'replace'), level)))
            sys.stderr.flush()
