"""neighbours: 1 I l and 0 O o settled by the word they stand in; an ellipsis cut into dots joined."""
import numpy as np
import pytest

import reading
from neighbours import is_ellipsis, settled, without_loose_ticks, without_slivers

# What the classifier gives these glyphs in AR PL fonts (as measured): 1 and O are misread.
READS = {'1': [('I', 0.49), ('l', 0.22), ('1', 0.21)], 'I': [('I', 0.95), ('1', 0.02), ('l', 0.01)],
         'l': [('l', 0.6), ('I', 0.3), ('1', 0.1)], '0': [('0', 0.96), ('O', 0.01), ('o', 0.003)],
         'O': [('0', 0.9), ('O', 0.05), ('o', 0.01)], 'o': [('o', 0.7), ('0', 0.2), ('O', 0.1)]}


def line(text):
    """Characters of `text` as the classifier reads them (a space marks the next one's space_before):
    look-alikes as in READS, the rest for sure."""
    out, space = [], False
    for char in text:
        if char == ' ':
            space = True
            continue
        ranked = READS.get(char, [(char, 1.0)])
        x = 10 * len(out)
        out.append(reading.Character(ranked[0][0], [x, 0, x + 8, 20], 'char', [c for c, _ in ranked],
                                     list(range(len(ranked))), [p for _, p in ranked], space_before=space))
        space = False
    return out


def text_of(characters):
    return ''.join((' ' if c.space_before else '') + c.char for c in characters)


def with_reads(text, reads):
    """`line(text)` with the glyphs that `reads` names read as it gives: {glyph: [(candidate, p)]}."""
    characters = line(text)
    for c in characters:
        if c.char in reads:
            c.candidates, c.probabilities = [r for r, _ in reads[c.char]], [p for _, p in reads[c.char]]
    return characters


@pytest.mark.parametrize('text', [
    '1990年2月1日',   # 1 among digits, and alone between ideographs: digits
    'OCR 2.10',       # O before letters; the 1 between a full stop and a 0
    'Ollie',          # past look-alike letters (l l) to the word's first plain letter (i)
    'fifty 1.6',      # a space ends the word: the 1 is not taken for a letter
    '11月',           # look-alikes side by side with no letter: a number
    'API 1.2',        # a number's full stop is inside its word
])
def test_look_alikes_take_the_kind_of_their_word(text):
    assert text_of(line(text)) != text
    assert text_of(settled(line(text))) == text


@pytest.mark.parametrize('text', ['I am', 'Illinois', 'OK 10'])
def test_look_alikes_read_right_stay(text):
    assert text_of(settled(line(text))) == text


def test_beside_digits_a_look_alike_is_a_digit_even_when_the_classifier_ruled_it_out():
    characters = line('14')
    characters[0].candidates, characters[0].probabilities = ['I', 'l', ']'], [0.41, 0.25, 0.04]
    assert text_of(settled(characters)) == '14'


def test_an_o_alone_is_a_digit_only_if_the_classifier_allows_it():
    characters = line('O型')
    characters[0].char, characters[0].candidates, characters[0].probabilities = 'O', ['O', '0'], [0.996, 0.004]
    assert text_of(settled(characters)) == 'O型'
    characters[0].probabilities = [0.9, 0.1]
    assert text_of(settled(characters)) == '0型'


def dots(chars, gap, width=4):
    return [reading.Character(c, [i * (width + gap), 10, i * (width + gap) + width, 14], 'punct', [c], [0], [0.9])
            for i, c in enumerate(chars)]


def test_three_middle_dots_within_an_em_are_an_ellipsis_and_full_stops_only_in_chinese():
    band = 30
    assert is_ellipsis(dots('···', gap=6), band)
    assert is_ellipsis(dots('···', gap=9), band)     # LXGW WenKai's dots: 9 px apart, 4 wide, in a 34 px band
    assert not is_ellipsis(dots('...', gap=6), band)     # "..." in English stays three full stops,
    assert is_ellipsis(dots('...', gap=6), band, in_chinese=True)  # but Chinese has no half-width stop
    assert not is_ellipsis(dots('···', gap=20), band)    # dots far apart are separate marks
    assert not is_ellipsis(dots('··', gap=6), band)
    assert is_ellipsis(dots('..-', gap=4, width=2), band, in_chinese=True)  # AR PL SungtiL's flat third dot at 17 px
    assert not is_ellipsis(dots('..-', gap=4, width=2), band)              # "..-" beside no ideograph


def test_two_low_flat_pieces_over_most_of_an_em_in_chinese_are_an_ellipsis():
    band = 30
    assert is_ellipsis(dots('～·', gap=6, width=10), band, in_chinese=True)   # two of its dots run together
    assert is_ellipsis(dots('··', gap=10), band, in_chinese=True)             # its third dot left in the ideograph
    assert not is_ellipsis(dots('～·', gap=6, width=10), band)               # beside no ideograph
    assert not is_ellipsis(dots('··', gap=1), band, in_chinese=True)          # one dot that blur split
    assert not is_ellipsis(dots('，·', gap=6, width=10), band, in_chinese=True)  # no piece of an ellipsis
    tall = dots('-.', gap=6, width=10)
    tall[0].box[1] -= 10
    assert not is_ellipsis(tall, band, in_chinese=True)                       # a stroke taller than a dot


def test_reading_joins_an_ellipsis_into_one_character():
    chars = ['…', '·', '地']
    labels = reading.labels_of(chars)
    page = np.zeros((30, 60), np.uint8)
    joined = reading.with_ellipses(dots('···', gap=6) + line('地'), page, labels, band=30)
    assert [c.char for c in joined] == ['…', '地'] and joined[0].box == [0, 10, 24, 14]
    assert joined[0].ids == [0] and joined[0].crop.shape == (4 + 2 * reading.GLYPH_PAD, 24 + 2 * reading.GLYPH_PAD)


def test_a_full_stop_after_an_ideograph_is_the_chinese_mark_it_stands_for():
    blurred_comma = line('小时.终')
    blurred_comma[2].candidates, blurred_comma[2].probabilities = ['.', ','], [0.54, 0.31]
    assert text_of(settled(blurred_comma)) == '小时，终'
    assert text_of(settled(line('读书.'))) == '读书。'
    assert text_of(settled(line('.爷爷'))) == '。爷爷'  # the line begins with the last sentence's stop
    assert text_of(settled(line('.5元'))) == '.5元'
    assert text_of(settled(line('Python. 版本2.1'))) == 'Python. 版本2.1'


def test_a_ring_that_begins_a_latin_word_is_its_o_and_a_full_stop_stays():
    def ring_first(text):
        characters = line(text)
        ring = characters[text.index('o') if 'o' in text else text.index('。')]
        ring.char, ring.candidates, ring.probabilities = '。', ['。', 'o', '0'], [0.6, 0.3, 0.1]
        return characters
    assert text_of(settled(ring_first('（offline版）'))) == '（offline版）'
    assert text_of(settled(ring_first('书。Python'))) == '书。Python'  # a sentence that begins with a word
    assert text_of(settled(ring_first('办。'))) == '办。'


@pytest.mark.parametrize('read, text', [
    ('JS〇N', 'JSON'), ('kerne丨', 'kernel'), ('2〇17年', '2017年'), ('二〇二六年', '二〇二六年'), ('丨字', '丨字')])
def test_an_ideograph_that_looks_like_a_letter_is_one_in_a_latin_word_only(read, text):
    assert text_of(settled(line(read))) == text


@pytest.mark.parametrize('read, text', [('rifIe', 'rifle'), ('kerneI', 'kernel'), ('APl 2', 'API 2'),
                                        ('Illinois', 'Illinois'), ('Al', 'Al')])
def test_one_stroke_letters_take_the_case_of_their_word(read, text):
    assert text_of(settled(line(read))) == text


def test_a_one_read_between_small_letters_is_an_l_even_when_the_classifier_ruled_it_out():
    characters = line('rif1e')
    characters[3].candidates, characters[3].probabilities = ['1', 'l', 'I'], [0.994, 0.004, 0.002]
    assert text_of(settled(characters)) == 'rifle'


def flat(characters, index, width, height):
    left, top = characters[index].box[:2]
    characters[index].box = [left, top, left + width, top + height]
    return characters


@pytest.mark.parametrize('dash', ['~', '—', '一', '－'])
def test_a_short_flat_stroke_between_digits_or_letters_is_a_hyphen(dash):
    assert text_of(settled(flat(line('014%s42' % dash), 3, width=12, height=1))) == '014-42'
    assert text_of(settled(flat(line('Wi%sFi' % dash), 2, width=12, height=1))) == 'Wi-Fi'
    assert text_of(settled(flat(line('1990%s2000' % dash), 4, width=30, height=2))) == '1990%s2000' % dash  # em wide
    assert text_of(settled(flat(line('3%s5' % dash), 1, width=12, height=6))) == '3%s5' % dash  # a wave, not flat
    assert text_of(settled(flat(line('一%s二' % dash), 1, width=12, height=1))) == '一%s二' % dash


def test_a_wave_that_a_long_number_follows_is_its_hyphen():
    # measured: AR PL KaitiM 23 px, degraded: 024-91824252 read 024~91824252, the blurred hyphen 0.26 of its
    # width high; a range's bounds are short numbers
    assert text_of(settled(flat(line('024~91824252'), 3, width=12, height=4))) == '024-91824252'
    assert text_of(settled(flat(line('3~5'), 1, width=12, height=4))) == '3~5'
    assert text_of(settled(flat(line('2020~2024'), 4, width=12, height=4))) == '2020~2024'


def test_a_straight_double_quote_in_chinese_text_is_curly():
    assert text_of(settled(line('他说："好。"'))) == '他说：“好。”'
    assert text_of(settled(line('"数据"很好'))) == '“数据”很好'
    assert text_of(settled(line('say "hi" now'))) == 'say "hi" now'


def test_an_opening_quote_where_one_is_open_is_the_closing_one():
    assert text_of(settled(line('他说：“好。“'))) == '他说：“好。”'
    assert text_of(settled(line('“好”，“对”'))) == '“好”，“对”'   # a quote closed opens again
    assert text_of(settled(line('好。”他说：“对'))) == '好。”他说：“对'  # one closed from the line before


def test_a_question_mark_inside_a_number_is_its_likeliest_digit():
    def nines_as_marks(text):
        characters = line(text)
        for c in characters:
            if c.char == '?':
                c.candidates, c.probabilities = ['?', '？', '9', 'R'], [0.33, 0.28, 0.25, 0.07]
        return characters
    assert text_of(settled(nines_as_marks('1??6年'))) == '1996年'
    assert text_of(settled(nines_as_marks('约6?.4%'))) == '约69.4%'
    assert text_of(settled(nines_as_marks('是42?'))) == '是42?'     # a question after a number stays
    assert text_of(settled(nines_as_marks('电话404?，学校'))) == '电话4049，学校'  # no ? is followed by a comma
    assert text_of(settled(nines_as_marks('A?B'))) == 'A?B'


def test_a_letter_inside_a_number_is_the_digit_the_classifier_offers():
    # measured: LXGW WenKai, 41 px, degraded: 17.9% read as 17.q%
    nine = {'q': [('q', 0.54), ('?', 0.15), ('9', 0.13), ('R', 0.09)]}
    assert text_of(settled(with_reads('约17.q%', nine))) == '约17.9%'
    assert text_of(settled(with_reads('77q74', nine))) == '77974'
    ninety = {'R': [('R', 0.54), ('?', 0.15), ('9', 0.13), ('q', 0.09)]}
    assert text_of(settled(with_reads('R7', ninety))) == 'R7'          # a letter before a number stays
    times = {'x': [('x', 0.9), ('X', 0.06), ('×', 0.04)]}
    assert text_of(settled(with_reads('640x480', times))) == '640x480'  # no digit offered: it stays


def test_a_full_stop_between_a_number_and_an_ideograph_is_a_chinese_mark():
    characters = line('589.文')
    characters[3].candidates, characters[3].probabilities = ['.', '，'], [0.6, 0.2]
    assert text_of(settled(characters)) == '589，文'
    assert text_of(settled(line('2.5元'))) == '2.5元'
    # measured: AR PL UMing, 23 px, degraded: 11.5%，璐琪 read as 11.5%. 璐琪, the ， hanging below the baseline
    characters = line('5%.文')
    characters[2].candidates, characters[2].probabilities = ['.', ','], [0.55, 0.12]
    assert text_of(settled(characters)) == '5%，文'


def test_a_quote_read_before_a_question_mark_is_the_tip_of_its_hook():
    assert text_of(without_loose_ticks(line("蜘蛛‘?"))) == '蜘蛛?'
    assert text_of(without_loose_ticks(line("‘好’?"))) == "‘好’?"


def test_a_quote_read_between_a_number_and_its_percent_sign_is_a_ring_of_the_sign():
    # measured: LXGW WenKai with Liberation Sans, 28 px, degraded: 30% read as 30‘%
    assert text_of(without_loose_ticks(line("价格, 30‘%."))) == '价格, 30%.'
    assert text_of(without_loose_ticks(line("说‘%’"))) == "说‘%’"  # a quoted sign stays


def test_a_q_in_a_number_or_alone_between_ideographs_is_a_nine():
    # measured: LXGW WenKai, 17 px, clean: 2001年9月16日 read as 2001年q月16日, no 9 offered; and at
    # 19 px 1994年 read as 1qq4年, 1.9 as l.q
    nine = {'q': [('q', 0.36), ('7', 0.29), ('?', 0.18), ('？', 0.11)]}
    assert text_of(settled(with_reads('2001年q月16日', nine))) == '2001年9月16日'
    assert text_of(settled(with_reads('1qq4年', nine))) == '1994年'
    assert text_of(settled(with_reads('kernel l.q发布', nine))) == 'kernel 1.9发布'
    for word in ('quick', 'Iraq', 'FAQ 2'):
        assert text_of(settled(with_reads(word, nine))) == word


def stroke(lean):
    """The white-on-black crop of a 2-pixel stroke 20 rows high whose top stands `lean` x 20 columns
    right of its foot."""
    crop = np.zeros((28, 20), np.uint8)
    for row in range(4, 24):
        column = 4 + int(round(lean * (23 - row)))
        crop[row, column:column + 2] = 255
    return crop


@pytest.mark.parametrize('text, lean, slash, read', [('元l件', 0.3, 0.44, '/'), ('元l件', 0.0, 0.44, '1'),
                                                    ('元l件', 0.3, 0.06, '/'), ('元l件', 0.3, 0.03, '1'),
                                                    ('7l件', 0.3, 0.1, '1')])
def test_a_glyph_read_as_l_that_the_classifier_also_offers_as_a_slash_is_one_when_it_leans(text, lean, slash, read):
    # measured: Droid Sans Fallback, 27 px, degraded: 407元/件 read as 407元1件, the / at l 0.45, / 0.44; LXGW
    # WenKai, 20 px, degraded: 615元/件 read as 615元1件, the / at l 0.83, / 0.06: between two ideographs, where
    # no l stands alone, a leaning stroke is a / however little the classifier offers it
    characters = line(text)
    characters[1].candidates, characters[1].probabilities = ['l', '/', 'I'], [0.45, slash, 0.1]
    characters[1].crop = stroke(lean)
    assert text_of(settled(characters)) == text.replace('l', read)


def glyphs(*cells):
    """Characters (char, left, right) in a band 30 px high."""
    return [reading.Character(c, [left, 5, right, 25], 'char', [c], [0], [0.9]) for c, left, right in cells]


@pytest.mark.parametrize('cells, text', [
    ((('统', 0, 18), ("'", 19, 20), ('9', 20, 30), ('9', 31, 41)), '统99'),  # a 9's edge, cut off and read as '
    ((('(', 0, 5), ('.', 5, 6), ('k', 9, 19)), '(k'),                      # a sliver of a bracket
    ((('统', 0, 18), ("'", 21, 22), ('9', 24, 34)), "统'9"),               # one that stands apart is a mark
    ((('n', 0, 8), ("'", 8, 9), ('t', 9, 15)), "n't"),                     # an apostrophe inside a word stays
    ((('统', 0, 18), ('.', 18, 21), ('9', 24, 34)), '统.9'),               # a dot is wider than a sliver
])
def test_a_mark_as_thin_as_a_sliver_touching_the_glyph_beside_it_is_part_of_that_glyph(cells, text):
    assert ''.join(c.char for c in without_slivers(glyphs(*cells), 30)) == text
