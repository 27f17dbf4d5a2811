"""Validation's picture of the most-confused pairs."""
import numpy as np
from PIL import Image

from confused_pairs import CELL_H, CELL_W, COLUMNS, GLYPH_PX, PAIRS_SHOWN, TITLE_H, cjk_font_path, draw_confused_pairs

PAIRS = [{'truth': t, 'read_as': r, 'count': n} for t, r, n in
         [('千', '干', 5), ('函', '面', 9), ('问', '间', 3), ('臼', '曰', 2), ('迸', '进', 2)] * 3]


def ink_in(image, box):
    return (np.asarray(image.crop(box).convert('L')) < 128).sum()


def test_grid_shows_the_top_pairs_truth_in_black_beside_the_reading_in_red(tmp_path):
    path = draw_confused_pairs(PAIRS, str(tmp_path / 'confused_pairs.png'))
    image = Image.open(path).convert('RGB')
    assert image.size == (COLUMNS * CELL_W, TITLE_H + PAIRS_SHOWN // COLUMNS * CELL_H)
    pixels = np.asarray(image).astype(int)
    truth_box = (10, TITLE_H, 10 + GLYPH_PX, TITLE_H + GLYPH_PX)
    read_box = (10 + 2 * GLYPH_PX + 12, TITLE_H, 10 + 3 * GLYPH_PX + 12, TITLE_H + GLYPH_PX)
    assert ink_in(image, truth_box) > 100  # 千 is drawn, not a missing-glyph box or nothing
    red = pixels[read_box[1]:read_box[3], read_box[0]:read_box[2]]
    assert ((red[..., 0] > 150) & (red[..., 1] < 100)).sum() > 50  # 干 in red
    last_cell = (3 * CELL_W + 10, TITLE_H + 2 * CELL_H, 3 * CELL_W + 10 + GLYPH_PX, TITLE_H + 2 * CELL_H + GLYPH_PX)
    assert ink_in(image, last_cell) > 50  # the 12th pair is drawn; the 13th to 15th are not


def test_nothing_is_drawn_without_confusions_or_without_a_cjk_font(tmp_path):
    assert cjk_font_path() is not None
    assert draw_confused_pairs([], str(tmp_path / 'a.png')) is None
    assert not (tmp_path / 'a.png').exists()
