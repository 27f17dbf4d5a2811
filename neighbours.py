"""Look-alikes that only their neighbours tell apart, settled over a read text line.

1 I l | and 0 O o have one shape in many fonts, and their size and place in the line (line_geometry)
differ too little to choose: what settles them is the word they stand in. A digit among digits, a
letter among letters; alone between ideographs (年1月, 第0章) a Latin glyph is far more often a number.
An ellipsis that the segmenter cut into its three dots is read as three middle dots, which no text holds.
"""
import string

DIGIT_LOOKALIKES = ('1Il|', '0Oo')  # each string: glyphs of one shape, the digit first
LOOKALIKE_FLOOR = 0.005   # a look-alike is chosen by context only if the classifier gave it this probability
ELLIPSIS = '…'
ELLIPSIS_DOTS = 3
MIDDLE_DOT = '·'
DOTS = '·.'
DOT_GAP = 2.0             # x a dot's width: the most space between the dots of one ellipsis (1.5 in AR PL UMing)


def lookalikes_of(char):
    """The look-alike set `char` belongs to, or '' when it has none."""
    return next((group for group in DIGIT_LOOKALIKES if char in group), '')


def kind_of(char):
    """'digit', 'letter', or None for anything else (ideographs, marks, the ambiguous look-alikes)."""
    if lookalikes_of(char):
        return None
    return 'digit' if char in string.digits else 'letter' if char in string.ascii_letters else None


def word_kinds(characters, index):
    """The kinds of the nearest unambiguous glyph on each side of `index` within its word (a space,
    a mark or an ideograph ends the word; look-alikes are passed over)."""
    kinds = set()
    for step in (-1, 1):
        at = index
        while 0 <= at + step < len(characters):
            if (characters[at].space_before if step == -1 else characters[at + step].space_before):
                break
            at += step
            char = characters[at].char
            if not lookalikes_of(char) and kind_of(char) is None:
                break
            if kind_of(char):
                kinds.add(kind_of(char))
                break
    return kinds


def in_context(char, kinds):
    """The character's reading in the light of its word's `kinds` (word_kinds). Beside digits alone a
    look-alike is the group's digit whatever the classifier says (a 1 in a font whose 1 it does not
    know); beside letters alone, or with no neighbour at all (a number alone between ideographs is
    likelier than a letter), it is its best candidate of that kind, if the classifier allows one."""
    group = lookalikes_of(char.char)
    if kinds == {'digit'}:
        return group[0]
    if len(kinds) == 2:
        return char.char
    wanted_digit = not kinds
    for candidate, probability in zip(char.candidates, char.probabilities):
        if probability < LOOKALIKE_FLOOR:
            break
        if candidate in group and (candidate in string.digits) == wanted_digit:
            return candidate
    return char.char


def settled(characters):
    """The line's characters with each look-alike read as its word calls for."""
    for i, char in enumerate(characters):
        if lookalikes_of(char.char):
            char.char = in_context(char, word_kinds(characters, i))
    return characters


def is_ellipsis(dots):
    """Whether three read dots, one of them a middle dot, sit as close as an ellipsis's."""
    if len(dots) != ELLIPSIS_DOTS or any(d.char not in DOTS for d in dots) or MIDDLE_DOT not in [d.char for d in dots]:
        return False
    width = max(d.box[2] - d.box[0] for d in dots)
    return all(b.box[0] - a.box[2] <= DOT_GAP * width for a, b in zip(dots, dots[1:]))
