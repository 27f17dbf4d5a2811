"""Where each glyph sits in its text line, and reading look-alikes by it.

The classifier sees a glyph cropped to its ink and scaled to 64x64, so it cannot tell o O 0 〇, l I 1 |,
, ' ， 、, . · or p P apart: only their size and place in the line differ. Of the three designs (geometry
as extra network inputs, a line-relative normalisation, rules over the top-k candidates), this module is
the third, in its probabilistic form: each candidate's probability is multiplied by the likelihood of the
glyph's measured top, bottom and width under that character's geometry. Why:
- the network, its 64x64 input and the shipped 3755-class weights stay as they are, so fine-tuning and
  lone crops (which have no line around them) work unchanged;
- the geometry of every class is measured from the training fonts, each glyph set on a baseline at a
  known size (`measured_table`, written by gen_printed_char.py beside the dataset and copied next to
  each checkpoint), so it needs no hand-made rule per pair;
- the line's baseline and size are not known in pixels, so they are fitted to the confident glyphs of
  the line itself (mostly ideographs, whose top-1 is nearly always right), which also copes with lines
  that hold no ideograph at all.
Full- and half-width forms of one mark (， ,  ： :) have one shape; the neighbours decide between them.
"""
import json
import os
import unicodedata

import numpy as np
from PIL import Image, ImageDraw

GEOMETRY_FILE = 'glyph_geometry.json'
MEASURE_SIZE = 64        # pixels per em at which the fonts' glyphs are measured
MIN_SPREAD = 0.04        # em: the least spread of a glyph edge; blur and binarisation move edges this much
PIXEL_SPREAD = 0.75      # pixels: box edges are whole pixels, which matters most in 16 px text
FIT_CONFIDENCE = 0.6     # a glyph helps fit its line when the classifier gives its top-1 at least this
FIT_OUTLIER = 4.0        # glyphs further than this many spreads from the fitted line are refitted without
MIN_EM = 4.0             # pixels: a fitted em smaller than this (a line of specks) is not trusted
INK = 128                # grey level above which a rendered pixel is ink
SURE_IDEOGRAPH = 0.9     # an ideograph read this surely, with only ideographs behind it, keeps its ranking
# Marks that a small or blurred crop, scaled to 64x64, cannot tell apart (a 16 px 。 is a filled dot, a
# comma loses its tail) but their size and place in the line can: each is offered the others as candidates.
# So can LXGW WenKai's 9, whose straight tail the classifier reads surely as a q: a q hangs below the line.
SAME_SHAPE = ('.·。', '.,，、', '9q')
SIBLING_SHARE = 0.01     # x the top candidate's probability: what an offered sibling starts with
WIDTH, TOP_SPREAD, BOTTOM_SPREAD = 2, 3, 4  # places in a table entry: [top, bottom, width, the spread of each] in em
# Marks whose height in the line differs by face family more than the training faces show: the table's —
# sits at -0.32 to -0.23 em as DejaVu and Noto set it, where AR PL and LXGW WenKai set it at 一's height
# (-0.41 to -0.37), so the spreads of its top and bottom are widened to this many em and the classifier,
# which tells — from 一 by its even stroke, is heard (a 45 px AR PL UMing —: — 0.57, 一 0.30 before its
# height was weighed, 一 0.93 after).
FACE_HEIGHT_SPREAD = {'\u2014': 0.05}
RARE_MARKS = {'\u00b7': 0.02}  # x the classifier's probability: how much rarer in text · is than ，。 of its shape
                              # (in fortunes-zh, punctuation_model's corpus, 1 in 56)


def glyph_extent(font, char):
    """(top, bottom, width) of the ink of `char` set on a baseline, in em, y down from the baseline
    (a Chinese character spans about -0.88 to 0.12, an x-height letter -0.5 to 0); None if it has no ink."""
    size = MEASURE_SIZE
    canvas = Image.new('L', (3 * size, 3 * size), 0)
    ImageDraw.Draw(canvas).text((size, 2 * size), char, font=font, fill=255, anchor='ls')
    ink = np.asarray(canvas) >= INK
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return None
    return ((rows[0] - 2 * size) / size, (rows[-1] + 1 - 2 * size) / size, (cols[-1] + 1 - cols[0]) / size)


def measured_table(chars, fonts):
    """{char: [top, bottom, width, spread of each]} in em over the fonts that have it.

    `fonts` is a list of (PIL font at MEASURE_SIZE, set of the characters it has)."""
    table = {}
    for char in chars:
        extents = [e for font, has in fonts if char in has for e in [glyph_extent(font, char)] if e]
        if extents:
            values = np.array(extents)
            table[char] = [round(float(v), 4) for v in np.concatenate([values.mean(0), values.std(0)])]
    return table


def save_table(table, folder):
    with open(os.path.join(folder, GEOMETRY_FILE), 'w', encoding='utf-8') as f:
        json.dump(table, f, ensure_ascii=False, separators=(',', ':'))


def load_table(folder):
    """The geometry table kept beside a checkpoint or dataset, with FACE_HEIGHT_SPREAD's spreads; None when
    there is none (older models)."""
    path = os.path.join(folder, GEOMETRY_FILE)
    if not os.path.isfile(path):
        return None
    with open(path, encoding='utf-8') as f:
        return with_face_spreads(json.load(f))


def with_face_spreads(table):
    """The table with the spreads of the top and bottom of each mark of FACE_HEIGHT_SPREAD at least its own."""
    for char, spread in FACE_HEIGHT_SPREAD.items():
        if char in table:
            table[char][TOP_SPREAD:BOTTOM_SPREAD + 1] = [max(value, spread)
                                                         for value in table[char][TOP_SPREAD:BOTTOM_SPREAD + 1]]
    return table


def fitted_line(extents, expected, weights):
    """(baseline, em) in pixels that best map each glyph's expected (top, bottom) in em onto its measured
    (top, bottom) in pixels; None when no glyph is confident enough."""
    rows, targets, w = [], [], []
    for (top, bottom, _), exp, weight in zip(extents, expected, weights):
        if exp is None or weight <= 0:
            continue
        rows += [[1.0, exp[0]], [1.0, exp[1]]]
        targets += [top, bottom]
        w += [weight, weight]
    if not rows:
        return None
    a, b, w = np.array(rows), np.array(targets), np.sqrt(np.array(w))
    (baseline, em), *_ = np.linalg.lstsq(a * w[:, None], b * w, rcond=None)
    return (baseline, em) if em >= MIN_EM else None


def geometry_log_likelihood(extent, geometry, baseline, em):
    """How well a glyph's measured (top, bottom, width) in pixels fits a character's geometry."""
    return float(log_likelihoods(extent, [geometry], baseline, em)[0])


def log_likelihoods(extent, geometries, baseline, em):
    """`geometry_log_likelihood` of one glyph under each of several characters' geometries at once
    (0 for a character the table lacks)."""
    known = [i for i, g in enumerate(geometries) if g is not None]
    out = np.zeros(len(geometries))
    if known:
        g = np.array([geometries[i] for i in known], dtype=float)
        expected = np.stack([baseline + em * g[:, 0], baseline + em * g[:, 1], em * g[:, WIDTH]], axis=1)
        spread = em * np.maximum(g[:, TOP_SPREAD:], MIN_SPREAD) + PIXEL_SPREAD
        out[known] = -0.5 * np.sum(((np.asarray(extent, dtype=float) - expected) / spread) ** 2, axis=1)
    return out


def line_fit(extents, candidates, probabilities, table):
    """The line's (baseline, em), fitted twice: once to its confident glyphs, then without the outliers."""
    expected = [table.get(c[0]) if c else None for c in candidates]
    weights = [p[0] if p and p[0] >= FIT_CONFIDENCE else 0.0 for p in probabilities]
    fit = fitted_line(extents, expected, weights)
    if fit is None:
        return None
    baseline, em = fit
    for i, (extent, exp) in enumerate(zip(extents, expected)):
        if exp and weights[i] and geometry_log_likelihood(extent, exp, baseline, em) < -0.5 * FIT_OUTLIER ** 2:
            weights[i] = 0.0
    return fitted_line(extents, expected, weights) or fit


def with_siblings(candidates, probabilities, charset):
    """A glyph's candidates and probabilities with the characters of the same shape as its top candidate
    (SAME_SHAPE) each given at least SIBLING_SHARE of the top probability, those the classifier left out
    added, and the rare ones (RARE_MARKS) made as much less likely: a centred ， (AR PL UMing) is no
    middle dot."""
    if not candidates:
        return candidates, probabilities
    shapes = ''.join(group for group in SAME_SHAPE if candidates[0] in group)
    missing = [c for c in dict.fromkeys(shapes) if c not in candidates and c in charset]
    probabilities = [p * RARE_MARKS.get(c, 1.0) for c, p in zip(candidates, probabilities)]
    share = SIBLING_SHARE * max(probabilities)
    probabilities = [max(p, share) if c in shapes else p for c, p in zip(candidates, probabilities)]
    return list(candidates) + missing, probabilities + [share] * len(missing)


def rescored(extents, candidates, probabilities, table):
    """Each glyph's candidates and probabilities, re-ranked by probability x geometric likelihood.

    `extents` are the glyphs' ink (top, bottom, width) in pixels, `candidates` their top-k characters
    (an empty list for a glyph that was not classified) and `probabilities` the classifier's."""
    fit = line_fit(extents, candidates, probabilities, table)
    if fit is None:
        return candidates, probabilities
    out_candidates, out_probabilities = [], []
    for extent, chars, probs in zip(extents, candidates, probabilities):
        # Ideographs nearly all fill the em: only a doubtful one (日 曰, 口 囗) is worth re-ranking.
        if not chars or probs[0] >= SURE_IDEOGRAPH and all(is_cjk(c) for c in chars):
            out_candidates.append(chars)
            out_probabilities.append(probs)
            continue
        scores = np.log(np.maximum(probs, 1e-12)) + log_likelihoods(extent, [table.get(c) for c in chars], *fit)
        posterior = np.exp(scores - scores.max())
        posterior = posterior / posterior.sum() * float(np.sum(probs))
        order = np.argsort(-posterior, kind='stable')
        out_candidates.append([chars[i] for i in order])
        out_probabilities.append([float(posterior[i]) for i in order])
    return out_candidates, out_probabilities


def is_cjk(char):
    """An ideograph (or another full-width letter or digit): what sets a line's text as Chinese."""
    return unicodedata.east_asian_width(char) in ('W', 'F') and char.isalnum()


def width_pairs(charset):
    """{mark: (half-width form, full-width form)} for the marks of which the charset has both forms."""
    present = set(charset)
    pairs = {}
    for char in charset:
        half = unicodedata.normalize('NFKC', char)
        if half != char and half in present and len(half) == 1:
            pairs[char] = pairs[half] = (half, char)
    return pairs


def width_form(chars, index, pairs):
    """The character at `index` in its full- or half-width form: full width beside an ideograph, half
    width elsewhere (， in 你好，世界, but , in a, b), since both forms have one shape."""
    if chars[index] not in pairs:
        return chars[index]
    half, full = pairs[chars[index]]
    neighbours = chars[max(0, index - 1):index] + chars[index + 1:index + 2]
    return full if any(is_cjk(c) for c in neighbours) else half
