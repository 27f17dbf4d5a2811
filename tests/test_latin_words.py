"""latin_words: a run of letters that spells no word read again, cut and joined as a dictionary spells it."""
import math

import numpy as np
import pytest

import latin_words
from latin_words import LEXICON_PRIOR, best_spelling, letter_runs, spelled_words
from reading import Character
from segment import Box

BAND = 20  # pixels: the line's height in these tests


def glyph(char, left, width=6, p=0.99, candidates=None, space=False):
    """A Character read as `char` (or as `candidates`, [(char, p)]), its crop two blocks of ink with a
    gap of no ink between them in the middle, as two touching letters leave."""
    ranked = candidates or [(char, p)]
    crop = np.zeros((BAND + 8, width + 8), np.uint8)
    crop[4:-4, 4:4 + width // 2 - 1] = 255
    crop[4:-4, 4 + width // 2 + 1:4 + width] = 255
    return Character(ranked[0][0], [left, 0, left + width, BAND], 'char', [c for c, _ in ranked],
                     list(range(len(ranked))), [q for _, q in ranked], space_before=space, crop=crop)


def text_of(characters):
    return ''.join((' ' if c.space_before else '') + c.char for c in characters)


@pytest.fixture
def dictionary(tmp_path, monkeypatch):
    words = tmp_path / 'words'
    words.write_text('report\nWindows\nfie\nMr\nit\'s\nfifty\nShanghai\nChrome\nTensorFlow\nriff\nriffle\nmodern\n'
                     'mocker\nmine\nexcel\napp\napple\nburning\n',
                     encoding='utf-8')
    monkeypatch.setattr(latin_words, 'WORDS', str(words))
    latin_words.lexicon.cache_clear()
    yield
    latin_words.lexicon.cache_clear()


def test_the_dictionary_is_read_in_small_letters_without_short_words_or_apostrophes(dictionary):
    words, prefixes = latin_words.lexicon()
    assert words == {'report': {'report'}, 'windows': {'Windows'}, 'fie': {'fie'}, 'fifty': {'fifty'},
                     'shanghai': {'Shanghai'}, 'chrome': {'Chrome'}, 'tensorflow': {'TensorFlow'},
                     'riff': {'riff'}, 'riffle': {'riffle'}, 'modern': {'modern'}, 'mocker': {'mocker'},
                     'mine': {'mine'}, 'excel': {'excel'}, 'app': {'app'}, 'apple': {'apple'},
                     'burning': {'burning'}}
    assert {'r', 'rep', 'report', 'wind', 'tensorf'} <= prefixes


def test_a_run_is_three_letters_or_more_with_no_space_and_not_all_capitals():
    line = [glyph(c, 10 * i, space=(c == 'N')) for i, c in enumerate('usrepon用OCR3Num')]
    assert [text_of(line[a:b]) for a, b in letter_runs(line)] == ['usrepon', ' Num']  # not OCR


def spelled(edges, length, stands, written):
    words = {w.lower(): {w} for w in written}
    prefixes = {w[:i] for w in words for i in range(1, len(w) + 1)}
    path = best_spelling(edges, length, stands, words, prefixes)
    return None if path is None else ''.join(path)


def edge(end, letters, p):
    return (end, letters, math.log(p), letters)  # the payload: the letters themselves


def test_a_glyph_cut_in_two_spells_the_word_that_the_one_letter_does_not():
    edges = [[edge(1, 'r', 0.99)], [edge(2, 'e', 0.99)], [edge(3, 'p', 0.99)], [edge(4, 'o', 0.99)],
             [edge(5, 'n', 0.98), edge(5, 'rt', 0.9 * 0.8)]]
    assert spelled(edges, 5, math.log(0.99 ** 4 * 0.98), {'report'}) == 'repo' + 'rt'
    assert spelled(edges, 5, math.log(0.99 ** 4 * 0.98), {'reports'}) is None  # no word: as it is


def test_a_spelling_far_less_likely_than_the_reading_is_not_taken():
    stands = math.log(0.99)
    unlikely = math.exp(-LEXICON_PRIOR) * 0.5
    edges = [[edge(1, 'x', 0.99), edge(1, 'rt', unlikely)]]
    assert spelled(edges, 1, stands, {'rt'}) is None
    edges = [[edge(1, 'x', 0.99), edge(1, 'rt', 4 * unlikely)]]
    assert spelled(edges, 1, stands, {'rt'}) == 'rt'


def test_a_spelling_is_cased_as_words_are_written():
    edges = [[edge(1, 'f', 0.99)], [edge(2, 'I', 0.4)], [edge(3, 'e', 0.99)]]
    assert spelled(edges, 3, math.log(0.4 * 0.99 ** 2), {'fie'}) is None  # a capital inside small letters
    edges = [[edge(1, 'W', 0.9)], [edge(2, 'i', 0.99)], [edge(3, 'n', 0.99)]]
    assert spelled(edges, 3, math.log(0.5), {'win'}) == 'Win'
    edges = [[edge(i + 1, c, 0.99)] for i, c in enumerate('TensorF')] + \
        [[edge(8, 'I', 0.6), edge(8, 'l', 0.3)], [edge(9, 'o', 0.99)], [edge(10, 'w', 0.99)]]
    assert spelled(edges, 10, math.log(0.6 * 0.99 ** 9), {'TensorFlow'}) == 'TensorFlow'  # as the dictionary writes it
    assert spelled(edges, 10, math.log(0.6 * 0.99 ** 9), {'tensorflow'}) is None


def test_two_touching_letters_read_as_one_are_cut_where_the_dictionary_spells_them(dictionary):
    # measured: AR PL UMing with Liberation Sans, 29 px: report read as repon, the rt one glyph
    line = [glyph('使', 0, 18)] + [glyph(c, 20 + 8 * i) for i, c in enumerate('repo')] + [glyph('n', 52, 12)]
    asked = []

    def read_boxes(boxes):
        asked.extend(boxes)
        return [glyph('r' if box.left == 52 else 't', box.left, box.right - box.left) for box in boxes]
    out = spelled_words(line, BAND, read_boxes)
    assert text_of(out) == '使report'
    # of the letters only the n is wide enough to be two, none is doubted; the 使 touching the run is tried
    assert all(box.right <= 18 or box.left >= 52 for box in asked) and any(box.right <= 18 for box in asked)
    r, t = out[-2:]
    assert (r.box[0], r.box[2], t.box[2]) == (52, t.box[0], 64)


def test_doubtful_neighbours_are_joined_where_the_dictionary_spells_them(dictionary):
    # measured: AR PL UMing, 33 px: Windows read as IIindows, its W cut in two
    doubtful = [('I', 0.55), ('l', 0.3)]
    line = [glyph('I', 0, 4, candidates=doubtful), glyph('I', 5, 4, candidates=doubtful)] + \
        [glyph(c, 10 + 6 * i, 4) for i, c in enumerate('indows')]

    def read_boxes(boxes):
        return [glyph('W', box.left, box.right - box.left) if box == Box(0, 0, 9, BAND, 'char') else None
                for box in boxes]
    assert text_of(spelled_words(line, BAND, read_boxes)) == 'Windows'


def wide_read_at(left, right, char):
    """A read_boxes that reads the box from `left` to `right` as `char`, and nothing else."""
    def read_boxes(boxes):
        return [glyph(char, box.left, box.right - box.left) if (box.left, box.right) == (left, right) else None
                for box in boxes]
    return read_boxes


def test_a_mark_read_doubtfully_inside_a_word_is_joined_to_a_sure_letter_where_the_dictionary_spells_it(
        dictionary):
    # measured: Droid Sans Fallback with Liberation Serif, 16 px: TensorFlow's w cut as 丶 (0.72) and v (1.00)
    line = [glyph(c, 7 * i) for i, c in enumerate('TensorFlo')] + [glyph('丶', 63, 3, p=0.72), glyph('v', 67)]
    assert text_of(spelled_words(line, BAND, wide_read_at(63, 73, 'w'))) == 'TensorFlow'


@pytest.mark.parametrize('stroke_top, text', [(8, 'burning'), (0, 'bllrning')])
def test_short_strokes_read_surely_as_tall_letters_are_joined_where_the_dictionary_spells_them(
        dictionary, stroke_top, text):
    # measured: AR PL KaitiM with Liberation Serif, 36 px, clean: burning read as bllrning, its u drawn as two
    # strokes read as l at 0.91 and 0.70, 0.61 of the b's height; as tall as the b, they would be l's
    line = [glyph('b', 0), glyph('l', 7, 3, p=0.91), glyph('l', 11, 3, p=0.95)] + \
        [glyph(c, 15 + 7 * i) for i, c in enumerate('rning')]
    for c in line[3:]:
        c.box[1] = 8    # x-height letters: 12 of the b's 20 pixels
    for c in line[1:3]:
        c.box[1] = stroke_top
    assert text_of(spelled_words(line, BAND, wide_read_at(7, 14, 'u'))) == text


def test_a_mark_wide_enough_to_hold_two_letters_is_not_joined_to_a_sure_letter(dictionary):
    # measured: AR PL UMing with Liberation Serif, 33 px, degraded: the ffl of offline read as 田 (0.8); joined
    # to the o before it, read as m, it would spell mine
    line = [glyph('o', 0), glyph('田', 7, 12, p=0.8)] + [glyph(c, 21 + 7 * i) for i, c in enumerate('ine')]
    assert text_of(spelled_words(line, BAND, wide_read_at(0, 19, 'm'))) == 'o田ine'


def test_a_bracket_at_the_end_of_a_word_is_not_joined_to_a_sure_letter(dictionary):
    # measured: AR PL UMing 32 px: （ read at 0.8 beside a sure D, the two read as m, would spell mocker
    line = [glyph('（', 0, 4, p=0.8)] + [glyph(c, 6 + 7 * i) for i, c in enumerate('Docker')]
    assert text_of(spelled_words(line, BAND, wide_read_at(0, 12, 'm'))) == '（Docker'


def test_the_end_of_a_word_read_as_an_ideograph_that_touches_it_is_read_again(dictionary):
    # measured: LXGW WenKai, degraded: Shanghai read as Shangh田, its ai one glyph
    line = [glyph(c, 10 * i, 6) for i, c in enumerate('Shangh')] + [glyph('田', 60, 12, p=0.9)] + \
        [glyph('用', 80, 12, space=True)]

    def read_boxes(boxes):
        return [glyph('a' if box.left == 60 else 'i', box.left, box.right - box.left) for box in boxes]
    assert text_of(spelled_words(line, BAND, read_boxes)) == 'Shanghai 用'


def test_a_glyph_touching_a_word_may_hold_its_first_letter_and_a_mark(dictionary):
    # measured: LXGW WenKai, 18 px: （Chrome read as ℃hrome, the bracket and the C one glyph
    line = [glyph('℃', 0, 12, p=0.9)] + [glyph(c, 14 + 6 * i, 6) for i, c in enumerate('hrome')]

    def read_boxes(boxes):
        return [glyph('(' if box.right <= 6 else 'C', box.left, box.right - box.left) for box in boxes]
    assert text_of(spelled_words(line, BAND, read_boxes)) == '(Chrome'


def blocks(read_as, left, letters, p=0.9):
    """A Character read as `read_as` whose crop holds one block of ink, 4 columns wide, for each of
    `letters`, a column of no ink between each two: letters that touch, cut as one glyph. Returns it and
    {(left, right) of each block in the line: its letter}."""
    width = 5 * len(letters) - 1
    crop = np.zeros((BAND + 8, width + 8), np.uint8)
    spans = {}
    for k, letter in enumerate(letters):
        crop[4:-4, 4 + 5 * k:4 + 5 * k + 4] = 255
        spans[left + 5 * k, left + 5 * k + 4] = letter
    return Character(read_as, [left, 0, left + width, BAND], 'char', [read_as], [0], [p], crop=crop), spans


def reader_of(spans, between=None):
    """read_boxes for a line of `blocks`: a box round one block reads as its letter, one round the
    blocks `between` maps to as that, any other as an ideograph; strokes (l) are read as |."""
    def read(boxes):
        out = []
        for box in boxes:
            inside = [span for span in spans if box.left <= span[0] and span[1] <= box.right]
            cut = [span for span in spans if span[0] < box.right and box.left < span[1] and span not in inside]
            letter = spans[inside[0]] if len(inside) == 1 and not cut else (between or {}).get(tuple(inside))
            read_as = '|' if letter == 'l' else letter or '田'
            out.append(Character(read_as, [box.left, 0, box.right, BAND], 'char', [read_as], [0], [0.97]))
        return out
    return read


def test_a_glyph_holding_three_touching_letters_is_cut_into_the_three(dictionary):
    # measured: AR PL KaitiM with Liberation Sans, 25 px, clean: riffle read as rW旧, its iff and le one
    # glyph each; the l of le is read as | once cut
    r = glyph('r', 0, 4)
    iff, spans = blocks('W', 6, 'iff', p=0.66)
    le, more = blocks('旧', 21, 'le', p=0.4)
    out = spelled_words([r, iff, le], BAND, reader_of({**spans, **more}))
    assert text_of(out) == 'riffle'  # not riff, with 旧 left as read
    assert [c.box[0] for c in out[1:]] == [6, 10, 15, 21, 25]


def test_a_mark_touching_the_end_of_a_word_is_cut_off_and_kept(dictionary):
    # measured: AR PL KaitiM with Liberation Sans, 25 px: report: read as repo℃, its rt: one glyph, and
    # the t with the colon read as t as surely as the t alone
    line = [glyph(c, 6 * i, 4) for i, c in enumerate('repo')]
    rt, spans = blocks('℃', 24, 'rt:', p=0.66)
    t_colon = tuple(span for span, letter in spans.items() if letter in 't:')
    out = spelled_words(line + [rt], BAND, reader_of(spans, {t_colon: 't'}))
    assert text_of(out) == 'report:'


def test_a_bracket_run_into_the_last_letter_is_cut_off_and_kept_though_the_two_read_as_a_letter(dictionary):
    # measured: LXGW WenKai, 44 px, clean: 【Excel】 read as 【Excel with the 】 lost, the tail of its l touching
    # the 】 and the two read as d at 0.47
    line = [glyph(c, 6 * i, 4) for i, c in enumerate('Exce')]
    l_bracket, spans = blocks('d', 24, 'l\u3011', p=0.47)
    assert text_of(spelled_words(line + [l_bracket], BAND, reader_of(spans))) == 'Excel\u3011'


def test_a_symbol_glued_to_a_word_holds_its_last_letters_though_the_letters_before_it_spell_one(dictionary):
    # measured: LXGW WenKai, 16 px, degraded: Apple read as App№ (app is a word), its le one glyph read as №
    # at 0.46, cut as | at 0.38 and e at 1.00: likelier, as the reading stands, than its two letters
    line = [glyph(c, 6 * i, 4) for i, c in enumerate('App')]
    le, spans = blocks('\u2116', 18, 'le', p=0.46)

    def read_boxes(boxes):
        read = reader_of(spans)(boxes)
        for c in read:
            c.probabilities = [0.38 if c.char == '|' else 1.0]
        return read
    assert text_of(spelled_words(line + [le], BAND, read_boxes)) == 'Apple'
    le.char = le.candidates[0] = '\u3011'   # a bracket glued to a word stays one: App】
    assert text_of(spelled_words(line + [le], BAND, read_boxes)) == 'App\u3011'


def test_letters_read_as_an_ideograph_inside_a_word_join_its_two_runs(dictionary):
    # measured: AR PL KaitiM with Liberation Sans, 16 px, degraded: modern read as m沁em
    od, spans = blocks('沁', 8, 'od', p=0.5)
    line = [glyph('m', 0, 6), od] + [glyph(c, 19 + 6 * i, 4) for i, c in enumerate('ern')]
    assert text_of(spelled_words(line, BAND, reader_of(spans))) == 'modern'


def test_an_ideograph_read_surely_between_two_words_keeps_them_apart():
    line = [glyph(c, 10 * i) for i, c in enumerate('Python')] + [glyph('和', 60, 12, p=0.99)] + \
        [glyph(c, 74 + 10 * i) for i, c in enumerate('NumPy')]
    assert letter_runs(line) == [(0, 6), (7, 12)]
    line[6] = glyph('沁', 60, 12, p=0.5)
    assert letter_runs(line) == [(0, 12)]


def test_a_word_no_dictionary_holds_and_a_sure_word_stay_as_read(dictionary):
    def read_boxes(boxes):
        raise AssertionError('nothing to read again: %s' % boxes)
    sure = [glyph(c, 10 * i, 4) for i, c in enumerate('fifty')]
    assert text_of(spelled_words(sure, BAND, read_boxes)) == 'fifty'
    numpy = [glyph(c, 10 * i, 4) for i, c in enumerate('NumPy')]
    assert text_of(spelled_words(numpy, BAND, lambda boxes: [None] * len(boxes))) == 'NumPy'


def test_without_a_readable_dictionary_words_stay_as_read(tmp_path, monkeypatch):
    monkeypatch.setattr(latin_words, 'WORDS', str(tmp_path))  # a folder: open() fails, even for root
    latin_words.lexicon.cache_clear()
    try:
        line = [glyph(c, 10 * i) for i, c in enumerate('repon')]
        assert text_of(spelled_words(line, BAND, lambda boxes: pytest.fail('read %s' % boxes))) == 'repon'
    finally:
        latin_words.lexicon.cache_clear()
