"""A line reader's reading with each word it spells outside the dictionary read again as the dictionary's
word that its columns likeliest hold.

Blur at 16-23 px leaves letters that the line reader reads one for another (TensorFlow as TensorFkw,
burning as buming, firmware as firnware), and the word it then reads is no word. Its columns still give
the right letters, at lower probabilities, so a CTC beam search held to the dictionary's beginnings of
words (latin_words.lexicon) finds the likeliest word they spell, and the forward algorithm weighs that
word against the reading over the same columns: it is taken where its probability, with WORD_PRIOR for
being a word, beats the reading's. A word read surely that the dictionary lacks (NumPy, JSON) keeps its
reading: no word comes near its probability.
"""
import string

import numpy as np

from latin_words import MIN_LETTERS, lexicon
from line_model import BLANK, LINE_CHARS, STRIDE

LETTERS = [LINE_CHARS.index(c) for c in string.ascii_letters]
BEAM = 16             # prefixes kept from column to column: a word's letters are each the first or second
                      # choice of their columns, so a few prefixes hold it
WORD_PRIOR = 2.0      # nats: what spelling a word is worth against the line reader's log-probability of the
                      # reading. On read_mixed's seeds 40-59 the words that mend a reading were 0.1 to 1.9 less
                      # likely than it (firmare, TensorFlos, cTensorFlow); 2.35 less, PDFC was read as PFC
LETTER_FLOOR = 1e-4   # a letter a column gives less than this starts or extends no prefix there


def respelled(reading):
    """The line_reader.StripReading `reading` with each run of letters that spells no word of the dictionary
    read as the word its columns likeliest hold, where that word is likelier with WORD_PRIOR; as it was
    when the dictionary is not installed or the reading keeps no column probabilities."""
    words = lexicon()
    if words is None or reading.matrix is None:
        return reading
    logs = np.log(np.maximum(reading.matrix, 1e-30))
    text, sure, columns, spans = reading.text, list(reading.probabilities), list(reading.columns), list(reading.spans)
    for start, end in reversed(unknown_words(text, words[0])):
        first = spans[start - 1][1] if start else 0
        last = spans[end][0] if end < len(text) else len(logs)
        window = logs[first:last]
        word = likeliest_word(window, words)
        if word is None or log_likelihood(window, word) + WORD_PRIOR <= log_likelihood(window, text[start:end]):
            continue
        placed = [(first + a, first + b) for a, b in aligned(window, word)]
        text = text[:start] + word + text[end:]
        sure[start:end] = [float(reading.matrix[a:b, LINE_CHARS.index(ch)].max()) for ch, (a, b) in zip(word, placed)]
        columns[start:end] = [(a + b) / 2 * STRIDE for a, b in placed]
        spans[start:end] = placed
    return reading._replace(text=text, probabilities=sure, columns=columns, spans=spans)


def unknown_words(text, words):
    """[start, end) of each run of at least MIN_LETTERS ASCII letters in `text` whose small letters are not
    among `words`."""
    runs, start = [], None
    for i, ch in enumerate(text + ' '):
        if ch in string.ascii_letters:
            start = i if start is None else start
            continue
        if start is not None and i - start >= MIN_LETTERS and text[start:i].lower() not in words:
            runs.append((start, i))
        start = None
    return runs


def likeliest_word(logs, lexicon_words):
    """The dictionary word that [columns, labels] log-probabilities `logs` likeliest spell, in the case its
    columns read, by a CTC prefix beam search held to the dictionary's beginnings of words; None when none
    is spelled whole."""
    words, prefixes = lexicon_words
    beams = {'': (0.0, -np.inf)}   # prefix: (log P(ends in a blank), log P(ends in its last letter))
    for column in logs:
        grown = {}

        def add(prefix, blank, letter):
            b, n = grown.get(prefix, (-np.inf, -np.inf))
            grown[prefix] = (np.logaddexp(b, blank), np.logaddexp(n, letter))

        for prefix, (blank, letter) in beams.items():
            either = np.logaddexp(blank, letter)
            add(prefix, either + column[BLANK], -np.inf)
            if prefix:
                add(prefix, -np.inf, letter + column[LINE_CHARS.index(prefix[-1])])
            for label in LETTERS:
                if column[label] < np.log(LETTER_FLOOR):
                    continue
                ch = LINE_CHARS[label]
                if (prefix + ch).lower() not in prefixes:
                    continue
                # a letter repeated is two only with a blank between
                add(prefix + ch, -np.inf, (blank if prefix and prefix[-1] == ch else either) + column[label])
        beams = dict(sorted(grown.items(), key=lambda kv: -np.logaddexp(*kv[1]))[:BEAM])
    spelled = [p for p in beams if p.lower() in words]
    return max(spelled, key=lambda p: np.logaddexp(*beams[p])) if spelled else None


def extended(word):
    """CTC's labels of `word`: a blank before, between and after its letters."""
    labels = [BLANK]
    for ch in word:
        labels += [LINE_CHARS.index(ch), BLANK]
    return labels


def predecessors(labels, s):
    """The labels a CTC path may come to label s from, a column before: itself, the one before, and the one
    before that where it skips a blank between letters that differ."""
    skips = s >= 2 and labels[s] != BLANK and labels[s] != labels[s - 2]
    return [s] + ([s - 1] if s else []) + ([s - 2] if skips else [])


def log_likelihood(logs, word):
    """log P(word | columns) by CTC's forward algorithm over [columns, labels] log-probabilities `logs`."""
    labels = extended(word)
    alpha = np.full(len(labels), -np.inf)
    alpha[:2] = logs[0, labels[:2]]
    for column in logs[1:]:
        prior = alpha.copy()
        for s in range(len(labels)):
            alpha[s] = np.logaddexp.reduce(prior[predecessors(labels, s)]) + column[labels[s]]
    return float(np.logaddexp(alpha[-1], alpha[-2]))


def aligned(logs, word):
    """[start, end) of the columns each letter of `word` takes on its likeliest CTC path (Viterbi)."""
    labels = extended(word)
    score = np.full((len(logs), len(labels)), -np.inf)
    came = np.zeros((len(logs), len(labels)), int)
    score[0, :2] = logs[0, labels[:2]]
    for t in range(1, len(logs)):
        for s in range(len(labels)):
            best = max(predecessors(labels, s), key=lambda f: score[t - 1, f])
            score[t, s], came[t, s] = score[t - 1, best] + logs[t, labels[s]], best
    s = len(labels) - 1 if score[-1, -1] >= score[-1, -2] else len(labels) - 2
    path = []
    for t in range(len(logs) - 1, -1, -1):
        path.append(s)
        s = came[t, s]
    path.reverse()
    return [(path.index(s), len(path) - path[::-1].index(s)) for s in range(1, len(labels), 2)]
