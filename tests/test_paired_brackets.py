"""paired_brackets: a bracket the line lacks, read from the glyph the classifier offers it for."""
import pytest

import reading
from paired_brackets import brackets_paired


def line(text, reads=None):
    """Characters of `text`, each read surely but those that `reads` names ({glyph: [(candidate, p)]})."""
    out = []
    for i, char in enumerate(text):
        ranked = (reads or {}).get(char, [(char, 1.0)])
        out.append(reading.Character(ranked[0][0], [10 * i, 0, 10 * i + 8, 20], 'char', [c for c, _ in ranked],
                                     list(range(len(ranked))), [p for _, p in ranked]))
    return out


def text_of(characters):
    return ''.join(c.char for c in characters)


def test_a_closing_bracket_s_partner_is_read_from_the_glyph_that_offers_it():
    # measured: Droid Sans Fallback 35 px, clean: 《 read as 巛 at 0.77 (《 0.01), then 们 by the words
    reads = {'巛': [('巛', 0.77), ('贻', 0.02), ('《', 0.01)]}
    assert text_of(brackets_paired(line('巛问题计算》一书', reads))) == '《问题计算》一书'


def test_an_opening_bracket_s_partner_is_read_from_the_glyph_that_offers_it_in_its_width():
    reads = {'刃': [('刃', 0.6), ('习', 0.3), ('）', 0.05), (')', 0.04)]}
    assert text_of(brackets_paired(line('（office版刃共', reads))) == '（office版）共'


def test_a_letter_or_digit_is_never_read_as_a_bracket():
    # measured: LXGW WenKai 25 px, degraded: 2.11 read as 2.1], and the l of Apple offers [ at 0.01
    reads = {'l': [('l', 0.93), ('I', 0.02), ('[', 0.01)]}
    assert text_of(brackets_paired(line('Apple 2.1]', reads))) == 'Apple 2.1]'


@pytest.mark.parametrize('text, read', [('Apple 2.1]', 'Apple 2.11'), ('第26]号', '第261号'), ('[2.1]', '[2.1]'),
                                        ('版]号', '版]号')])
def test_a_square_bracket_that_closes_nothing_after_a_digit_is_the_digit_offered(text, read):
    # measured: LXGW WenKai 25 px, degraded: the 1 of 2.11 read as ] 0.46, 1 0.22
    reads = {']': [(']', 0.46), ('1', 0.22), ('l', 0.14)]}
    assert text_of(brackets_paired(line(text, reads))) == read


@pytest.mark.parametrize('reads', [
    {},                                                   # nothing offers it: opened on the line before
    {'们': [('们', 0.995), ('《', 0.005)]},               # a glyph read surely is what it is read as
    {'巛': [('巛', 0.77), ('贻', 0.2), ('《', 0.004)]},  # an offer too small to take
])
def test_a_bracket_no_glyph_offers_unsurely_stays_unpaired(reads):
    text = '孩子们》一书' if '们' in reads or not reads else '巛问题》一书'
    assert text_of(brackets_paired(line(text, reads))) == text
