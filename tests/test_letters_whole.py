"""letters_whole: a letter whose last stroke was cut from it and read as a mark, read whole."""
import pytest

from letters_whole import letters_whole
from reading import Character
from stand_in_reader import box_reader_of, text_of

BAND = 30   # pixels: the line's height in these tests


def glyph(ranked, left, right, top, bottom, space=False):
    """A Character over columns left..right and rows top..bottom, read as `ranked` ([(char, p)])."""
    return Character(ranked[0][0], [left, top, right, bottom], 'char', [c for c, _ in ranked],
                     list(range(len(ranked))), [p for _, p in ranked], space_before=space)


def joined_as(char, p):
    """A stand-in reader: a box reads as `char` with probability p."""
    return box_reader_of(lambda box: [(char, p), ('n', 1 - p)])


# measured: AR PL UMing 32 px, clean: Docker read as Dockel丶, the r's arm cut from its stem 1 pixel away
STEM = glyph([('l', 0.98), ('I', 0.02)], 388, 394, 34, 48)
ARM = glyph([('丶', 0.64), ('、', 0.36)], 395, 400, 34, 37)


def test_a_stroke_cut_from_its_letter_is_read_with_it():
    read, asked = joined_as('r', 1.0)
    out = letters_whole([glyph([('e', 1.0)], 378, 386, 34, 48), STEM, ARM], BAND, read)
    assert text_of(out) == 'er'
    assert out[1].box == [388, 34, 400, 48] and len(asked) == 1


def test_a_stroke_is_read_with_a_stem_read_as_a_mark_with_a_letter_next():
    # measured: AR PL SungtiL GB 33 px, degraded: report read as 」-eport, the r's stem read as 」 then I
    stem = glyph([('」', 0.45), ('I', 0.36)], 119, 126, 38, 53)
    assert text_of(letters_whole([stem, glyph([('-', 0.92)], 126, 132, 37, 41)], BAND, joined_as('r', 0.97)[0])) == 'r'


@pytest.mark.parametrize('mark, why', [
    (glyph([(',', 0.9)], 395, 398, 44, 50), 'a comma sits low'),
    (glyph([("'", 0.9)], 395, 398, 28, 36), 'an apostrophe stands above the letter (don\'t)'),
    (glyph([('!', 0.9)], 395, 398, 34, 48), 'as tall as the letter: a mark of its own (Hi!)'),
    (glyph([('丶', 0.64)], 399, 404, 34, 37), 'apart from it'),
    (glyph([('丶', 0.64)], 395, 400, 34, 37, space=True), 'a space before it'),
    (glyph([('i', 0.64)], 395, 400, 34, 48), 'a letter'),
])
def test_a_mark_that_is_no_stroke_of_the_letter_is_not_read_with_it(mark, why):
    def read(boxes):
        raise AssertionError('%s, yet read %s' % (why, boxes))
    assert text_of(letters_whole([STEM, mark], BAND, read)) == 'l' + mark.char


@pytest.mark.parametrize('char, p', [('r', 0.8), ('r', 0.97), ('田', 1.0)])
def test_the_joined_glyph_is_taken_only_as_a_letter_read_surely_and_surer_than_alone(char, p):
    stem = glyph([('l', 0.98), ('I', 0.02)], 388, 394, 34, 48)
    assert text_of(letters_whole([stem, ARM], BAND, joined_as(char, p)[0])) == 'l丶'
