"""The line reader's input: a strip of a text line, shared by its training-set synthesis and by reading.

A strip spans the line's band (the rows its ideographs cover) with STRIP_MARGIN of it above and below,
so that a letter keeps its size and place against the band: x o, p P and , ' stay apart, as they do not
in a glyph cropped to its ink.
"""
import numpy as np
from PIL import Image

from glyph import stretched

STRIP_HEIGHT = 32    # pixels: the network's input rows
STRIP_MARGIN = 0.2   # x band height above and below the band: a descender (g, y) reaches about 0.15 below it
STRIP_PAD = 0.06     # x band height of the image kept left and right of a run's ink (the i of in keeps its gap)


def strip_rows(top, bottom):
    """[first, last) rows of the strip around a band [top, bottom), in the page's rows (may overhang it)."""
    margin = STRIP_MARGIN * (bottom - top)
    return int(round(top - margin)), int(round(bottom + margin))


def strip_input(page, top, bottom, left, right):
    """A [STRIP_HEIGHT, width, 1] float strip in [0, 1] of a white-on-black page, rows [top, bottom) and
    columns [left, right), overhangs filled with the page's background; None when it holds no ink."""
    background = float(np.median(page))
    height, width = page.shape
    canvas = np.full((bottom - top, right - left), background, np.float32)
    rows = slice(max(top, 0), min(bottom, height))
    columns = slice(max(left, 0), min(right, width))
    canvas[rows.start - top:rows.stop - top, columns.start - left:columns.stop - left] = page[rows, columns]
    gray = stretched(canvas)
    if gray is None:
        return None
    scaled_width = max(1, int(round(gray.shape[1] * STRIP_HEIGHT / gray.shape[0])))
    image = Image.fromarray(gray).resize((scaled_width, STRIP_HEIGHT), Image.BILINEAR)
    return np.asarray(image, np.float32)[:, :, None] / 255.0
