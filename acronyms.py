"""Acronyms whose end capital ran into the bracket beside it, read apart.

A run of capitals (USB, OCR, JSON) is no word that a dictionary spells, so latin_words leaves it
alone; blurred, its last or first capital runs into the bracket that closes or opens it, and the blob
is read as an ideograph or a symbol: 【USB】 as 【US田, （OCR as ℃CR. A glyph that touches such a run
and is read as no letter, unsurely, is also cut where two glyphs would meet (latin_words.letter_cuts)
and read as a capital and a mark, in the order the run's side asks, when the classifier is sure of
each and surer of them, on average, than of the glyph whole.
"""
import unicodedata
from dataclasses import replace

from latin_words import JOIN_DOUBT, letter_cuts
from neighbours import kind_of
from segment import PAIR_WIDTH, Box

CAPITALS = 2        # capitals in a run at the least (the US left of USB)
SURE_PART = 0.9     # each half must be read at least this surely as what its side asks,
PART_GAIN = 0.3     # and the halves, on average, this much more surely than the glyph whole


def acronyms_apart(characters, band, read_boxes):
    """The line's characters with each glyph that holds a run of capitals' end letter and the mark
    beside it read as the two. `band` is the line's height in pixels; `read_boxes` reads segment.Boxes
    of the line's image as Characters (None for a blank one)."""
    ends = [(i, first) for i, first in touching_ends(characters) if may_hold_two(characters[i], band)]
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
        if is_capital(capital) and is_mark(mark) and score - characters[i].probabilities[0] >= PART_GAIN \
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


def may_hold_two(c, band):
    """Whether the glyph, read as no letter or digit and unsurely (latin_words.JOIN_DOUBT), is wide
    enough to be two glyphs (segment.PAIR_WIDTH x the band)."""
    return bool(c.candidates) and kind_of(c.char) is None and c.probabilities[0] < JOIN_DOUBT \
        and c.box[2] - c.box[0] >= PAIR_WIDTH * band


def halves_of(c, band):
    """The glyph's two halves as Boxes, for each column where two glyphs would meet."""
    left, top, right, bottom = c.box
    return [(Box(left, top, left + x, bottom, 'char'), Box(left + x, top, right, bottom, 'char'))
            for x in letter_cuts(c, band)]


def is_capital(c):
    return c.char.isupper() and kind_of(c.char) == 'letter' and c.probabilities[0] >= SURE_PART


def is_mark(c):
    """Whether the glyph is read surely as punctuation (a bracket, a quote, a colon)."""
    return unicodedata.category(c.char).startswith('P') and c.probabilities[0] >= SURE_PART
