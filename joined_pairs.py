"""Two neighbouring glyphs of a line read again as one: the box round both, and the line with each
such pair replaced by the one glyph it was read as (numbers_apart's % cut in two, ideographs_whole's
ideograph cut in two)."""
from dataclasses import replace

from segment import Box


def joined_box(a, b):
    """The segment.Box round Characters a and b, a to the left of b."""
    return Box(a.box[0], min(a.box[1], b.box[1]), b.box[2], max(a.box[3], b.box[3]), 'char')


def pairs_joined(characters, whole):
    """The characters with each pair i, i + 1 for i in `whole` ({i: Character}) replaced by whole[i],
    which keeps the space before the pair."""
    out, skip = [], False
    for i, c in enumerate(characters):
        if not skip:
            out.append(replace(whole[i], space_before=c.space_before) if i in whole else c)
        skip = i in whole
    return out
