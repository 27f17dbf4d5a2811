"""Acronyms whose end capital ran into the bracket beside it, read apart.

A run of capitals (USB, OCR, JSON) is no word that a dictionary spells, so latin_words leaves it
alone; blurred, its last or first capital runs into the bracket that closes or opens it, and the blob
is read as an ideograph or a symbol: 【USB】 as 【US田, （OCR as ℃CR. A glyph that touches such a run
and is read as no letter, unsurely, is also cut where two glyphs would meet (latin_words.letter_cuts)
and read as a capital and a mark, in the order the run's side asks, when the classifier is sure of
each and surer of them, on average, than of the glyph whole. Where the line's brackets do not pair up
(【US田 has a 【 that nothing closes), a glyph at the run's end is read so even when the classifier is
sure of it whole, if one of its halves is the bracket that the line lacks: 田 read at 0.91 is B】 at
0.995, and 仃 read at 0.81 before JSON版） is （J at 0.985; and the halves then need not be sure, only
likelier than anything else (℃ before CR版） is ( at 0.82 and O at 0.60).
"""
import unicodedata
from dataclasses import replace

from latin_words import JOIN_DOUBT, letter_cuts
from neighbours import kind_of
from segment import PAIR_WIDTH, Box

CAPITALS = 2        # capitals in a run at the least (the US left of USB)
SURE_PART = 0.9     # each half must be read at least this surely as what its side asks (LACKING_PART where the
LACKING_PART = 0.5  # mark half is the bracket the line lacks: （OCR版） read ℃CR版）, cut as ( at 0.82 and O at 0.60),
PART_GAIN = 0.3     # and the halves, on average, this much more surely than the glyph whole (but where a half is
                    # the bracket the line lacks: missing_brackets)
BRACKETS = ('()', '[]', '{}', '\u3010\u3011', '\u300a\u300b', '\u3008\u3009', '\u300c\u300d', '\u300e\u300f',
            '\u3014\u3015')  # () [] {} 【】 《》 〈〉 「」 『』 〔〕, the full-width （） folded into ()


def acronyms_apart(characters, band, read_boxes):
    """The line's characters with each glyph that holds a run of capitals' end letter and the mark
    beside it read as the two. `band` is the line's height in pixels; `read_boxes` reads segment.Boxes
    of the line's image as Characters (None for a blank one)."""
    lacking = {(i, first): missing_brackets(characters, i, first) for i, first in touching_ends(characters)}
    ends = [(i, first) for (i, first), brackets in lacking.items()
            if wide_enough(characters[i], band) and (is_unsure(characters[i]) or brackets)]
    options = [(i, first, pair) for i, first in ends for pair in halves_of(characters[i], band)]
    if not options:
        return characters
    reads = read_boxes([half for *_, pair in options for half in pair])
    best = {}
    for k, (i, first, _) in enumerate(options):
        halves = reads[2 * k:2 * k + 2]
        if None in halves:
            continue
        mark, capital = halves if first else halves[::-1]
        score = (capital.probabilities[0] + mark.probabilities[0]) / 2
        lacked = folded(mark.char) in lacking[i, first]
        gain, sure = (0.0, LACKING_PART) if lacked else (PART_GAIN, SURE_PART)
        if is_capital(capital, sure) and is_mark(mark, sure) and score - characters[i].probabilities[0] >= gain \
                and score > best.get(i, (0.0, None))[0]:
            best[i] = (score, [replace(halves[0], space_before=characters[i].space_before), halves[1]])
    out = []
    for i, c in enumerate(characters):
        out += best[i][1] if i in best else [c]
    return out


def touching_ends(characters):
    """(index, whether it comes first) of each glyph touching a run of CAPITALS or more capitals, with
    no space between them."""
    out, start = [], None
    for i, c in enumerate(characters + [None]):
        capital = c is not None and kind_of(c.char) == 'letter' and c.char.isupper()
        if capital and start is not None and not c.space_before:
            continue
        if start is not None and i - start >= CAPITALS:
            if start > 0 and not characters[start].space_before:
                out.append((start - 1, True))
            if c is not None and not c.space_before:
                out.append((i, False))
        start = i if capital else None
    return out


def is_unsure(c):
    """Whether the glyph is read as no letter or digit and unsurely (latin_words.JOIN_DOUBT)."""
    return bool(c.candidates) and kind_of(c.char) is None and c.probabilities[0] < JOIN_DOUBT


def wide_enough(c, band):
    """Whether the glyph is wide enough to be two glyphs (segment.PAIR_WIDTH x the band)."""
    return c.box[2] - c.box[0] >= PAIR_WIDTH * band


def missing_brackets(characters, i, first):
    """The brackets (folded) that glyph i, before a run of capitals if `first` else after it, may hold
    because the line lacks them: the opening partner of a closing bracket after glyph i, or the closing
    partner of an opening one before it, that no bracket of the rest of the line pairs with."""
    text = [folded(c.char) for c in characters]
    text[i] = ''
    if first:
        return {o for o, c in BRACKETS if any(j > i for j in unpaired(text, o, c)[1])}
    return {c for o, c in BRACKETS if any(j < i for j in unpaired(text, o, c)[0])}


def unpaired(text, opening, closing):
    """([index], [index]): the opening and the closing brackets of the text that pair with none."""
    opened, closed = [], []
    for j, char in enumerate(text):
        if char == opening:
            opened.append(j)
        elif char == closing and opened:
            opened.pop()
        elif char == closing:
            closed.append(j)
    return opened, closed


def folded(char):
    """The character with its full-width form folded to the half-width one (（ as ()."""
    return unicodedata.normalize('NFKC', char)


def halves_of(c, band):
    """The glyph's two halves as Boxes, for each column where two glyphs would meet."""
    left, top, right, bottom = c.box
    return [(Box(left, top, left + x, bottom, 'char'), Box(left + x, top, right, bottom, 'char'))
            for x in letter_cuts(c, band)]


def is_capital(c, sure):
    """Whether the glyph is read as a capital with at least the probability `sure`."""
    return c.char.isupper() and kind_of(c.char) == 'letter' and c.probabilities[0] >= sure


def is_mark(c, sure):
    """Whether the glyph is read as punctuation (a bracket, a quote, a colon) with at least the
    probability `sure`."""
    return unicodedata.category(c.char).startswith('P') and c.probabilities[0] >= sure
