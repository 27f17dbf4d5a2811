"""flat_strokes.dash_odds on glyphs drawn in real faces, and the em dash or 一 it makes reading choose."""
import os

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

import slim_compat  # noqa: F401  (must precede tf_slim)
import tensorflow.compat.v1 as tf

import reading
from benchmarks.segment_lines import FONTS
from charset import load_charset
from conftest import ROOT
from flat_strokes import RULED_ODDS, WRITTEN_ODDS, dash_odds
from model import trained_charset_size
from reader import Reader

MODEL = os.path.join(ROOT, 'model')


def crop(char, face, size=32):
    """`char` drawn white on black in `face` (segment_lines.FONTS), with a margin of background round it."""
    path, index = FONTS[face]
    image = Image.new('L', (3 * size, 2 * size), 0)
    ImageDraw.Draw(image).text((size, size), char, fill=255, font=ImageFont.truetype(path, size, index=index),
                               anchor='lm')
    pixels = np.asarray(image)
    rows, columns = np.flatnonzero(pixels.any(axis=1)), np.flatnonzero(pixels.any(axis=0))
    return pixels[rows[0] - 3:rows[-1] + 4, columns[0] - 3:columns[-1] + 4]


@pytest.mark.parametrize('face', ['AR PL UMing', 'Noto Serif CJK SC', 'AR PL UKai'])
def test_a_one_with_a_serif_or_a_slant_is_no_dash_and_a_ruled_dash_is_likelier_one(face):
    assert dash_odds(crop('\u4e00', face)) == WRITTEN_ODDS   # Song faces end 一 in a serif, Kai faces slant it
    assert dash_odds(crop('\u2014', face)) == RULED_ODDS


def test_a_glyph_whose_pixels_are_unknown_says_nothing():
    assert dash_odds(None) == 1.0


@pytest.fixture(scope='module')
def shipped():
    tf.disable_eager_execution()
    checkpoint = tf.train.latest_checkpoint(MODEL)
    return Reader(checkpoint, trained_charset_size(checkpoint), 3), load_charset(os.path.join(MODEL, 'labels.txt'))


@pytest.mark.parametrize('name, mark, other', [
    # benchmarks/read_mixed.py --seed 0, AR PL SungtiL GB 18 px, clean (第894号兴趣—模型…耄耋): the hairline dash
    # read as 一 at 0.65
    ('dash_sungtil_18px_clean.png', '\u2014', '\u4e00'),
    # --seed 1, AR PL KaitiM GB 16 px, degraded (了，田野里一片金黄。农民们忙着收割稻): the slanted 一 read as —
    ('yi_kaitim_16px_blurred.png', '\u4e00', '\u2014'),
])
def test_a_dash_and_a_one_are_told_by_their_ink_in_a_line(shipped, name, mark, other):
    reader, chars = shipped
    image = np.asarray(Image.open(os.path.join(ROOT, 'tests', 'data', name)).convert('L'))
    text = reading.read_images(reader, [image], chars)[0].text
    assert mark in text and other not in text
