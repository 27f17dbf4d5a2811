"""The shipped line reader (model/lines) reads Latin runs and mixed lines in faces it never saw."""
import os

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from conftest import ROOT
from errors import UserError
from glyph import white_on_black
from line_model import IDEOGRAPH
from line_reader import load_line_reader
from strip import STRIP_PAD, strip_input, strip_rows

UMING = ('/usr/share/fonts/truetype/arphic/uming.ttc', 0)   # held out of training, as Liberation is
LIBERATION_SANS = '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf'


@pytest.fixture(scope='module')
def line_reader():
    return load_line_reader(os.path.join(ROOT, 'model'))


def strip_of(text, size, latin_font):
    """The strip reading cuts round `text` set on a line of AR PL UMing at `size` px."""
    chinese = ImageFont.truetype(UMING[0], size, index=UMING[1])
    font = ImageFont.truetype(latin_font, size) if latin_font else chinese
    image = Image.new('L', (int(font.getlength(text)) + 2 * size, 3 * size), 255)
    draw = ImageDraw.Draw(image)
    draw.text((size, 2 * size), text, fill=0, font=font, anchor='ls')
    band = chinese.getbbox('国', anchor='ls')
    top, bottom = 2 * size + band[1], 2 * size + band[3]
    left, _, right, _ = draw.textbbox((size, 2 * size), text, font=font, anchor='ls')
    pad = int(round(STRIP_PAD * (bottom - top)))
    return strip_input(white_on_black(np.asarray(image)), *strip_rows(top, bottom), left - pad, right + pad)


@pytest.mark.parametrize('text, size, latin_font, expected', [
    ('TensorFlow 2.21', 28, LIBERATION_SANS, 'TensorFlow 2.21'),
    ('Wi-Fi', 20, LIBERATION_SANS, 'Wi-Fi'),
    ('010-62751234', 24, None, '010-62751234'),
    ('burning', 36, None, 'burning'),
    ('《孩子们》（Wi-Fi版）', 30, None, '《' + IDEOGRAPH * 3 + '》（Wi-Fi' + IDEOGRAPH + '）'),
])
def test_the_shipped_line_reader_reads_lines_in_faces_it_never_saw(line_reader, text, size, latin_font, expected):
    reading = line_reader.read(strip_of(text, size, latin_font))
    assert reading.text == expected
    assert min(reading.probabilities) > 0.5
    assert reading.columns == sorted(reading.columns)


def test_a_model_folder_without_a_line_reader_reads_without_one(tmp_path):
    assert load_line_reader(str(tmp_path)) is None


def test_a_damaged_line_reader_is_refused_in_one_line(tmp_path):
    lines = tmp_path / 'lines'
    lines.mkdir()
    shipped = os.path.join(ROOT, 'model', 'lines')
    for name in os.listdir(shipped):
        (lines / name).write_bytes(open(os.path.join(shipped, name), 'rb').read())
    data = next(lines.glob('*.data-*'))
    data.write_bytes(data.read_bytes()[:1000])  # cut off, as by a full disk
    with pytest.raises(UserError, match='is damaged'):
        load_line_reader(str(tmp_path))


def test_a_line_reader_trained_for_other_labels_is_refused_in_one_line(tmp_path):
    import tensorflow.compat.v1 as tf
    lines = tmp_path / 'lines'
    with tf.Graph().as_default(), tf.Session() as sess:
        with tf.variable_scope('line/logits'):
            tf.get_variable('weights', [1, 1, 192, 96])   # the 96 labels of the first line reader
        sess.run(tf.global_variables_initializer())
        tf.train.Saver().save(sess, str(lines / 'line-model-1'))
    with pytest.raises(UserError, match='trained for other labels or another network'):
        load_line_reader(str(tmp_path))
