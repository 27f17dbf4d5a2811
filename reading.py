"""Reading images: `read_images` takes images (paths or arrays) to typed results.

It is the one way in for the CLI, the tests and the benchmarks. Each image is read either as one
character (a crop: `CharacterResult`) or as text (`TextResult`: lines of `Character`s, each with
its box and candidates, each line with the band and baseline the segmenter measured).

Look-alikes that only size and place tell apart (o O 0, l I 1, ， ' 、) are re-ranked by where
their ink sits in the line (line_geometry), when the model's folder has the glyph geometry of its
training fonts.
"""
import functools
import os
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Dict, List, NamedTuple, Tuple, Union

import numpy as np
from PIL import Image

from acronyms import acronyms_apart
from charset import EXTRA_GROUPS
from errors import UserError
from glyph import white_on_black
from ideographs_recut import ideographs_recut
from ideographs_whole import ideographs_whole
from language_model import CANDIDATE_FLOOR, bigrams, read_in_context
from latin_lines import lines_read_whole
from latin_words import spelled_words
from letters_whole import letters_whole
from line_geometry import is_cjk, rescored, width_form, width_pairs, with_siblings
from neighbours import DIGIT_LOOKALIKES, ELLIPSIS, ELLIPSIS_DOTS, is_ellipsis, kind_of, lookalikes_of, settled, \
    without_loose_ticks, without_slivers
from numbers_apart import digits_apart, percent_joined
from numbers_recut import numbers_recut
from paired_brackets import brackets_paired
from punctuation_model import DEGREE, HYPHEN, READ_AS, RING_LETTERS, SPECK, read_stops_in_context, stop_contexts
from reader import CONTEXT_CANDIDATES, LOOKALIKE_CANDIDATES, checked_size, gray_image, network_input
from segment import Box, segment_lines

PLACEHOLDER = '□'  # stands for a punctuation mark when the charset has none to read it as
MIN_TEXT_HEIGHT = 8          # pixels: glyphs of text are at least this tall,
TEXT_HEIGHT_PERCENTILE = 75  # the glyph height that stands for a text's: its upper quartile, as a line may hold
                             # more flat glyphs than tall ones (看一眼——一一列举: 5 of 9 are 1-2 px high)
SQUARISH = 1.7               # images this close to square may be one character even when they segment as text
GLYPH_PAD = 4                # pixels of background round a glyph cut from a line, so a thin one (一) keeps it
TWO_CHARACTERS = 1.8         # a line of text is at least this x its height wide
LINE_TEXT_HEIGHT = 0.25      # a single line spans at least this x the image's height,
PAGE_TEXT_HEIGHT = 0.35      # and a page's glyphs at least this x the line pitch (三 alone has a wide pitch)
SMALL_TEXT = 22              # pixels of band height (a 24 px font's ideographs span about 22): below it,
UPSCALE = 2                  # text is read from the image scaled up this many times
SHAPE_CANDIDATES = 4         # candidates searched for look-alikes of the best when scoring a crop (0 O o)
LATIN_BASELINE = 0.9         # x band height below the band's top: where Latin letters stand when a line has
                             # none to measure it on (Noto Sans CJK at 100 px: 我 on rows 31-125, baseline 116)
SPACE_GAP = 0.3              # a gap wider than this x band height between glyphs that are not both wide
                             # (CJK) is a space: "TensorFlow 2.21"; side bearings leave less ("用P", "3.1"),
                             # except in fonts that set ASCII in wide cells (AR PL UMing's ' has 0.4)
CASE_GAP = 0.15              # x band height: the least gap that is a space between a small letter and a word
                             # of capitals after it, narrower than SPACE_GAP: a word of small letters ending in a
                             # descender before a capital that leans out leaves less than a space (burning API: 0.23
                             # in Liberation Serif at 30 px) ...
CASE_GAP_LETTERS = 2.5       # ... when it is also this many times the line's median gap between letters: a word
                             # that changes case inside sets its letters no further apart than its others (NumPy's
                             # mP: 0.2 of the band in LXGW WenKai at 44 px, whose letters all stand 0.2 apart)
SPACED_DIGITS = 1.3          # x the line's digit pitch: digits further apart than this have a space between
                             # (138 0013: 1.5 to 1.6 in the fonts of read_mixed.py)
DIGIT_PITCH = 0.65           # x band height: the digit pitch of a line with too few digits to measure it (faces
                             # set digits 0.5-0.6 em apart, an em being about 1.1 band heights): 15.4 in 44 px LXGW
                             # WenKai has only the 1 and 5 side by side, its narrow 1 0.73 band heights from the 5
WIDE_READ = 1.3             # x the width/height of the letter or digit read: a glyph this much wider is two
                             # run together (ff in Liberation Sans read as f: 1.4); not of ideographs, whose
                             # faces vary more (AR PL KaitiM's 16 px 心 is over 1.3 x the mean)
WIDE_READ_CONFIDENCE = 0.5   # what such a read is worth to the segmenter: halves read surely beat it
NO_SPACE_BEFORE = ',.;:!?)]}%'
NO_SPACE_AFTER = '([{'


@dataclass
class Character:
    """A character cut from a text line: its reading, where it is, and its white-on-black pixels."""
    char: str                  # the best candidate (in its line's context), or PLACEHOLDER for a mark the
                               # charset cannot read
    box: List[int]             # [left, top, right, bottom) in the straightened image
    kind: str                  # 'char', or 'punct' for a small mark (，。、“ .)
    candidates: List[str]      # top-k, best first; empty for a PLACEHOLDER
    ids: List[int]
    probabilities: List[float]
    space_before: bool = False  # a space precedes it in the text
    crop: np.ndarray = field(default=None, repr=False, compare=False)
    rivals: List[Tuple[str, float]] = field(default_factory=list, repr=False, compare=False)  # (reading,
                               # probability) ranked after the candidates, for the words to choose among
                               # (language_model.ideograph_choices); dropped with the surplus candidates
    line_read: Tuple[str, float] = field(default=None, repr=False, compare=False)  # the stop the line reader
                               # reads in a glyph read as one, and its probability, for the stops' rules to weigh


@dataclass
class Line:
    """A text line: its characters left to right, and its geometry in the straightened image's rows."""
    characters: List[Character]
    top: float                 # the band its ideographs span, [top, bottom)
    bottom: float
    baseline: float            # the row Latin letters stand on,
    baseline_measured: bool    # measured on the line's Latin glyphs, or else estimated from the band

    @property
    def text(self):
        return ''.join((' ' if c.space_before else '') + c.char for c in self.characters)


@dataclass
class TextResult:
    image: str
    lines: List[Line]

    @property
    def text(self):
        return '\n'.join(line.text for line in self.lines)


@dataclass
class CharacterResult:
    """An image read as one character: the top-k candidates, best first."""
    image: str
    candidates: List[str]
    ids: List[int]
    probabilities: List[float]


Result = Union[TextResult, CharacterResult]


class Labels(NamedTuple):
    """The charset as reading uses it."""
    chars: List[str]
    ids: Dict[str, int]
    width_pairs: dict          # line_geometry.width_pairs
    read_punct: bool           # whether marks are read, or left as PLACEHOLDERs
    read_latin: bool           # whether Latin letters are read
    words: bool                # whether unsure ideographs are read as the words around them call for, and
                               # Latin words as the dictionary spells them


def labels_of(chars, words=True):
    """The charset's Labels, made once per charset: reading a line should not pay for 6896 lookups."""
    return _labels(tuple(chars), words)


@functools.lru_cache(maxsize=4)
def _labels(chars, words):
    chars = list(chars)
    return Labels(chars, {c: i for i, c in enumerate(chars)}, width_pairs(chars), reads_punctuation(chars),
                  bool(set(chars) & set(EXTRA_GROUPS['latin'])), words)


def read_images(reader, images, chars, on_error=None, words=True):
    """Each image read with `reader` (a reader.Reader) and its charset `chars`: a list of Results in
    the order of `images`, each a path or a uint8 grayscale array (named 'image <i>'). With `words`,
    an unsure ideograph in a line is read as the words around it call for (language_model).

    An image that cannot be read raises errors.UserError, or with `on_error` is passed to it as
    (name, error) and left out."""
    labels = labels_of(chars, words)
    results, singles = [], []
    for i, image in enumerate(images):
        name = image if isinstance(image, str) else 'image %d' % i
        try:
            gray = gray_image(image) if isinstance(image, str) else gray_array(image)
            read = read_image(reader, checked_size(gray, name), name, labels)
        except UserError as e:
            if on_error is None:
                raise
            on_error(name, e)
            continue
        if isinstance(read, TextResult):
            results.append(read)
        else:
            singles.append((len(results), name, read))
            results.append(None)
    if singles:
        values, indices = reader.top_k(np.stack([glyph for _, _, glyph in singles]))
        for (at, name, _), v, idx in zip(singles, values, indices):
            results[at] = CharacterResult(name, [chars[i] for i in idx], idx.tolist(), rounded(v))
    return results


def reads_punctuation(chars):
    """Whether the charset has punctuation to read marks as, or marks are left as PLACEHOLDERs."""
    return bool(set(chars) & set(EXTRA_GROUPS['punctuation']))


def gray_array(image):
    """A uint8 array of grey levels, or of RGB(A) colours, as a grayscale array."""
    image = np.asarray(image, dtype=np.uint8)
    return np.asarray(Image.fromarray(image).convert('L')) if image.ndim == 3 else image


def confidence(reader, chars):
    """segment's `score` for this reader: for each crop, the classifier's probability of the shape it
    reads best, 0 for a blank one. A shape is the candidates that look alike once cut to their ink
    (w W, 0 O o: `shape_of`), which the line decides later: a w the classifier splits between w and W
    is still one sure glyph, not a pair to cut. With `pairs` (the crops may each be two glyphs run
    together), a letter or digit read from a crop far wider than itself is not believed (`believed`);
    only there, as a part that a wide face draws wide (KaitiM's i) is no reason to join it to the
    glyph beside it. With `letters`, the probability that the crop is a
    Latin letter or digit instead: the halves of a touching pair must be that, not ( or 氵. Only a
    charset that reads Latin letters and marks can say whether pieces are one ideograph or several
    such glyphs."""
    def score(crops, letters=False, pairs=False):
        inputs = [network_input(c) for c in crops]
        inked = [g for g in inputs if g is not None]
        if not inked:
            return [0.0] * len(crops)
        reads = zip(*reader.top_k(np.stack(inked), k=SHAPE_CANDIDATES))
        return [0.0 if g is None else sureness(*next(reads), crop, letters, pairs) for g, crop in zip(inputs, crops)]

    def sureness(values, indices, crop, letters, pairs):
        best = chars[indices[0]]
        sure = float(sum(p for p, i in zip(values, indices)
                         if (is_letter(chars[i]) if letters else shape_of(chars[i]) == shape_of(best))))
        return believed(sure, best, crop, reader.geometry) if pairs else sure
    return score


def believed(confidence, char, crop, geometry):
    """The confidence in a crop read as `char`, unless it is a letter or digit and the ink is far
    wider for its height than the character's (WIDE_READ): then two glyphs run together were read as
    one (ff as f)."""
    expected = geometry.get(char) if geometry and is_letter(char) else None
    rows, cols = np.flatnonzero(crop.any(axis=1)), np.flatnonzero(crop.any(axis=0))
    if expected is None or rows.size == 0:
        return confidence
    aspect = (cols[-1] + 1 - cols[0]) / (rows[-1] + 1 - rows[0])
    return min(confidence, WIDE_READ_CONFIDENCE) if aspect > WIDE_READ * expected[2] / (expected[1] - expected[0]) \
        else confidence


def is_letter(char):
    return char.isascii() and char.isalnum()


def shape_of(char):
    """What a glyph looks like cut to its ink: case, width form and the digit look-alikes folded."""
    folded = unicodedata.normalize('NFKC', char).lower()
    return next((group for group in DIGIT_LOOKALIKES if folded in group.lower()), folded)


def score_for(reader, labels):
    """segment's `score` for this reader and charset, or None when the charset reads no Latin."""
    return confidence(reader, labels.chars) if labels.read_latin else None


def read_text(reader, gray, straight, lines, labels):
    """The segmented lines read, as Lines. Small text (a band under SMALL_TEXT pixels) is cut and
    read again from the image scaled up UPSCALE times: at 16-20 px binarising merges strokes and
    marks, and the boxes and bands are given back in the image's own scale."""
    if np.median([line.bottom - line.top for line in lines]) >= SMALL_TEXT:
        return read_lines(reader, straight, lines, labels)
    big = Image.fromarray(gray).resize((gray.shape[1] * UPSCALE, gray.shape[0] * UPSCALE), Image.BICUBIC)
    big_straight, big_lines = segment_lines(np.asarray(big), score_for(reader, labels))
    if not big_lines:
        return read_lines(reader, straight, lines, labels)
    return [scaled(line, 1 / UPSCALE) for line in read_lines(reader, big_straight, big_lines, labels)]


def scaled(line, factor):
    """The Line with its characters' boxes and its band and baseline multiplied by `factor`."""
    for char in line.characters:
        char.box = [int(round(v * factor)) for v in char.box]
    return Line(line.characters, line.top * factor, line.bottom * factor, line.baseline * factor,
                line.baseline_measured)


def read_image(reader, gray, name, labels):
    """A text image's TextResult, or a single character's network input (classified in a batch later)."""
    straight, lines = segment_lines(gray, score_for(reader, labels))
    if not lines:
        raise UserError('%s holds no visible text (blank image)' % name)
    glyph = network_input(gray)
    if is_text_image(gray, [line.boxes for line in lines]):
        text = TextResult(name, read_text(reader, gray, straight, lines, labels))
        if not one_character_reads_better(reader, gray, glyph, text):
            return text
    if glyph is None:
        raise UserError('%s holds no visible character (blank image)' % name)
    return glyph


def rounded(probabilities):
    return [round(float(p), 6) for p in probabilities]


def is_text_image(gray, lines):
    """True for a line or page of text; False for a crop of one character.

    An isolated 三 or 吕 segments into several "lines" of fragments, so text must also look like
    text: glyphs (the upper quartile of them) at least MIN_TEXT_HEIGHT tall and a good share of the
    line pitch (or, for one line, of the image height), on lines at least two characters wide (two
    such lines, for a page: 品 has one).
    """
    boxes = [b for line in lines for b in line]
    if len(boxes) < 2:
        return False
    height = float(np.percentile([b.bottom - b.top for b in boxes], TEXT_HEIGHT_PERCENTILE))
    wide = sum(_is_wide(line) for line in lines)
    if height < MIN_TEXT_HEIGHT:
        return False
    if len(lines) == 1:
        # the line's own extent, not its median glyph: in "Python 3.11" most glyphs are x-height letters
        extent = max(b.bottom for b in boxes) - min(b.top for b in boxes)
        return wide == 1 and extent >= LINE_TEXT_HEIGHT * gray.shape[0]
    pitch = float(np.median(np.diff([min(b.top for b in line) for line in lines])))
    return wide >= 2 and height >= PAGE_TEXT_HEIGHT * pitch


def _is_wide(line):
    """A line at least about two square characters wide."""
    top, bottom = min(b.top for b in line), max(b.bottom for b in line)
    return line[-1].right - line[0].left >= TWO_CHARACTERS * (bottom - top)


def one_character_reads_better(reader, gray, glyph, text):
    """For a near-square image that also segments as text (圭 as two lines of 土): True when the
    classifier is at least as sure of the whole image as one character as of the text's characters."""
    height, width = gray.shape
    if glyph is None or not 1 / SQUARISH <= width / height <= SQUARISH:
        return False
    sure = [c.probabilities[0] for line in text.lines for c in line.characters if c.probabilities]
    whole = reader.top_k(glyph[None])[0][0, 0]
    return not sure or whole >= np.mean(sure)


def glyph_crops(page, boxes):
    """Each box's pixels from a white-on-black page, framed by background so a thin glyph (一) keeps it."""
    background = float(np.median(page))
    return [np.pad(page[b.top:b.bottom, b.left:b.right], GLYPH_PAD, constant_values=background) for b in boxes]


def read_lines(reader, straight, lines, labels):
    """The segmented `lines` (segment.TextLine) of the straightened image read: a list of Lines."""
    page = white_on_black(straight)
    boxes = [box for line in lines for box in line.boxes]
    crops = glyph_crops(page, boxes)
    wanted = [i for i, b in enumerate(boxes) if b.kind == 'char' or labels.read_punct]
    inputs = [network_input(crops[i]) for i in wanted]
    readable = [i for i, glyph in zip(wanted, inputs) if glyph is not None]
    found = {}
    if readable:
        values, indices = reader.top_k(np.stack([g for g in inputs if g is not None]),
                                       k=max(CONTEXT_CANDIDATES, reader.k))
        found = {i: (v, idx) for i, v, idx in zip(readable, values, indices)}
    read, position = [], 0
    for line in lines:
        characters = [character(box, found.get(position + j), labels.chars, crops[position + j], reader.k)
                      for j, box in enumerate(line.boxes)]
        position += len(line.boxes)
        read_boxes = box_reader(reader, page, labels)
        if labels.read_latin:
            # a % that the recut leaves in two rings (9仍6 as 9096) is read whole after it
            characters = percent_joined(numbers_recut(digits_apart(characters, read_boxes), read_boxes), read_boxes)
        characters = ideographs_recut(characters, read_boxes)
        if reader.geometry:
            characters = placed(characters, reader.geometry, labels)
        band = line.bottom - line.top
        characters = without_slivers(without_loose_ticks(with_ellipses(characters, page, labels, band)), band)
        read.append(spaced(Line(characters, line.top, line.bottom, *baseline_of(line))))
        brackets_paired(settled(read[-1].characters))
        read[-1].characters = ideographs_whole(read[-1].characters, read_boxes)
        if labels.read_latin:
            read[-1].characters = letters_whole(read[-1].characters, band, read_boxes)
            read[-1].characters = acronyms_apart(read[-1].characters, band, read_boxes)
        if labels.words:
            if labels.read_latin:
                read[-1].characters = spelled_words(read[-1].characters, band, read_boxes)
        if labels.read_latin and reader.lines:
            read[-1].characters = lines_read_whole(read[-1].characters, page, line.top, line.bottom, reader.lines,
                                                   labels.ids, lambda box: glyph_crops(page, [Box(*box, 'char')])[0],
                                                   reader.geometry, read_boxes)
            read_in_context(read[-1].characters, bigrams())
            read_stops(read[-1].characters, band)
        spaced(read[-1])  # again: the space after a . that became a ， is none
        trimmed(read[-1].characters, reader.k)
    return read


def box_reader(reader, page, labels):
    """A function that reads boxes of the white-on-black page as Characters (None for a blank one)."""
    def read(boxes):
        crops = glyph_crops(page, boxes)
        inputs = [network_input(crop) for crop in crops]
        inked = [g for g in inputs if g is not None]
        if not inked:
            return [None] * len(boxes)
        found = zip(*reader.top_k(np.stack(inked), k=max(CONTEXT_CANDIDATES, reader.k)))
        return [None if g is None else character(box, next(found), labels.chars, crop, reader.k)
                for g, box, crop in zip(inputs, boxes, crops)]
    return read


def read_stops(characters, band):
    """The line's stops beside ideographs read by the text around them and by their heights in its
    band of `band` pixels, when the corpus that tells is installed (punctuation_model)."""
    if not any(c.char in READ_AS or c.char in (SPECK, HYPHEN, DEGREE) or c.char in RING_LETTERS for c in characters):
        return characters  # the corpus is read only for a line that needs it
    contexts = stop_contexts()
    return read_stops_in_context(characters, contexts, band) if contexts else characters


def with_ellipses(characters, page, labels, band):
    """The characters of a line whose band is `band` pixels high with each run of dots that is an
    ellipsis cut apart (neighbours.is_ellipsis) joined into one …, when the charset has it; dots next
    to an ideograph stand in Chinese text."""
    if ELLIPSIS not in labels.ids:
        return characters
    out, i = [], 0
    while i < len(characters):
        run = next((run for run in (characters[i:i + n] for n in (ELLIPSIS_DOTS, ELLIPSIS_DOTS - 1))
                    if is_ellipsis(run, band, beside_chinese(characters, i, len(run)))), None)
        if run:
            box = Box(run[0].box[0], min(c.box[1] for c in run), run[-1].box[2], max(c.box[3] for c in run), 'punct')
            out.append(Character(ELLIPSIS, [box.left, box.top, box.right, box.bottom], box.kind, [ELLIPSIS],
                                 [labels.ids[ELLIPSIS]], [min(c.probabilities[0] for c in run)],
                                 crop=glyph_crops(page, [box])[0]))
            i += len(run)
        else:
            out.append(characters[i])
            i += 1
    return out


def beside_chinese(characters, start, length):
    """Whether the characters from `start`, `length` of them, stand next to an ideograph."""
    beside = characters[max(start - 1, 0):start] + characters[start + length:start + length + 1]
    return any(is_cjk(c.char) for c in beside)


def ink_extent(char):
    """(top, bottom, width) in pixels of the ink of a character cut from a line, rows in the page's:
    its box, which the segmenter drew round its ink (at the Otsu threshold, near the half-way level
    at which line_geometry measured the fonts)."""
    left, top, right, bottom = char.box
    return top, bottom, right - left


def trimmed(characters, k):
    """The characters with their k best candidates: more were kept for the geometry and the words to
    choose among."""
    for c in characters:
        c.candidates, c.ids, c.probabilities = c.candidates[:k], c.ids[:k], c.probabilities[:k]
        c.rivals = []
    return characters


def placed(characters, geometry, labels):
    """The line's characters re-ranked by where their ink sits in it (line_geometry.rescored), each
    mark in the full- or half-width form its neighbours call for."""
    offered = [with_siblings(c.candidates, c.probabilities, labels.ids) for c in characters]
    candidates, probabilities = rescored([ink_extent(c) for c in characters], [o[0] for o in offered],
                                         [o[1] for o in offered], geometry)
    for c, ranked, probs in zip(characters, candidates, probabilities):
        c.candidates, c.probabilities = ranked, rounded(probs)
        c.ids = [labels.ids[x] for x in c.candidates]
    best = [c.candidates[0] if c.candidates else c.char for c in characters]
    for i, c in enumerate(characters):
        c.char = width_form(best, i, labels.width_pairs)
    return characters


def character(box, result, chars, crop, k):
    """A Character of the box from the network's ranked (probabilities, indices): max(k, LOOKALIKE_CANDIDATES)
    candidates, the rest that the words may choose (CANDIDATE_FLOOR) its rivals."""
    if result is None:
        return Character(PLACEHOLDER, [box.left, box.top, box.right, box.bottom], box.kind, [], [], [], crop=crop)
    values, indices = result
    kept = max(k, LOOKALIKE_CANDIDATES)
    rivals = kept + np.flatnonzero(values[kept:] >= CANDIDATE_FLOOR)
    return Character(chars[indices[0]], [box.left, box.top, box.right, box.bottom], box.kind,
                     [chars[i] for i in indices[:kept]], indices[:kept].tolist(), rounded(values[:kept]), crop=crop,
                     rivals=[(chars[indices[i]], float(values[i])) for i in rivals])


def baseline_of(line):
    """(baseline row, whether it was measured) of a segment.TextLine."""
    if line.baseline is not None:
        return float(line.baseline), True
    return line.top + LATIN_BASELINE * (line.bottom - line.top), False


def is_wide(char):
    """Whether the character is set full-width, as CJK text is (the placeholder stands for ，。)."""
    return char == PLACEHOLDER or unicodedata.east_asian_width(char) in ('W', 'F', 'A')


def is_wide_mark(char):
    """A full-width mark (，。：“）…), which carries its own space."""
    return is_wide(char) and unicodedata.category(char)[0] not in 'LN'


def may_space(before, after):
    """Whether a space may stand between the two characters: not between CJK characters, next to
    a full-width mark, before closing punctuation or after an opening bracket."""
    return not (is_wide(before) and is_wide(after) or is_wide_mark(before) or is_wide_mark(after)
                or after in NO_SPACE_BEFORE or before in NO_SPACE_AFTER)


def spaced(line):
    """The line with a space before each character that follows a gap wider than SPACE_GAP (CASE_GAP and
    CASE_GAP_LETTERS between a small letter and a word of capitals) where `may_space` allows one, unless
    the gap lies inside a number (`gap_inside_number`)."""
    band = line.bottom - line.top
    pitch = digit_pitch(line.characters) or DIGIT_PITCH * band
    characters = line.characters
    case_gap = max(CASE_GAP * band, CASE_GAP_LETTERS * letter_gap(characters))
    for i in range(1, len(characters)):
        before, after = characters[i - 1], characters[i]
        gap = case_gap if rises_to_capitals(characters, i) else SPACE_GAP * band
        after.space_before = (after.box[0] - before.box[2] > gap and may_space(before.char, after.char)
                              and not gap_inside_number(characters, i, pitch))
    return line


def letter_gap(characters):
    """The median gap in pixels between neighbouring Latin letters of the line (0 when it has none)."""
    gaps = [b.box[0] - a.box[2] for a, b in zip(characters, characters[1:])
            if kind_of(a.char) == kind_of(b.char) == 'letter']
    return float(np.median(gaps)) if gaps else 0.0


def rises_to_capitals(characters, index):
    """Whether characters[index] and the one after it are capitals after a small letter: a word of
    capitals (burning API), where a word that changes case inside has a capital and small letters
    (iPhone, NumPy)."""
    chars = [c.char for c in characters[index - 1:index + 2]]
    return len(chars) == 3 and all(kind_of(c) == 'letter' for c in chars) and chars[0].islower() \
        and chars[1].isupper() and chars[2].isupper()


def gap_inside_number(characters, index, pitch):
    """Whether the gap before characters[index] lies inside a number: a digit after a digit no further
    than SPACED_DIGITS x the line's digit `pitch` (faces set every digit in one width, so a narrow 1
    leaves a gap that is no space: 1 994年), or a digit after a number's decimal point (faces whose . is
    a narrow dot in a wide cell: 1. 15), each digit perhaps still read as a look-alike (l. l5)."""
    before, after = characters[index - 1], characters[index]
    if before.char.isdigit() and after.char.isdigit():
        return centre_distance(before, after) <= SPACED_DIGITS * pitch
    return (before.char == '.' and index > 1 and is_digit_shape(characters[index - 2].char)
            and is_digit_shape(after.char))


def is_digit_shape(char):
    """A digit, or a glyph of a digit's shape that its word has yet to settle (l. 15 is 1.15)."""
    return char.isdigit() or bool(lookalikes_of(char))


def centre_distance(before, after):
    return (after.box[0] + after.box[2] - before.box[0] - before.box[2]) / 2


def digit_pitch(characters):
    """The median distance between the centres of neighbouring digits in the line, or None when it has
    fewer than two such pairs."""
    distances = [centre_distance(a, b) for a, b in zip(characters, characters[1:])
                 if a.char.isdigit() and b.char.isdigit()]
    return float(np.median(distances)) if len(distances) >= 2 else None


def as_json(results):
    """The results as the CLI's --output json: {'results': [...], 'text': the single characters' text}.

    A text image's entry has 'lines' (per line, its characters as dicts), 'geometry' (per line, its
    band and baseline) and 'text'; a character's has 'candidates', 'ids' and 'probabilities'."""
    entries = []
    for r in results:
        if isinstance(r, CharacterResult):
            entries.append(asdict(r))
            continue
        entries.append({'image': r.image,
                        'lines': [[character_json(c) for c in line.characters] for line in r.lines],
                        'geometry': [{'band': [line.top, line.bottom], 'baseline': line.baseline,
                                      'baseline_measured': line.baseline_measured} for line in r.lines],
                        'text': r.text})
    return {'results': entries, 'text': singles_text(results)}


def character_json(char):
    return {f.name: getattr(char, f.name) for f in fields(Character) if f.name not in ('crop', 'rivals', 'line_read')}


def singles_text(results):
    """The best candidates of the images read as single characters, in order: a word cut into crops."""
    return ''.join(r.candidates[0] for r in results if isinstance(r, CharacterResult))


def save_crops(results, folder):
    """The cut characters of text images as numbered PNGs, white on black like the original's tmp/."""
    for r in results:
        if isinstance(r, TextResult):
            stem = os.path.splitext(os.path.basename(r.image))[0]
            for row, line in enumerate(r.lines):
                for col, char in enumerate(line.characters):
                    Image.fromarray(char.crop).save(os.path.join(folder, '%s_%03d_%03d.png' % (stem, row, col)))
