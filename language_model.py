"""Which ideograph follows which: a character bigram model, and the reading of a line it prefers.

A small blurred ideograph is often read as a look-alike (的 as 酌, 唱 as 嚼) whose probability is
close to the right one's; the words around it settle it. The counts come from jieba's dictionary
(about 349,000 words with their frequencies in a large corpus of modern Chinese), which we read
rather than gather a corpus of our own: within a word each character is counted before the next,
and across words the last character of one word is taken to be followed by the first of any other
as often as chance says (end count x start count / words).

`best_reading` weighs each candidate's classifier probability against its bigrams with the
characters before and after it (a Viterbi search over each run of ideographs), so a sure read stays
and an unsure one takes the candidate that makes words. A 一 that the classifier thinks may be an
em dash is weighed against one too: the dash breaks the text (兴趣—模型), where 一 would have to
make words with both neighbours (统一的), and its ink tells too: a written 一 ends in a serif or slants,
a ruled dash is even and level (flat_strokes). Chinese sets its dash doubled (他说——我们): two flat strokes
side by side, drawn alike, are read together, as 一一 or as one doubled dash, never as 一—.
"""
import functools
import math
import os
import re
import unicodedata

import numpy as np

from flat_strokes import dash_odds
from line_geometry import is_cjk
from neighbours import stands_between_ideographs

WORD_FREQUENCIES = 'dict.txt'   # in the jieba package: "word count part-of-speech" per line
IDEOGRAPH_WORD = re.compile('^([\u3007\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+) ([0-9]+)', re.M)
CONTEXT_WEIGHT = 0.8            # nats of classifier log-probability one nat of bigram log-probability is worth
CANDIDATE_FLOOR = 0.001         # a candidate below this classifier probability is never chosen by context,
SURE_READ = 0.98                # nor is any other when the best has this much: a clear 缱 stays though 谴 is commoner
                                # (0.9 left a blurred 16 px 口 read as 囗 at 0.92 in 出口; 0.95, 0.98 and 1.01 were
                                # tried on read_mixed's seeds 0, 1, 7, 3: 0.98 and 1.01 read alike, 0.95 2 characters
                                # fewer)
SMOOTHING = 1.0                 # pseudo-count by which a pair never seen falls back to the second's own frequency
PAIR_SHIFT = 21                 # bits of a code point: a pair of characters is one integer key
UNSEEN_COUNT = 0.5              # count given to an ideograph that no dictionary word holds (a rare 缱)
DASH = '\u2014'                 # —: CJK fonts draw it as a hairline at the height of 一, which the classifier,
                                # taught it mostly by lower, heavier dashes, reads as 一 with — second
DASH_RATE = 0.045               # P(— | anything), as the search weighs it: far above a dash's share of text
                                # (about 1 in 1,000 characters), as the classifier's odds for a hairline — are far
                                # too low; of 0.025, 0.045 and 0.082 on read_mixed's lines, the largest that read
                                # no prose 一 as — (0.082 read 2 of 3,600 so, and 1 more mixed-line dash right)
ONE = '\u4e00'                  # 一
HALF_SLACK = 1                  # pixels: how far apart the tops, and the bottoms, of a doubled dash's halves may be
HALF_WIDTHS = 0.8               # the narrower half of a doubled dash is at least this x the wider's width,
HALF_GAP = 0.3                  # and at most this x its own width from the other (AR PL UMing's halves: 0.16)


@functools.lru_cache(maxsize=1)
def bigrams():
    """The model made from jieba's dictionary, once per process (about half a second)."""
    import jieba
    with open(os.path.join(os.path.dirname(jieba.__file__), WORD_FREQUENCIES), encoding='utf-8') as f:
        return Bigrams((word, int(count)) for word, count in IDEOGRAPH_WORD.findall(f.read()))


class Bigrams:
    """Log P(next | previous) over ideographs, from (word, count) pairs; counted with numpy, as the
    dictionary's 349k words would take a second in a Python loop."""

    def __init__(self, word_counts):
        words, counts = zip(*word_counts)
        lengths = np.fromiter(map(len, words), int, len(words))
        codes = np.frombuffer(''.join(words).encode('utf-32-le'), np.uint32).astype(np.int64)
        weights = np.repeat(np.asarray(counts, np.float64), lengths)
        ends = np.cumsum(lengths) - 1
        starts = ends - lengths + 1
        before = np.delete(np.arange(codes.size), ends)  # every character that another follows in its word
        self.pairs = _summed(codes[before] << PAIR_SHIFT | codes[before + 1], weights[before])
        self.counts = _summed(codes, weights)
        self.starts = _summed(codes[starts], weights[starts])
        self.ends = _summed(codes[ends], weights[ends])
        self.words = float(sum(counts))
        self.total = float(weights.sum())

    def unigram(self, char):
        if char == DASH:
            return DASH_RATE
        return max(self.counts.get(ord(char), 0), UNSEEN_COUNT) / self.total

    def log_p(self, previous, char):
        """log P(char | previous): within a word, or across a word boundary by chance; a dash breaks
        the text, and a word starts after it, but for the dash's other half (Chinese doubles it: ——)."""
        if previous == char == DASH:
            return 0.0
        if DASH in (previous, char):
            return math.log(self.unigram(char))
        a, b = ord(previous), ord(char)
        seen = self.pairs.get(a << PAIR_SHIFT | b, 0) + self.ends.get(a, 0) * self.starts.get(b, 0) / self.words
        return math.log((seen + SMOOTHING * self.unigram(char)) /
                        (max(self.counts.get(a, 0), UNSEEN_COUNT) + SMOOTHING))


def _summed(keys, weights):
    """{key: total weight} over equal keys."""
    unique, index = np.unique(keys, return_inverse=True)
    return dict(zip(unique.tolist(), np.bincount(index, weights).tolist()))


def best_reading(choices, model):
    """The likeliest string of a run of ideographs: `choices` holds, for each, (candidates,
    probabilities); each scores CONTEXT_WEIGHT x its bigram log-probabilities plus its classifier
    log-probability. A candidate may be two characters, for two glyphs read together (a doubled dash,
    `pair_choices`); the bigram between them counts too. Returns one candidate per position."""
    options = [_options(*choice) for choice in choices]
    scores = np.array([_emission(c, p, model) + CONTEXT_WEIGHT * math.log(model.unigram(c[0]))
                       for c, p in options[0]])
    back = []
    for before, here in zip(options, options[1:]):
        step = np.array([[CONTEXT_WEIGHT * model.log_p(a[-1], b[0]) for a, _ in before] for b, _ in here])
        total = scores[None, :] + step
        back.append(total.argmax(axis=1))
        scores = total.max(axis=1) + np.array([_emission(c, p, model) for c, p in here])
    path = [int(scores.argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return [options[i][j][0] for i, j in enumerate(reversed(path))]


def _emission(candidate, probability, model):
    """A candidate's classifier log-probability, with the bigram inside it when it is two characters."""
    return math.log(probability) + sum(CONTEXT_WEIGHT * model.log_p(a, b) for a, b in zip(candidate, candidate[1:]))


def _options(candidates, probabilities):
    if probabilities[0] >= SURE_READ:
        return [(candidates[0], probabilities[0])]
    return [(c, p) for c, p in zip(candidates, probabilities) if p >= CANDIDATE_FLOOR] or \
        [(candidates[0], probabilities[0])]


def ideograph_runs(characters):
    """(start, end) of each run of characters read as ideographs, or as halves of a doubled dash."""
    runs, start = [], None
    for i, c in enumerate(characters + [None]):
        if c is not None and c.candidates and (is_cjk(c.char) or is_dash_half(characters, i)
                                               or is_dash_between_ideographs(characters, i)
                                               or is_dash_opening_ideographs(characters, i)
                                               or is_symbol_between_ideographs(characters, i)):
            start = i if start is None else start
        elif start is not None:
            runs.append((start, i))
            start = None
    return runs


def read_in_context(characters, model):
    """The line's characters, each ideograph read as best_reading says, and two flat strokes drawn
    alike read together (`pair_choices`); other glyphs as they were."""
    for start, end in ideograph_runs(characters):
        run = characters[start:end]
        if all(ch.probabilities[0] >= SURE_READ for ch in run) and DASH not in (ch.char for ch in run):
            continue  # nothing to choose: most lines of clean text
        positions, choices, i = [], [], 0
        while i < len(run):
            if i + 1 < len(run) and halves_alike(run[i], run[i + 1]):
                positions.append(run[i:i + 2])
                choices.append(pair_choices(run[i], run[i + 1]))
            else:
                positions.append(run[i:i + 1])
                choices.append(ideograph_choices(run[i], dash=0 < i < len(run) - 1))
            i += len(positions[-1])
        for glyphs, chosen in zip(positions, best_reading(choices, model)):
            for glyph, char in zip(glyphs, chosen):
                glyph.char = char
    return characters


def is_dash_half(characters, index):
    """Whether the glyph at `index` and one beside it are two flat strokes drawn alike (`halves_alike`)."""
    return (index > 0 and halves_alike(characters[index - 1], characters[index])
            or index + 1 < len(characters) and halves_alike(characters[index], characters[index + 1]))


def is_dash_between_ideographs(characters, index):
    """Whether the glyph at `index` is read as a dash that the classifier thinks may be a 一, between
    two ideographs: weighed against 一 as a 一 is against it (LXGW WenKai's 一, as long as its dash,
    reads as — in 常常一个人)."""
    c = characters[index]
    return c.char == DASH and _offers(c, ONE) and stands_between_ideographs(characters, index)


def is_dash_opening_ideographs(characters, index):
    """Whether the glyph at `index` is read as a dash that the classifier thinks may be a 一, before an
    ideograph and at the line's start or after a mark: no text sets a lone dash there (LXGW WenKai 16 px:
    ，一起吃饭 read as ，—起吃饭, 一年 at a line's start as —年). It opens a run, where it is read as an ideograph."""
    c = characters[index]
    return c.char == DASH and _offers(c, ONE) and index + 1 < len(characters) \
        and is_cjk(characters[index + 1].char) and (index == 0 or not is_cjk(characters[index - 1].char)
                                                     and characters[index - 1].char != DASH)


def is_symbol_between_ideographs(characters, index):
    """Whether the glyph at `index` is read as a symbol (℃ № °: no text sets one between two
    ideographs) that the classifier thinks may be an ideograph, between two ideographs: a blurred
    16 px 地 read as № in 安静地读书. It is read as its likeliest ideograph in their words."""
    c = characters[index]
    return unicodedata.category(c.char) == 'So' and stands_between_ideographs(characters, index) \
        and any(is_cjk(x) and p >= CANDIDATE_FLOOR for x, p in zip(c.candidates, c.probabilities))


def halves_alike(a, b):
    """Whether `a` and `b`, left to right, are flat strokes read as 一 or — (the classifier offering
    each both, at CANDIDATE_FLOOR or more) and drawn alike: on the same rows, of about one width, and
    close."""
    if not all(c.char in (ONE, DASH) and _offers(c, ONE) and _offers(c, DASH) for c in (a, b)):
        return False
    (left_a, top_a, right_a, bottom_a), (left_b, top_b, right_b, bottom_b) = a.box, b.box
    narrower, wider = sorted([right_a - left_a, right_b - left_b])
    return (abs(top_a - top_b) <= HALF_SLACK and abs(bottom_a - bottom_b) <= HALF_SLACK
            and narrower >= HALF_WIDTHS * wider and left_b - right_a <= HALF_GAP * narrower)


def _offers(character, char):
    return dict(zip(character.candidates, character.probabilities)).get(char, 0.0) >= CANDIDATE_FLOOR


def pair_choices(a, b):
    """(candidates, probabilities) of two flat strokes drawn alike, read together as 一一 or as a
    doubled dash: Chinese sets its dash doubled (他说——我们), two halves of one mark, and no text sets
    a 一 touching a dash drawn like it, so the halves are read alike, never 他说一—我们."""
    found = [dict(zip(c.candidates, c.probabilities)) for c in (a, b)]
    return [ONE + ONE, DASH + DASH], [found[0][ONE] * found[1][ONE],
                                      found[0][DASH] * found[1][DASH] * dash_odds(a.crop) * dash_odds(b.crop)]


def ideograph_choices(character, dash=False):
    """(candidates, probabilities) of a character's ideograph candidates and rivals, and with `dash` its DASH,
    which only between two ideographs breaks the text (after 》 a 一 begins it: 》一书); its reading
    alone when it has none (a mark the look-alike rules made an ideograph of)."""
    odds = dash_odds(character.crop) if dash else 1.0
    ranked = [(c, p * odds if c == DASH else p)
              for c, p in list(zip(character.candidates, character.probabilities)) + character.rivals
              if is_cjk(c) or dash and c == DASH]
    return tuple(zip(*ranked)) if ranked else ([character.char], [1.0])
