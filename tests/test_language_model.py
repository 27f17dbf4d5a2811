import pytest

from language_model import Bigrams, best_reading, bigrams, read_in_context
from reading import Character

TOY = Bigrams([('蜻蜓', 10), ('蜡烛', 10), ('我们', 50), ('的', 100)])


def test_a_pair_inside_a_word_is_likelier_than_a_pair_never_seen():
    assert TOY.log_p('蜻', '蜓') > TOY.log_p('蜡', '蜓') + 3


def test_across_words_a_commoner_word_start_is_likelier():
    assert TOY.log_p('们', '的') > TOY.log_p('们', '蜡')


def test_next_characters_form_a_distribution():
    import math
    after = sum(math.exp(TOY.log_p('我', chr(c))) for c in TOY.counts)
    assert after == pytest.approx(1.0, abs=0.02)


def test_an_unsure_look_alike_gives_way_to_the_word():
    choices = [(['我'], [0.99]), (['酌', '的'], [0.55, 0.40]), (['书'], [0.97])]
    assert best_reading(choices, bigrams()) == ['我', '的', '书']
    choices = [(['蜡', '蜻'], [0.6, 0.35]), (['蜓', '挺'], [0.7, 0.25])]
    assert best_reading(choices, bigrams()) == ['蜻', '蜓']


def test_a_sure_read_stays_however_rare():
    choices = [(['我'], [0.99]), (['酌', '的'], [0.985, 0.01]), (['书'], [0.97])]
    assert best_reading(choices, bigrams()) == ['我', '酌', '书']


def test_a_read_short_of_sure_is_weighed_against_its_words():
    # measured: AR PL UMing, 16 px, degraded: the 口 of 出口 read as the enclosure 囗 at 0.92
    assert best_reading([(['出'], [0.99]), (['囗', '口'], [0.92, 0.08])], bigrams()) == ['出', '口']


def test_only_ideographs_are_reread_and_marks_and_letters_stay():
    def char(candidates, probabilities):
        return Character(candidates[0], [0, 0, 1, 1], 'char', candidates, [0] * len(candidates), probabilities)
    line = [char(['池'], [0.99]), char(['瑭', '塘'], [0.5, 0.45]), char(['，', ','], [0.6, 0.4]),
            char(['l', '1', 'I'], [0.4, 0.35, 0.25]), char(['酌', '的'], [0.5, 0.45]), char(['人'], [0.99])]
    read = read_in_context(line, bigrams())
    assert [c.char for c in read] == ['池', '塘', '，', 'l', '的', '人']


def test_a_one_between_two_words_is_the_dash_the_classifier_doubted():
    def reading(before, after, one):
        run = [([c], [1.0]) for c in before] + [(['一', '—'], one)] + [([c], [1.0]) for c in after]
        return best_reading(run, bigrams())[len(before)]
    assert reading('模型', '孩子们', [0.72, 0.28]) == '—'
    assert reading('地址', '电话', [0.55, 0.45]) == '—'
    assert reading('统', '的', [0.65, 0.35]) == '一'   # 统一的: 一 makes words on both sides
    assert reading('看', '眼', [0.65, 0.35]) == '一'
    assert reading('兴趣', '模型', [0.99, 0.01]) == '一'


def test_a_one_that_begins_a_run_of_ideographs_stays():
    def char(candidates, probabilities):
        return Character(candidates[0], [0, 0, 1, 1], 'char', candidates, [0] * len(candidates), probabilities)
    line = [char(['》'], [0.99]), char(['一', '—'], [0.8, 0.2]), char(['书'], [0.99])]
    assert [c.char for c in read_in_context(line, bigrams())] == ['》', '一', '书']
