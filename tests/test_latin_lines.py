import numpy as np
import pytest

from latin_lines import groups, latin_runs, lines_read_whole, shared_boxes
from line_model import BLANK, IDEOGRAPH, LINE_CHARS, STRIDE
from line_reader import StripReading, best_path
from reading import Character
from strip import STRIP_HEIGHT, strip_input, strip_rows


def char(c, box, p=0.9):
    return Character(c, box, 'char', [c], [0], [p])


def probabilities(labels, classes=BLANK + 1):
    """One-hot columns for a list of label ids (BLANK included)."""
    out = np.full((len(labels), classes), 0.001)
    out[np.arange(len(labels)), labels] = 0.9
    return out


def test_best_path_reads_each_run_of_a_label_once_and_a_blank_parts_a_double_letter():
    l, a = LINE_CHARS.index('l'), LINE_CHARS.index('a')
    reading = best_path(probabilities([BLANK, a, a, BLANK, l, BLANK, l, l, BLANK]))
    assert reading.text == 'all'
    assert reading.columns == [(1 + 3) / 2 * STRIDE, (4 + 5) / 2 * STRIDE, (6 + 8) / 2 * STRIDE]
    assert reading.probabilities == pytest.approx([0.9, 0.9, 0.9])


def test_latin_runs_go_from_the_first_letter_or_digit_to_the_last_across_marks_but_a_lone_ring_is_none():
    # a blank column between glyphs: none is a piece cut off the one before it (is_cut_off)
    line = [char(c, [2 * i, 0, 2 * i + 1, 10]) for i, c in enumerate('(Wi-Fi)和2.21。的n老9月m阮')]
    assert latin_runs(line, [''] * len(line)) == [(1, 6), (8, 12), (16, 17), (18, 19)]


def test_a_glyph_the_line_reader_reads_a_letter_in_joins_a_run_but_starts_none_alone():
    line = [char(c, [2 * i, 0, 2 * i + 1, 10]) for i, c in enumerate('用珈ail的元/件n老')]
    seen = ['', 'Em', 'a', '', '', '', '', '1', '', 'n', '']
    assert latin_runs(line, seen) == [(1, 5)]


def test_a_number_goes_on_across_its_point_and_sign_cut_as_a_stop_and_an_ideograph():
    line = [char(c, [2 * i, 0, 2 * i + 1, 10]) for i, c in enumerate('约12、以！。')]
    seen = ['〓', '1', '2', '.', '5', '%', '。']
    assert latin_runs(line, seen) == [(1, 5)]
    assert latin_runs(line, seen[:3] + [''] * 4) == [(1, 3)]


def test_a_box_read_as_two_characters_groups_them_and_a_box_read_as_none_joins_the_nearest_group():
    # m read as rn: one box, two centres; VV read as W: two boxes, one centre
    assert groups([[0, 2, 20, 18]], [5, 15]) == [([0], [0, 1], [])]
    assert groups([[30, 2, 40, 18], [40, 2, 50, 18], [52, 2, 60, 18]], [38, 56]) == [([0, 1], [0], [1]), ([2], [1], [])]


def test_a_group_is_shared_out_at_the_midpoints_and_each_share_keeps_the_rows_of_its_own_ink():
    page = np.zeros((20, 40), np.uint8)
    page[2:18, 0:10] = 255      # a 2
    page[15:18, 14:17] = 255    # its decimal point
    assert shared_boxes([[0, 2, 20, 18]], [5, 15], page) == [[0, 2, 10, 18], [10, 15, 20, 18]]


def test_a_strip_spans_the_band_and_its_margins_at_the_network_height():
    page = np.zeros((60, 100), np.uint8)
    page[20:40, 10:30] = 255
    top, bottom = strip_rows(20, 40)
    assert top < 20 and bottom > 40
    strip = strip_input(page, top, bottom, 5, 35)
    assert strip.shape[0] == STRIP_HEIGHT and strip.shape[2] == 1
    assert strip.max() == pytest.approx(1.0) and strip[0].max() == 0.0
    assert strip_input(np.zeros((60, 100), np.uint8), top, bottom, 5, 35) is None


class ScriptedLineReader:
    """Reads the strips it is given in turn as `texts` say, each character at `sure`, their columns
    spread over the strip's width."""
    def __init__(self, texts, sure):
        self.texts, self.sure = list(texts), sure

    def read(self, strip):
        text = self.texts.pop(0)
        step = strip.shape[1] / (len(text) + 1)
        return StripReading(text, [self.sure] * len(text), [step * (i + 1) for i in range(len(text))])


def line_of(text, width=10):
    return [char(c, [width * i, 10, width * (i + 1) - 2, 30]) for i, c in enumerate(text)]


def page_of(width):
    page = np.zeros((40, width), np.uint8)
    page[10:30, :] = 200
    return page


@pytest.mark.parametrize('sure, expected', [(0.95, '用Docker和'), (0.2, '用Dodker和')])
def test_a_run_is_read_again_whole_only_where_the_line_reader_is_sure(sure, expected):
    line = line_of('用Dodker和')
    ids = {c: i for i, c in enumerate('用和' + LINE_CHARS)}
    out = lines_read_whole(line, page_of(80), 10, 30, ScriptedLineReader(['〓Docker〓'], sure), ids, lambda box: None)
    assert ''.join(c.char for c in out) == expected
    assert out[0] is line[0] and out[-1] is line[-1]


def test_a_letter_the_line_reader_reads_among_digits_is_the_number_s_digit():
    line = line_of('价1205元')
    line[3].probabilities = [0.6]
    ids = {c: i for i, c in enumerate('价元' + LINE_CHARS)}
    out = lines_read_whole(line, page_of(70), 10, 30, ScriptedLineReader(['〓12O5〓'], 0.95), ids, lambda box: None)
    assert ''.join(c.char for c in out) == '价1205元'
    assert out[3] is not line[3]


@pytest.mark.parametrize('text, read', [('年1996年', '〓1  6〓'), ('话080-54话', '〓080 54〓')])
def test_a_digit_or_a_number_s_hyphen_the_classifier_is_sure_of_is_not_read_as_nothing(text, read):
    line = line_of(text)
    ids = {c: i for i, c in enumerate(text[0] + LINE_CHARS)}
    out = lines_read_whole(line, page_of(10 * len(text)), 10, 30, ScriptedLineReader([read], 0.99), ids,
                           lambda box: None)
    assert ''.join(c.char for c in out) == text
    for c in line[1:-1]:
        c.probabilities = [0.4]
    out = lines_read_whole(line, page_of(10 * len(text)), 10, 30, ScriptedLineReader([read], 0.99), ids,
                           lambda box: None)
    assert ''.join(c.char for c in out) == read.replace('〓', text[0]).replace(' ', '')


def test_a_run_whose_first_letters_were_cut_as_an_ideograph_is_found_by_the_line_reader_and_read_whole():
    line = line_of('用珈ail和')
    line[1].probabilities = [0.3]
    ids = {c: i for i, c in enumerate('用和珈' + LINE_CHARS)}
    reader = ScriptedLineReader(['〓Email〓'], 0.95)
    out = lines_read_whole(line, page_of(70), 10, 30, reader, ids, lambda box: None)
    assert ''.join(c.char for c in out) == '用Email和'
    assert not reader.texts


def test_a_group_the_line_reader_reads_an_ideograph_in_keeps_the_classifier_s_reading():
    line = line_of('用AlB用')
    for c in line[1:4]:
        c.probabilities = [0.2]
    ids = {c: i for i, c in enumerate('用' + LINE_CHARS[:BLANK - 1])}
    reader = ScriptedLineReader(['〓A' + IDEOGRAPH + 'b〓'], 0.99)
    out = lines_read_whole(line, page_of(70), 10, 30, reader, ids, lambda box: None)
    assert ''.join(c.char for c in out) == '用Alb用'


def test_a_sure_digit_the_line_reader_reads_nothing_in_may_go_where_its_group_keeps_as_many_digits():
    line = line_of('年8m6年')      # a % cut as m and 6: the line reader reads 0% in the m's box, nothing in the 6's
    ids = {c: i for i, c in enumerate('年' + LINE_CHARS[:BLANK - 1])}
    out = lines_read_whole(line, page_of(50), 10, 30, ScriptedLineReader(['〓 8 0%  〓 '], 0.95), ids,
                           lambda box: None)
    assert ''.join(c.char for c in out) == '年80%年'


def test_a_numero_the_line_reader_reads_letters_in_is_read_as_them_however_sure_the_classifier():
    line = line_of('用JSO№7和')     # JSON: with its N and colon run together, read as № at 0.99
    line[4].probabilities = [0.99]
    for c in line[5:]:            # the № twice as wide as a letter
        c.box = [c.box[0] + 10, c.box[1], c.box[2] + 10, c.box[3]]
    line[4].box[2] += 10
    ids = {c: i for i, c in enumerate('用和№' + LINE_CHARS[:BLANK - 1])}
    out = lines_read_whole(line, page_of(90), 10, 30, ScriptedLineReader(['〓JSON:7〓'], 0.9), ids, lambda box: None)
    assert ''.join(c.char for c in out) == '用JSON:7和'
    line[4].char = 'Q'             # a letter read as surely keeps the classifier's reading
    out = lines_read_whole(line, page_of(90), 10, 30, ScriptedLineReader(['〓JSON:7〓'], 0.9), ids, lambda box: None)
    assert ''.join(c.char for c in out) == '用JSOQ7和'


def test_a_percent_sign_the_line_reader_reads_after_no_digit_keeps_the_classifier_s_digit():
    line = line_of('第999号')    # LXGW WenKai's old-style 9s, read as %%% by the line reader
    for c in line[1:4]:
        c.probabilities = [0.5]
    ids = {c: i for i, c in enumerate('第号' + LINE_CHARS[:BLANK - 1])}
    out = lines_read_whole(line, page_of(50), 10, 30, ScriptedLineReader(['〓%%%〓'], 0.8), ids, lambda box: None)
    assert ''.join(c.char for c in out) == '第999号'
    out = lines_read_whole(line, page_of(50), 10, 30, ScriptedLineReader(['〓99%〓'], 0.8), ids, lambda box: None)
    assert ''.join(c.char for c in out) == '第99%号'   # after a digit, a % ends its number


def test_digits_the_line_reader_reads_inside_a_number_beat_a_letter_the_classifier_is_sure_of():
    line = line_of('话393m16，')   # 39378616: the 786 run together, read as m at 0.97
    line[4].probabilities = [0.97]
    for c in line[1:4] + line[5:7]:
        c.probabilities = [0.99]
    for c in line[4:5]:            # the m as wide as its three digits
        c.box = [c.box[0], c.box[1], c.box[2] + 20, c.box[3]]
    for c in line[5:]:
        c.box = [c.box[0] + 20, c.box[1], c.box[2] + 20, c.box[3]]
    ids = {c: i for i, c in enumerate('话，' + LINE_CHARS[:BLANK - 1])}
    out = lines_read_whole(line, page_of(100), 10, 30, ScriptedLineReader(['〓393 786 16，'], 0.8), ids,
                           lambda box: None)
    assert ''.join(c.char for c in out) == '话39378616，'
    out = lines_read_whole(line, page_of(100), 10, 30, ScriptedLineReader(['〓393  7  16，'], 0.8), ids,
                           lambda box: None)
    assert ''.join(c.char for c in out) == '话393716，'
    out = lines_read_whole(line, page_of(100), 10, 30, ScriptedLineReader(['〓393  7  ，，'], 0.8), ids,
                           lambda box: None)
    assert ''.join(c.char for c in out)[:5] == '话393m'   # one digit, none after: the classifier's letter stays


def test_a_line_of_ideographs_and_stops_is_not_read_by_the_line_reader():
    line = line_of('好一的，')
    assert lines_read_whole(line, page_of(40), 10, 30, ScriptedLineReader([], 0.9), {}, lambda box: None) is line


def test_a_letter_whose_cases_differ_in_size_alone_keeps_the_classifier_s_case():
    line = line_of('用reporf用')
    ids = {c: i for i, c in enumerate('用' + LINE_CHARS)}
    out = lines_read_whole(line, page_of(80), 10, 30, ScriptedLineReader(['〓repOrt〓'], 0.95), ids,
                           lambda box: None)
    assert ''.join(c.char for c in out) == '用report用'


@pytest.mark.parametrize('geometry, sure, expected', [(None, 0.96, '用firmare用'), ('letters', 0.96, '用firmware用'),
                                                      ('letters', 0.9, '用firmare用')])
def test_a_sure_letter_stays_where_the_line_reader_s_letters_are_too_narrow_for_its_group(geometry, sure, expected):
    # measured: AR PL UMing, 41 px, clean: firmware read as firmare by the line reader, its w and a one group
    # that its a fills half of (0.51), the classifier reading w at 0.97
    line = line_of('用firmware用')
    for c in line[1:-1]:
        c.probabilities = [sure]
    ids = {c: i for i, c in enumerate('用' + LINE_CHARS)}
    widths = {c: [-0.5, 0.0, 0.4, 0.02, 0.02, 0.05] for c in 'firmwae'}   # each letter 0.4 em: 8 of a box's 8 pixels
    out = lines_read_whole(line, page_of(100), 10, 30, ScriptedLineReader(['〓firm are〓'], 0.95), ids,
                           lambda box: None, widths if geometry else None)
    assert ''.join(c.char for c in out) == expected


def test_a_piece_cut_off_a_letter_that_the_line_reader_reads_nothing_in_goes_on_with_its_run():
    # measured: AR PL SungtiL GB, 17 px, clean: the W of Wi-Fi cut as 丌 and ’, read as W’i-Fi
    line = [char(c, box) for c, box in [('和', [0, 0, 10, 10]), ('丌', [12, 0, 20, 10]), ('\u2019', [20, 0, 23, 10]),
                                        ('i', [25, 0, 28, 10]), ('和', [30, 0, 40, 10])]]
    seen = ['', 'W', '', 'i', '']
    assert latin_runs(line, seen) == [(1, 4)]
    line[2].box = [21, 0, 23, 10]   # apart: a mark of its own
    assert latin_runs(line, seen) == [(3, 4)]


def test_a_piece_cut_off_the_last_glyph_of_a_run_ends_it():
    # measured: AR PL UMing, 19 px, clean: 12.5%。 with the 5% cut as 彐 and ！, the line reader reading 5% in 彐
    line = [char(c, box) for c, box in [('约', [0, 0, 10, 10]), ('2', [12, 0, 18, 10]), ('彐', [20, 0, 30, 10]),
                                        ('！', [29, 0, 33, 10]), ('。', [36, 0, 40, 10])]]
    seen = ['', '2', '5%', '', '。']
    assert latin_runs(line, seen) == [(1, 4)]


def widened(line, index, extra):
    """The line with glyph `index` `extra` px wider and the glyphs after it moved along."""
    line[index].box[2] += extra
    for c in line[index + 1:]:
        c.box = [c.box[0] + extra, c.box[1], c.box[2] + extra, c.box[3]]
    return line


@pytest.mark.parametrize('read, cut, sure, expected', [('〓TensorFlow〓', 'TensorFkw', 0.9, 'TensorFlow'),
                                                       ('〓modern〓', 'modem', 0.9, 'modem'),
                                                       ('〓modern〓', 'modem', 0.995, 'modern')])
def test_letters_cut_as_one_glyph_are_read_where_they_spell_a_word_the_classifier_s_glyph_would_not(
        read, cut, sure, expected):
    # TensorFlow's lo cut as one k, modern's rn as m, each read at 1.0; modem is a word too: there the line
    # reader's letters win only where it is sure of each
    line = widened(line_of('用' + cut + '和'), cut.index('k' if 'k' in cut else 'm', 1) + 1, 10)
    for c in line:
        c.probabilities = [1.0]
    ids = {c: i for i, c in enumerate('用和' + LINE_CHARS[:BLANK - 1])}
    out = lines_read_whole(line, page_of(10 * len(line) + 10), 10, 30, ScriptedLineReader([read], sure), ids,
                           lambda box: None)
    assert ''.join(c.char for c in out) == '用' + expected + '和'


@pytest.mark.parametrize('cut, read, expected', [('％', '〓：98〓', '存：98件'), ('汩', '〓：23〓', '存：23件'),
                                                 ('m', '〓：80〓', '存：80件'), ('m', '〓：8〓', '存：m件'),
                                                 ('％', '〓：8〓', '存：％件')])
def test_digits_cut_as_one_glyph_are_read_as_the_line_reader_reads_them_whatever_the_classifier_reads(
        cut, read, expected):
    # 库存：98件 with its 98 run together, read as ％ at 0.9, 23 as 汩, 80 as m: one digit read in it tells nothing
    line = widened(line_of('存：' + cut + '件'), 2, 10)
    for c in line:
        c.probabilities = [0.99]
    ids = {c: i for i, c in enumerate('存：件％汩' + LINE_CHARS[:BLANK - 1])}
    out = lines_read_whole(line, page_of(60), 10, 30, ScriptedLineReader([read], 0.9), ids, lambda box: None)
    assert ''.join(c.char for c in out) == expected
