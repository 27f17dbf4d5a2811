"""A number that the segmenter cut in the wrong places, cut again.

Blurred at screenshot sizes, a phone number's digits and hyphen run into one blob, which the segmenter
cuts at an ideograph's pitch rather than at the digits: 099-4 comes out as m, O and 4, each glyph
holding a digit and a part of the next, and the classifier reads the m at 1.00. No single glyph can
then be cut in two to give digits (numbers_apart's halves): the digits straddle the cuts. So the
glyphs that touch a sure digit (one that no letter looks like: not the l of TensorFlow read as 1),
of a digit's height and read as no digit, are taken together and cut afresh, at their columns of
least ink, at their own edges and a digit's width from either end; every piece between two cuts
that is as wide as a number's glyph may be is read, and the likeliest cutting (a best path over the
pieces) is taken when the classifier is sure of each of its pieces as a digit or a number's mark.
An ideograph between two of a number's parts is taken in too unless the classifier is all but certain
of it: no ideograph stands inside a number (067-63 read as 067-乇3, the 乇 at 0.91).
"""
import math
from dataclasses import replace

import numpy as np

from latin_words import crop_margin
from line_geometry import is_cjk
from neighbours import PERCENT, kind_of, lookalikes_of
from numbers_apart import NUMBER_PARTS, inked_box, is_percent, number_part
from segment import otsu_threshold

SURE_DIGIT = 0.9        # a digit that flanks the glyphs is read at least this surely,
SURE_PIECE = 0.85       # and every piece of their new cutting this surely as a digit or number mark (the stub
                        # of 099-4's hyphen in AR PL UMing with Liberation Sans, 19 px, degraded: 0.89)
TOUCHING = 0.3          # x the digit's width: the widest gap between glyphs of one number (a space is 0.5)
HEIGHT_SLACK = 0.1      # x the flanking digit's height: how far a glyph's top or bottom may be from the
                        # digit's to be of the number (an ideograph of the line, 年, stands taller)
NARROWEST = 0.2         # x the digit's width: the narrowest piece (a blurred . at 16 px is 3 px to an 8 px 0)
WIDEST = 1.7            # x the digit's width: the widest piece (a % is 1.6 digits in Liberation Sans)
DIGIT_WIDTHS = (0.6, 1.4)  # x the digit's width: a piece read as a digit is this wide (a number's digits share
                        # one width; a stem of an H, cut from its bar, is no 1)
PERCENT_WIDTH = 1.6     # x a digit's width: a %'s (Liberation Sans 1.6, AR PL KaitiM 1.5), the digit width a sure %
                        # after a blurred number gives its cutting (文字65.8% read 文字呒田%)
PART_FLOOR = 1e-4       # the probability a piece read as no number part at all counts with
SURE_INSIDE = 0.99      # an ideograph between two number parts is left as read only this surely (067-63 read as
                        # 067-乇3, the 乇 at 0.91)
SPECKS = '.\u00b7-_\u2014\u4e00'  # . · - _ — 一: a hyphen's stub cut to its ink is a speck like a dot; where it
                        # sits in the line (placed, after) tells the two apart


def numbers_recut(characters, read_boxes):
    """The line's characters with each group of glyphs that a sure digit flanks, read as no number
    part or unsurely (suspect_groups), read as the best cutting of their columns into digits and
    marks when the classifier is sure of every piece. `read_boxes` reads segment.Boxes of the line's
    image as Characters (None for a blank one)."""
    groups = suspect_groups(characters)
    if not groups:
        return characters
    pieces = [pieces_of(characters[a:b], width) for a, b, width in groups]
    reads = iter(read_boxes([box for group in pieces for _, _, box in group]))
    out, at = [], 0
    for (a, b, width), group in zip(groups, pieces):
        read = [(x, y, next(reads)) for x, y, _ in group]
        path = best_cutting(read, characters[a].box[0], characters[b - 1].box[2], width)
        if path is not None:
            path[0] = replace(path[0], space_before=characters[a].space_before)
            out += characters[at:a] + path
            at = b
    return out + characters[at:]


def suspect_groups(characters):
    """(a, b, digit width): each run of glyphs a..b-1 read as no number part or unsurely, touching a
    sure digit or % (flank_width) and one another (`touch`), of its height (`of_height`), from it on."""
    groups = []
    for a, b in unsure_runs(characters):
        before, after = characters[a - 1] if a > 0 else None, characters[b] if b < len(characters) else None
        if before is not None and flank_width(before):
            width, end = flank_width(before), a
            while end < b and of_height(characters[end], before) \
                    and touch(characters[end - 1], characters[end], width):
                end += 1
            groups += [(a, end, width)] if misread(characters[a:end], width) else []
        elif after is not None and flank_width(after):
            width, start = flank_width(after), b
            while start > a and of_height(characters[start - 1], after) \
                    and touch(characters[start - 1], characters[start], width):
                start -= 1
            groups += [(start, b, width)] if misread(characters[start:b], width) else []
    return groups


def flank_width(c):
    """The digit width that glyph c gives the glyphs beside it when it may end a number: a sure digit's own, a
    sure %'s over PERCENT_WIDTH; else None."""
    if is_sure_digit(c):
        return c.box[2] - c.box[0]
    return round((c.box[2] - c.box[0]) / PERCENT_WIDTH) if is_percent(c) else None


def misread(glyphs, width):
    """Whether any of the glyphs is read as no digit, letter of a digit's shape (O l q, which
    neighbours.settled reads as its digit) or number mark, or as a digit wider than one (DIGIT_WIDTHS
    x the digit `width` beside it: 4- as 4): a digit of a digit's width read unsurely is seldom two, and
    a mark is cut well."""
    widest = DIGIT_WIDTHS[1] * width
    return any(c.char not in NUMBER_PARTS + SPECKS and not lookalikes_of(c.char)
               or kind_of(c.char) == 'digit' and c.box[2] - c.box[0] > widest for c in glyphs)


def unsure_runs(characters):
    """(a, b): each run of glyphs a..b-1 read as no sure digit (marks are taken in: 吣· is 40-), or as an
    ideograph inside a number (is_inside_number)."""
    runs, start = [], None
    for i, c in enumerate(characters + [None]):
        if c is not None and (not is_settled(c) or is_inside_number(characters, i)):
            start = i if start is None else start
        elif start is not None:
            runs.append((start, i))
            start = None
    return runs


def touch(left, right, width):
    """Whether two glyphs side by side are no further apart than a number's glyphs (TOUCHING x the digit
    `width`): the segmenter has not yet set the line's spaces."""
    return right.box[0] - left.box[2] <= TOUCHING * width


def piece_part(c):
    """numbers_apart.number_part of a piece, a speck's probability summed over SPECKS."""
    char, p = number_part(c)
    if char in SPECKS:
        p = sum(q for x, q in zip(c.candidates, c.probabilities) if x in SPECKS)
    return char, p


def is_settled(c):
    """Whether glyph c is left as it is read: surely as a digit or an ideograph, or at all as a %, whose
    rings, cut apart, read as digits more surely than it does whole (numbers_apart.PERCENT_RINGS)."""
    if not c.candidates or c.char in PERCENT:
        return True
    return (number_part(c)[1] if kind_of(c.char) == 'digit' else c.probabilities[0] if is_cjk(c.char) else 0.0) \
        >= SURE_DIGIT


def is_inside_number(characters, i):
    """Whether glyph i is read as an ideograph, less than SURE_INSIDE surely, between two number parts
    (digits or their marks): no ideograph stands inside a number, but a glyph cut across its digits
    may be read as one."""
    c = characters[i]
    if not (0 < i < len(characters) - 1 and is_cjk(c.char) and c.probabilities and c.probabilities[0] < SURE_INSIDE):
        return False
    return all(kind_of(n.char) == 'digit' or n.char in NUMBER_PARTS for n in (characters[i - 1], characters[i + 1]))


def is_sure_digit(c):
    """Whether glyph c is read surely as a digit that no letter looks like: a 1 or a 0 may be the l or
    the O of a word (TensorFlow's Fl read as F1 is no number)."""
    return kind_of(c.char) == 'digit' and not lookalikes_of(c.char) and number_part(c)[1] >= SURE_DIGIT


def of_height(c, digit):
    """Whether glyph c's ink lies within the digit's rows, give or take HEIGHT_SLACK x the digit's height:
    a number's marks and digits do, an ideograph of the line (年) stands taller."""
    slack = HEIGHT_SLACK * (digit.box[3] - digit.box[1])
    return c.box[1] >= digit.box[1] - slack and c.box[3] <= digit.box[3] + slack


def pieces_of(glyphs, width):
    """[(x, y, Box)]: the pieces of the glyphs' columns worth reading, each between two cut_places x and
    y (columns of the line), from NARROWEST to WIDEST x a digit's `width` wide (pieces_between)."""
    return pieces_between(glyphs, cut_places(glyphs, width), NARROWEST * width, WIDEST * width)


def pieces_between(glyphs, cuts, narrowest, widest):
    """[(x, y, Box)]: the pieces of the glyphs' columns between two of the `cuts` x and y, from `narrowest`
    to `widest` columns wide, each Box drawn round its ink (where the ink sits in the line tells a hyphen
    from a dot); none that holds no ink."""
    left, top = glyphs[0].box[0], min(c.box[1] for c in glyphs)
    ink = ink_mask(glyphs)
    spans = [(x, y) for k, x in enumerate(cuts) for y in cuts[k + 1:] if narrowest <= y - x <= widest]
    boxes = [inked_box(ink[:, x - left:y - left], x, top) for x, y in spans]
    return [(x, y, box) for (x, y), box in zip(spans, boxes) if box is not None]


def ink_mask(glyphs):
    """The glyphs' inked pixels (each glyph's at its crop's Otsu threshold), rows from the glyphs'
    highest top, columns from the first glyph's left."""
    left, top = glyphs[0].box[0], min(c.box[1] for c in glyphs)
    ink = np.zeros((max(c.box[3] for c in glyphs) - top, glyphs[-1].box[2] - left), bool)
    for c in glyphs:
        margin, (x0, y0, x1, y1) = crop_margin(c), c.box
        ink[y0 - top:y1 - top, x0 - left:x1 - left] = \
            c.crop[margin:margin + y1 - y0, margin:margin + x1 - x0] > otsu_threshold(c.crop)
    return ink


def cut_places(glyphs, width, reach=1):
    """The columns of the line where the glyphs' characters may meet: the glyphs' ends, their columns
    of least ink (holding no more than any column within `reach`), and each whole `width` (a digit's)
    from either end."""
    left, right = glyphs[0].box[0], glyphs[-1].box[2]
    profile = ink_profile(glyphs)
    least = [left + x for x in range(1, right - left - 1)
             if profile[x] <= profile[max(x - reach, 0):x + reach + 1].min()]
    steps = range(width, right - left, width)
    return sorted({c.box[0] for c in glyphs} | {right} | set(least) |
                  {left + x for x in steps} | {right - x for x in steps})


def ink_profile(glyphs):
    """The ink in each column from the first glyph's left to the last's right (none between glyphs)."""
    left = glyphs[0].box[0]
    profile = np.zeros(glyphs[-1].box[2] - left)
    for c in glyphs:
        margin, width = crop_margin(c), c.box[2] - c.box[0]
        crop = c.crop[:, margin:margin + width].astype(np.float64)
        profile[c.box[0] - left:c.box[2] - left] = np.clip(crop - np.median(c.crop), 0, None).sum(axis=0)
    return profile


def best_cutting(read, left, right, width):
    """The likeliest cutting of columns left..right into read pieces ([(x, y, Character or None)]),
    each scored by its log-probability as a number part (piece_part), a digit only when it is as wide
    as one (DIGIT_WIDTHS x `width`) and no two marks side by side (a number has none: a hyphen cut in
    two is one); as a list of Characters, or None when there is none or the classifier is not sure
    (SURE_PIECE) of each piece or of any as a digit."""
    best = {(left, False): (0.0, [])}   # (column, whether the piece ending there is a mark): (score, path)
    for x, y, c in sorted(read, key=lambda piece: (piece[1], piece[0])):
        if c is None or not fits(piece_part(c)[0], y - x, width):
            continue
        mark = kind_of(piece_part(c)[0]) != 'digit'
        for (at, after_mark), (score, path) in list(best.items()):
            if at != x or mark and after_mark:
                continue
            score += math.log(max(piece_part(c)[1], PART_FLOOR))
            if score > best.get((y, mark), (-math.inf,))[0]:
                best[y, mark] = (score, path + [c])
    ends = [best[key] for key in ((right, False), (right, True)) if key in best]
    path = max(ends, key=lambda end: end[0])[1] if ends else None
    if not path or any(piece_part(c)[1] < SURE_PIECE for c in path) \
            or not any(kind_of(piece_part(c)[0]) == 'digit' for c in path):
        return None
    return [replace(c, char=piece_part(c)[0]) for c in path]


def fits(part, columns, width):
    """Whether a piece `columns` wide may be read as `part`: a digit only when it is as wide as one."""
    return kind_of(part) != 'digit' or DIGIT_WIDTHS[0] * width <= columns <= DIGIT_WIDTHS[1] * width

