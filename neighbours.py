"""Look-alikes that only their neighbours tell apart, settled over a read text line.

1 I l and 0 O o have one shape in many fonts, and their size and place in the line (line_geometry)
differ too little to choose: what settles them is the word they stand in. A digit among digits (a
number's . and , included: 1.2, 3,000), a letter among letters; alone between ideographs (年1月) a
1 I l is a number. An ellipsis that the segmenter cut into its three dots is read as three middle
dots, which no text holds. And a full stop after an ideograph is a ， or 。 whose tail or ring blurred
away: Chinese text has no half-width full stop. A 。 that begins a Latin word ((offline) is its o,
and a 〇 or 丨 in a word of letters or digits (JS〇N, kerne丨) is the O or l it looks like.
"""
import string

from line_geometry import is_cjk

DIGIT_LOOKALIKES = ('1Il', '0Oo')  # each string: glyphs of one shape, the digit first
ALWAYS_DIGIT = '1'        # alone between ideographs these are digits (O stays: O型血)
NUMBER_MARKS = '.,'       # marks inside a number, passed over when looking for a glyph's word
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
DOT_GAP = 2.0             # x a dot's width: the most space between the dots of one ellipsis (1.5 in AR PL UMing)


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
        return best_of_kind(char, digit=False)
    if kinds or beside_letters(characters, index):
        return char.char
    group = lookalikes_of(char.char)
    return group[0] if group[0] in ALWAYS_DIGIT else best_of_kind(char, digit=True)


def cjk_stop(char):
    """What a . after an ideograph is: its likeliest candidate among ，。、 (a blurred ， loses its
    tail), else 。."""
    stop = likeliest(char, lambda c: c in CJK_STOPS) or '\u3002'
    return FULL_WIDTH.get(stop, stop)


def settled(characters):
    """The line's characters with each look-alike read as its word calls for, each . after an
    ideograph (or before one, at the start of the line) as the Chinese mark it stands for, and a 。
    that begins a Latin word as its o."""
    for i, char in enumerate(characters):
        if lookalikes_of(char.char):
            char.char = in_context(characters, i)
        elif char.char == '.' and beside_ideograph(characters, i):
            char.char = cjk_stop(char)
        elif char.char in IDEOGRAPH_LOOKALIKES:
            char.char = in_latin_word(characters, i)
        elif char.char == RING and begins_word(characters, i):
            char.char = likeliest(char, lambda c: c in RING_LETTERS) or char.char
            char.char = in_context(characters, i) if lookalikes_of(char.char) else char.char
    return characters


def in_latin_word(characters, index):
    """An ideograph that looks like a letter or digit (〇 丨) read as one when its word is made of
    them: JS〇N is JSON, 2〇17 is 2017; between ideographs (二〇二六) it stays."""
    char = characters[index]
    group = IDEOGRAPH_LOOKALIKES[char.char]
    sure, _ = word_kinds(characters, index)
    if sure == {'digit'}:
        return group[0]
    if sure == {'letter'}:
        return likeliest(char, lambda c: c in group[1:]) or group[1]
    return char.char


def beside_ideograph(characters, index):
    """Whether the glyph at `index` follows an ideograph, or begins the line before one (a line that
    starts with the 。 of the sentence before)."""
    if index:
        return is_cjk(characters[index - 1].char)
    return len(characters) > 1 and is_cjk(characters[1].char)


def begins_word(characters, index):
    """Whether the glyph at `index` stands, after no ideograph, right before a Latin letter of its word."""
    after = characters[index + 1] if index + 1 < len(characters) else None
    return (after is not None and not after.space_before and kind_of(after.char) == 'letter'
            and not (index and is_cjk(characters[index - 1].char)))


def is_ellipsis(dots):
    """Whether three read dots, one of them a middle dot, sit as close as an ellipsis's."""
    if len(dots) != ELLIPSIS_DOTS or any(d.char not in DOTS for d in dots) or MIDDLE_DOT not in [d.char for d in dots]:
        return False
    width = max(d.box[2] - d.box[0] for d in dots)
    return all(b.box[0] - a.box[2] <= DOT_GAP * width for a, b in zip(dots, dots[1:]))
