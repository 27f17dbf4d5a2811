"""numbers_recut: glyphs that a number's sure digit touches, cut by the segmenter across its digits."""
import numpy as np
import pytest

from numbers_recut import numbers_recut
from reading import Character
from stand_in_reader import box_reader_of, text_of

BAND = 20    # pixels: the digits' height
MARGIN = 4   # pixels of background round each crop, as reading.GLYPH_PAD leaves


def page(cells):
    """White-on-black ink of a number: each cell (char, left, right) a block of ink with a blank column
    on either side, a hyphen's a flat stroke in the middle."""
    ink = np.zeros((BAND, max(right for _, _, right in cells)), np.uint8)
    for char, left, right in cells:
        rows = slice(BAND // 2 - 1, BAND // 2 + 1) if char == '-' else slice(0, BAND)
        ink[rows, left + 1:right - 1] = 255
    return ink


def glyph(ink, ranked, left, right, top=0, bottom=BAND):
    """A Character the segmenter cut from columns left..right of the ink, read as `ranked` ([(char, p)])."""
    crop = np.pad(ink[:, left:right], MARGIN)[top:bottom + 2 * MARGIN]
    return Character(ranked[0][0], [left, top, right, bottom], 'char', [c for c, _ in ranked],
                     list(range(len(ranked))), [p for _, p in ranked], crop=crop)


def reader_of(cells, sure=0.99):
    """A stand-in for reading.box_reader: a box that lies within one cell reads as its char, `sure`ly,
    any other as 田; records the boxes it was given."""
    def ranked(box):
        inside = [char for char, left, right in cells if left <= box.left and box.right <= right]
        return [(inside[0], sure), ('田', 1 - sure)] if inside else [('田', 0.5), ('8', 0.2)]

    return box_reader_of(ranked)


# 099-4 as AR PL UMing with Liberation Sans draws it at 19 px, degraded and scaled up: the digits run
# together and the segmenter cut them as m and O, each holding a digit and a part of the next.
NUMBER = [('0', 0, 20), ('9', 20, 40), ('9', 40, 60), ('-', 60, 72), ('4', 72, 92)]


def test_glyphs_cut_across_a_number_s_digits_are_read_as_its_digits_and_hyphen():
    ink = page(NUMBER)
    characters = [glyph(ink, [('m', 1.0)], 0, 46), glyph(ink, [('O', 0.54), ('@', 0.25)], 46, 72),
                  glyph(ink, [('4', 1.0)], 72, 92)]
    read, asked = reader_of(NUMBER)
    out = numbers_recut(characters, read)
    assert text_of(out) == '099-4'
    assert [c.box[0] for c in out] == [1, 21, 41, 61, 72]  # each drawn round its ink,
    assert out[3].box[1] == BAND // 2 - 1 and out[3].box[3] == BAND // 2 + 1  # the hyphen flat in the middle
    assert all(b.right <= 72 for b in asked)                # and the sure 4 never read again


def test_a_digit_read_unsurely_from_a_glyph_wider_than_a_digit_is_cut_again():
    # measured: LXGW WenKai with Liberation Sans, 18 px, degraded: 034-2 read as 03本2, the 4- read as 4
    # at 0.88 before the line's geometry, which the glyph's width misleads, makes it 本
    cells = [('3', 0, 20), ('4', 20, 40), ('-', 40, 52), ('2', 52, 72)]
    ink = page(cells)
    characters = [glyph(ink, [('3', 1.0)], 0, 20), glyph(ink, [('4', 0.88), ('本', 0.1)], 20, 52),
                  glyph(ink, [('2', 1.0)], 52, 72)]
    read, _ = reader_of(cells)
    assert text_of(numbers_recut(characters, read)) == '34-2'
    characters[1:] = [glyph(ink, [('4', 0.88), ('本', 0.1)], 20, 46), glyph(ink, [('2', 1.0)], 46, 72)]
    # no wider than a digit: a 4 read unsurely stays
    assert text_of(numbers_recut(characters, lambda boxes: pytest.fail('read %s' % boxes))) == '342'


def test_a_hyphen_is_not_cut_into_two_marks():
    # a hyphen whose halves each read surely as a dot, and whole less surely (but surely enough) as -
    ink = page(NUMBER)
    ink[:, 66] = 0   # a column of less ink in its middle
    characters = [glyph(ink, [('m', 1.0)], 0, 46), glyph(ink, [('O', 0.54), ('@', 0.25)], 46, 72),
                  glyph(ink, [('4', 1.0)], 72, 92)]
    digits, _ = reader_of(NUMBER)

    def read(boxes):
        out = digits(boxes)
        for c, b in zip(out, boxes):
            if 60 <= b.left and b.right <= 72:
                c.char, c.candidates, c.probabilities = (('-', ['-'], [0.86]) if b.right - b.left > 6 else
                                                         ('·', ['·', '.'], [0.6, 0.39]))
        return out
    assert text_of(numbers_recut(characters, read)) == '099-4'


def test_pieces_read_unsurely_or_too_narrow_for_a_digit_leave_the_glyphs_as_read():
    ink = page(NUMBER)
    characters = [glyph(ink, [('m', 1.0)], 0, 46), glyph(ink, [('O', 0.54), ('@', 0.25)], 46, 72),
                  glyph(ink, [('4', 1.0)], 72, 92)]
    read, _ = reader_of(NUMBER, sure=0.8)
    assert text_of(numbers_recut(characters, read)) == 'mO4'
    # H2O: an H's stems, cut from its bar, are read as 1s, but are no digit's width
    stems = [('1', 0, 6), ('-', 6, 14), ('1', 14, 20), ('2', 20, 40)]
    ink = page(stems)
    read, asked = reader_of(stems)
    characters = [glyph(ink, [('H', 0.99)], 0, 20), glyph(ink, [('2', 1.0)], 20, 40)]
    assert text_of(numbers_recut(characters, read)) == 'H2' and asked


@pytest.mark.parametrize('case', ['apart', 'taller', 'lookalike flank', 'lookalike letter'])
def test_glyphs_apart_from_a_sure_digit_taller_than_it_or_read_as_a_digit_s_shape_are_not_read_again(case):
    cells = [('5', 0, 20), ('m', 20, 60)]
    ink = page(cells)
    first, second = [('5', 1.0)], [('m', 1.0)]
    left, top = 20, 0
    if case == 'apart':
        left = 30                    # a space between them: a word after the number (5 mm)
    elif case == 'taller':
        top = -6                     # an ideograph of the line stands taller than a digit (5年)
    elif case == 'lookalike flank':
        first = [('1', 1.0)]         # the l of a word read as 1 (TensorFlow's Fl as F1)
    else:
        second = [('O', 0.7), ('0', 0.2)]   # O l q: neighbours.settled reads them as digits among digits
    characters = [glyph(ink, first, 0, 20), glyph(ink, second, left, 60, top=max(top, 0))]
    characters[1].box[1] = top
    assert text_of(numbers_recut(characters, lambda boxes: pytest.fail('read %s' % boxes))) == \
        first[0][0] + second[0][0]


def test_a_percent_sign_read_unsurely_is_not_cut_with_the_glyph_before_it():
    # measured: AR PL KaitiM with Liberation Sans, 30 px, degraded: 66.4% read as 66A%; a % cut apart
    # reads as 96 more surely than whole (numbers_apart.PERCENT_RINGS)
    cells = [('6', 0, 20), ('4', 20, 40), ('9', 40, 50), ('6', 50, 60)]
    ink = page(cells)
    characters = [glyph(ink, [('6', 1.0)], 0, 20), glyph(ink, [('A', 0.6)], 20, 40),
                  glyph(ink, [('%', 0.6), ('％', 0.3)], 40, 60)]
    read, asked = reader_of(cells)
    assert text_of(numbers_recut(characters, read)) == '64%'
    assert asked and all(b.right <= 40 for b in asked)


def test_glyphs_before_a_sure_percent_sign_are_cut_at_a_digit_width_it_gives():
    # measured: AR PL KaitiM with Liberation Sans, 18 px, degraded: 65.8% cut as 呒田%, no digit read surely
    cells = [('6', 0, 20), ('5', 20, 40), ('.', 40, 48), ('8', 48, 68), ('%', 68, 100)]
    ink = page(cells)
    characters = [glyph(ink, [('呒', 0.21), ('戗', 0.12)], 0, 40), glyph(ink, [('田', 0.53)], 40, 68),
                  glyph(ink, [('%', 0.8), ('％', 0.19)], 68, 100)]
    read, _ = reader_of(cells)
    assert text_of(numbers_recut(characters, read)) == '65.8%'
    characters[2] = glyph(ink, [('%', 0.6), ('呒', 0.3)], 68, 100)   # an unsure % gives no width
    assert text_of(numbers_recut(characters, lambda boxes: pytest.fail('read %s' % boxes))) == '呒田%'


@pytest.mark.parametrize('sure, read_as', [(0.91, '7-63'), (0.995, '7-乇3')])
def test_an_ideograph_between_number_parts_is_cut_again_unless_read_surest(sure, read_as):
    # measured: AR PL KaitiM, 29 px, degraded: 067-63 read as 067-乇3, the 乇 at 0.91 (a hyphen's stub
    # and a 6)
    cells = [('7', 0, 20), ('-', 20, 32), ('6', 32, 52), ('3', 52, 72)]
    ink = page(cells)
    characters = [glyph(ink, [('7', 1.0)], 0, 20), glyph(ink, [('-', 1.0)], 20, 28),
                  glyph(ink, [('乇', sure), ('七', 1 - sure)], 28, 52), glyph(ink, [('3', 1.0)], 52, 72)]
    read, _ = reader_of(cells)
    assert text_of(numbers_recut(characters, read)) == read_as
