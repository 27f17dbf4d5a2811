"""Which Chinese stop (， 。 、 ·) stands between two characters, by its shape and the text around it.

At screenshot sizes the stops are specks of three or four pixels: blurred, a 。 loses its ring and
a ， its tail, and the classifier reads them as . or as one another (节日、人们 for 节日。人们). AR PL
UMing draws them in the middle of the line, where only a · stands in most fonts, so their place in
the line (line_geometry) misleads too: a · at the height of a ， 。 or 、 of its line is read as a speck,
any stop, by its context. The characters beside them tell: 、 parts the items of a list
(苹果、香蕉), not clauses (饭、有), and · joins the halves of a foreign name (列夫·托尔斯泰); ， and
。 differ less (岁，这 and 岁。这 are both common). There the shape of the speck tells: blurred past
telling a ring from a tail, a 。 still spreads its ink as far across as down, and a ， further down
than across. Its second moments measure that finer than its box of 3 or 4 whole pixels does, and it
holds in every face, where the stops' widths in em do not (AR PL KaitiM's 。 is as narrow as others' ，).
Within one line, though, every 。 is drawn alike: a speck far smaller than a 。 the classifier is sure
of in the same line is no 。 (LXGW WenKai at 16 px, blurred: its ， are specks 3 pixels across, its
。 a ring of 6). And every face hangs its ， as low as its 。 and 、 or lower, so of a line's stops at
two heights the lower are ， and the higher are not (AR PL SungtiL's blurred specks, round alike, lie 3
pixels apart at 16 px).

And a sentence seldom ends one short clause after another ended: of fortunes-zh's stops 3 to 5
ideographs after a 。, 9% are 。, after a ， 62%; so each stop is read after the one before it in the line.

The counts come from a punctuated corpus of modern Chinese that Debian ships: fortunes-zh's
`chinese` (about 700,000 characters of sayings, stories and notes, with 35,000 ，。), read rather than
gathered ourselves, like jieba's dictionary for the ideographs (language_model.py).
"""
import functools
import math
import re
from collections import Counter

import numpy as np

from glyph import ink_moments
from line_geometry import is_cjk
from neighbours import PERCENT

CORPUS = '/usr/share/games/fortunes/chinese'   # Debian's fortunes-zh (GPL-3.0+), read, never copied
FORTUNE_BREAK = re.compile(r'\n%\n')            # fortunes are parted by a line holding only %
PARAGRAPH_BREAK = re.compile(r'\n\s*\n')
TERMINAL_COLOUR = re.compile(r'\x1b\[[0-9;]*m')  # some fortunes are coloured for the terminal
IDEOGRAPH = '[\u3400-\u9fff\uf900-\ufaff]'
STOPS = '\uff0c\u3002\u3001\u00b7'             # ， 。 、 ·
FULL_STOP = '\u3002'                            # 。
COMMA = '\uff0c'                                # ，
MIDDLE_DOT = '\u00b7'                           # ·
# The classifier's candidates that are stops, each as the stop it stands for: a half-width , is ，, and
# the dot stroke 丶, which faces draw as 、 and no text sets alone (卖水果的丶卖衣服的 in AR PL UMing), is 、.
READ_AS = {',': '\uff0c', '\u3002': '\u3002', '\uff0c': '\uff0c', '\u3001': '\u3001', '\u00b7': '\u00b7',
           '\u4e36': '\u3001'}
SPECK = '.'                 # what the classifier reads any blurred stop as: it counts for each alike
CONTEXT_WEIGHT = 0.4        # nats of classifier log-probability one nat of context log-probability is worth
                            # (of 0.15 to 1.6 on read_mixed's prose, seeds 0, 1 and 7, 0.3 to 0.45 read best)
CLASSIFIER_FLOOR = 0.001    # a stop the classifier did not offer starts with this probability
SMOOTHING = 2.0             # pseudo-count by which a neighbour seen rarely falls back to the stops' own shares
# Each stop's ink_elongation (mean, spread) on the training faces' prose at 16, 20 and 24 px, clean and
# degraded (benchmarks/stop_shapes.py; · is as round as 。), each spread at least 0.1: the unseen faces' blurred
# 。 spread 0.05 to 0.13.
STOP_ELONGATION = {'\uff0c': (-0.60, 0.15), '\u3002': (-0.03, 0.1), '\u3001': (-0.02, 0.1), '\u00b7': (-0.03, 0.1)}
SURE_RING = 0.8             # a 。 read at least this surely gives the line's size of a 。 (LXGW WenKai 16 px: 0.84)
RING_SHARE = 0.6            # x that 。's box (its longer side): a stop no bigger than this is no 。 (LXGW WenKai's
                            # blurred ， at 16 px is 3 pixels to its 。's 6; AR PL KaitiM's ， is as big as its 。)
HYPHEN = '-'
DEGREE = '\u00b0'            # °: what AR PL UMing's 。, a ring in the middle of the line, is read as
SPECK_ELONGATION = 0.6      # a hyphen's ink is at least twice as wide as tall (ink_elongation 0.69); a blurred 。
                            # that the classifier read as - spreads 0.12 to 0.46 (AR PL SungtiL and KaitiM, 16-20 px)
SHAPE_WEIGHT = 0.25         # nats of log-probability one squared spread from a stop's elongation costs (stop_shapes.py
                            # --seed 1 --lines 48, 804 stops in unseen faces: 42 misread with 0, 23 with 0.1, 21 with
                            # 0.25, 25 with 0.5)
LINE_WEIGHT = 1.0           # nats of classifier log-probability one nat of the line reader's is worth, where it reads
                            # a stop in the glyph: it sees the stop's place in the line, and reads a ， that
                            # blur made a speck (54.5%，踌躇 at 35 px: the classifier . at 0.67, the line reader ，
                            # at 0.995); its . is a speck too, and tells nothing
RING_LETTERS = 'onu'         # what a blurred 。 is read as when its ring closes or opens (AR PL KaitiM 20 px: n at 0.80)
STOP_HEIGHT = 0.35          # x band height: a glyph no taller is of a stop's size, not a letter's (that n: 0.26;
                            # an x-height letter stands 0.45 or more)
CLAUSE_BUCKET = 3           # ideographs: clause lengths since the stop before are counted in steps of this many,
LONGEST_CLAUSE = 20         # and the longer ones together
COMMA_DROP = 0.12           # x band height: of a line's stops, those centred this much lower than the rest are ，, the
                            # rest are not: every face hangs its ， as low as its 。 and 、 or lower (AR PL SungtiL by
                            # 0.2 em, UMing 0.38; KaitiM and WenQuanYi not at all, and there this tells nothing)


@functools.lru_cache(maxsize=1)
def stop_contexts():
    """The model made from the corpus, once per process; None when fortunes-zh is not installed
    (`make setup` installs it) or cannot be read, and the stops are then read as the classifier reads
    them: the text still comes out."""
    try:
        with open(CORPUS, encoding='utf-8', errors='replace') as f:
            return StopContexts(running_text(f.read()))
    except OSError:
        return None


def running_text(fortunes):
    """The corpus as paragraphs of running text, one per line: its lines are wrapped mid-sentence
    (很难避免遇到与你意见不和，或者难以合作 / 的人。), and Chinese puts no space where they join."""
    paragraphs = (p for fortune in FORTUNE_BREAK.split(TERMINAL_COLOUR.sub('', fortunes))
                  for p in PARAGRAPH_BREAK.split(fortune))
    return '\n'.join(''.join(line.strip() for line in p.split('\n')) for p in paragraphs)


class StopContexts:
    """log P(stop | the ideographs either side of it), counted in `text`."""

    def __init__(self, text):
        self.after = Counter(re.findall('(%s)([%s])' % (IDEOGRAPH, STOPS), text))  # (ideograph, stop after it)
        self.before = Counter((char, stop) for stop, char in re.findall('([%s])(%s)' % (STOPS, IDEOGRAPH), text))
        self.followed, self.preceded = _per_ideograph(self.after), _per_ideograph(self.before)
        self.stops = Counter(STOPS) + Counter(c for c in text if c in STOPS)  # once more each: none has no chance
        self.total = sum(self.stops.values())
        self.after_stop = Counter(_stop_sequence(text))  # (stop before, clause length bucket, stop)
        self.clauses = Counter()
        for (before, bucket, _), count in self.after_stop.items():
            self.clauses[before, bucket] += count

    def log_p(self, previous, stop, following, clause=None):
        """log P(stop | previous, following, clause) up to a term that is the same for every stop, each
        neighbour taken to tell of the stop apart from the other; a neighbour that is None (not an
        ideograph) says nothing, and one the corpus rarely shows says little, so a clear read of a
        rare stop stands (牛奶、鸡蛋). `clause` is (the stop before this one in the line, the ideographs
        between them), or None: a sentence seldom ends one short clause after another ended (。 after
        。 4 ideographs before: 9% of fortunes-zh's stops there, 62% after a ，)."""
        share = self.stops[stop] / self.total
        score = math.log(share)
        for counts, seen, neighbour in ((self.after, self.followed, previous), (self.before, self.preceded, following)):
            if neighbour is not None:
                score += _told(counts[neighbour, stop], seen[neighbour], share)
        if clause is not None:
            score += _told(self.after_stop[(*_bucketed(*clause), stop)], self.clauses[_bucketed(*clause)], share)
        return score


def _told(count, seen, share):
    """log of how much likelier a stop seen `count` times of `seen` in some context is there than its `share`."""
    return math.log((count + SMOOTHING * share) / (seen + SMOOTHING) / share)


def _bucketed(before, length):
    return before, min(length, LONGEST_CLAUSE) // CLAUSE_BUCKET


def _stop_sequence(text):
    """(stop before, clause length bucket, stop) for each stop of `text` after another in its paragraph
    (split by regular expressions: a loop over the corpus's characters took a quarter of a second)."""
    for paragraph in text.split('\n'):
        parts = re.split('([%s])' % STOPS, paragraph)  # text, stop, text, stop, ..., text
        for before, clause, stop in zip(parts[1::2], parts[2::2], parts[3::2]):
            yield (*_bucketed(before, len(re.findall(IDEOGRAPH, clause))), stop)


def _per_ideograph(pairs):
    """{ideograph: how many stops stand beside it} from {(ideograph, stop): count}."""
    total = Counter()
    for (char, _), count in pairs.items():
        total[char] += count
    return total


def stop_probabilities(candidates, probabilities, specks=SPECK):
    """{stop: the classifier's probability for it}, its half-width form counted with it and the share of
    a speck (any of `specks`) spread evenly over the stops, at least CLASSIFIER_FLOOR each."""
    found = dict.fromkeys(STOPS, 0.0)
    for candidate, p in zip(candidates, probabilities):
        if candidate in READ_AS and candidate not in specks:
            found[READ_AS[candidate]] += p
        elif candidate in specks:
            for stop in STOPS:
                found[stop] += p / len(STOPS)
    return {stop: max(p, CLASSIFIER_FLOOR) for stop, p in found.items()}


def ink_elongation(crop):
    """Half the log of how far a glyph's ink spreads across over how far down (its second moments,
    grey levels above the crop's background as weights): 0 for a round 。, about -0.6 for a ，.
    `crop` is white on black."""
    moments = ink_moments(crop)
    if moments is None or min(moments[:2]) <= 0:
        return 0.0
    return 0.5 * math.log(moments[1] / moments[0])


def shape_scores(character):
    """{stop: the log-likelihood of the character's ink_elongation under the stop's, x SHAPE_WEIGHT};
    all 0 when its pixels are not known."""
    if character.crop is None:
        return dict.fromkeys(STOPS, 0.0)
    elongation = ink_elongation(character.crop)
    return {stop: -0.5 * SHAPE_WEIGHT * ((elongation - mean) / spread) ** 2
            for stop, (mean, spread) in STOP_ELONGATION.items()}


def best_stop(character, previous, following, model, ring=None, low=None, clause=None, centred=False):
    """The stop that the classifier's probabilities and the shape of its ink, weighed against the
    context, make likeliest; `previous` and `following` are the neighbouring ideographs, or None; no 。
    when the glyph is far smaller than the line's `ring` (ring_size); a ， when `low` is True, none when
    it is False (hung_low); a · read as a speck when the line's face centres its stops (`centred`)."""
    found = stop_probabilities(character.candidates, character.probabilities, SPECK + MIDDLE_DOT if centred else SPECK)
    shape, line = shape_scores(character), line_scores(character)
    stops = [s for s in STOPS if not (s == FULL_STOP and ring and size_of(character) <= RING_SHARE * ring)
             and (low is None or (s == COMMA) == low)]
    return max(stops, key=lambda stop: math.log(found[stop]) + shape[stop] + line[stop] +
               CONTEXT_WEIGHT * model.log_p(previous, stop, following, clause))


def line_scores(character):
    """{stop: the log-probability the line reader gives it, x LINE_WEIGHT}, the probability of the stop it
    reads shared among the others, at least CLASSIFIER_FLOOR each; all 0 where it reads no stop in the glyph."""
    if character.line_read is None:
        return dict.fromkeys(STOPS, 0.0)
    read, p = character.line_read
    return {stop: LINE_WEIGHT * math.log(max(p if stop == read else (1 - p) / (len(STOPS) - 1), CLASSIFIER_FLOOR))
            for stop in STOPS}


def ring_size(characters):
    """The longer side of the box of the largest glyph of the line read as 。 surely (SURE_RING), or None."""
    return max((size_of(c) for c in characters
                if c.candidates and c.candidates[0] == FULL_STOP and c.probabilities[0] >= SURE_RING), default=None)


def size_of(character):
    """The longer side of the glyph's box, in pixels."""
    return max(character.box[2] - character.box[0], character.box[3] - character.box[1])


def read_stops_in_context(characters, model, band):
    """The line's characters, each stop (or glyph read as one: READ_AS) beside an ideograph, the stop or
    speck that ends a line of Chinese after a number (ends_chinese_line), a speck read as a hyphen
    between two ideographs (is_speck_read_as_hyphen: 岁 - 这 for 岁。这), a hyphen that ends a line after
    an ideograph (no text ends a line 元-: a blurred 。 flattened, KaitiM 21 px), a ring read as a letter
    (is_ring_read_as_letter) or as a degree sign (is_ring_read_as_degree), read as best_stop says, left to
    right, each after the stop read before it in the line (clause_before). `band` is the line's height in
    pixels."""
    ring = ring_size(characters)
    neighbours = [neighbouring_ideographs(characters, i) for i in range(len(characters))]
    stops = [i for i, c in enumerate(characters) if c.candidates and (is_stop(characters, i, *neighbours[i])
                                                                      or is_ring_read_as_letter(characters, i, band))]
    low = hung_low([characters[i] for i in stops], band)
    for i, is_low in zip(stops, low):
        characters[i].char = best_stop(characters[i], *neighbours[i], model, ring, is_low, clause_before(characters, i),
                                       centres_its_stops(characters, i, stops, band))
    return characters


def centres_its_stops(characters, i, stops, band):
    """Whether glyph i is read as a · at the height of another of the line's `stops` read as ， 。 or 、
    (within COMMA_DROP x `band`): AR PL UMing centres its stops, where most faces set only a ·, so
    there a blurred ， is a round speck at the height of a · (很好，不但…欢迎·而且)."""
    return characters[i].char == MIDDLE_DOT and any(
        j != i and characters[j].char in STOPS and characters[j].char != MIDDLE_DOT
        and abs(centre_of(characters[j]) - centre_of(characters[i])) < COMMA_DROP * band for j in stops)


def centre_of(character):
    """The middle row of the glyph's box."""
    return (character.box[1] + character.box[3]) / 2


def clause_before(characters, i):
    """(the last stop before glyph i in the line, the ideographs between them), or None when there is none."""
    length = 0
    for c in reversed(characters[:i]):
        if c.char in STOPS:
            return c.char, length
        length += is_cjk(c.char)
    return None


def neighbouring_ideographs(characters, i):
    """(the ideograph before glyph i, the one after it), each None where there is none."""
    return tuple(characters[j].char if 0 <= j < len(characters) and is_cjk(characters[j].char) else None
                 for j in (i - 1, i + 1))


def is_stop(characters, i, previous, following):
    """Whether glyph i is read as a stop where read_stops_in_context reads it by its context."""
    char = characters[i].char
    return char in READ_AS and (previous is not None or following is not None) \
        or (char in READ_AS or char == SPECK) and ends_chinese_line(characters, i) \
        or previous is not None and following is not None and is_speck_read_as_hyphen(characters[i]) \
        or previous is not None and char == HYPHEN and i == len(characters) - 1 \
        or char == DEGREE and is_ring_read_as_degree(characters, i, previous)


def is_ring_read_as_degree(characters, i, previous):
    """Whether glyph i, read as a °, offers a stop and follows the ideograph `previous` or ends a line of
    Chinese after a % (ends_chinese_line): a ° follows a digit (气温25°), where AR PL UMing sets its 。
    in the middle of the line, a ring where a ° is drawn (发布。 read as 发布°, 83.3%。 as 83.3%°)."""
    c = characters[i]
    return offers_a_stop(zip(c.candidates, c.probabilities)) \
        and (previous is not None or ends_chinese_line(characters, i) and characters[i - 1].char in PERCENT)


def offers_a_stop(ranked):
    """Whether [(char, p)] offers a stop (READ_AS) at CLASSIFIER_FLOOR or more."""
    return any(x in READ_AS and p >= CLASSIFIER_FLOOR for x, p in ranked)


def is_ring_read_as_letter(characters, i, band):
    """Whether glyph i is read as a letter a blurred 。 looks like (RING_LETTERS), no taller than a stop
    (STOP_HEIGHT x `band`) and offering one, after an ideograph and before another or at the line's end,
    in a line of no other Latin letter: 的故事。老师 read as 的故事 n 老师."""
    c = characters[i]
    following = characters[i + 1].char if i + 1 < len(characters) else None
    return (c.char in RING_LETTERS and c.box[3] - c.box[1] <= STOP_HEIGHT * band
            and offers_a_stop(list(zip(c.candidates, c.probabilities)) + c.rivals)
            and i > 0 and is_cjk(characters[i - 1].char) and (following is None or is_cjk(following))
            and not any(x.char.isascii() and x.char.isalpha() for j, x in enumerate(characters) if j != i))


def hung_low(stops, band):
    """For each of a line's stops, True when it is a ， by its height, False when it is none, None when
    its height does not tell: the stops part at the widest step between their centres, going down,
    when that is at least COMMA_DROP x `band` pixels, the lower ones ，."""
    centres = [centre_of(c) for c in stops]
    ordered = sorted(centres)
    steps = np.diff(ordered)
    if not len(steps) or steps.max() < COMMA_DROP * band:
        return [None] * len(stops)
    split = ordered[int(np.argmax(steps))]
    return [centre > split for centre in centres]


def is_speck_read_as_hyphen(character):
    """Whether the glyph is read as a hyphen but its ink is as round as a stop's (SPECK_ELONGATION)."""
    return character.char == HYPHEN and character.crop is not None and ink_elongation(character.crop) < SPECK_ELONGATION


def ends_chinese_line(characters, i):
    """Whether glyph i ends, after a digit or a %, a line of Chinese text: one with ideographs and no
    Latin letter, which sets its stops full-width (识别约85.6%。; the line's other stops are read beside
    their ideographs), where a blurred KaitiM 。 reads as . or ,."""
    text = [c.char for c in characters]
    return (i == len(text) - 1 > 0 and (text[i - 1].isdigit() or text[i - 1] in PERCENT)
            and any(is_cjk(c) for c in text) and not any(c.isascii() and c.isalpha() for c in text))
