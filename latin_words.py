"""Latin words read as a dictionary spells them, where the glyphs' cuts leave it open.

In a proportional face letters touch (rt, ff, ai, fi) and are cut as one glyph that the classifier
reads surely as one letter (repon, ofice, Emdl), and a wide W may be cut in two (IIindows): no
look-alike rule helps, as each piece is read right for what it is. So a run of letters that spells
no word of the dictionary is read again: each glyph also cut in two where two letters would meet
(its columns of least ink), each two neighbours also joined, every such crop classified; of the
readings that spell a word, the one the classifier gives most is taken when it gives it at least
exp(-LEXICON_PRIOR) times what it gives the reading as it stands. A word the dictionary lacks
(NumPy, JSON) has no such reading and stays as read.

The words are Debian's wamerican (/usr/share/dict/words: about 100,000 English words and names),
read at run time like jieba's dictionary; without it, words are left as read.
"""
import functools
import math
import re
from dataclasses import replace

import numpy as np

from neighbours import kind_of
from segment import PAIR_WIDTH, Box, Piece, pair_cuts

WORDS = '/usr/share/dict/words'
MIN_LETTERS = 3         # runs and words shorter than this (of, UI, mm, Mr) are left as read: too many are
                        # abbreviations, and two letters joined are read as one of them (OC as m)
LEXICON_PRIOR = 3.0     # nats: what a reading's spelling a word of the dictionary is worth against the
                        # classifier's log-probability of the reading as it stands (on read_mixed's seeds
                        # 0, 1, 7, 3: 3 and 6 read alike, 1 left kemel for kernel)
WORD = re.compile('^[A-Za-z]{%d,}$' % MIN_LETTERS, re.M)  # the dictionary's words of letters only (not it's)
LETTER_FLOOR = 0.01     # a letter the classifier gives less than this spells nothing
SPLIT_LETTERS = 3       # letters tried for each half of a glyph cut in two (the classifier's likeliest)
JOIN_DOUBT = 0.9        # two glyphs are read joined only when the classifier gives each less than this: a
                        # letter read surely is a letter (the f of fifty is not joined to the i before it)


@functools.lru_cache(maxsize=1)
def lexicon():
    """(words, prefixes), once per process: {each word in small letters: the forms the dictionary writes
    it in} (TensorFlow, iPhone) and every word's beginnings in small letters; None when the dictionary
    is not installed or cannot be read (`make setup` installs wamerican)."""
    try:
        with open(WORDS, encoding='utf-8', errors='replace') as f:
            written = WORD.findall(f.read())
    except OSError:
        return None
    words = {}
    for w in written:
        words.setdefault(w.lower(), set()).add(w)
    return words, {w[:i] for w in words for i in range(1, len(w) + 1)}


def spelled_words(characters, band, read_boxes):
    """The line's characters (reading.Character) with each run of letters that spells no word read
    again, cut and joined as the dictionary spells it, when the dictionary is installed. `band` is
    the line's height in pixels; `read_boxes` reads a list of segment.Boxes of the line's image as
    Characters (None for a blank one)."""
    runs = letter_runs(characters)
    known = lexicon() if runs else None
    if known is None:
        return characters
    words, prefixes = known
    runs = with_touching(characters, [(a, b) for a, b in runs
                                      if ''.join(c.char for c in characters[a:b]).lower() not in words])
    options = [(run, key, box) for run in runs for key, box in recut_options(characters, *run, band)]
    reads = read_boxes([box for *_, box in options]) if options else []
    out, at = [], 0
    for a, b in runs:
        read = {key: c for (run, key, _), c in zip(options, reads) if run == (a, b) and c is not None}
        out += characters[at:a] + spelled_run(characters[a:b], a, read, words, prefixes)
        at = b
    return out + characters[at:]


def with_touching(characters, runs):
    """The runs of letters (a, b), each widened to the glyph that touches it on either side (no space
    between) when that is read as no letter or digit, and no other run has taken it: the rest of the
    word may have been read as one (Shangh田, the ai read as an ideograph; Dockel丶, an r cut in two)."""
    def touching(glyph, beside):
        return 0 <= glyph < len(characters) and not characters[max(glyph, beside)].space_before \
            and characters[glyph].candidates and kind_of(characters[glyph].char) != 'letter' \
            and not characters[glyph].char.isdigit()
    out, taken = [], 0
    for a, b in runs:
        a = a - 1 if a - 1 >= taken and touching(a - 1, a) else a
        b = b + 1 if touching(b, b - 1) else b
        out.append((a, b))
        taken = b
    return out


def recut_options(characters, a, b, band):
    """(key, Box) of the other crops of glyphs a..b-1 worth reading: each glyph wide enough to be two
    letters (segment.PAIR_WIDTH x the band) cut in two where they would meet, keys ('left', i, cut)
    and ('right', i, cut); each two neighbours that the classifier doubts (JOIN_DOUBT) joined, key
    ('joined', i, None)."""
    out = []
    for i in range(a, b):
        c = characters[i]
        left, top, right, bottom = c.box
        if right - left >= PAIR_WIDTH * band:
            for cut in box_cuts(c):
                x = left + cut
                out += [(('left', i, cut), Box(left, top, x, bottom, 'char')),
                        (('right', i, cut), Box(x, top, right, bottom, 'char'))]
        if i + 1 < b and max(c.probabilities[0], characters[i + 1].probabilities[0]) < JOIN_DOUBT:
            d = characters[i + 1]
            out.append((('joined', i, None), Box(left, min(top, d.box[1]), d.box[2], max(bottom, d.box[3]), 'char')))
    return out


def spelled_run(run, first, read, words, prefixes):
    """The run of letters (the line's glyphs `first`.. on) as the likeliest reading that spells a
    word, of the glyphs as they are read and of the crops `read` ({key: Character}, keys as
    recut_options makes them); else as it is. A glyph at either end that is read as no letter
    (with_touching) may also stay as it is, outside the word."""
    edges = [[] for _ in run]
    stands = 0.0
    for j, c in enumerate(run):
        ranked = dict(zip(c.candidates, c.probabilities))
        as_read = math.log(max(ranked.get(c.char, 0.0), LETTER_FLOOR))
        stands += as_read
        edges[j] += [(j + 1, letter, log_p, [replace(c, char=letter)])
                     for letter, log_p in letters_of(c.candidates, c.probabilities)]
        if j in (0, len(run) - 1) and kind_of(c.char) != 'letter':
            edges[j].append((j + 1, '', as_read, [c]))
    outer = [kind_of(c.char) != 'letter' for c in (run[0], run[-1])]
    for (kind, i, cut), half in read.items():
        j = i - first
        if kind == 'left' and ('right', i, cut) in read:
            other = read['right', i, cut]
            # a glyph touching the word may hold its end and a mark: fi刃 is fifty】, ℃hrome is （Chrome
            lefts = letters_of(half.candidates, half.probabilities)[:SPLIT_LETTERS] + \
                (outside(half) if j == 0 and outer[0] else [])
            rights = letters_of(other.candidates, other.probabilities)[:SPLIT_LETTERS] + \
                (outside(other) if j == len(run) - 1 and outer[1] else [])
            edges[j] += [(j + 1, l + r, lp + rp, [replace(half, char=l or half.char),
                                                  replace(other, char=r or other.char)])
                         for l, lp in lefts for r, rp in rights if l or r]
        elif kind == 'joined':
            edges[j] += [(j + 2, letter, log_p, [replace(half, char=letter)])
                         for letter, log_p in letters_of(half.candidates, half.probabilities)]
    path = best_spelling(edges, len(run), stands, words, prefixes)
    if path is None:
        return run
    out = [c for payload in path for c in payload]
    out[0].space_before = run[0].space_before
    return out


def letter_runs(characters):
    """(start, end) of each run of MIN_LETTERS or more glyphs read as ASCII letters with no space
    between them, but for runs of capitals (OCR, JSON): acronyms, which no dictionary holds."""
    runs, start = [], None
    for i, c in enumerate(characters + [None]):
        letter = c is not None and kind_of(c.char) == 'letter'
        if letter and start is not None and not c.space_before:
            continue
        if start is not None and i - start >= MIN_LETTERS and not all(d.char.isupper() for d in characters[start:i]):
            runs.append((start, i))
        start = i if letter else None
    return runs


def crop_margin(character):
    """The background, in pixels, that a glyph's crop has round its box (reading.GLYPH_PAD)."""
    return (character.crop.shape[1] - (character.box[2] - character.box[0])) // 2


def box_cuts(character):
    """Columns, from the left of the glyph's box and inside it, where two touching glyphs would meet."""
    margin, width = crop_margin(character), character.box[2] - character.box[0]
    return [min(max(cut - margin, 1), width - 1) for cut in cut_columns(character.crop)]


def cut_columns(crop):
    """Columns of a glyph's white-on-black crop, away from its ink's ends, where two touching letters
    would meet (segment.pair_cuts: the columns of least ink)."""
    ink = np.flatnonzero(crop.max(axis=0) > crop.min())
    if ink.size < 2:
        return []
    piece = Piece(int(ink[0]), int(ink[-1]) + 1, 0, crop.shape[0], 0)
    return [piece.left + cut for cut in pair_cuts(crop.astype(np.float64), piece)]


def outside(character):
    """A crop read as it is, outside the word: [('', its log-probability)]."""
    return [('', math.log(max(character.probabilities[0], LETTER_FLOOR)))]


def letters_of(candidates, probabilities):
    """[(letter, log-probability)] of the ASCII letters among a glyph's candidates."""
    return [(c, math.log(p)) for c, p in zip(candidates, probabilities)
            if kind_of(c) == 'letter' and p >= LETTER_FLOOR]


def is_written(letters, words):
    """Whether letters spell a word of `words` (as lexicon makes them) cased as words are written: all
    small, all capitals, a capital first, or as the dictionary writes the word (TensorFlow)."""
    forms = words.get(letters.lower())
    return forms is not None and (letters.islower() or letters.isupper() or
                                  letters[0].isupper() and letters[1:].islower() or letters in forms)


def best_spelling(edges, length, stands, words, prefixes):
    """The likeliest reading of glyphs 0..length-1 that spells a word: its edges' payloads in order,
    or None.

    `edges[i]` holds (end, letters, log-probability, payload) for each reading of glyphs i..end-1 as
    `letters`; `stands` is the log-probability of the reading as it stands. Readings worse than it by
    LEXICON_PRIOR are not searched."""
    floor = stands - LEXICON_PRIOR
    best, stack = (floor, None), [(0, '', 0.0, ())]
    while stack:
        at, spelled, score, path = stack.pop()
        if at == length:
            if is_written(spelled, words) and score >= best[0]:
                best = (score, path)
            continue
        for end, letters, log_p, payload in edges[at]:
            more = spelled + letters
            if (not more or more.lower() in prefixes) and score + log_p >= floor:
                stack.append((end, more, score + log_p, path + (payload,)))
    return list(best[1]) if best[1] is not None else None
