import numpy as np
import pytest

from ctc_lexicon import log_likelihood, respelled, unknown_words
from line_model import BLANK, LINE_CHARS
from line_reader import best_path


def columns(*choices):
    """[columns, labels] probabilities: each column a {label: probability} of letters (' ' for the blank),
    the rest spread thinly."""
    out = np.full((len(choices), BLANK + 1), 1e-5)
    for t, column in enumerate(choices):
        for ch, p in column.items():
            out[t, BLANK if ch == ' ' else LINE_CHARS.index(ch)] = p
    return out / out.sum(axis=1, keepdims=True)


def spelled(word, blank=0.95):
    """Columns that read `word` surely, a blank between its letters."""
    return [c for ch in word for c in ({ch: 0.95}, {' ': blank})]


def test_runs_of_letters_the_dictionary_lacks_are_found_but_short_ones_and_words_are_not():
    words = {'burning', 'report'}
    assert unknown_words('buming 〓 report Fi-Wi TensorFkw', words) == [(0, 6), (22, 31)]


def test_the_forward_algorithm_sums_every_path_of_a_word():
    # two columns, each an a at 0.5 and a blank at 0.5: a reads on aa, a_, _a; aa needs a blank between
    probs = columns({'a': 0.5, ' ': 0.5}, {'a': 0.5, ' ': 0.5})
    assert np.exp(log_likelihood(np.log(probs), 'a')) == pytest.approx(0.75, abs=0.01)
    assert np.exp(log_likelihood(np.log(probs), 'aa')) < 0.001
    assert np.exp(log_likelihood(np.log(columns(*spelled('aa'))), 'aa')) > 0.95


def test_a_word_blur_misspelt_is_read_as_the_dictionary_word_its_columns_hold_second():
    # burning's rn run together: two columns that read m, each with an r or an n second
    probs = columns(*spelled('bu'), {'m': 0.6, 'r': 0.35}, {'m': 0.6, 'n': 0.35}, {' ': 0.95}, *spelled('ing'))
    reading = best_path(probs)
    assert reading.text == 'buming'
    read = respelled(reading)
    assert read.text == 'burning'
    assert len(read.probabilities) == len(read.columns) == len(read.spans) == 7
    assert read.probabilities[2] == pytest.approx(0.35 / 0.95, abs=0.01)
    assert read.spans[2] == (4, 5) and read.spans[3] == (5, 6)


def test_a_word_the_dictionary_lacks_read_surely_keeps_its_reading():
    reading = best_path(columns(*spelled('NumPy'), *spelled('JSON')[:-1]))
    assert respelled(reading).text == reading.text == 'NumPyJSON'
