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


def test_an_unsure_ideograph_takes_a_rival_ranked_after_its_candidates_that_makes_the_word():
    # measured: AR PL SungtiL GB, 16 px, degraded: the 满 of 满意 ranked 17th, at 0.0046
    unsure = Character('潸', [0, 0, 1, 1], 'char', ['潸', '赝', '膺', '渭', '潢', '癀', '’', ','], [0] * 8,
                       [0.312, 0.222, 0.107, 0.084, 0.053, 0.028, 0.0001, 0.0001],
                       rivals=[('漕', 0.02), ('满', 0.0046), ('溏', 0.002)])
    line = [Character('露', [0, 0, 1, 1], 'char', ['露'], [0], [0.99]), unsure,
            Character('意', [0, 0, 1, 1], 'char', ['意', '薏'], [0, 0], [0.553, 0.373])]
    assert ''.join(c.char for c in read_in_context(line, bigrams())) == '露满意'


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


def flat(read, left, top=10, width=20, height=2):
    """A flat stroke read as `read` [(candidate, probability)], its box at `left`."""
    return Character(read[0][0], [left, top, left + width, top + height], 'char', [c for c, _ in read],
                     [0] * len(read), [p for _, p in read])


def square(char, left):
    return Character(char, [left, 0, left + 20, 22], 'char', [char], [0], [0.99])


def test_a_doubled_dash_is_read_whole_and_never_half_a_one():
    # measured: LXGW WenKai, 24 px, clean: 他说——我们 read as 他说一—我们, the classifier's halves alike
    halves = [flat([('一', 0.72), ('—', 0.28)], 50), flat([('一', 0.42), ('—', 0.58)], 70)]
    line = [square('他', 0), square('说', 25)] + halves + [square('我', 95), square('们', 120)]
    assert ''.join(c.char for c in read_in_context(line, bigrams())) == '他说——我们'


def test_two_ones_read_surely_stay_ones():
    # measured: AR PL SungtiL GB, 32 px, degraded: 一一对应 read 0.89 and 0.96 as 一 (a pair the
    # classifier doubts more, AR PL KaitiM's 0.77 and 0.77 at 16 px, is read as the doubled dash, which
    # text holds far more often)
    ones = [flat([('一', 0.89), ('—', 0.11)], 0), flat([('一', 0.96), ('—', 0.04)], 22)]
    line = ones + [square('对', 45), square('应', 70)]
    assert ''.join(c.char for c in read_in_context(line, bigrams())) == '一一对应'


def test_a_one_beside_a_dash_drawn_unlike_it_is_read_alone():
    # the 一 of 统一 is higher and heavier than the dash after it: not its other half
    line = [square('统', 0), flat([('一', 0.9), ('—', 0.1)], 25, top=8, height=3),
            flat([('—', 0.9), ('一', 0.1)], 47), flat([('—', 0.9), ('一', 0.1)], 67), square('模', 92)]
    assert ''.join(c.char for c in read_in_context(line, bigrams())) == '统一——模'


def test_a_dash_the_classifier_put_first_is_weighed_against_one_too():
    # measured: LXGW WenKai, 16 px, clean: its 一, as long as its dash, read as — at 0.68 in 常常一个人
    def line(before, dash, after):
        return [square(c, 25 * i) for i, c in enumerate(before)] + [flat(dash, 25 * len(before))] + \
            [square(c, 25 * (len(before) + 1 + i)) for i, c in enumerate(after)]
    assert ''.join(c.char for c in read_in_context(line('常常', [('—', 0.68), ('一', 0.32)], '个人'),
                                                   bigrams())) == '常常一个人'
    assert ''.join(c.char for c in read_in_context(line('模型', [('—', 0.68), ('一', 0.32)], '孩子们'),
                                                   bigrams())) == '模型—孩子们'
    # at a run's end there is no second word to weigh it by: it stays as read
    assert ''.join(c.char for c in read_in_context(line('常常', [('—', 0.68), ('一', 0.32)], ''),
                                                   bigrams())) == '常常—'


def test_a_dash_after_a_mark_or_at_the_start_of_a_line_before_an_ideograph_is_a_one():
    # measured: LXGW WenKai, 16 px: ，一起吃饭 read as ，—起吃饭, and 一年 opening a line as —年
    comma = Character('\uff0c', [0, 15, 4, 20], 'punct', ['\uff0c'], [0], [0.99])
    line = [comma, flat([('—', 0.68), ('一', 0.32)], 10), square('起', 35), square('吃', 60)]
    assert ''.join(c.char for c in read_in_context(line, bigrams())) == '，一起吃'
    line = [flat([('—', 0.68), ('一', 0.32)], 0), square('年', 25), square('他', 50)]
    assert ''.join(c.char for c in read_in_context(line, bigrams())) == '一年他'
    line = [flat([('—', 0.68), ('一', 0.32)], 0), Character('a', [25, 0, 35, 22], 'char', ['a'], [0], [0.99])]
    assert ''.join(c.char for c in read_in_context(line, bigrams())) == '—a'  # before no ideograph: as read


def test_a_symbol_between_ideographs_is_read_as_the_ideograph_it_may_be():
    # measured: AR PL KaitiM GB, 16 px, degraded: the 地 of 安静地读书 read as № at 0.85
    symbol = Character('№', [50, 0, 70, 22], 'char', ['№', '地', '尥'], [0, 0, 0], [0.85, 0.06, 0.02])
    line = [square('安', 0), square('静', 25), symbol, square('读', 75), square('书', 100)]
    assert ''.join(c.char for c in read_in_context(line, bigrams())) == '安静地读书'
    # after a digit a ℃ is what it reads as, whatever ideograph it looks like
    degrees = Character('℃', [50, 0, 70, 22], 'char', ['℃', '亿'], [0, 0], [0.85, 0.1])
    line = [square('约', 0), Character('5', [25, 0, 35, 22], 'char', ['5'], [0], [0.99]), degrees, square('左', 75)]
    assert ''.join(c.char for c in read_in_context(line, bigrams())) == '约5℃左'
