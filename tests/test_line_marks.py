import pytest

from line_marks import marks_settled
from line_model import IDEOGRAPH
from line_reader import StripReading
from reading import Character

IDS = {c: i for i, c in enumerate('好的一—，。；：（〈”"')}


def line_of(text, p=0.6):
    return [Character(c, [10 * i, 0, 10 * i + 8, 20], 'char', [c], [IDS[c]], [p]) for i, c in enumerate(text)]


def whole(text, sure):
    """The line reader's reading of a line of 10-column glyphs, a character centred in each."""
    return StripReading(text, [sure] * len(text), [10 * i + 4 for i in range(len(text))]), \
        [10 * i + 4 for i in range(len(text))]


@pytest.mark.parametrize('sure, expected', [(0.9, '好；的'), (0.3, '好：的')])
def test_a_mark_is_read_as_the_line_reader_reads_it_where_it_is_surer(sure, expected):
    line = line_of('好：的')
    reading, centres = whole(IDEOGRAPH + '；' + IDEOGRAPH, sure)
    assert ''.join(c.char for c in marks_settled(line, reading, centres, IDS, set())) == expected


def test_a_dash_and_a_one_stay_the_classifier_s():
    line = line_of('好—的一')
    reading, centres = whole(IDEOGRAPH * 3 + '—', 0.9)
    assert marks_settled(line, reading, centres, IDS, set()) == line


def test_which_ideograph_a_glyph_is_and_the_runs_characters_stay_as_they_were_read():
    line = line_of('好（的')
    reading, centres = whole('。' + '〈' + '，', 0.99)
    out = marks_settled(line, reading, centres, IDS, {id(line[1])})
    assert out == line


def test_a_mark_in_its_other_width_and_the_stops_stay_for_the_line_s_widths_and_the_stops_rules():
    line = line_of('好，的”。')
    reading, centres = whole(IDEOGRAPH + ',' + IDEOGRAPH + '"，', 0.99)
    assert marks_settled(line, reading, centres, IDS, set()) == line


def test_the_stop_the_line_reader_reads_in_a_stop_is_kept_for_the_stops_rules_to_weigh():
    line = line_of('好，的。')
    reading, centres = whole(IDEOGRAPH + ',' + IDEOGRAPH + '.', 0.99)
    out = marks_settled(line, reading, centres, IDS, set())
    assert [c.line_read for c in out] == [None, ('，', 0.99), None, None]   # its . is a speck: no stop told
