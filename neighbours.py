"""Look-alikes that only their neighbours tell apart, settled over a read text line.

1 I l and 0 O o have one shape in many fonts, and so have 9 and q in some, and their size and place in
the line (line_geometry) differ too little to choose: what settles them is the word they stand in. A
digit among digits (a number's . and , included: 1.2, 3,000), a letter among letters; alone between
ideographs (年1月, 年q月) a 1 I l or a q is a number. An ellipsis that the segmenter cut into its
three dots is read as three middle dots, which no text holds. And a full stop after an ideograph is a
， or 。 whose tail or ring blurred away: Chinese text has no half-width full stop. A 。 that begins a Latin word ((offline) is its o,
and a 〇 or 丨 in a word of letters or digits (JS〇N, kerne丨) is the O or l it looks like. After a
small letter, the letter of such a shape is the small one (riffle, not rifIe: l and I are one stroke
in sans faces, and English puts no capital after a small letter). A short flat stroke between the
letters or digits of a word is its hyphen (010-6275, Wi-Fi), whatever dash or 一 it was read as; a
straight " beside Chinese text is the curly quote it stands for, opening or closing by what comes
before it, and an opening “ where one is already open is the ” that closes it. A ? or a letter inside
a number is a blurred digit (1??6, 77R74 for 77974, 17.q% for 17.9%) when the classifier offers one,
and so is a ? that ends a number before a comma (5404?，); a . between a number and an ideograph is a
Chinese mark (589，文). A quote that opens on a question mark is the loose tip of its hook, and one
between a digit and a % its upper ring.
"""
import string
import unicodedata

from glyph import ink_moments
from line_geometry import is_cjk

# Each string: glyphs of one shape, the digit first. Faces with old-style figures (LXGW WenKai) hang the
# 9's stroke straight down below the line, as a q's; the classifier, taught lining figures, reads a q.
DIGIT_LOOKALIKES = ('1Il', '0Oo', '9q')
UPRIGHT_STROKES = DIGIT_LOOKALIKES[0] + '|'  # what one upright stroke, cut to its ink, is read as
ALWAYS_DIGIT = '19'       # alone between ideographs these are digits (年9月; O stays: O型血)
NUMBER_MARKS = '.,'       # marks inside a number, passed over when looking for a glyph's word
SLASH = '/'
SLASH_SHARE = 0.2         # a glyph read as 1 I l is a / only when the classifier gives / this much (407元/件 in
                          # Droid Sans Fallback, 27 px, degraded: l 0.45, / 0.44), and
SLASH_AMONG_IDEOGRAPHS = 0.05  # or this much between two ideographs, where no italic l stands alone (元/件 in Droid
                          # Sans Fallback, 18 px, degraded: l 0.60, / 0.16; LXGW WenKai 20 px: l 0.83, / 0.06)
SLASH_SLANT = 0.2         # its ink moves this many columns right for each row up (benchmarks/slash_lean.py,
                          # read_mixed's mixed lines, seeds 3, 7, 11, 12: each / 0.24-0.48, 1 I l | 丨 at most 0.10)
QUESTION_MARKS = '?\uff1f'  # ? ？: what a blurred 9 is read as (inside a number it is its likeliest digit)
OPENING_TICKS = "\u2018'`"   # ‘ ' `: what the loose tip of a ？'s hook, or the ring of a %, is read as
PERCENT = '%\uff05'       # % ％: the sign that may follow a number's last digit (17.9%)
LOOKALIKE_FLOOR = 0.005   # a look-alike is chosen by context only if the classifier gave it this probability
CJK_STOPS = '\uff0c,\u3002\u3001'  # what a . after an ideograph may be, in the classifier's half-width form too
FULL_WIDTH = {',': '\uff0c'}
ELLIPSIS = '…'
ELLIPSIS_DOTS = 3
MIDDLE_DOT = '·'
DOTS = '·.'
IDEOGRAPH_LOOKALIKES = {'\u3007': '0Oo', '\u4e28': '1lI'}  # 〇 and 丨: in a word of letters or digits,
                          # the group's digit, or its letters (the tall ones first: these are full height)
RING = '\u3002'           # 。, the shape of a small o
RING_LETTERS = 'oO0'      # what a 。 that begins a Latin word is
ELLIPSIS_SPAN = 1.1       # x the line's band height: the widest three dots of one ellipsis spread (they share
                          # one em: 0.78 of the band in LXGW WenKai, whose dots are far apart for their size)
ELLIPSIS_PIECES = DOTS + '\uff5e~-\u2026'  # · . ～ ~ - …: what the two pieces of an ellipsis that blur or a
                          # touching glyph left in two are read as, two dots run together being a flat stroke
                          # (研究～·魑魅 in AR PL KaitiM at 17 px, 乘法··琵琶 in SungtiL at 16 px, its third dot in 琵)
PIECE_HEIGHT = 0.3        # x the band height: the tallest such piece (a dot is 0.10-0.14 of the band; blur adds a
                          # pixel a side)
PAIR_SPAN = 0.4           # x the band height: the least two pieces of one ellipsis spread (two of its dots: 0.48
                          # in SungtiL at 16 px), so that a dot blur split in two is not one
SLIVER = 0.06             # x the band height: a mark no wider than this that touches the glyph beside it is a
                          # column of that glyph's ink cut off (a blurred 9's 1 px edge read as ', 统'99.3% in AR
                          # PL KaitiM at 18 px); a dot or a colon is 0.07 or more, and an apostrophe, 0.04-0.06,
                          # stands apart from its neighbours but inside a word
DASHES = '-~\u2013\u2014\uff0d\uff5e\u4e00'  # - ~ – — － ～ 一: the flat strokes a hyphen is read as
HYPHEN = '-'
ONE_STROKE = {'I': 'l'}   # a capital and the small letter of its shape and height (sans faces draw both as
                          # one stroke; o and O differ in height, which line_geometry weighs)
CAPITAL_OF = {small: capital for capital, small in ONE_STROKE.items()}
CAPITALS_WORD = 2         # letters: capitals this many or more around a look-alike make a word of capitals (API)
FLAT = 0.25               # x its width: the most height of a dash's ink (a ~ is 0.33 of its width, - 0.1; blurred,
                          # a hyphen's may be 0.32 and read as ~),
TILDES = '~\uff5e'        # ~ ～: but for a ~ that a long number follows, as no range's bound is
LONG_NUMBER = 5           # digits: that long (010~62751234 is a phone number, 3~5 and 2020~2024 ranges)
HYPHEN_WIDTH = 0.95       # x the taller neighbour's height: the widest a hyphen is (0.66 of a digit's in AR PL
                          # KaitiM, an em dash 1.2)
STRAIGHT_QUOTE = '"'
CURLY_QUOTES = '\u201c\u201d'  # “ ”
BEFORE_CLOSING = '\u3002\uff01\uff1f\uff0c\u3001\uff1b\u2026!?.,;'  # marks a closing quote follows: 好。”


def lookalikes_of(char):
    """The look-alike set `char` belongs to, or '' when it has none."""
    return next((group for group in DIGIT_LOOKALIKES if char in group), '')


def kind_of(char):
    """'digit', 'letter', or None for anything else (ideographs, marks)."""
    return 'digit' if char in string.digits else 'letter' if char in string.ascii_letters else None


def word_kinds(characters, index):
    """(sure, unsure): the kinds of the nearest glyph that is not a look-alike on each side of `index`
    within its word, and {'digit'} if a look-alike passed over on the way is read as a digit (the
    misreading goes the other way: 1 read as I). A space ends the word, and so does any mark but a
    number's or any ideograph."""
    sure, unsure = set(), set()
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(characters) and not characters[max(at, at - step)].space_before:
            char = characters[at].char
            if lookalikes_of(char):
                if kind_of(char) == 'digit':
                    unsure.add('digit')
            elif kind_of(char):
                sure.add(kind_of(char))
                break
            elif char not in NUMBER_MARKS:
                break
            at += step
    return sure, unsure


def beside_letters(characters, index):
    """Whether the glyph next to `index` on either side, across a space, is a letter that is not a
    look-alike (I am)."""
    return any(0 <= at < len(characters) and kind_of(characters[at].char) == 'letter'
               and not lookalikes_of(characters[at].char) for at in (index - 1, index + 1))


def likeliest(char, wanted):
    """The character's likeliest candidate for which `wanted` holds, among those the classifier gave
    at least LOOKALIKE_FLOOR; None when there is none."""
    for candidate, probability in zip(char.candidates, char.probabilities):
        if probability < LOOKALIKE_FLOOR:
            return None
        if wanted(candidate):
            return candidate
    return None


def letter_in_word(characters, index):
    """A look-alike among letters: the classifier's likeliest letter of the group, else the group's
    first letter; after a small letter, the small letter of its shape (rifIe is riffle)."""
    group = lookalikes_of(characters[index].char)
    letter = likeliest(characters[index], lambda c: c in group and c not in string.digits) or group[1]
    return in_case_of_word(characters, index, letter)


def in_case_of_word(characters, index, letter):
    """`letter`, or the other case of its shape and height (ONE_STROKE): the small one after a small
    letter (rifIe), the capital in a word of capitals (APl)."""
    if follows_small_letter(characters, index):
        return ONE_STROKE.get(letter, letter)
    others = word_letters(characters, index)
    if len(others) >= CAPITALS_WORD and others.isupper():
        return CAPITAL_OF.get(letter, letter)
    return letter


def word_letters(characters, index):
    """The other Latin letters of the word the glyph at `index` stands in."""
    letters = ''
    for step in (-1, 1):
        at = index
        while 0 <= at + step < len(characters) and not characters[max(at, at + step)].space_before \
                and kind_of(characters[at + step].char) == 'letter':
            at += step
            letters += characters[at].char
    return letters


def follows_small_letter(characters, index):
    """Whether the glyph at `index` follows a small letter of its word."""
    return (index > 0 and not characters[index].space_before and characters[index - 1].char.islower()
            and kind_of(characters[index - 1].char) == 'letter')


def best_of_kind(char, digit):
    """The character's likeliest look-alike that is (or is not) a digit, if the classifier allows it."""
    group = lookalikes_of(char.char)
    return likeliest(char, lambda c: c in group and (c in string.digits) == digit) or char.char


def in_context(characters, index):
    """The look-alike at `index` read as its word calls for. Among digits it is the group's digit
    whatever the classifier says (a 1 in a font whose 1 it does not know); among letters, its best
    letter candidate; alone, a 1 unless a letter stands next to it."""
    char = characters[index]
    sure, unsure = word_kinds(characters, index)
    kinds = sure or unsure
    if kinds == {'digit'}:
        return lookalikes_of(char.char)[0]
    if kinds == {'letter'}:
        return letter_in_word(characters, index)
    if kinds or beside_letters(characters, index):
        return char.char
    group = lookalikes_of(char.char)
    return group[0] if group[0] in ALWAYS_DIGIT else best_of_kind(char, digit=True)


def cjk_stop(char):
    """What a . after an ideograph is: its likeliest candidate among ，。、 (a blurred ， loses its
    tail), else 。."""
    stop = likeliest(char, lambda c: c in CJK_STOPS) or '\u3002'
    return FULL_WIDTH.get(stop, stop)


def without_loose_ticks(characters):
    """The line's characters without each opening quote that is a loose part of the glyph after it:
    before a question mark, the tip of its hook (AR PL fonts draw the ？'s apart: 蜘蛛‘?), and between
    a digit and a percent sign, its upper ring (blurred Liberation Sans: 30‘%). No text opens a quote
    on either."""
    before = [None] + characters[:-1]
    after = characters[1:] + [None]
    return [c for c, b, a in zip(characters, before, after)
            if not (c.char in OPENING_TICKS and a is not None and (a.char in QUESTION_MARKS or
                    a.char in PERCENT and b is not None and kind_of(b.char) == 'digit'))]


def without_slivers(characters, band):
    """The line's characters without each glyph read as a mark that is a sliver of the glyph beside it:
    at most SLIVER x `band` (the line's height) wide, touching it, and not inside a word (it's)."""
    def touches(c, other):
        return other is not None and max(c.box[0], other.box[0]) <= min(c.box[2], other.box[2])
    before = [None] + characters[:-1]
    after = characters[1:] + [None]
    return [c for c, b, a in zip(characters, before, after)
            if not (unicodedata.category(c.char)[0] in 'PS' and c.box[2] - c.box[0] <= SLIVER * band
                    and (touches(c, b) or touches(c, a))
                    and not (b is not None and a is not None and kind_of(b.char) == kind_of(a.char) == 'letter'))]


def settled(characters):
    """The line's characters with each look-alike read as its word calls for (or as a / when it leans
    like one), each . after an
    ideograph (or before one, at the start of the line) as the Chinese mark it stands for, and a 。
    that begins a Latin word as its o."""
    for i, char in enumerate(characters):
        among_ideographs = stands_between_ideographs(characters, i)
        if lookalikes_of(char.char) == DIGIT_LOOKALIKES[0] and leans_as_slash(char, among_ideographs):
            char.char = SLASH
        elif lookalikes_of(char.char):
            char.char = in_context(characters, i)
        elif char.char == '.' and (beside_ideograph(characters, i) or ends_number_before_ideograph(characters, i)):
            char.char = cjk_stop(char)
        elif (char.char in QUESTION_MARKS or kind_of(char.char) == 'letter') and inside_number(characters, i) \
                or char.char in QUESTION_MARKS and ends_number_before_stop(characters, i):
            char.char = likeliest(char, lambda c: c in string.digits) or char.char
        elif char.char in IDEOGRAPH_LOOKALIKES:
            char.char = in_latin_word(characters, i)
        elif char.char in DASHES and is_hyphen(characters, i):
            char.char = HYPHEN
        elif char.char == STRAIGHT_QUOTE and beside_chinese(characters, i):
            char.char = curly_quote(characters, i)
        elif char.char == RING and begins_word(characters, i):
            char.char = likeliest(char, lambda c: c in RING_LETTERS) or char.char
            char.char = in_context(characters, i) if lookalikes_of(char.char) else char.char
    return quotes_paired(characters)


def quotes_paired(characters):
    """The line's characters with each opening “ read where a “ is already open as the ” that closes it:
    blurred, the two differ only in which way their commas turn (他说：“很好。“)."""
    open_quote = False
    for c in characters:
        if c.char == CURLY_QUOTES[0] and open_quote:
            c.char = CURLY_QUOTES[1]
        open_quote = c.char == CURLY_QUOTES[0] or open_quote and c.char != CURLY_QUOTES[1]
    return characters


def leans_as_slash(char, among_ideographs):
    """Whether a glyph read as 1 I l is a / that blur made upright enough to pass for them: the classifier
    offers / (SLASH_SHARE, or SLASH_AMONG_IDEOGRAPHS where it stands `among_ideographs`) and its ink leans as
    a / does (SLASH_SLANT)."""
    share = sum(p for c, p in zip(char.candidates, char.probabilities) if c == SLASH)
    least = SLASH_AMONG_IDEOGRAPHS if among_ideographs else SLASH_SHARE
    return char.crop is not None and share >= least and ink_slant(char.crop) >= SLASH_SLANT


def stands_between_ideographs(characters, index):
    return 0 < index < len(characters) - 1 and all(is_cjk(characters[j].char) for j in (index - 1, index + 1))


def ink_slant(crop):
    """How many columns a glyph's ink moves right for each row it rises (its second moments, grey levels
    above the crop's background as weights): 0 for an upright stroke, 0.25 to 0.5 for a /. `crop` is
    white on black."""
    moments = ink_moments(crop)
    return -moments[2] / moments[0] if moments is not None and moments[0] > 0 else 0.0


def in_latin_word(characters, index):
    """An ideograph that looks like a letter or digit (〇 丨) read as one when its word is made of
    them: JS〇N is JSON, 2〇17 is 2017; between ideographs (二〇二六) it stays."""
    char = characters[index]
    group = IDEOGRAPH_LOOKALIKES[char.char]
    sure, _ = word_kinds(characters, index)
    if sure == {'digit'}:
        return group[0]
    if sure == {'letter'}:
        return in_case_of_word(characters, index, likeliest(char, lambda c: c in group[1:]) or group[1])
    return char.char


def beside_ideograph(characters, index):
    """Whether the glyph at `index` follows an ideograph, or begins the line before one (a line that
    starts with the 。 of the sentence before)."""
    if index:
        return is_cjk(characters[index - 1].char)
    return len(characters) > 1 and is_cjk(characters[1].char)


def ends_number_before_ideograph(characters, index):
    """Whether the glyph at `index` stands between a number's end (a digit or a %) and an ideograph
    (589. 文, 16.5%. 氤氲 for 16.5%，氤氲): no decimal point does."""
    if not 0 < index < len(characters) - 1:
        return False
    previous = characters[index - 1].char
    return (kind_of(previous) == 'digit' or previous in PERCENT) and is_cjk(characters[index + 1].char)


def ends_number_before_stop(characters, index):
    """Whether the glyph at `index` follows a digit and stands right before a comma or full stop: no
    text puts one after a question mark (064-2805404?， is a 9)."""
    return (0 < index < len(characters) - 1 and kind_of(characters[index - 1].char) == 'digit'
            and not characters[index].space_before and not characters[index + 1].space_before
            and characters[index + 1].char in CJK_STOPS)


def inside_number(characters, index):
    """Whether the nearest glyph of the word on each side of `index`, past other question marks, is a
    digit or a number's mark (1??6, 6?.4), or after it the sign that ends a number (7.?%)."""
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(characters) and characters[at].char in QUESTION_MARKS \
                and not characters[max(at, at - step)].space_before:
            at += step
        if not 0 <= at < len(characters) or characters[max(at, at - step)].space_before \
                or not (kind_of(characters[at].char) == 'digit' or characters[at].char in NUMBER_MARKS
                        or step == 1 and characters[at].char in PERCENT):
            return False
    return True


def beside_chinese(characters, index):
    """Whether a neighbour of the glyph at `index` is an ideograph or a full-width mark (。“：)."""
    return any(0 <= at < len(characters) and unicodedata.east_asian_width(characters[at].char) in ('W', 'F')
               for at in (index - 1, index + 1))


def is_hyphen(characters, index):
    """Whether the glyph at `index` is a flat stroke, no wider than a hyphen, between two letters or
    digits of one word (010-6275, Wi-Fi)."""
    if not 0 < index < len(characters) - 1 or any(c.space_before for c in characters[index:index + 2]):
        return False
    before, dash, after = characters[index - 1:index + 2]
    if not kind_of(before.char) or not kind_of(after.char):
        return False
    width, height = dash.box[2] - dash.box[0], dash.box[3] - dash.box[1]
    tallest = max(c.box[3] - c.box[1] for c in (before, after))
    flat = height <= FLAT * width or dash.char in TILDES and digits_after(characters, index) >= LONG_NUMBER
    return flat and width <= HYPHEN_WIDTH * tallest


def digits_after(characters, index):
    """How many digits (or look-alikes of one, not yet settled: 1 read as I) follow the glyph at `index`
    with no space or other glyph between."""
    count = 0
    for c in characters[index + 1:]:
        if not (kind_of(c.char) == 'digit' or lookalikes_of(c.char)) or c.space_before:
            break
        count += 1
    return count


def curly_quote(characters, index):
    """The curly form of a straight " in Chinese text: closing after a word or a mark that ends one
    (好。"), opening elsewhere (：“ and the start of a line)."""
    before = characters[index - 1].char if index and not characters[index].space_before else ''
    closes = before and (before.isalnum() or before in BEFORE_CLOSING)
    return CURLY_QUOTES[1] if closes else CURLY_QUOTES[0]


def begins_word(characters, index):
    """Whether the glyph at `index` stands, after no ideograph, right before a Latin letter of its word."""
    after = characters[index + 1] if index + 1 < len(characters) else None
    return (after is not None and not after.space_before and kind_of(after.char) == 'letter'
            and not (index and is_cjk(characters[index - 1].char)))


def is_ellipsis(dots, band, in_chinese=False):
    """Whether three read dots sit within one em, as an ellipsis's do in a line whose band is `band`
    pixels high, and one of them is a middle dot or they stand `in_chinese` text, which has no
    half-width full stops ("..." in English stays), and where a dot drawn flat reads as a hyphen (AR PL
    SungtiL's, 2 pixels by 1 at 17 px) or as another low piece (is_piece). In Chinese text, which never
    sets two such marks side by side, two low flat pieces spread over most of an em are an ellipsis too."""
    if len(dots) == ELLIPSIS_DOTS - 1:
        return in_chinese and is_ellipsis_in_two(dots, band)
    if len(dots) != ELLIPSIS_DOTS or any(d.char not in DOTS and not (in_chinese and is_piece(d, band)) for d in dots):
        return False
    if MIDDLE_DOT not in [d.char for d in dots] and not in_chinese:
        return False
    return dots[-1].box[2] - dots[0].box[0] <= ELLIPSIS_SPAN * band


def is_ellipsis_in_two(pieces, band):
    """Whether two read marks are the dots of one ellipsis, in two pieces, in a band `band` pixels high."""
    if not all(is_piece(p, band) for p in pieces):
        return False
    return PAIR_SPAN * band <= pieces[-1].box[2] - pieces[0].box[0] <= ELLIPSIS_SPAN * band


def is_piece(mark, band):
    """Whether a read mark may be a piece of an ellipsis: read as one (ELLIPSIS_PIECES), and low (PIECE_HEIGHT)."""
    return mark.char in ELLIPSIS_PIECES and mark.box[3] - mark.box[1] <= PIECE_HEIGHT * band
