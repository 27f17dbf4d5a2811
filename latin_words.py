"""Latin words read as a dictionary spells them, where the glyphs' cuts leave it open.

In a proportional face letters touch (rt, ff, ai, fi) and are cut as one glyph that the classifier
reads surely as one letter or an ideograph (repon, ofice, Emdl, riffle as rW旧), and a wide W may be
cut in two (IIindows): no look-alike rule helps, as each piece is read right for what it is. So a run
of letters that spells no word of the dictionary, or that a symbol is glued to (App№ for Apple), is
read again: each glyph also cut where letters would meet (up to MAX_CUTS columns of least ink, so that
iff can be three letters), each two neighbours also joined, every such crop classified; of the
readings that spell a word, the one the classifier gives most is taken when it gives it at least
exp(-LEXICON_PRIOR) times what it gives the reading as it stands. A word the dictionary lacks (NumPy,
JSON) has no such reading and stays as read.

The words are Debian's wamerican (/usr/share/dict/words: about 100,000 English words and names),
read at run time like jieba's dictionary; without it, words are left as read.
"""
import functools
import math
import re
import unicodedata
from dataclasses import replace

import numpy as np

from neighbours import UPRIGHT_STROKES, kind_of
from segment import PAIR_WIDTH, Box

WORDS = '/usr/share/dict/words'
MIN_LETTERS = 3         # runs and words shorter than this (of, UI, mm, Mr) are left as read: too many are
                        # abbreviations, and two letters joined are read as one of them (OC as m)
RUN_LETTERS = 2         # a run this short is read again only with a glyph touching it that is read as no
                        # letter, as MIN_LETTERS glyphs in all (riffle read as rW旧)
LEXICON_PRIOR = 3.0     # nats: what a reading's spelling a word of the dictionary is worth against the
                        # classifier's log-probability of the reading as it stands (on read_mixed's seeds
                        # 0, 1, 7, 3: 3 and 6 read alike, 1 left kemel for kernel)
WORD = re.compile('^[A-Za-z]{%d,}$' % MIN_LETTERS, re.M)  # the dictionary's words of letters only (not it's)
LETTER_FLOOR = 0.01     # a letter the classifier gives less than this spells nothing
SPLIT_LETTERS = 3       # letters tried for each part of a glyph cut apart (the classifier's likeliest)
SHAPE_LETTERS = {'|': 'lI', '\u4e28': 'lI', '1': 'lI', '0': 'oO', '\u3007': 'oO'}  # a stroke (| 丨 1) or a ring
                        # (0 〇) cut from a word is the letter of its shape: the l of riffle's le read as |
MAX_CUTS = 4            # columns tried in one glyph as places where letters meet (riffle's iff is two cuts)
LETTER_WIDTH = 0.1      # x band height: cuts are at least this far from the glyph's ends (the i of iff, in
                        # Liberation Sans at 25 px, is 0.15 wide with the gap after it)
CUTS_APART = 0.05       # x band height: and this far apart, as a letter's thin arm leaves several columns of
                        # least ink and only the last parts the letters (the r of re)
JOIN_DOUBT = 0.9        # two glyphs are read joined only when the classifier gives each less than this: a
                        # letter read surely is a letter (the f of fifty is not joined to the i before it),
SHORT_STROKE = 0.8      # unless it is read as an upright stroke (l I 1 |) less tall than this x the run's tallest:
                        # then it is a stroke of a short letter (AR PL KaitiM draws its u as two: burning read
                        # bllrning, the l's 0.61 of the b's height, read at 0.91)


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
    unspelled = [(a, b) for a, b in runs if ''.join(c.char for c in characters[a:b]).lower() not in words
                 or is_glued_symbol(characters, a - 1, a) or is_glued_symbol(characters, b, b - 1)]
    runs = [(a, b) for a, b in with_touching(characters, unspelled) if b - a >= MIN_LETTERS]
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


def is_symbol(char):
    """A symbol (№ ℃ ™ ①), which no text glues to a word as it glues a bracket or a stop."""
    return unicodedata.category(char)[0] == 'S' or unicodedata.category(char) == 'No'


def is_glued_symbol(characters, glyph, beside):
    """Whether glyph `glyph` touches glyph `beside` (no space between) and is read as a symbol: it holds
    letters of their word, though those before it spell one (App№ for Apple: app is a word)."""
    return 0 <= glyph < len(characters) and not characters[max(glyph, beside)].space_before \
        and is_symbol(characters[glyph].char)


def recut_options(characters, a, b, band):
    """(key, Box) of the other crops of glyphs a..b-1 worth reading: each glyph wide enough to be two
    letters (segment.PAIR_WIDTH x the band) cut where letters would meet (letter_cuts), each part
    between two of its cuts or ends, keys ('part', i, (left, right)) in columns from the glyph's left;
    each two neighbours that the classifier doubts (JOIN_DOUBT) joined, key ('joined', i, None)."""
    out = []
    for i in range(a, b):
        c = characters[i]
        left, top, right, bottom = c.box
        if right - left >= PAIR_WIDTH * band:
            ends = [0] + letter_cuts(c, band) + [right - left]
            out += [(('part', i, (x, y)), Box(left + x, top, left + y, bottom, 'char'))
                    for k, x in enumerate(ends) for y in ends[k + 1:] if (x, y) != (ends[0], ends[-1])]
        if i + 1 < b and is_joinable(characters, i, a, b, band):
            d = characters[i + 1]
            out.append((('joined', i, None), Box(left, min(top, d.box[1]), d.box[2], max(bottom, d.box[3]), 'char')))
    return out


def is_joinable(characters, i, a, b, band):
    """Whether glyphs i and i + 1 of the run a..b-1 may be one letter: the classifier doubts both (a short
    stroke read as a tall one is doubted however surely: is_short_stroke), or doubts one inside the run
    that it reads as no letter and that is too narrow to hold two letters (segment.PAIR_WIDTH x `band`):
    the first stroke of TensorFlow's w, read as 丶 beside a sure v; not the ffl of offline read as 田 (with
    the i, m of mine), nor a bracket at the run's end ((D, m of mocker)."""
    def is_stroke(j):
        c = characters[j]
        return a < j < b - 1 and kind_of(c.char) is None and c.box[2] - c.box[0] < PAIR_WIDTH * band
    tallest = max(c.box[3] - c.box[1] for c in characters[a:b])
    doubted = [characters[j].probabilities[0] < JOIN_DOUBT or is_short_stroke(characters[j], tallest)
               for j in (i, i + 1)]
    return all(doubted) or any(d and is_stroke(j) for d, j in zip(doubted, (i, i + 1)))


def is_short_stroke(c, tallest):
    """Whether glyph c is read as a tall upright stroke (neighbours.UPRIGHT_STROKES) but stands less than
    SHORT_STROKE x `tallest` pixels high."""
    return c.char in UPRIGHT_STROKES and c.box[3] - c.box[1] < SHORT_STROKE * tallest


def spelled_run(run, first, read, words, prefixes):
    """The run of letters (the line's glyphs `first`.. on) as the likeliest reading that spells a
    word, of the glyphs as they are read and of the crops `read` ({key: Character}, keys as
    recut_options makes them); else as it is. A glyph at either end that is read as no letter
    (with_touching) may also stay as it is, outside the word; the part of an end glyph at the run's end
    may, whatever the glyph is read as."""
    node = places(run, first, read)
    outer = [kind_of(c.char) != 'letter' for c in (run[0], run[-1])]
    edges, stands = glyph_edges(run, node, outer)
    for (kind, i, span), part in read.items():
        j = i - first
        if kind == 'joined':
            edges[node[j, 0]] += [(node[j + 2, 0], letter, log_p, [replace(part, char=letter)])
                                  for letter, log_p in letters_of(part.candidates, part.probabilities)]
            continue
        x, y = span
        start, end = node[j, x], node[j + 1, 0] if y == run[j].box[2] - run[j].box[0] else node[j, y]
        edges[start] += [(end, letter, log_p, [replace(part, char=letter)])
                         for letter, log_p in letters_of(part.candidates, part.probabilities)[:SPLIT_LETTERS]]
        # a glyph at the word's end may hold its end and a mark: fi刃 is fifty】, ℃hrome is （Chrome, and the
        # l】 of Excel】 read as d is l and 】. The mark costs nothing: its ink would otherwise be read with a
        # letter's (rt: as t, surely)
        at_end = j == 0 and x == 0 or j == len(run) - 1 and end == node[j + 1, 0]
        if at_end and kind_of(part.char) is None:
            edges[start].append((end, '', 0.0, [part]))
    path = best_spelling(edges, len(edges) - 1, stands, words, prefixes)
    if path is None:
        return run
    out = [c for payload in path for c in payload]
    out[0].space_before = run[0].space_before
    return out


def glyph_edges(run, node, outer):
    """(edges as best_spelling takes them, of each glyph read whole as each letter it may be, or, at an
    end of the run that is read as no letter (`outer`), as it is; the log-probability of the run as it
    stands)."""
    edges = [[] for _ in range(node[len(run), 0] + 1)]
    stands = 0.0
    for j, c in enumerate(run):
        as_read = math.log(max(dict(zip(c.candidates, c.probabilities)).get(c.char, 0.0), LETTER_FLOOR))
        stands += as_read
        start, end = node[j, 0], node[j + 1, 0]
        edges[start] += [(end, letter, log_p, [replace(c, char=letter)])
                         for letter, log_p in letters_of(c.candidates, c.probabilities)]
        if j in (0, len(run) - 1) and outer[j > 0] and not is_symbol(c.char):
            edges[start].append((end, '', as_read, [c]))
    return edges, stands


def places(run, first, read):
    """{(glyph, column from its left): node}: the places between which the run's readings lie, in order
    from 0; a glyph's end is the next glyph's (j + 1, 0), the run's end (len(run), 0)."""
    node, at = {}, 0
    for j, c in enumerate(run):
        cuts = sorted({x for kind, i, span in read if kind == 'part' and i - first == j for x in span} - {0} -
                      {c.box[2] - c.box[0]})
        for x in [0] + cuts:
            node[j, x] = at
            at += 1
    node[len(run), 0] = at
    return node


def letter_runs(characters):
    """(start, end) of each run of RUN_LETTERS or more glyphs read as ASCII letters with no space
    between them, but for runs of capitals (OCR, JSON): acronyms, which no dictionary holds. Two runs
    with one glyph between them, read as no letter and unsurely (JOIN_DOUBT), are one run with it:
    the letters it holds were read as an ideograph (modern as m沁em)."""
    runs, start = [], None
    for i, c in enumerate(characters + [None]):
        letter = c is not None and kind_of(c.char) == 'letter'
        if letter and start is not None and not c.space_before:
            continue
        if start is not None:
            runs.append((start, i))
        start = i if letter else None
    joined = []
    for a, b in runs:
        if joined and joined[-1][1] + 1 == a and is_bridge(characters, a - 1):
            a = joined.pop()[0]
        joined.append((a, b))
    return [(a, b) for a, b in joined if sum(kind_of(c.char) == 'letter' for c in characters[a:b]) >= RUN_LETTERS
            and not all(c.char.isupper() for c in characters[a:b] if kind_of(c.char) == 'letter')]


def is_bridge(characters, i):
    """Whether glyph i, between two runs of letters, may hold letters of their word: it is read as no
    letter or digit, unsurely, with no space on either side."""
    c, after = characters[i], characters[i + 1]
    return kind_of(c.char) is None and bool(c.probabilities) and c.probabilities[0] < JOIN_DOUBT \
        and not c.space_before and not after.space_before


def crop_margin(character):
    """The background, in pixels, that a glyph's crop has round its box (reading.GLYPH_PAD)."""
    return (character.crop.shape[1] - (character.box[2] - character.box[0])) // 2


def letter_cuts(character, band):
    """Up to MAX_CUTS columns, from the left of the glyph's box, where letters would meet: the columns
    of least ink in its crop that hold no more than their neighbours, LETTER_WIDTH x `band` from its
    ends and CUTS_APART x `band` apart, the least inked first taken."""
    margin, width = crop_margin(character), character.box[2] - character.box[0]
    profile = character.crop[:, margin:margin + width].astype(np.float64).sum(axis=0)
    end, apart = max(1, int(round(LETTER_WIDTH * band))), max(1, int(round(CUTS_APART * band)))
    inner = [x for x in range(end, width - end + 1)
             if profile[x] <= profile[x - 1] and (x + 1 >= width or profile[x] <= profile[x + 1])]
    cuts = []
    for x in sorted(inner, key=lambda x: profile[x]):
        if len(cuts) < MAX_CUTS and all(abs(x - y) >= apart for y in cuts):
            cuts.append(x)
    return sorted(cuts)


def letters_of(candidates, probabilities):
    """[(letter, log-probability)] of the ASCII letters among a glyph's candidates, and of those that
    a candidate of their shape stands for (SHAPE_LETTERS), likeliest first."""
    best = {}
    for c, p in zip(candidates, probabilities):
        for letter in (c if kind_of(c) == 'letter' else SHAPE_LETTERS.get(c, '')):
            if p >= LETTER_FLOOR and p > best.get(letter, 0.0):
                best[letter] = p
    return sorted(((letter, math.log(p)) for letter, p in best.items()), key=lambda lp: -lp[1])


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
