"""numbers_apart: a glyph beside a digit that is two digits (or a digit and a mark) run together, and
a % cut in two."""
import numpy as np
import pytest

from numbers_apart import digits_apart, percent_joined
from reading import Character

BAND = 20  # pixels: the line's height in these tests


def glyph(ranked, left, width=8, space=False):
    """A Character read as `ranked` ([(char, p)]), its crop two blocks of ink with a blank column
    between them in the middle, as two glyphs run together leave."""
    crop = np.zeros((BAND + 8, width + 8), np.uint8)
    crop[4:-4, 4:4 + width // 2 - 1] = 255
    crop[4:-4, 4 + width // 2 + 1:4 + width] = 255
    return Character(ranked[0][0], [left, 0, left + width, BAND], 'char', [c for c, _ in ranked],
                     list(range(len(ranked))), [p for _, p in ranked], space_before=space, crop=crop)


def line(*glyphs):
    """Glyphs side by side, each given as (ranked, width) or (ranked, width, space before)."""
    out, left = [], 0
    for ranked, width, *space in glyphs:
        out.append(glyph(ranked, left, width, bool(space and space[0])))
        left += width
    return out


def reader_of(halves):
    """A stand-in for reading.box_reader: the half starting left of a glyph's middle reads as
    halves[0], the other as halves[1]; records the boxes it was given."""
    asked = []

    def read(boxes):
        asked.extend(boxes)
        return [Character(halves[0 if i % 2 == 0 else 1][0][0], [b.left, b.top, b.right, b.bottom], 'char',
                          [c for c, _ in halves[i % 2]], [0] * len(halves[i % 2]), [p for _, p in halves[i % 2]])
                for i, b in enumerate(boxes)]
    return read, asked


def numbers_apart(characters, read_boxes):
    """The line's digits run together read apart, then its % cut in two read whole, as reading does."""
    return percent_joined(digits_apart(characters, read_boxes), read_boxes)


def text_of(characters):
    return ''.join((' ' if c.space_before else '') + c.char for c in characters)


def test_two_digits_run_together_are_read_as_the_two():
    characters = line(([('仍', 0.4), ('〇', 0.2)], 18, True), ([('5', 1.0)], 9))
    read, asked = reader_of([[('0', 0.6), ('O', 0.35)], [('5', 0.99)]])
    out = numbers_apart(characters, read)
    assert text_of(out) == ' 055'
    assert [b.left for b in asked[:2]] == [0, 10]  # cut at the blank column, each half drawn round its ink
    assert asked[0].right == 8 and asked[1].right == 18


def test_a_digit_and_the_comma_after_it_are_read_as_the_two():
    characters = line(([('6', 1.0)], 12), ([('石', 0.5), ('乙', 0.3)], 24), ([('时', 1.0)], 22))
    read, _ = reader_of([[('7', 0.99)], [('’', 0.5), (',', 0.3), ('，', 0.19)]])
    assert text_of(numbers_apart(characters, read)) == '67,时'  # its form (，) is the line's to tell


def test_a_percent_sign_is_never_cut_into_digits():
    characters = line(([('9', 1.0)], 9), ([('%', 0.6), ('％', 0.2)], 14))
    read, asked = reader_of([[('9', 0.99)], [('6', 0.99)]])
    assert text_of(numbers_apart(characters, read)) == '9%' and not asked


def test_a_glyph_read_surely_or_not_wide_for_the_digit_beside_it_or_apart_from_it_is_not_cut():
    read, asked = reader_of([[('1', 0.99)], [('3', 0.99)]])
    for characters in (line(([('2', 1.0)], 9), ([('年', 0.75)], 16)),       # sure enough
                       line(([('2', 1.0)], 9), ([('凵', 0.3)], 12)),        # 1.33 x a digit
                       line(([('2', 1.0)], 9), ([('凵', 0.3)], 16, True)),  # a space between
                       line(([('发', 1.0)], 16), ([('凵', 0.3)], 16))):     # no digit beside
        assert text_of(numbers_apart(characters, read)) == text_of(characters)
    assert not asked


def test_halves_must_each_be_read_surely_and_one_must_be_a_digit():
    characters = line(([('2', 1.0)], 9), ([('年', 0.4)], 16))
    for halves in ([[(':', 0.89)], [('8', 0.99)]],   # a half not sure enough
                   [[('-', 0.99)], [('-', 0.99)]],   # marks only
                   [[('1', 0.99)], [('牢', 0.99)]]):  # a half that is no part of a number
        read, _ = reader_of(halves)
        assert text_of(numbers_apart(characters, read)) == '2年'
    read, _ = reader_of([[('1', 0.95)], [('3', 0.95)]])  # halves read surely, but not surer than the whole
    assert text_of(numbers_apart(line(([('2', 1.0)], 9), ([('凵', 0.85)], 16)), read)) == '2凵'


def test_a_hyphen_touching_a_digit_is_cut_a_digit_s_width_from_the_end():
    # measured: Droid Sans Fallback, 16 px, degraded: 055-852 read as 055G52, the -8 one glyph whose
    # columns of least ink lie in the hyphen, not where it meets the 8
    characters = line(([('5', 1.0)], 9), ([('G', 0.5), ('6', 0.3)], 18))
    crop = np.zeros((BAND + 8, 18 + 8), np.uint8)
    crop[4 + BAND // 2 - 1:4 + BAND // 2 + 1, 4:4 + 9] = 255   # the hyphen, 2 rows of ink
    crop[4:-4, 4 + 9:4 + 18] = 255                              # the digit, touching it
    characters[1].crop = crop

    def read(boxes):
        def ranked(b):
            return [('-', 0.99)] if b.right <= 9 + 9 else [('8', 0.99)] if b.left >= 9 + 9 else [('田', 0.3)]
        return [Character(ranked(b)[0][0], [b.left, b.top, b.right, b.bottom], 'char', [ranked(b)[0][0]], [0],
                          [ranked(b)[0][1]]) for b in boxes]
    assert text_of(numbers_apart(characters, read)) == '5-8'


def test_a_percent_sign_cut_into_its_rings_is_read_whole():
    # measured: AR PL UMing with Liberation Sans, 42 px, clean: 67%. read as 6796., the % cut where its
    # rings touch the stroke
    characters = line(([('6', 1.0)], 9), ([('7', 1.0)], 9), ([('9', 0.99)], 9), ([('6', 0.99)], 9))
    characters.append(glyph([('.', 0.9)], 40, 3))
    asked = []

    def read(boxes):
        asked.extend(boxes)
        return [Character('%', [b.left, b.top, b.right, b.bottom], 'char', ['%', '％'], [0, 1], [0.6, 0.39])
                for b in boxes]
    assert text_of(numbers_apart(characters, read)) == '67%.'  # sure of it in either width
    assert [(b.left, b.right) for b in asked] == [(18, 36)]


def test_digits_that_read_as_no_percent_sign_whole_or_stand_apart_stay():
    def read(boxes):
        return [Character('m', [b.left, b.top, b.right, b.bottom], 'char', ['m', '%'], [0, 1], [0.5, 0.4])
                for b in boxes]
    characters = line(([('1', 1.0)], 9), ([('9', 1.0)], 9), ([('9', 1.0)], 9), ([('6', 1.0)], 9))
    assert text_of(numbers_apart(characters, read)) == '1996'
    apart = line(([('1', 1.0)], 9), ([('9', 1.0)], 9), ([('9', 1.0)], 8), ([('6', 1.0)], 9))
    apart[3].box = [27, 0, 36, 20]  # a column clear between the 9 and the 6: digits set apart
    assert text_of(numbers_apart(apart, lambda boxes: pytest.fail('read %s' % boxes))) == '1996'


@pytest.mark.parametrize('point, read_as', [('.', '39.2%'), ('，', '39，蹀')])
def test_a_glyph_after_a_decimal_point_is_cut_by_the_digit_before_it(point, read_as):
    # measured: Liberation Sans at 31 px, degraded: 39.2% read as 39.%, its 2% run together and read 蹀
    characters = line(([('3', 1.0)], 15), ([('9', 1.0)], 15), ([(point, 0.7)], 5), ([('蹀', 0.11), ('洮', 0.08)], 31))
    read, _ = reader_of([[('2', 0.99)], [('%', 0.95)]])
    assert text_of(numbers_apart(characters, read)) == read_as
