"""The reader a benchmark reads with: the CLI's own (chinese_ocr.restored_reader), in graph mode."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import chinese_ocr  # noqa: E402
from errors import UserError  # noqa: E402


def restored_reader(checkpoint_dir=None, top_k=1, more_flags=()):
    """(reader.Reader, its charset) for the latest checkpoint in `checkpoint_dir`, or else the CLI's
    default (./checkpoint/, else the shipped model), keeping `top_k` candidates; `more_flags` are
    further CLI flags (--precision bf16). A folder with no model ends the benchmark with the CLI's
    one-line error."""
    flags = chinese_ocr.parse_flags(['--mode=inference', '--top_k', str(top_k)] +
                                    (['--checkpoint_dir', checkpoint_dir] if checkpoint_dir else []) +
                                    list(more_flags))
    chinese_ocr.tf.disable_eager_execution()
    try:
        return chinese_ocr.restored_reader(flags)
    except UserError as e:
        sys.exit('error: %s' % e)
