"""An ideograph cut in two, read whole.

An ideograph made of two parts side by side with a gap between them (比, 心 in AR PL KaitiM) may be
cut into two glyphs, each read as a letter or a mark (比 as bb, 心 as ·口), when a line's marks set a
Latin baseline that its halves fit. Two glyphs after an ideograph or at the line's start, and before
an ideograph or a CJK mark, one of them read unsurely, that together are no wider than the line's
ideographs, are also read joined: when the classifier is sure of that as an ideograph, it is taken.
So are two glyphs in which the line reader (latin_lines), reading the whole line, reads one ideograph
and nothing else: a line of few ideographs among Latin words and numbers gives the segmenter no pitch to
cut them by (472 结果 as 472 纟吉果, 914 识别 as 914 讠只另刂), and its glyphs are read surely apart.
"""
import numpy as np

from joined_pairs import joined_box, pairs_joined
from line_geometry import is_cjk
from line_model import IDEOGRAPH

UNSURE = 0.9        # a pair is read joined only when the classifier gives one of its glyphs less than this
SURE_WHOLE = 0.9    # and it is taken when the classifier gives the joined glyph, an ideograph, this much
WHOLE_WIDTH = 1.2   # x the line's median ideograph width: the widest a pair read joined may be
SEEN_WIDTH = 1.3    # x its height: the widest a pair in which the line reader reads one ideograph may be read
                    # joined (an ideograph is about as wide as it is high; 识 cut as 讠只: 1.06, 址 as A L: 1.22; 只另: 1.38)
CJK_MARKS = '\uff0c\u3002\u3001\uff1b\uff1a\uff01\uff1f'  # ，。、；：！？ may follow the ideograph


def ideographs_whole(characters, read_boxes):
    """The line's characters with each pair of glyphs that is one ideograph cut in two read whole.
    `read_boxes` reads segment.Boxes of the line's image as Characters (None for a blank one)."""
    widths = [c.box[2] - c.box[0] for c in characters if is_cjk(c.char) and c.probabilities
              and c.probabilities[0] >= SURE_WHOLE]
    if not widths:
        return characters
    pairs = [i for i in range(len(characters) - 2) if is_cut_ideograph(characters, i, np.median(widths))]
    reads = read_boxes([joined_box(characters[i], characters[i + 1]) for i in pairs]) if pairs else []
    return pairs_joined(characters, {i: c for i, c in zip(pairs, reads)
                                     if c is not None and is_cjk(c.char) and c.probabilities[0] >= SURE_WHOLE})


def is_cut_ideograph(characters, i, width):
    """Whether glyphs i and i + 1, of which neither is read as an ideograph surely and one unsurely
    (UNSURE), lie between the line's start or an ideograph and an ideograph or a CJK mark, with no
    space, and together are no wider than WHOLE_WIDTH ideographs of `width`."""
    a, b, after = characters[i:i + 3]
    probabilities = [c.probabilities[0] if c.probabilities else 0.0 for c in (a, b)]
    return (i == 0 or is_cjk(characters[i - 1].char)) and (is_cjk(after.char) or after.char in CJK_MARKS) \
        and not (a.space_before or b.space_before or after.space_before) \
        and min(probabilities) < UNSURE \
        and not any(is_cjk(c.char) and p >= UNSURE for c, p in zip((a, b), probabilities)) \
        and b.box[2] - a.box[0] <= WHOLE_WIDTH * width


def ideographs_seen_whole(characters, seen, read_boxes):
    """The line's characters with each pair of glyphs in which the line reader reads one ideograph and
    nothing else (`seen`: what it reads in each glyph) read whole, where together they are no wider than
    SEEN_WIDTH x their height and the classifier is sure of them joined as an ideograph other than either
    glyph is read as alone: a pair read whole as one of its glyphs is that glyph and a mark the line reader
    missed beside it (电话：read 话). The line's band is no measure of its ideographs' size in a line of
    Latin words, whose letters set it."""
    pairs, boxes, i = [], [], 0
    while i < len(characters) - 1:
        box = joined_box(characters[i], characters[i + 1])
        if ''.join(seen[i:i + 2]).replace(' ', '') == IDEOGRAPH \
                and box.right - box.left <= SEEN_WIDTH * (box.bottom - box.top):
            pairs.append(i)
            boxes.append(box)
            i += 1
        i += 1
    reads = read_boxes(boxes) if pairs else []
    return pairs_joined(characters, {i: c for i, c in zip(pairs, reads)
                                     if c is not None and is_cjk(c.char) and c.probabilities[0] >= SURE_WHOLE
                                     and c.char not in (characters[i].char, characters[i + 1].char)})
