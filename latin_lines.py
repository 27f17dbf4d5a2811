"""Runs of Latin text in a line read again whole by the line reader (line_reader), glyph by glyph where it
is surer than the glyph classifier.

The glyph classifier reads each cut glyph alone; where small blurred letters touch or break, its cuts
are wrong and no rule over its candidates mends them (firmware as hrmware, OC as m, W as VV). A run of
characters read as ASCII letters, digits and their marks, from its first letter or digit to its last,
is cut as a strip of the line's band and read by the line reader, which makes no cuts. Each character
it reads falls in a glyph's box (the one its columns centre on); a box none falls in joins the nearest
character's group. Each group of boxes and characters is then read by whichever of the two is surer:
the line reader where the product of its probabilities beats the classifier's, and never leaving out
a glyph the classifier reads surely as a digit (SURE_DIGIT). Neither reader is better everywhere: the
line reader mends cuts, but may drop a digit of a face it never saw that the classifier reads surely.
"""
import string
from dataclasses import replace

import numpy as np

from glyph import INK_FRACTION
from neighbours import in_context, lookalikes_of
from punctuation_model import RING_LETTERS
from strip import STRIP_PAD, strip_input, strip_rows

RUN_CHARS = set(string.digits + string.ascii_letters + string.punctuation)
CORE_CHARS = set(string.digits + string.ascii_letters)
SURE_DIGIT = 0.5    # a glyph the classifier reads as a digit this surely is never read as nothing: the line reader
                    # drops a 9 of a face it never saw (LXGW WenKai's 1996 as 16, the 9s read at 0.98); a letter
                    # or a mark may be (a W cut as 11' is read whole; on the 27 draws a veto for sure letters too
                    # kept more wrong readings than it saved)


def lines_read_whole(characters, page, top, bottom, line_reader, ids, crop_of):
    """The line's characters with each Latin run read again by `line_reader`: `page` the white-on-black
    image the boxes are in, [top, bottom) the line's band, `ids` the charset's {char: id}, `crop_of` the
    glyph crop of a box [left, top, right, bottom)."""
    band = bottom - top
    out, done = [], 0
    for a, b in latin_runs(characters):
        out += characters[done:a]
        out += run_read(characters[a:b], page, strip_rows(top, bottom), band, line_reader, ids, crop_of)
        done = b
    out += characters[done:]
    fresh = {id(c) for c in out} - {id(c) for c in characters}
    for i, c in enumerate(out):
        if id(c) in fresh and lookalikes_of(c.char):
            # the line reader sees an em of context, less than a number: 0 O and 1 l are the word's to settle
            c.char = in_context(out, i)
    return out


def latin_runs(characters):
    """[start, end) of each run of ASCII characters from a letter or digit to a letter or digit, but a lone
    o, n or u: among ideographs it is more often a blurred stop (的故事 n 老师) than a word, and the stops'
    rules read it (punctuation_model.RING_LETTERS); a lone m is a word run together (office as m阮e)."""
    runs, start = [], None
    for i, c in enumerate(characters + [None]):
        if c is not None and c.char in RUN_CHARS:
            start = i if start is None else start
            continue
        if start is not None:
            core = [j for j in range(start, i) if characters[j].char in CORE_CHARS]
            if core and not (len(core) == 1 and characters[core[0]].char in RING_LETTERS):
                runs.append((core[0], core[-1] + 1))
        start = None
    return runs


def run_read(run, page, rows, band, line_reader, ids, crop_of):
    """The run's characters, each group of them read by the surer reader."""
    pad = int(round(STRIP_PAD * band))
    left, right = min(c.box[0] for c in run) - pad, max(c.box[2] for c in run) + pad
    strip = strip_input(page, rows[0], rows[1], left, right)
    if strip is None:
        return run
    reading = line_reader.read(strip)
    kept = [i for i, ch in enumerate(reading.text) if ch != ' ' and ch in ids]
    if not kept:
        return run
    scale = (right - left) / strip.shape[1]
    centres = [left + reading.columns[i] * scale for i in kept]
    out = []
    for boxes, chars, empty in groups([c.box for c in run], centres):
        old = [run[j] for j in boxes]
        new = [kept[k] for k in chars]
        text = ''.join(reading.text[i] for i in new)
        if text == ''.join(c.char for c in old) or not is_surer(new, reading, old) \
                or any(run[j].char in string.digits and sureness(run[j]) >= SURE_DIGIT for j in empty):
            out += old
            continue
        shares = shared_boxes([run[j].box for j in boxes], [centres[k] for k in chars], page)
        out += [replace(old[0], char=ch, box=box, kind='char' if ch in CORE_CHARS else 'punct', candidates=[ch],
                        ids=[ids[ch]], probabilities=[round(reading.probabilities[i], 6)], crop=crop_of(box), rivals=[])
                for i, ch, box in zip(new, (reading.text[i] for i in new), shares)]
    return out


def sureness(character):
    return (character.probabilities or [0.0])[0]


def is_surer(new, reading, old):
    """Whether the line reader's reading of a group is likelier than the classifier's: the product of each
    one's probabilities of its characters."""
    return np.prod([reading.probabilities[i] for i in new]) > np.prod([sureness(c) for c in old])


def groups(boxes, centres):
    """([box indices], [centre indices], [indices of its boxes no centre falls in]) of the run, left to
    right: each centre falls in the box nearest it, each box no centre falls in joins the group of the
    centre nearest it; a group has at least one centre."""
    owner = [int(np.argmin([distance(box, x) for box in boxes])) for x in centres]
    member = [owner[int(np.argmin([abs((box[0] + box[2]) / 2 - x) for x in centres]))] if j not in owner else j
              for j, box in enumerate(boxes)]
    return [([j for j in range(len(boxes)) if member[j] == key], [k for k in range(len(centres)) if owner[k] == key],
             [j for j in range(len(boxes)) if member[j] == key and j not in owner])
            for key in sorted(set(owner))]


def shared_boxes(boxes, centres, page):
    """The group's boxes joined and shared out among its characters at the midpoints between their
    centres, each narrowed to its ink's rows."""
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    cuts = [left] + [int(round((a + b) / 2)) for a, b in zip(centres, centres[1:])] + [right]
    return [inked([a, top, b, bottom], page) for a, b in zip(cuts, cuts[1:])]


def distance(box, x):
    """How far column x lies outside the box (0 inside)."""
    return max(box[0] - x, 0, x - box[2] + 1)


def inked(box, page):
    """The box's rows narrowed to the ink in its columns (a . split from a run keeps its height)."""
    left, top, right, bottom = box
    pixels = page[top:bottom, left:right]
    rows = np.flatnonzero((pixels > INK_FRACTION * 255).any(axis=1)) if pixels.size else []
    if len(rows) == 0:
        return box
    return [left, top + int(rows[0]), right, top + int(rows[-1]) + 1]
