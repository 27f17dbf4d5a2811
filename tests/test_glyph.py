import numpy as np

from glyph import normalize_glyph, white_on_black


def canvas_with_bar(height, width, top, left, bar_h, bar_w, ink=255, background=0):
    image = np.full((height, width), background, np.uint8)
    image[top:top + bar_h, left:left + bar_w] = ink
    return image


def test_thin_glyph_keeps_its_aspect_ratio_and_is_centred():
    glyph = normalize_glyph(canvas_with_bar(200, 300, 20, 30, 10, 200), 64, 64, margin=4)
    rows = np.flatnonzero((glyph > 64).any(axis=1))
    cols = np.flatnonzero((glyph > 64).any(axis=0))
    assert glyph.shape == (64, 64) and glyph.dtype == np.uint8
    assert cols[0] == 4 and cols[-1] == 59  # the long side fills the box inside the margin
    assert 2 <= len(rows) <= 4  # 10:200 kept, not stretched to a square
    assert abs((rows[0] + rows[-1]) / 2 - 31.5) <= 1


def test_dark_on_light_is_turned_white_on_black():
    dark_on_light = canvas_with_bar(50, 50, 10, 20, 30, 10, ink=20, background=230)
    glyph = normalize_glyph(white_on_black(dark_on_light))
    assert glyph[32, 32] == 255 and glyph[0, 0] == 0


def test_blank_image_has_no_glyph():
    assert normalize_glyph(np.full((40, 40), 200, np.uint8)) is None
