"""A letter whose last stroke was cut from it, read whole.

A letter whose last stroke stands apart, or is thin where it meets the stem (the arm of an r in AR PL
UMing, the right stroke of a W in AR PL KaitiM, the right arm of a y), may be cut from that stroke,
and the stroke read as a mark: Docker as Dockel丶, Windows as W'indows, NumPy as NumPy,. Such a stroke
touches the letter and starts at the letter's top, and it is no taller than half the letter: a comma
or a full stop sits low, the apostrophe of don't stands above the n. The two are read joined, and
when the classifier is sure of that as a letter, and surer than of the letter alone, it is taken.
Spelling cannot tell: the dictionary holds no Docker or NumPy (latin_words).
"""
from joined_pairs import joined_box, pairs_joined
from neighbours import kind_of

STROKE_GAP = 0.05   # x band height: the widest gap between a letter and a stroke cut from it, and how far the
                    # stroke's top may be from the letter's (the r of Docker, AR PL UMing 32 px: 1 pixel of 30)
SURE_WHOLE = 0.9    # the joined glyph is taken when the classifier reads it as a letter at least this surely


def letters_whole(characters, band, read_boxes):
    """The line's characters with each letter and the stroke cut from it (is_cut_stroke) read as one
    letter when the classifier is sure of it. `band` is the line's height in pixels; `read_boxes` reads
    segment.Boxes of the line's image as Characters (None for a blank one)."""
    pairs = [i for i in range(len(characters) - 1) if is_cut_stroke(characters[i + 1], characters[i], band)]
    reads = read_boxes([joined_box(characters[i], characters[i + 1]) for i in pairs]) if pairs else []
    return pairs_joined(characters, {i: c for i, c in zip(pairs, reads) if c is not None
                                     and kind_of(c.char) == 'letter' and c.probabilities[0] >= SURE_WHOLE
                                     and c.probabilities[0] >= characters[i].probabilities[0]})


def is_cut_stroke(mark, letter, band):
    """Whether glyph `mark`, read as no letter or digit (a stroke such as 丶 too), right of a glyph read
    as a `letter` (or with a letter as its second candidate: the stem of an r read as 」, then I) with no
    space between them, is a stroke cut from it: no further from it than STROKE_GAP x `band`, its top
    as high as the letter's, and no taller than half the letter."""
    slack = STROKE_GAP * band
    return any(kind_of(c) == 'letter' for c in letter.candidates[:2]) and kind_of(mark.char) is None \
        and bool(mark.candidates) \
        and not mark.space_before and mark.box[0] - letter.box[2] <= slack \
        and abs(mark.box[1] - letter.box[1]) <= slack \
        and mark.box[3] - mark.box[1] <= (letter.box[3] - letter.box[1]) / 2 + slack
