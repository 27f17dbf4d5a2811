"""Whether a flat glyph is a written 一 or a ruled em dash (—), by the evenness of its ink.

CJK fonts draw — as a hairline at the height of 一 and about as long, so a crop cut to its ink leaves
the classifier little to tell them by, and it reads most dashes of AR PL and LXGW WenKai as 一. But a
一 is written with a brush and a — is ruled: Song faces end their 一 in a serif (its thickest column
1.4 to 3.7 times its median in AR PL UMing, SungtiL and Noto Serif), Kai faces slant it (rising 1 to 3
pixels over its length in AR PL KaitiM, UKai and LXGW WenKai), and every face's — is even and level
(at most 1.25 times and 0.4 pixels: benchmarks/dashes.py's lines, 16-48 px, clean and degraded). Sans
faces draw their 一 even and level too (Droid Sans Fallback, Noto Sans), so an even stroke only makes a
dash likelier, where a serif or a slant all but rules it out.
"""
import numpy as np

SERIF = 1.3         # x the median column's ink: a flat glyph whose thickest column holds more ends in a serif
SLANT = 0.5         # pixels: a flat glyph whose ink rises or falls more over its length is slanted
EVEN = 1.2          # x the median column's ink: a ruled line's thickest column holds no more (97% of dashes), and
LEVEL = 0.25        # pixels: it rises or falls no more (90%; a blurred 16 px Kai 一 may slant no more than 0.3)
INKED = 0.15        # x the thickest column's ink: the columns that hold the stroke (not its blurred ends' halo)
WRITTEN_ODDS = 0.02  # P(serif or slant | —) / P(serif or slant | 一): 2 of 120 dashes, 6 of 8 faces' 一
RULED_ODDS = 1.5    # P(even and level | —) / P(even and level | 一): every dash is, and the 一 of sans faces, the
                    # faces of most screens, taken as more than half the text read (2.0 read 2 more of Noto Sans's
                    # 48 一 in benchmarks/dashes.py as —, and Droid Sans Fallback's 16 px 新的一年 as 新的—年)


def dash_odds(crop):
    """How many times likelier a flat glyph's ink makes it a — than a 一: WRITTEN_ODDS when it ends in a
    serif or slants, RULED_ODDS when it is even and level, 1 when it is neither or its pixels are not
    known. `crop` is white on black."""
    if crop is None:
        return 1.0
    pixels = np.asarray(crop, dtype=float)
    ink = np.clip(pixels - np.median(pixels), 0, None)
    columns = ink.sum(axis=0)
    inked = columns >= INKED * columns.max() if columns.max() > 0 else np.zeros(0, bool)
    if inked.sum() < 3:
        return 1.0
    share, slope = thickest_share(columns[inked]), abs(rise(ink[:, inked]))
    if share > SERIF or slope > SLANT:
        return WRITTEN_ODDS
    return RULED_ODDS if share <= EVEN and slope <= LEVEL else 1.0


def thickest_share(columns):
    """The ink of the thickest column over the median column's."""
    return columns.max() / np.median(columns)


def rise(ink):
    """Pixels by which the centre of the ink's columns climbs (negative) or falls over its length."""
    centres = (ink * np.arange(ink.shape[0])[:, None]).sum(axis=0) / ink.sum(axis=0)
    return np.polyfit(np.arange(ink.shape[1]), centres, 1)[0] * ink.shape[1]
