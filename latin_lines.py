"""Runs of Latin text in a line read again whole by the line reader (line_reader), glyph by glyph where it
is surer than the glyph classifier.

The glyph classifier reads each cut glyph alone; where small blurred letters touch or break, its cuts
are wrong and no rule over its candidates mends them (firmware as hrmware, OC as m, W as VV). The line
reader reads the whole line as a strip of its band, making no cuts: it reads each letter, digit and
mark, and each ideograph as IDEOGRAPH. A run of characters read as ASCII letters, digits and their
marks, from its first letter or digit to its last, is taken again from that reading; a glyph the line
reader reads a letter or digit in belongs to a run too, so that a run whose first letters were cut as
an ideograph (Email as 珈ail, Apple as 八）ple) is found whole. Each character the line reader reads
falls in a glyph's box (the one its columns centre on); a box none falls in joins the nearest
character's group. Each group of boxes and characters is then read by whichever of the two is surer:
the line reader where the product of its probabilities beats the classifier's, and never leaving out
a glyph the classifier reads surely as a digit or as a number's hyphen (SURE_DIGIT), nor a letter it
reads surely (SURE_LETTER) where the line reader's letters are too narrow to fill the group's ink and the
classifier's fill it better (`leaves_letters_out`: firmware read as firmare, its w and a one group). The line
reader's reading is first spelled as the dictionary spells its words (ctc_lexicon), and its letters also win
a group where they spell a word that the classifier's glyph would not (`spells_a_word`: TensorFlow's lo
cut as k), or one it would too but the line reader is sure of each letter (modern's rn cut as m), and its
digits win a group where it reads two or more in what the classifier reads as one other glyph
(`digits_for_one_glyph`: 98 cut as one, read ％). Neither reader is better everywhere: the line reader
mends cuts, but may drop a digit, a hyphen or a letter of a face it never saw that the classifier reads
surely.
"""
import string
from dataclasses import replace

import numpy as np

from ctc_lexicon import respelled
from glyph import INK_FRACTION
from ideographs_whole import ideographs_seen_whole
from latin_words import MIN_LETTERS, lexicon
from line_geometry import WIDTH, is_cjk
from line_marks import marks_settled, may_settle, outside, owners_of, sureness
from line_model import IDEOGRAPH
from line_reader import StripReading
from neighbours import PERCENT, in_context, kind_of, lookalikes_of
from punctuation_model import RING_LETTERS
from strip import STRIP_PAD, strip_input, strip_rows

RUN_CHARS = set(string.digits + string.ascii_letters + string.punctuation)
CORE_CHARS = set(string.digits + string.ascii_letters)
SIZE_CASED = 'cosvwxz'   # letters whose capital is the small one drawn taller: the line reader reads report's o
                         # as O (KaitiM, 25 px) where the classifier, weighing its height, reads o
SURE_DIGIT = 0.5    # a glyph the classifier reads as a digit this surely is never read as nothing where the line
                    # reader reads fewer digits in its group: it drops a 9 of a face it never saw (LXGW WenKai's
                    # 1996 as 16, the 9s read at 0.98), but a % cut as m6 is read 0% whole; a letter or a mark
                    # may be (a W cut as 11' is read whole; on the 27 draws a veto for sure letters too kept more
                    # wrong readings than it saved)
SURE_LETTER = 0.95  # a glyph the classifier reads as a letter or digit this surely is not read as nothing where
                    # the line reader's reading of its group fills less than UNFILLED of the group's ink (a W
                    # cut in two is still read whole: its halves are read at 0.4 to 0.7)
NUMERO = '\u2116'    # №, which the line reader has no class for: it reads a № as No, its NFKC form, and reads
                    # what the classifier takes for one in a run the letters and digits it is (JSO№ for JSON:,
                    # 电话：№-5710 for 040-5710), so its reading of such a group is taken however sure the classifier
MERGED_DIGITS = 2   # digits the line reader reads in one glyph that make it a number's digits cut as one, whatever
                    # the classifier reads it as (库存：98件's 98 as ％ at 0.9, 23 as 汩, 780's 80 as m at 0.99)
SURE_SPLIT = 0.99   # the line reader's least probability of each of a group's letters, more than its glyphs, that
                    # is taken where both its and the classifier's readings spell words: modern's rn, cut as one
                    # glyph, the classifier reads as m at 1.0 (modem is a word too), the line reader as rn at
                    # 0.997 to 1.0, seeing the gap that cutting the glyph to its ink hides
UNFILLED = 0.6      # x a group's ink width: the line reader's letters' widths, in the em of the line's band, fill
                    # less than this when it reads one where the classifier reads two (firmware's wa as a: 0.51;
                    # burning's rnin as i: 0.14)


def lines_read_whole(characters, page, top, bottom, line_reader, ids, crop_of, geometry=None, read_boxes=None):
    """The line's characters with each Latin run read again by `line_reader`, and its marks settled by
    it (line_marks): `page` the white-on-black image the boxes are in, [top, bottom) the line's band,
    `ids` the charset's {char: id}, `crop_of` the glyph crop of a box [left, top, right, bottom),
    `geometry` the classifier's glyph geometry (line_geometry; None for a model that has none). With
    `read_boxes` (reading.box_reader), the pairs of glyphs it reads one ideograph in are first read whole
    (ideographs_whole.ideographs_seen_whole)."""
    if not any(c.char in CORE_CHARS or may_settle(c.char) for c in characters):
        return characters   # nothing the line reader could change: ideographs and stops
    reading, centres = strip_read([c.box for c in characters], page, strip_rows(top, bottom), bottom - top,
                                  line_reader)
    if read_boxes is not None:
        characters = ideographs_seen_whole(characters, seen_in(owners_of(characters, centres), reading,
                                                               len(characters)), read_boxes)
    owners = owners_of(characters, centres)
    seen = seen_in(owners, reading, len(characters))
    out, done = [], 0
    for a, b in latin_runs(characters, seen):
        out += characters[done:a]
        tokens = [k for k, owner in enumerate(owners) if a <= owner < b]
        out += run_read(characters[a:b], [reading.text[k] for k in tokens], [reading.probabilities[k] for k in tokens],
                        [centres[k] for k in tokens], page, ids, crop_of, geometry, bottom - top)
        done = b
    out += characters[done:]
    fresh = {id(c) for c in out} - {id(c) for c in characters}
    out = marks_settled(out, reading, centres, ids, fresh)
    for i, c in enumerate(out):
        if id(c) in fresh and lookalikes_of(c.char):
            # the line reader sees an em of context, less than a number: 0 O and 1 l are the word's to settle
            c.char = in_context(out, i)
    return out


def seen_in(owners, reading, count):
    """What the line reader's `reading` reads in each of `count` characters' boxes, each of its characters
    in the box of its owner (owners_of)."""
    return [''.join(reading.text[k] for k, owner in enumerate(owners) if owner == i) for i in range(count)]


def strip_read(boxes, page, rows, band, line_reader):
    """(the line reader's StripReading, each of its characters' page column) of the strip over `boxes`."""
    pad = int(round(STRIP_PAD * band))
    left, right = min(b[0] for b in boxes) - pad, max(b[2] for b in boxes) + pad
    strip = strip_input(page, rows[0], rows[1], left, right)
    if strip is None:
        return StripReading('', [], []), []
    reading = respelled(line_reader.read(strip))
    scale = (right - left) / strip.shape[1]
    return reading, [left + x * scale for x in reading.columns]


def latin_runs(characters, seen):
    """[start, end) of each run of characters read as ASCII, or in which the line reader reads (`seen`,
    one string a character) ASCII, from a letter or digit to a letter or digit, that the classifier reads
    a letter or digit in: what the line reader alone sees is a / or a stroke as often as a letter (元/件
    as 元1件). A number goes on across its point or sign cut as a stop or an ideograph (12.5% as 12、以！,
    the line reader reading . 5 % in them). A lone o, n or u is no run: among ideographs it is more often
    a blurred stop (的故事 n 老师) than a word, and the stops' rules read it (punctuation_model.RING_LETTERS);
    a lone m is a word run together (office as m阮e). A glyph the line reader reads MERGED_DIGITS or more
    digits in makes a run however the classifier reads it: a number's digits cut as one (98 as ％). A glyph
    cut off the one before it, touching, in which the line reader reads nothing carries the run on too (W
    cut as 丌 and ’), and ends it where it follows the run's last letter or digit (12.5% with the % cut as
    彐 and ！, the line reader reading 5% in 彐)."""
    runs, start = [], None
    for i, c in enumerate(characters + [None]):
        if c is not None and (c.char in RUN_CHARS or RUN_CHARS.intersection(seen[i])
                              or start is not None and is_cut_off(c, seen[i], characters[i - 1])):
            start = i if start is None else start
            continue
        if start is not None:
            core = [j for j in range(start, i) if characters[j].char in CORE_CHARS or CORE_CHARS.intersection(seen[j])]
            read = [j for j in core if characters[j].char in CORE_CHARS or digits_in(seen[j]) >= MERGED_DIGITS]
            if read and not (len(read) == 1 and characters[read[0]].char in RING_LETTERS):
                end = core[-1] + 1
                while end < i and is_cut_off(characters[end], seen[end], characters[end - 1]):
                    end += 1
                runs.append((core[0], end))
        start = None
    return runs


def is_cut_off(c, seen, before):
    """Whether glyph c, not an ideograph, in which the line reader reads `seen`, nothing, touches the glyph
    `before` it: a piece the segmenter cut off it."""
    return not seen and not is_cjk(c.char) and c.box[0] <= before.box[2]


def run_read(run, text, probabilities, centres, page, ids, crop_of, geometry, band):
    """The run's characters, each group of them read by the surer reader: the classifier, or the line
    reader, which read `text` in the run's boxes, each character at its probability and page column;
    `geometry` and `band` (the line's height) weigh the line reader's letters' widths (leaves_letters_out)."""
    text, probabilities, centres = with_sure_hyphens(run, text, probabilities, centres)
    kept = [i for i, ch in enumerate(text) if ch != ' ' and (ch in ids or ch == IDEOGRAPH)]
    if not kept:
        return run
    stray = stray_percents(text)
    out = []
    for boxes, chars, empty in groups([c.box for c in run], [centres[i] for i in kept]):
        old = [run[j] for j in boxes]
        new = [kept[k] for k in chars]
        read = ''.join(in_classifier_case([text[i] for i in new], old))
        # which ideograph a group holds is the classifier's to read
        if IDEOGRAPH in read or read == ''.join(c.char for c in old) or stray.intersection(new) \
                or not beats_classifier(text, new, probabilities, old) \
                or drops_a_sure_digit([run[j] for j in empty], old, read) \
                or leaves_letters_out([run[j] for j in empty], old, read, geometry, band):
            out += old
            continue
        shares = shared_boxes([run[j].box for j in boxes], [centres[i] for i in new], page)
        out += [replace(old[0], char=ch, box=box, kind='char' if ch in CORE_CHARS else 'punct',
                        candidates=[ch], ids=[ids[ch]], probabilities=[round(probabilities[i], 6)],
                        crop=crop_of(box), rivals=[])
                for ch, i, box in zip(read, new, shares)]
    return out


def beats_classifier(text, new, probabilities, old):
    """Whether the line reader's reading of a group (the characters `new` of its `text`) is taken over
    the classifier's `old`: it is surer (is_surer), or the classifier reads a NUMERO, which the line
    reader has no class for, or a letter where the line reader reads digits inside a number
    (digits_for_letters), or digits in what it reads as one other glyph (digits_for_one_glyph), or the line
    reader's letters spell a word that the classifier's would not (spells_a_word)."""
    return is_surer(new, probabilities, old) or any(c.char == NUMERO for c in old) \
        or digits_for_letters(text, new, old) or digits_for_one_glyph(text, new, old) \
        or spells_a_word(text, new, probabilities, old)


def digits_for_one_glyph(text, new, old):
    """Whether the line reader reads only digits (the characters `new` of its `text`), at least MERGED_DIGITS
    and more than the classifier's glyphs `old`, in a group the classifier reads no digit in: digits cut as one
    glyph, which the classifier, trained on glyphs one at a time, reads surely as some other glyph."""
    return len(new) > len(old) and digits_in(''.join(text[i] for i in new)) == len(new) >= MERGED_DIGITS \
        and not any(c.char in string.digits for c in old)


def spells_a_word(text, new, probabilities, old):
    """Whether the line reader's letters (the characters `new` of its `text`, at `probabilities`), more than
    the classifier's glyphs `old`, complete a word of the dictionary (latin_words.lexicon) that the classifier's
    reading of the group would spell no word in their place, or would spell one too but the line reader is sure
    of each letter (SURE_SPLIT): two letters cut as one glyph (TensorFlow's lo as k, read at 0.9) lose to it by
    a product of probabilities, whose every letter more is a factor below 1."""
    words = lexicon()
    first, last = min(new), max(new) + 1
    if words is None or not all(text[i] in string.ascii_letters for i in range(first, last)):
        return False
    start, end = first, last
    while start > 0 and text[start - 1] in string.ascii_letters:
        start -= 1
    while end < len(text) and text[end] in string.ascii_letters:
        end += 1
    word = ''.join(text[start:end])
    theirs = ''.join(text[start:first]) + ''.join(c.char for c in old) + ''.join(text[last:end])
    return len(new) > len(old) and len(word) >= MIN_LETTERS and word.lower() in words[0] \
        and (theirs.lower() not in words[0] or min(probabilities[i] for i in new) >= SURE_SPLIT)


def stray_percents(text):
    """The indices of the line reader's % signs in `text` that follow no digit: a % ends a number, and
    where none stands the line reader took a face's digits for signs (LXGW WenKai's old-style 999, whose
    tails hang below the line, as %%%)."""
    before = [''.join(text[:i]).rstrip()[-1:] for i in range(len(text))]
    return {i for i, ch in enumerate(text) if ch in PERCENT and not before[i].isdigit()}


def digits_for_letters(text, new, old):
    """Whether the line reader reads only digits (the characters `new` of its `text`) inside a number,
    a digit on either side, in a group the classifier reads a letter in: digits run together and
    blurred read surely as a letter (39378616 as 393m16, the 786 one glyph read as m at 0.97)."""
    before, after = ''.join(text[:min(new)]).rstrip()[-1:], ''.join(text[max(new) + 1:]).lstrip()[:1]
    return all(text[i].isdigit() for i in new) and before.isdigit() and after.isdigit() \
        and any(kind_of(c.char) == 'letter' for c in old)


def in_classifier_case(letters, old):
    """The line reader's `letters` of a group, each of a pair whose cases differ in size alone (SIZE_CASED)
    in the case the classifier reads it in where the group's glyphs are one to one: the classifier weighs
    a glyph's height against the line's band and x-height (line_geometry), the line reader its shape."""
    if len(letters) != len(old):
        return letters
    return [c.char if ch.swapcase() == c.char and ch.lower() in SIZE_CASED else ch for ch, c in zip(letters, old)]


def with_sure_hyphens(run, text, probabilities, centres):
    """The line reader's (text, probabilities, centres) in the run, with each hyphen the classifier reads
    surely (SURE_DIGIT) where the line reader reads nothing between two digits put back at its box's
    centre: blurred, the line reader leaves it out of a number it reads whole (080-54965322 as 08054965322)."""
    tokens = list(zip(text, probabilities, centres))
    for c in run:
        read = [(t, x) for t, _, x in tokens if t != ' ']
        if c.char != '-' or sureness(c) < SURE_DIGIT or any(outside(c.box, x) == 0 for _, x in read):
            continue
        centre = (c.box[0] + c.box[2]) / 2
        before, after = [t for t, x in read if x < centre], [t for t, x in read if x > centre]
        if before and after and before[-1] in string.digits and after[0] in string.digits:
            tokens = sorted(tokens + [('-', sureness(c), centre)], key=lambda token: token[2])
    return [t for t, _, _ in tokens], [p for _, p, _ in tokens], [x for _, _, x in tokens]


def drops_a_sure_digit(empty, old, read):
    """Whether the line reader's reading `read` of a group, whose `empty` characters it reads nothing in,
    leaves out a digit the classifier reads surely: one of them is, and `read` holds fewer digits than
    the classifier's reading `old` of the group."""
    sure = any(c.char in string.digits and sureness(c) >= SURE_DIGIT for c in empty)
    return sure and digits_in(read) < digits_in(''.join(c.char for c in old))


def leaves_letters_out(empty, old, read, geometry, band):
    """Whether the line reader's reading `read` of a group, whose `empty` characters it reads nothing in,
    leaves out a letter or digit the classifier reads surely (SURE_LETTER): one of them is, `read` is
    shorter than the classifier's reading `old` of the group, and its characters' widths (in `geometry`, an
    em taken as the line's `band`) fill less than UNFILLED of the group's ink, further from filling it than
    the classifier's characters' do."""
    if geometry is None or len(read) >= len(old) \
            or not any(c.char in CORE_CHARS and sureness(c) >= SURE_LETTER for c in empty):
        return False
    ink = sum(c.box[2] - c.box[0] for c in old)
    line_fill = filled(read, geometry, band, ink)
    return 0 < line_fill < UNFILLED and abs(np.log(line_fill)) > abs(np.log(filled([c.char for c in old], geometry,
                                                                                     band, ink)))


def filled(chars, geometry, band, ink):
    """The share of `ink` pixels that the widths of `chars` (in em, from `geometry`) fill at an em of `band`
    pixels; a character the geometry lacks fills none."""
    return sum(geometry[ch][WIDTH] for ch in chars if ch in geometry) * band / ink


def digits_in(text):
    return sum(ch in string.digits for ch in text)


def is_surer(new, probabilities, old):
    """Whether the line reader's reading of a group is likelier than the classifier's: the product of each
    one's probabilities of its characters."""
    return np.prod([probabilities[i] for i in new]) > np.prod([sureness(c) for c in old])


def groups(boxes, centres):
    """([box indices], [centre indices], [indices of its boxes no centre falls in]) of the run, left to
    right: each centre falls in the box nearest it, each box no centre falls in joins the group of the
    centre nearest it; a group has at least one centre."""
    owner = [int(np.argmin([outside(box, x) for box in boxes])) for x in centres]
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


def inked(box, page):
    """The box's rows narrowed to the ink in its columns (a . split from a run keeps its height)."""
    left, top, right, bottom = box
    pixels = page[top:bottom, left:right]
    rows = np.flatnonzero((pixels > INK_FRACTION * 255).any(axis=1)) if pixels.size else []
    if len(rows) == 0:
        return box
    return [left, top + int(rows[0]), right, top + int(rows[-1]) + 1]
