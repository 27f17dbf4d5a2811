"""Digits run together, read apart; a % cut apart, read whole.

Blurred at screenshot sizes, two digits of a number (05), or a digit and the mark beside it (7，
0-4, -8), run into one blob the size of an ideograph, which the segmenter cannot tell from one and
the classifier reads as one (仍, 石, G). Beside a digit (or after a digit and a decimal point: 39.2%
read 39.蹀), a glyph that is wide for a digit and read with no certainty is also cut in two where two
glyphs would meet (its columns of least ink, or a digit's width from either end); its halves are
taken when the classifier is sure of each as a digit or a number's mark, and surer of them than of
the glyph whole.

The other way, a % whose rings touch its stroke may be cut there and read, surely, as 96: two such
glyphs that touch at a number's end are read joined as well, and taken when that reads as a %.
"""
import string
from dataclasses import replace

import numpy as np

from joined_pairs import joined_box, pairs_joined
from latin_words import crop_margin
from neighbours import DIGIT_LOOKALIKES, PERCENT, kind_of
from segment import Box, Piece, otsu_threshold, pair_cuts

PAIR_OF_DIGIT = 1.4     # x the width of the digit beside it: a glyph this wide may be two run together (05 is 2)
SURE_PART = 0.9         # each half must be read at least this surely as a digit or a number's mark,
PART_GAIN = 0.3         # and the halves, on average, this much more surely than the glyph whole
PERCENT_RINGS = ('96', '06', '90', '00')  # what a % cut in two where its rings touch the stroke is read as (67%
                        # as 6796 in Liberation Sans at 42 px)
DECIMAL_POINTS = '.\u00b7'  # . ·: a decimal point as read before the line's geometry places it
MARK_SHAPES = (',，\'’', '.·', '-_—一')  # marks of one shape once cut to their ink
NUMBER_PARTS = string.digits + '-.,，:：%'  # what the halves may be: digits and the marks set in and after numbers


def digits_apart(characters, read_boxes):
    """The characters with each glyph beside a digit that is two digits (or a digit and a mark) run
    together read as the two."""
    wide = [i for i in range(len(characters)) if is_pair_candidate(characters, i)]
    options = [(i, box) for i in wide for box in halves_of(characters[i], digit_beside(characters, i))]
    if not options:
        return characters
    reads = read_boxes([half for _, pair in options for half in pair])
    best = {}
    for k, (i, _) in enumerate(options):
        left, right = reads[2 * k:2 * k + 2]
        if left is None or right is None:
            continue
        parts = [number_part(left), number_part(right)]
        if min(p for _, p in parts) < SURE_PART or not any(x.isdigit() for x, _ in parts):
            continue
        gain = np.mean([p for _, p in parts]) - characters[i].probabilities[0]
        if gain >= PART_GAIN and gain > best.get(i, (0, None))[0]:
            best[i] = (gain, [replace(left, char=parts[0][0], space_before=characters[i].space_before),
                              replace(right, char=parts[1][0])])
    out = []
    for i, c in enumerate(characters):
        out += best[i][1] if i in best else [c]
    return out


def percent_joined(characters, read_boxes):
    """The characters with each % that was cut in two and read as its rings (is_cut_percent) read whole,
    when the classifier is sure of it as a % (is_percent: its width is the line's to tell)."""
    cut = [i for i in range(len(characters) - 1) if is_cut_percent(characters, i)]
    if not cut:
        return characters
    reads = read_boxes([joined_box(characters[i], characters[i + 1]) for i in cut])
    return pairs_joined(characters, {i: c for i, c in zip(cut, reads) if c is not None and is_percent(c)})


def is_percent(c):
    """Whether the glyph is read as a %, surely (SURE_PART) in its two widths together."""
    return c.char in PERCENT and sum(p for x, p in zip(c.candidates, c.probabilities) if x in PERCENT) >= SURE_PART


def is_cut_percent(characters, i):
    """Whether glyphs i and i + 1 end a number as the two rings of a % cut apart where they touch: read
    as PERCENT_RINGS, after a digit, with no gap between them."""
    if i == 0 or i + 1 >= len(characters):
        return False
    before, ring, other = characters[i - 1:i + 2]
    after = characters[i + 2] if i + 2 < len(characters) else None
    return kind_of(before.char) == 'digit' and not ring.space_before and not other.space_before \
        and (ring.char + other.char) in PERCENT_RINGS and other.box[0] - ring.box[2] <= 0 \
        and (after is None or kind_of(after.char) != 'digit')


def is_pair_candidate(characters, i):
    """Whether glyph i, read unsurely (and not as a %, whose rings read as 0, 9 and 6), is wide for a
    digit beside it with no space between."""
    c = characters[i]
    # Halves average at most 1, so only a glyph read at under 1 - PART_GAIN can be cut.
    if not c.candidates or c.char in PERCENT or c.probabilities[0] >= 1 - PART_GAIN:
        return False
    return digit_beside(characters, i) is not None


def digit_beside(characters, i):
    """The width of a digit beside glyph i with no space between, or before it across a decimal point
    (39.2% read 39.蹀: 2% run together), of which the glyph is at least PAIR_OF_DIGIT times as wide; None
    when there is none."""
    width = characters[i].box[2] - characters[i].box[0]
    across_point = [i - 2] if i > 1 and characters[i - 1].char in DECIMAL_POINTS else []
    for j in [i - 1, i + 1] + across_point:
        if 0 <= j < len(characters) and not any(c.space_before for c in characters[min(i, j) + 1:max(i, j) + 1]) \
                and kind_of(characters[j].char) == 'digit':
            digit = characters[j].box[2] - characters[j].box[0]
            if width >= PAIR_OF_DIGIT * digit:
                return digit
    return None


def halves_of(c, digit):
    """The glyph's two halves as Boxes drawn round their ink, for each column where two glyphs would
    meet: its columns of least ink, and a digit's width (`digit`) from either end, as a number's digits
    are of one width and a stroke that touches a digit leaves no column clear where they meet."""
    left, top, right, bottom = c.box
    margin = crop_margin(c)
    ink = c.crop[margin:margin + bottom - top, margin:margin + right - left] > otsu_threshold(c.crop)
    out = []
    for x in sorted(set(box_cuts(c)) | {digit, right - left - digit}):
        pair = [inked_box(ink[:, :x], left, top), inked_box(ink[:, x:], left + x, top)]
        if None not in pair:
            out.append(pair)
    return out


def box_cuts(character):
    """Columns, from the left of the glyph's box and inside it, where two touching glyphs would meet."""
    margin, width = crop_margin(character), character.box[2] - character.box[0]
    return [min(max(cut - margin, 1), width - 1) for cut in cut_columns(character.crop)]


def cut_columns(crop):
    """Columns of a glyph's white-on-black crop, away from its ink's ends, where two touching glyphs
    would meet (segment.pair_cuts: the columns of least ink)."""
    ink = np.flatnonzero(crop.max(axis=0) > crop.min())
    if ink.size < 2:
        return []
    piece = Piece(int(ink[0]), int(ink[-1]) + 1, 0, crop.shape[0], 0)
    return [piece.left + cut for cut in pair_cuts(crop.astype(np.float64), piece)]


def inked_box(ink, left, top):
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return None
    return Box(left + int(cols[0]), top + int(rows[0]), left + int(cols[-1]) + 1, top + int(rows[-1]) + 1, 'char')


def number_part(c):
    """(character, probability) of the likeliest digit or number mark among a half's candidates, a
    mark's probability summed over the marks of its shape (MARK_SHAPES), which its place in the line
    tells apart later."""
    def shape(x):
        return next((group for group in MARK_SHAPES + DIGIT_LOOKALIKES if x in group), x)
    summed = {}
    for x, p in zip(c.candidates, c.probabilities):
        summed[shape(x)] = summed.get(shape(x), 0.0) + p
    return max(((x, summed[shape(x)]) for x in c.candidates if x in NUMBER_PARTS),
               key=lambda xp: xp[1], default=('', 0.0))
