"""acronyms: a run of capitals whose end letter ran into the bracket beside it, read apart."""
import numpy as np
import pytest

from acronyms import acronyms_apart
from reading import Character

BAND = 20  # pixels: the line's height in these tests


def glyph(char, left, width=8, p=0.99, space=False):
    """A Character read as `char` with probability p, its crop two blocks of ink with a blank column
    between them in the middle, as two glyphs run together leave."""
    crop = np.zeros((BAND + 8, width + 8), np.uint8)
    crop[4:-4, 4:4 + width // 2] = 255
    crop[4:-4, 4 + width // 2 + 1:4 + width] = 255
    return Character(char, [left, 0, left + width, BAND], 'char', [char], [0], [p], space_before=space, crop=crop)


def reader_of(cut_at, left_half, right_half):
    """A stand-in for reading.box_reader: a box ending at column `cut_at` reads as left_half, one
    starting there as right_half ((char, p) each), any other as an ideograph."""
    def read(boxes):
        out = []
        for b in boxes:
            char, p = left_half if b.right == cut_at else right_half if b.left == cut_at else ('田', 0.5)
            out.append(Character(char, [b.left, b.top, b.right, b.bottom], 'char', [char], [0], [p]))
        return out
    return read


def text_of(characters):
    return ''.join((' ' if c.space_before else '') + c.char for c in characters)


def test_a_capital_run_into_the_closing_bracket_is_read_as_the_two():
    # measured: LXGW WenKai, 23 px, degraded: 【USB】 read as 【US团 (0.36), its B】 one glyph
    line = [glyph('【', 0, 6), glyph('U', 8), glyph('S', 18), glyph('团', 28, 16, p=0.36), glyph('兴', 46, 18)]
    out = acronyms_apart(line, BAND, reader_of(36, ('B', 0.99), ('】', 0.92)))
    assert text_of(out) == '【USB】兴'
    assert [c.box[0] for c in out[3:5]] == [28, 36]


def test_an_opening_bracket_run_into_the_first_capital_is_read_as_the_two():
    # measured: LXGW WenKai, 27 px, degraded: （OCR read as ℃CR
    line = [glyph('书', 0, 18), glyph('℃', 20, 16, p=0.6), glyph('C', 36), glyph('R', 46)]
    assert text_of(acronyms_apart(line, BAND, reader_of(28, ('（', 0.95), ('O', 0.97)))) == '书（OCR'


@pytest.mark.parametrize('line, why', [
    ([glyph('O', 0), glyph('C', 10), glyph('R', 20), glyph('版', 28, 18, p=0.99)], 'read surely: OCR版'),
    ([glyph('O', 0), glyph('C', 10), glyph('R', 20), glyph('团', 30, 16, p=0.4, space=True)], 'a space between'),
    ([glyph('O', 0), glyph('c', 10), glyph('r', 20), glyph('团', 28, 16, p=0.4)], 'no capitals'),
    ([glyph('R', 20), glyph('团', 28, 16, p=0.4)], 'one capital'),
    ([glyph('O', 0), glyph('C', 10), glyph('R', 20), glyph('-', 28, 6, p=0.4)], 'too narrow for two'),
])
def test_a_glyph_is_cut_only_when_unsure_wide_and_touching_a_run_of_capitals(line, why):
    def read(boxes):
        raise AssertionError('%s, yet read %s' % (why, boxes))
    assert text_of(acronyms_apart(line, BAND, read)) == text_of(line)


def test_halves_must_be_a_capital_and_a_mark_in_the_run_s_order_and_sure():
    line = [glyph('U', 8), glyph('S', 18), glyph('团', 28, 16, p=0.36)]
    for halves in ((('】', 0.99), ('B', 0.99)),   # the mark first, after the run
                   (('B', 0.99), ('】', 0.85)),   # a half not sure enough
                   (('B', 0.99), ('口', 0.99))):  # no mark
        assert text_of(acronyms_apart(line, BAND, reader_of(36, *halves))) == 'US团'


@pytest.mark.parametrize('after, read_apart', [
    ('兴', True),      # 【US田兴: the 【 is closed by nothing
    ('】兴', False),   # 【US田】兴: it is; the 田 stays
])
def test_a_glyph_read_surely_is_cut_when_one_half_is_the_bracket_the_line_lacks(after, read_apart):
    # measured: AR PL UMing with Liberation Sans, 26 px, degraded: 【USB】 read as 【US田, 田 at 0.91
    line = [glyph('【', 0, 6), glyph('U', 8), glyph('S', 18), glyph('田', 28, 16, p=0.91)]
    line += [glyph(c, 46 + 20 * k, 18) for k, c in enumerate(after)]
    out = text_of(acronyms_apart(line, BAND, reader_of(36, ('B', 0.99), ('】', 0.97))))
    assert out == ('【USB】' if read_apart else '【US田') + after


def test_an_opening_bracket_the_line_lacks_is_read_from_a_sure_glyph_before_the_capitals():
    # measured: AR PL KaitiM GB with Liberation Serif, 31 px: （JSON版） read as 仃SON版）, 仃 at 0.81
    line = [glyph('书', 0, 18), glyph('仃', 20, 16, p=0.81), glyph('S', 36), glyph('O', 46), glyph('N', 56),
            glyph('版', 66, 18), glyph('）', 86, 6)]
    assert text_of(acronyms_apart(line, BAND, reader_of(28, ('（', 0.97), ('J', 0.99)))) == '书（JSON版）'
    line[-1] = glyph('兴', 86, 18)    # no ） after it: nothing lacks its （
    assert text_of(acronyms_apart(line, BAND, reader_of(28, ('（', 0.97), ('J', 0.99)))) == '书仃SON版兴'


def test_halves_read_less_surely_are_taken_when_the_mark_is_the_bracket_the_line_lacks():
    # measured: LXGW WenKai, 27 px, degraded: （OCR版） read as ℃CR版）, ℃ at 0.50, cut as ( at 0.82 and O at 0.60
    line = [glyph('书', 0, 18), glyph('℃', 20, 16, p=0.5), glyph('C', 36), glyph('R', 46), glyph('版', 54, 18),
            glyph('）', 74, 6)]
    assert text_of(acronyms_apart(line, BAND, reader_of(28, ('(', 0.82), ('O', 0.60)))) == '书(OCR版）'
    line[-1] = glyph('兴', 74, 18)    # nothing lacks its (: the halves must be sure
    assert text_of(acronyms_apart(line, BAND, reader_of(28, ('(', 0.82), ('O', 0.60)))) == '书℃CR版兴'
