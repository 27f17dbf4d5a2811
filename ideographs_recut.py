"""A run of ideographs that the segmenter cut in the wrong places, cut again.

Where an ideograph's parts stand apart (训 after a dash, 时 in AR PL UMing at 42 px) or digits run
into an ideograph when blurred (79% and 5609元 at 16-20 px), the segmenter's cuts fall inside the
characters: 训练 comes out as 讠川练, 79% as 祀%, each glyph holding parts of two, and the classifier
is unsure of them. So each run of glyphs read unsurely as ideographs, with the glyph on either side,
is cut afresh like numbers_recut's numbers: at its columns of least ink, its glyphs' edges and an
ideograph's width from either end. Every piece as wide as an ideograph (or as a digit, in a line that
holds digits) is read, and the likeliest cutting (a best path over the pieces and the glyphs as they
were cut) is taken when the classifier is sure of each new piece and likes the cutting better than
the segmenter's. A glyph read surely as an ideograph but narrower than any whole one (the 纟 of 结 in AR
PL UMing at 42 px, cut apart from its 吉) is a fragment: it is cut again with the glyphs either side of it,
sure or not, and no cutting keeps it; a sure ideograph is given up only for pieces read as surely (SURE).
No piece is taken as a letter, nor as a mark but an angle or square bracket, which the segmenter may cut
with the ideograph after it (《时 as 佃 and 引): a % or a dash cut in two reads more surely than it does
whole (99% as 9996), and a word's letters are spelled by latin_words. But for a slash: it
leans over the ideograph before it (元/件), and the segmenter cuts the two as one glyph, read as
neither (汩); in a line of digits (a price per unit), a piece of a digit's width read surely as / is one,
as is one that leans as a / does and is offered as one: blurred, a / is upright enough to pass for an l.
"""
import math
from dataclasses import replace

import numpy as np

from line_geometry import is_cjk
from neighbours import SLASH, SLASH_SLANT, UPRIGHT_STROKES, ink_slant, kind_of
from numbers_recut import cut_places, is_sure_digit, pieces_between

SURE = 0.9              # the ideographs read at least this surely set the width of one
UNSURE = 0.7            # a glyph read less surely than this is of a run cut again, with the glyph on either side
FRAGMENT = 0.5          # x the ideographs' width: a glyph read as an ideograph narrower than this is part of one,
                        # however sure (the 讠 of 计, 0.4, read at 0.99 in AR PL UMing at 17 px; 卜, the narrowest
                        # whole one, is 0.55)
LEAST_INK_REACH = 0.2   # x the ideographs' width: a column cut at holds the least ink this far either side (the
                        # noise of a blurred 16 px line makes a minimum of every other column: 0.1 read 1.7x
                        # the pieces for the same text on read_mixed's prose, seed 13; 0.3 lost 5609 at 20 px)
SIDE_PARTS = '亻彳冫氵忄扌犭纟讠饣钅礻衤丬刂阝卩'  # the left and right parts of ideographs, which no text sets alone: a glyph
                        # read as one was cut from its ideograph (计 cut as 讠 and 十 in AR PL KaitiM, 44 px, its 讠 0.6
                        # of an ideograph's width and read at 1.00)
GLUED_LETTERS = 2       # glyphs: a run of letters this short beside a sure ideograph, together as wide as one may be
                        # (IDEOGRAPH_WIDTHS) or running into its columns, is doubted however surely read: an ideograph
                        # and a / run together read as letters (元/ as d at 0.97, or as j and d, in 154元/件 blurred),
                        # a part of one as a letter (别》 as 另 and O, 璐 as I and 路); a word set in Chinese (A股,
                        # T恤) stays, as no piece of it is read as an ideograph
SURE_PIECE = 0.85       # every piece of the run's new cutting is read at least this surely
TOUCHING = 0.3          # x the ideographs' width: the widest gap between glyphs of one run (a space is 0.5)
# How wide a piece read as an ideograph or a digit may be, x the line's ideographs' median ink width: an
# ideograph's parts (讠 of 训, 0.35) are narrower than any whole one (卜, 0.55), and a digit is about half
# as wide (1 in Liberation Sans, 0.2).
IDEOGRAPH_WIDTHS = (0.55, 1.3)
DIGIT_WIDTHS = (0.15, 0.75)
BRACKET_WIDTHS = (0.2, 0.6)     # 《 and 【 in AR PL UMing and Droid Sans Fallback: 0.4 to 0.45
BRACKETS = '\u300a\u300b\u3010\u3011'  # 《》【】: the marks a piece may be read as
SLASH_OFFERED = 0.1     # a new piece whose ink leans as a / does (neighbours.SLASH_SLANT) is one when the classifier
                        # offers / this much: blurred, a / beside 元 reads as a stroke (Liberation Sans, 16 px: l
                        # 0.45, I 0.36, / 0.16), where a 1 I l upright enough to be read so never leans


def ideographs_recut(characters, read_boxes):
    """The line's characters with each run of glyphs read unsurely (unsure_runs) read as its likeliest
    cutting into the glyphs as they were cut and new pieces that the classifier is sure of. `read_boxes`
    reads segment.Boxes of the line's image as Characters (None for a blank one)."""
    width = ideograph_width(characters)
    if width is None:
        return characters
    runs = unsure_runs(characters, width)
    if not runs:
        return characters
    # a line that holds no digit read surely holds none cut within an ideograph's glyph either
    digits = any(is_sure_digit(c) for c in characters)
    narrowest = DIGIT_WIDTHS[0] if digits else IDEOGRAPH_WIDTHS[0]
    pieces = [pieces_between(characters[a:b], cut_places(characters[a:b], int(round(width)),
                                                         max(1, int(LEAST_INK_REACH * width))),
                             narrowest * width, IDEOGRAPH_WIDTHS[1] * width) for a, b in runs]
    boxes = list({box for group in pieces for _, _, box in group})
    read = dict(zip(boxes, read_boxes(boxes)))
    out, at = [], 0
    for (a, b), group in zip(runs, pieces):
        path = best_cutting([(x, y, read[box]) for x, y, box in group], as_cut(characters[a:b]),
                            characters[a].box[0], characters[b - 1].box[2], width, digits)
        if path is not None:
            path[0] = replace(path[0], space_before=characters[a].space_before)
            out += characters[at:a] + path
            at = b
    return out + characters[at:]


def ideograph_width(characters):
    """The median width of the glyphs read surely (SURE) as ideographs, but for those narrower than FRAGMENT x
    their own height (电话 cut as 电讠舌 twice in a line: the 讠 would halve it); in a line that has none
    (burning OCR: 248 时间, where 时 is cut as 日 and 寸), the median height of those read as ideographs, as an
    ideograph is about as wide as it is tall; None when no glyph is read as one."""
    read = [c for c in characters if is_cjk(c.char) and c.probabilities]
    sure = [c.box[2] - c.box[0] for c in read
            if c.probabilities[0] >= SURE and c.box[2] - c.box[0] >= FRAGMENT * (c.box[3] - c.box[1])]
    if sure:
        return float(np.median(sure))
    return float(np.median([c.box[3] - c.box[1] for c in read])) if read else None


def unsure_runs(characters, width):
    """(a, b): each run of glyphs a..b-1 read unsurely as ideographs or as letters glued to one
    (is_unsure), with the read glyph on either side of it and any further glyphs within an ideograph's
    widest (IDEOGRAPH_WIDTHS) of its unsure glyphs (the specks and stroke of 计's 十, cut apart from its
    讠), unless that is an ideograph read surely (SURE: 都 of 都为, whose 阝 would make 为 a 沩) beside
    anything but a fragment or glued letters, each touching the next (TOUCHING x the ideographs'
    `width`); a glyph alone only when it is wider than an ideograph may be."""
    def joins(left, right, neighbour):
        other = left if neighbour is right else right
        return touching(left, right, width) and not (is_sure_ideograph(neighbour) and not is_fragment(other, width)
                                                     and id(other) not in glued)
    reach = IDEOGRAPH_WIDTHS[1] * width
    glued = glued_letters(characters, width)
    runs = []
    for i in (i for i, c in enumerate(characters) if is_unsure(c, width, glued)):
        a, b = i, i + 1
        while a > 0 and is_unsure(characters[a], width, glued) \
                and joins(characters[a - 1], characters[a], characters[a - 1]):
            a -= 1
        while b < len(characters) and is_unsure(characters[b - 1], width, glued) \
                and joins(characters[b - 1], characters[b], characters[b]):
            b += 1
        unsure = [c for c in characters[a:b] if is_unsure(c, width, glued)]
        first, last = unsure[0].box[0], unsure[-1].box[2]
        while b < len(characters) and joins(characters[b - 1], characters[b], characters[b]) \
                and characters[b].box[2] - first <= reach:
            b += 1
        while a > 0 and joins(characters[a - 1], characters[a], characters[a - 1]) \
                and last - characters[a - 1].box[0] <= reach:
            a -= 1
        if runs and a < runs[-1][1]:
            a, b = runs[-1][0], max(b, runs.pop()[1])
        runs.append((a, b))
    return [(a, b) for a, b in runs
            if b - a > 1 or characters[a].box[2] - characters[a].box[0] > IDEOGRAPH_WIDTHS[1] * width]


def glued_letters(characters, width):
    """The ids of the glyphs of each run of GLUED_LETTERS or fewer read as letters that is glued to an
    ideograph read surely (is_glued) in a line of ideographs of `width`."""
    glued, a = set(), 0
    while a < len(characters):
        b = a
        while b < len(characters) and kind_of(characters[b].char) == 'letter':
            b += 1
        if a < b <= a + GLUED_LETTERS and is_glued(characters, a, b, width):
            glued.update(id(c) for c in characters[a:b])
        a = b + 1
    return glued


def is_glued(characters, a, b, width):
    """Whether glyphs a..b-1 stand beside an ideograph read surely (SURE) and are as wide together as an
    ideograph of `width` may be (IDEOGRAPH_WIDTHS), or run into its columns (the 王 of 璐, read as I):
    among digits run together and read as letters and unsure ideographs (040-5710 as 灬-vm貊m), the
    numbers' own rules read them."""
    left, right = characters[a].box[0], characters[b - 1].box[2]
    before = a > 0 and is_sure_ideograph(characters[a - 1])
    after = b < len(characters) and is_sure_ideograph(characters[b])
    runs_into = before and left < characters[a - 1].box[2] or after and right > characters[b].box[0]
    return (before or after) and (right - left >= IDEOGRAPH_WIDTHS[0] * width or runs_into)


def is_sure_ideograph(c):
    return is_cjk(c.char) and c.probabilities[0] >= SURE


def is_unsure(c, width, glued=()):
    """Whether glyph c is read as an ideograph less surely than UNSURE, is a FRAGMENT of one, in a line
    of ideographs of `width` (a digit read unsurely is numbers_recut's), or is one of the `glued` letters
    (glued_letters)."""
    return (id(c) in glued or bool(c.candidates) and is_cjk(c.char) and c.probabilities[0] < UNSURE
            or is_fragment(c, width))


def is_fragment(c, width):
    """Whether glyph c is read as an ideograph narrower than FRAGMENT x the line's ideographs' `width`, or
    as a SIDE_PART, however wide."""
    return bool(c.candidates) and is_cjk(c.char) and (c.box[2] - c.box[0] < FRAGMENT * width or c.char in SIDE_PARTS)


def touching(left, right, width):
    """Whether two glyphs side by side, both read, are no further apart than TOUCHING x the ideographs'
    `width`."""
    return bool(left.candidates and right.candidates) and not right.space_before \
        and right.box[0] - left.box[2] <= TOUCHING * width


def fits(char, columns, width, digits):
    """Whether a piece with ink `columns` wide may be read as `char`, in a line of ideographs of `width`:
    as an ideograph, a bracket (BRACKETS) or (where the line holds `digits`) a digit or a / of a digit's
    width, never as another mark or a letter."""
    as_digit = digits and (kind_of(char) == 'digit' or char == SLASH)
    low, high = IDEOGRAPH_WIDTHS if is_cjk(char) else DIGIT_WIDTHS if as_digit \
        else BRACKET_WIDTHS if char in BRACKETS else (0, -1)
    return low * width <= columns <= high * width


def piece_reading(c):
    """A new piece as read: one that leans as a / does and that the classifier offers as a / (SLASH_OFFERED)
    is read as the / alone, with all that the classifier gives it and the UPRIGHT_STROKES (the / of 941元/件 in Liberation
    Sans, 24 px, blurred: / 0.56, l 0.36), so that its place in the line no longer makes a 1 of it."""
    offered = dict(zip(c.candidates, c.probabilities))
    if offered.get(SLASH, 0.0) < SLASH_OFFERED or c.crop is None or ink_slant(c.crop) < SLASH_SLANT:
        return c
    return replace(c, char=SLASH, candidates=[SLASH], ids=[c.ids[c.candidates.index(SLASH)]],
                   probabilities=[sum(p for x, p in offered.items() if x == SLASH or x in UPRIGHT_STROKES)])


def sureness_needed(x, y, glyphs):
    """How surely a new piece over columns x..y must be read: SURE where it takes columns of one of the
    segmenter's `glyphs` read surely as an ideograph (a 子 beside the 亻 of 们 is not given up for 孑 at
    0.93 and 彐 at 0.88), SURE_PIECE elsewhere."""
    takes_sure = any(is_sure_ideograph(c) and min(y, b) > max(x, a) for a, b, c in glyphs)
    return SURE if takes_sure else SURE_PIECE


def as_cut(glyphs):
    """[(x, y, Character)]: the glyphs as the segmenter cut them, each from its left to the next one's."""
    ends = [c.box[0] for c in glyphs[1:]] + [glyphs[-1].box[2]]
    return [(c.box[0], end, c) for c, end in zip(glyphs, ends)]


def best_cutting(read, glyphs, left, right, width, digits):
    """The likeliest cutting of columns left..right into the segmenter's `glyphs` (as_cut, each as it was
    read: a glyph beside the run read surely stays, where a piece of the same columns, boxed round its
    neighbours' ink too, may read worse; a fragment never does) and read pieces ([(x, y, Character or
    None)], each as piece_reading reads it) that the classifier is sure of (`sureness_needed`) and that
    `fits`, each scored by its top candidate's log-probability; a list of Characters, or None when it reads
    as the glyphs do, no cutting leaves out the fragments, or the glyphs overlap (an overhanging glyph
    starts left of the one before: no cutting of columns holds both)."""
    if any(x >= y for x, y, _ in glyphs):
        return None
    as_segmented = {id(c) for _, _, c in glyphs}
    best = {left: (0.0, [])}
    for x, y, c in sorted(read + glyphs, key=lambda piece: (piece[1], piece[0])):
        if x not in best or c is None or id(c) in as_segmented and is_fragment(c, width):
            continue
        c = c if id(c) in as_segmented else piece_reading(c)
        if id(c) not in as_segmented and (c.probabilities[0] < sureness_needed(x, y, glyphs)
                                          or not fits(c.char, c.box[2] - c.box[0], width, digits)):
            continue
        score = best[x][0] + math.log(c.probabilities[0])
        if score > best.get(y, (-math.inf,))[0]:
            best[y] = (score, best[x][1] + [c])
    if right not in best:
        return None
    path = best[right][1]
    return path if [c.char for c in path] != [c.char for _, _, c in glyphs] else None
