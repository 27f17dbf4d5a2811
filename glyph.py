"""Glyph geometry shared by training-set synthesis and reading real images.

Every glyph the network sees, rendered or cut from a page, goes through
`normalize_glyph`, so training and inference see the same geometry: white ink
on black, contrast stretched, cropped to the ink, scaled to fit the box with its
aspect ratio kept, centred.
"""
import numpy as np
from PIL import Image

INK_FRACTION = 0.25  # a pixel is ink when it is this far from background towards the brightest ink


def white_on_black(gray):
    """The image in the training polarity: inverted when its background (its border) is light."""
    gray = np.asarray(gray, dtype=np.uint8)
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    return 255 - gray if np.median(border) > 127 else gray


def stretched(gray):
    """Background mapped to 0 and the brightest ink to 255; None when there is no ink."""
    gray = np.asarray(gray, dtype=np.float32)
    # A low percentile, not the median: in a tight crop of a dense glyph most pixels are ink.
    background = float(np.percentile(gray, 10))
    peak = float(gray.max())
    if peak - background < 16:
        return None
    return np.clip((gray - background) * (255.0 / (peak - background)), 0, 255).astype(np.uint8)


def ink_box(gray):
    """(top, left, bottom, right) of the ink in a white-on-black image, or None if blank."""
    mask = np.asarray(gray) > 255 * INK_FRACTION
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    if rows.size == 0:
        return None
    return rows[0], cols[0], rows[-1] + 1, cols[-1] + 1


def ink_moments(crop):
    """(row spread, column spread, covariance): the second central moments of a white-on-black crop's
    ink, grey levels above its background (the median) as weights; None when it holds no ink."""
    pixels = np.asarray(crop, dtype=float)
    ink = np.clip(pixels - np.median(pixels), 0, None)
    mass = ink.sum()
    if mass == 0:
        return None
    rows, columns = np.indices(ink.shape)
    row, column = np.sum(ink * rows) / mass, np.sum(ink * columns) / mass
    return (np.sum(ink * (rows - row) ** 2) / mass, np.sum(ink * (columns - column) ** 2) / mass,
            np.sum(ink * (rows - row) * (columns - column)) / mass)


def normalize_glyph(gray, width=64, height=64, margin=4):
    """A white-on-black uint8 glyph of `height`x`width`, or None if the image holds no ink."""
    gray = stretched(gray)
    box = gray is not None and ink_box(gray)
    if not box:
        return None
    top, left, bottom, right = box
    crop = Image.fromarray(gray[top:bottom, left:right])
    scale = min((width - 2 * margin) / crop.width, (height - 2 * margin) / crop.height)
    size = (max(1, round(crop.width * scale)), max(1, round(crop.height * scale)))
    canvas = Image.new('L', (width, height), 0)
    canvas.paste(crop.resize(size, Image.LANCZOS), ((width - size[0]) // 2, (height - size[1]) // 2))
    return np.asarray(canvas)
