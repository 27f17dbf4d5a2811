"""ideographs_whole: an ideograph cut into two glyphs read as letters or marks, read whole."""
import pytest

from ideographs_whole import ideographs_seen_whole, ideographs_whole
from line_model import IDEOGRAPH
from reading import Character


def glyph(char, left, width=18, p=1.0, space=False):
    return Character(char, [left, 0, left + width, 20], 'char', [char], [0], [p], space_before=space)


def reader_of(char, p):
    """A stand-in for reading.box_reader: every box reads as `char` with probability p; records them."""
    asked = []

    def read(boxes):
        asked.extend(boxes)
        return [Character(char, [b.left, b.top, b.right, b.bottom], 'char', [char], [0], [p]) for b in boxes]
    read.asked = asked
    return read


def text_of(characters):
    return ''.join((' ' if c.space_before else '') + c.char for c in characters)


def test_an_ideograph_cut_into_two_letters_is_read_whole():
    # measured: AR PL KaitiM, 24 px, clean: 身体比以前 read as 身体bb以前, 比's halves a gap apart
    line = [glyph('身', 0), glyph('体', 20), glyph('b', 40, 7, p=0.54), glyph('b', 49, 10, p=0.33),
            glyph('以', 62), glyph('前', 82)]
    read = reader_of('比', 0.99)
    out = ideographs_whole(line, read)
    assert text_of(out) == '身体比以前'
    assert (out[2].box[0], out[2].box[2]) == (40, 59) and len(read.asked) == 1


def test_an_ideograph_cut_into_a_mark_and_a_part_before_a_stop_is_read_whole():
    # measured: AR PL KaitiM, 16 px, clean: 耐心。 read as 耐，口。, 心's loose dot taken for a mark
    line = [glyph('有', 0), glyph('耐', 20), glyph('·', 40, 3), glyph('口', 44, 12, p=0.51), glyph('。', 60, 6)]
    assert text_of(ideographs_whole(line, reader_of('心', 0.98))) == '有耐心。'


def test_an_ideograph_cut_in_two_at_the_line_s_start_is_read_whole():
    # measured: AR PL KaitiM, 36-44 px, degraded (read_text.py): a line that starts 心。只有 read as 1口。只有
    line = [glyph('1', 0, 4, p=0.6), glyph('口', 6, 12, p=0.5), glyph('。', 20, 6), glyph('只', 40), glyph('有', 60)]
    assert text_of(ideographs_whole(line, reader_of('心', 0.97))) == '心。只有'


@pytest.mark.parametrize('middle, read_as, why', [
    ([glyph('：', 40, 4, p=0.99), glyph('“', 46, 8, p=0.99)], ('说', 0.99), 'both read surely'),
    ([glyph('b', 40, 12, p=0.5), glyph('b', 52, 12, p=0.5)], ('比', 0.99), 'wider than an ideograph'),
    ([glyph('b', 40, 7, p=0.5), glyph('b', 49, 10, p=0.5, space=True)], ('比', 0.99), 'a space between'),
    ([glyph('b', 40, 7, p=0.5), glyph('匕', 49, 10, p=0.95)], ('比', 0.99), 'an ideograph read surely'),
])
def test_a_pair_is_not_read_joined_unless_it_may_be_one_ideograph(middle, read_as, why):
    line = [glyph('身', 0, 18), glyph('体', 20, 18)] + middle + [glyph('以', 62, 18)]
    read = reader_of(*read_as)
    assert text_of(ideographs_whole(line, read)) == text_of(line) and not read.asked, why


@pytest.mark.parametrize('read_as', [('比', 0.8), ('b', 0.99)])
def test_a_joined_pair_is_taken_only_when_read_surely_as_an_ideograph(read_as):
    line = [glyph('体', 20), glyph('b', 40, 7, p=0.54), glyph('b', 49, 10, p=0.33), glyph('以', 62)]
    assert text_of(ideographs_whole(line, reader_of(*read_as))) == '体bb以'


def test_two_glyphs_the_line_reader_reads_one_ideograph_in_are_read_whole_where_no_wider_than_high():
    # measured: LXGW WenKai, 47 px, clean: API report: 472 结果 read as 472 纟吉果, both halves read surely
    line = [glyph('2', 0, 10), glyph('纟', 14, 9), glyph('吉', 24, 14), glyph('果', 40)]
    read = reader_of('结', 1.0)
    out = ideographs_seen_whole(line, ['2', IDEOGRAPH, '', IDEOGRAPH], read)
    assert text_of(out) == '2结果' and (out[1].box[0], out[1].box[2]) == (14, 38)
    assert text_of(ideographs_seen_whole(line, ['2', IDEOGRAPH, IDEOGRAPH, IDEOGRAPH], read)) == '2纟吉果'
    assert text_of(ideographs_seen_whole(line, ['2', IDEOGRAPH, '', IDEOGRAPH], reader_of('结', 0.5))) == '2纟吉果'
    wide = [glyph('纟', 0, 12), glyph('吉', 16, 14)]    # 30 px across, 20 high: two glyphs, not one
    assert text_of(ideographs_seen_whole(wide, [IDEOGRAPH, ''], read)) == '纟吉'
    # measured: AR PL SungtiL GB, 17 px, blurred: 电话：027, the line reader reading nothing in the ：
    colon = [glyph('话', 0, 18), glyph('：', 19, 4)]
    assert text_of(ideographs_seen_whole(colon, [IDEOGRAPH, ''], reader_of('话', 0.98))) == '话：'
