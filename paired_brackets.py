"""A bracket that the line lacks, read from the glyph the classifier offers it for.

Brackets come in pairs within a line of ordinary text: a 》 closes a 《 before it. A bracket drawn in
a face the classifier never saw may be read as the ideograph it looks like (《 of Droid Sans Fallback
as 巛 at 0.77, with 《 at 0.01), and the language model then makes a word of it (们问题计算》). So
where a closing bracket pairs with no opening one before it, the glyph before it that the classifier
offers the missing one for, at least OFFERED, is read as it, when no reading of the glyph is sure
and it is read as no letter or digit (the l of Apple offers [ for the ] that a blurred 1 is read as);
and so for an opening bracket that nothing after it closes. A line may still close a bracket opened
on the line before: then no glyph offers it, or one is read surely, and the line stays as read. But a
] that closes nothing right after a digit is no bracket: LXGW WenKai draws its 1 with a flag and a foot,
and blurred the classifier reads it as ] (2.11 as 2.1], ] 0.46, 1 0.22); it is read as the digit offered.
"""
from acronyms import BRACKETS, folded, unpaired
from neighbours import kind_of

OFFERED = 0.005     # the least probability at which the classifier's offer of a bracket (or a digit) is taken
SURE = 0.99         # a glyph read at least this surely is what it is read as (巛 for a 《, 0.93, is not)
SQUARE = '[]'       # the brackets of which a blurred 1 is read as the closing one


def brackets_paired(characters):
    """The line's characters with each bracket that an unpaired one lacks read from the glyph that
    offers it (reading.Character; changed in place)."""
    text = [folded(c.char) for c in characters]
    for opening, closing in BRACKETS:
        opened, closed = unpaired(text, opening, closing)
        for j in closed:
            _read_as(characters, text, range(j), opening)
        for j in opened:
            _read_as(characters, text, range(j + 1, len(characters)), closing)
    for j in unpaired(text, *SQUARE)[1]:
        if j > 0 and kind_of(text[j - 1]) == 'digit' and not characters[j].space_before:
            _read_as_digit(characters[j])
    return characters


def _read_as_digit(c):
    """Reads the glyph as the digit that the classifier offers it for most, if it offers one at least OFFERED."""
    p, digit = max(((p, x) for x, p in zip(c.candidates, c.probabilities) if kind_of(x) == 'digit'),
                   default=(0.0, None))
    if p >= OFFERED:
        c.char = digit


def _read_as(characters, text, indices, bracket):
    """Reads as `bracket` the glyph, of those at `indices` read as no bracket, letter or digit, that the
    classifier offers it for most (in either width form), if any offers it at least OFFERED and is read
    unsurely."""
    offers = [(_offer(characters[i], bracket), i) for i in indices
              if text[i] not in ''.join(BRACKETS) and kind_of(text[i]) not in ('letter', 'digit')]
    p, i = max(offers, default=(0.0, None))
    if i is None or p < OFFERED or characters[i].probabilities[0] >= SURE:
        return
    c = characters[i]
    c.char = max((x for x in c.candidates if folded(x) == bracket),
                 key=lambda x: c.probabilities[c.candidates.index(x)])
    text[i] = bracket


def _offer(c, bracket):
    """The probability the classifier gives the glyph's being `bracket`, in either width form."""
    return sum(p for x, p in zip(c.candidates, c.probabilities) if folded(x) == bracket)
