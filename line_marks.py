"""The marks of a line settled by the line reader's reading of the whole line, where it is surer.

The classifier sees a mark cut to its ink, which erases what tells marks apart: a ： and a ； are specks
of one size once blurred, a ( and a 〈 strokes of one curve. The line reader reads the mark where it
stands in the line, among ideographs it reads as IDEOGRAPH, and so tells one mark from another. A glyph the classifier reads as a mark that holds one
character of the line reader's reading, another mark, is read as that mark where the line reader's
probability beats the classifier's; letters and digits are the runs' (latin_lines), the stops the
stops' rules' (STOP_MARKS), which weigh the stop the line reader reads among their evidence, and a dash
or an ideograph stays the classifier's (may_settle).
"""
import string
import unicodedata
from dataclasses import replace

import numpy as np

from acronyms import folded as width_folded
from line_model import IDEOGRAPH
from neighbours import ELLIPSIS
from punctuation_model import READ_AS, SPECK, STOPS

LETTERS_AND_DIGITS = set(string.digits + string.ascii_letters)
STOP_MARKS = set(STOPS + ELLIPSIS + SPECK + ',')  # the stops' rules read these by their neighbours and shapes
# (punctuation_model), better than the line reader: left to it, the seven draws' prose read 10 more of them wrong


def marks_settled(characters, reading, centres, ids, kept):
    """Each of `characters` (but those whose ids are in `kept`) that the classifier reads as a mark
    replaced, when the line reader, whose `reading` of the whole line has its characters at the page
    columns `centres`, reads one other mark in its box more surely."""
    owners = owners_of(characters, centres)
    out = []
    for i, c in enumerate(characters):
        inside = [k for k, owner in enumerate(owners) if owner == i and reading.text[k] != ' ']
        new = reading_of(c, reading.text[inside[0]]) if len(inside) == 1 and id(c) not in kept else None
        if len(inside) == 1 and c.char in STOP_MARKS and reading.text[inside[0]] in READ_AS:
            c = replace(c, line_read=(READ_AS[reading.text[inside[0]]], reading.probabilities[inside[0]]))
        if new is None or new not in ids or not reading.probabilities[inside[0]] > sureness(c):
            out.append(c)
            continue
        out.append(replace(c, char=new, kind='punct', candidates=[new], ids=[ids[new]],
                           probabilities=[round(reading.probabilities[inside[0]], 6)], rivals=[]))
    return out


def owners_of(characters, centres):
    """Per page column in `centres`, the index of the character whose box it lies in, or nearest."""
    return [int(np.argmin([outside(c.box, x) for c in characters])) for x in centres]


def reading_of(character, seen):
    """What a glyph the classifier reads as `character.char` is, where the line reader reads `seen` in it:
    another mark, or None where they agree or the glyph is none it settles."""
    old = character.char
    if not may_settle(old) or seen == IDEOGRAPH or seen in LETTERS_AND_DIGITS or folded(seen) == folded(old) \
            or seen in STOP_MARKS:
        return None
    return seen


def may_settle(char):
    """Whether the line reader may read a glyph the classifier reads as `char` as another mark: it is a
    mark but a stop. Not a — it reads as an ideograph (8 of 10 it read so on seeds 20-39 were dashes),
    nor a 一 it reads as a —: a line of ideographs and stops then has nothing for it to settle, and
    reading skips it (10 ms of an 18-character line's 90)."""
    return is_mark(char) and char not in STOP_MARKS


def is_mark(char):
    return not char.isalnum() and not unicodedata.category(char).startswith('Lo') and char != ' '


QUOTES = str.maketrans('\u201c\u201d\u2018\u2019', '""\'\'')  # “” ‘’: the Chinese forms of " and ', by width


def folded(char):
    """The mark a character is, whatever its width: ， as , and “ as "."""
    return width_folded(char).translate(QUOTES)


def sureness(character):
    return (character.probabilities or [0.0])[0]


def outside(box, x):
    """How far column x lies outside the box (0 inside)."""
    return max(box[0] - x, 0, x - box[2] + 1)
