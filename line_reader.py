"""A restored line reader (line_model): strips in, their text out, each character with its probability
and the strip column it was read at."""
import os
from typing import List, NamedTuple, Optional, Tuple

import numpy as np
import tensorflow.compat.v1 as tf

from checkpoints import checked
from errors import UserError
from line_model import BLANK, LINE_CHARS, STRIDE, line_logits

FOLDER = 'lines'   # the line reader's checkpoint folder, inside the classifier's


class StripReading(NamedTuple):
    text: str
    probabilities: List[float]   # per character of text: the best column's probability of it
    columns: List[float]         # per character: the strip column at the middle of its columns
    spans: List[Tuple[int, int]] = []      # per character: [start, end) of its output columns
    matrix: Optional[np.ndarray] = None    # [output columns, labels] probabilities (ctc_lexicon reads them)


class LineReader:
    def __init__(self, checkpoint, config=None):
        self.graph = tf.Graph()
        with self.graph.as_default():
            self.strips = tf.placeholder(tf.float32, [1, None, None, 1])
            self.probabilities = tf.nn.softmax(line_logits(self.strips, False))[0]
            self.sess = tf.Session(config=config)
            shapes = dict(tf.train.list_variables(checkpoint))
            # a checkpoint of other labels would restore without a word (the variables take its shapes) and
            # read nonsense
            if any(shapes.get(v.op.name) != v.shape.as_list() for v in tf.global_variables()):
                raise UserError('the line reader %s was trained for other labels or another network than '
                                'line_model\'s (an older version\'s?); train it again as the README says, or '
                                'remove its folder' % checkpoint)
            tf.train.Saver(tf.global_variables()).restore(self.sess, checkpoint)
        self.checkpoint = checkpoint

    def read(self, strip):
        """The StripReading of one [32, width, 1] strip."""
        return best_path(self.sess.run(self.probabilities, {self.strips: strip[None]}))


def best_path(probabilities):
    """The StripReading of [columns, classes] probabilities by the likeliest label of each column, runs of
    one label read once and blanks dropped (CTC's best path)."""
    best = np.argmax(probabilities, axis=1)
    text, sure, columns, spans = '', [], [], []
    start = 0
    for i in range(1, len(best) + 1):
        if i < len(best) and best[i] == best[start]:
            continue
        if best[start] != BLANK:
            text += LINE_CHARS[best[start]]
            sure.append(float(probabilities[start:i, best[start]].max()))
            columns.append((start + i) / 2 * STRIDE)
            spans.append((start, i))
        start = i
    return StripReading(text, sure, columns, spans, probabilities)


def load_line_reader(folder, config=None):
    """The LineReader kept in `folder`/lines beside a classifier, or None when it has none."""
    checkpoint = tf.train.latest_checkpoint(os.path.join(folder, FOLDER))
    # a damaged one is refused in one line by the check the classifier's checkpoints pass, not a traceback
    return LineReader(checked(checkpoint), config) if checkpoint else None
