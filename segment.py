"""Cuts an image of printed Chinese text into character boxes, in reading order.

Horizontal text, left to right, top to bottom, dark-on-light or light-on-dark. `segment` is the entry
point: it straightens the image (`deskewed`), finds the text lines (`text_lines`) and cuts each into
boxes (`line_boxes`) that a classifier reads one at a time (`crop`). Pure numpy and Pillow, working
on projection profiles rather than pixel by pixel.

A line is cut from its column runs of ink ("pieces"). Printed Chinese sets each character in a
square cell about as wide as the line is tall, one cell after the next, so:
- the line's whole ideographs (tall, square pieces) give the band the ideographs span, the typical
  character width, the pitch, and by their positions a grid of cells;
- a piece wider than a character is characters that touch, cut at the least ink near a cell edge;
- narrower pieces are joined into characters by the cheapest partition of each run (dynamic
  programming): a character costs more the further its width is from the typical one and its
  centre from the grid;
- Latin letters and digits are about half as wide, so two look like one ideograph; they are told
  apart by standing on a shared baseline above the band's bottom and by not spanning the band, and
  cost little alone but a lot glued together;
- small marks low on the line (，。、.) or in pairs (“ ”) are punctuation and never join a character,
  and so is a narrow stroke alone in its cell (！：；).
An optional classifier `score` settles the doubtful joins: those of Latin-looking or short pieces,
and of a sliver abutting a glyph (a thin face's stroke lost at the threshold leaves the tips of AR PL
UMing's 3 apart from it, read as a colon), joined only when it is sure of the two whole.
"""
import bisect
from dataclasses import dataclass
from typing import NamedTuple, Optional

import numpy as np
from PIL import Image


@dataclass(frozen=True)
class Box:
    """A character's pixels: columns [left, right), rows [top, bottom)."""
    left: int
    top: int
    right: int
    bottom: int
    kind: str  # 'char': a glyph to classify; 'punct': a small mark (，。、“ .) to keep but not classify


MIN_CONTRAST = 16            # grey levels between the darkest and brightest pixel for an image to hold ink
SKEW_ANGLES = np.arange(-3, 3.125, 0.25)  # degrees searched by `deskewed`
SKEW_SIDE = 1000             # the skew search looks at the ink mask shrunk to at most this many pixels a side
SKEW_STRIP = 16              # width of the vertical strips whose row profiles it shifts and adds
SKEW_GAIN = 1.005            # a tilt must sharpen the row profile this much to be worth resampling
SKEW_COVER = 0.5             # strips with ink on fewer rows than this x the most are left out of it

LINE_SPECK_INK = 0.01        # a run of inked rows with less ink than this x the most inked one is dirt,
LINE_SPECK_HEIGHT = 0.25     # and so is one less tall than this x the tallest;
LINE_FRAGMENTS = 1.2         # runs that together are no taller than this x the tallest are one line

SPECK_INK = 0.005            # a column run with less ink than this x (tallest run's height)², and
SPECK_SIZE = 0.15            # smaller than this x that height both ways, is dirt
TALL = 0.75                  # pieces this tall (x the tallest) span the line's ideographic band
SQUARE = (0.75, 1.3)         # widths (x band height) of pieces taken as whole characters when measuring
WHOLE = 0.88                 # and how tall (x the upper quartile of such) they are; Latin capitals are shorter
ANCHOR_SPREAD = 0.1          # glyphs this close (x character width) to the typical width set the cell grid
WIDTH_OF_HEIGHT = 0.95       # typical character width / band height when no whole character is seen
SPLIT_WIDTH = 1.5            # a run wider than this x character width is characters that touch,
TOUCH_WIDTH = 1.25           # one wider than this, a character touching a part of the next,
GRID_CUT_WIDTH = 1.1         # and one wider than this is cut where the grid of cells says, if it is known,
ONE_STROKE = 0.2             # unless it is no taller than this x band height: one stroke, as wide as 一 or —
CUT_WINDOW = 0.25            # how far (x character width) a cut may move from its expected column
CUT_MARGIN = 0.2             # and how near (x character width) it may come to the piece's ends
MERGE_WIDTH = 1.22           # pieces merged into one character are at most this x character width,
DOUBTFUL_MERGE_WIDTH = 1.15  # or this when they fall short of the band, or some look Latin or are marks,
INNER_GAP = 0.35             # and have no gap wider than this x band height between them (儿 has the widest)
SHARED_COLUMNS = 0.5         # components sharing this share of the narrower one's columns are one glyph (i, =, %)
KERNED = 0.2                 # glyphs sharing at most this share of the narrower's columns may be a wide capital and
                             # the letter tucked under its arm (Te), not the slash and rings of a %
LATIN_SQUARE = 0.5           # a square piece the classifier takes this surely for a Latin letter or digit (ke, ff,
                             # O) is no ideograph to measure the band on, in a line where some stand taller
MAX_PARTS = 6                # column runs in one character (州 has six)
MARK_SIZE = (0.4, 0.45)      # punctuation is less tall and wide than these x band height
MARK_LOW = 0.6               # a mark that starts this far down the band is ，。、 or a full stop,
MARK_SPACE = 0.1             # if followed by at least this much space (x band height)
MARK_GAP = 0.15              # marks this close (x band height) and together narrower than
ELLIPSIS_WIDTH = 1.1         # or, when they are dots of one size on one row, this x band height (…)
TWIN_WIDTH = 0.5             # this x band height are one (“)
NARROW_MARK = 0.2            # a stroke narrower than this x band height,
ALONE_GAP = 0.3              # with this much space (x band height) on both sides, is ！：；
NARROW = 0.7                 # pieces narrower than this x character width may be Latin glyphs
BASELINE_SPAN = (0.6, 0.05)  # the Latin baseline is this far down the band, and this far above its bottom
VOTER_WIDTH = 1.0            # pieces narrower than this x character width vote for it (m, H, but not TT),
BASELINE_VOTES = 3           # narrow glyphs ending on one row that make it the baseline (羽 has two)
BASELINE_SLACK = 0.04        # how far (x band height) a glyph's bottom may be from the baseline
CAP_LINE = 0.04              # Latin capitals and digits start at least this x band height below its top
X_HEIGHT = (0.2, 0.5)        # lower-case letters start this far (x band height) below the band's top
DESCENDER = 0.1              # and descenders reach at least this x band height below the baseline
SLIVER = 0.2                 # x band height: a part narrower than this that abuts a glyph may be its part (the tips
                             # of a 3's arcs in AR PL UMing at 23-28 px are 0.1-0.16; an r in Droid Sans Fallback 0.3)
SURE_ABUTTING = 0.9          # and is joined to it only when the classifier is this sure of the two whole
OPERATOR_CLEAR = 0.15        # a glyph this far (x band height) clear of the band's top and the baseline,
OPERATOR_WIDTH = 0.25        # and this wide (x band height), is an operator or a dash (+ = -), not a dot
BELOW_BAND = 0.08            # narrow glyphs reaching this far (x band height) below the band are Latin (j ( |)
BAND_REACH = 0.07            # pieces reaching this close (x band height) to its top and bottom span the band
PITCH_OF_WIDTH = 1.1         # distance from one character to the next / character width, when unmeasured
PHASE_REACH = 4              # whole glyphs up to this many cells away set the grid a character should sit on
PHASE_WEIGHT = 4.0           # x (cells off that grid)², the cost of a character off the grid
WIDTH_WEIGHT = 4.0           # x (width error / character width)², the cost of a character of the wrong width
LATIN_COST = 0.1             # cost of a Latin letter or digit as a glyph of its own
SHORT_COST = 0.5             # cost of a glyph short of the band: a mark, or a part such as 口 in 叫
FOREIGN_GLUE = 1.5           # extra cost of a character made of pieces that all look Latin or are marks,
MIXED_GLUE = 0.3             # of one where only some do,
WORD_GLUE = 1.0              # or of one taking a letter off a Latin word,
BRACKET_WIDTH = 0.25         # x band height: pieces narrower than this beside a Latin word are brackets (（ is 0.2)
SHORT_GLUE = 0.3             # or of one falling short of the band
PAIR_WIDTH = 0.45            # x band height: a glyph short of the band this wide may be two letters that touch (rn, fi, yt)
PAIR_CUTS = 2                # columns of least ink tried as the place two such letters meet
PAIR_GAIN = 0.3              # the classifier must be this much surer, on average, of the two letters than of one
SURE_HALF = 0.9              # and, of a glyph spanning the band, of each half being a letter or digit,
RUN_TOGETHER = 1.2           # unless it is wider than this x character width, as no ideograph is (blurred 39 in
                             # Liberation Sans beside AR PL UMing at 17 px: 1.3)


class Piece(NamedTuple):
    """A run of inked columns in a line band: columns [left, right), rows [top, bottom), ink pixels."""
    left: int
    right: int
    top: int
    bottom: int
    ink: int

    @property
    def width(self):
        return self.right - self.left

    @property
    def height(self):
        return self.bottom - self.top


class Band(NamedTuple):
    """A line's measures, in pixels of its band: the rows its ideographs span, the typical character
    width, the distance from one character to the next, the row Latin letters stand on (None when
    the line shows no run of Latin text), and where whole ideographs are, which sets the cell grid."""
    top: float
    bottom: float
    width: float
    pitch: float
    baseline: Optional[int]
    anchors: tuple  # centres of the glyphs that are ideographs by themselves, left to right

    @property
    def height(self):
        return self.bottom - self.top


def otsu_threshold(gray):
    """The grey level t that best splits the histogram into pixels <= t and pixels > t."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    below = np.cumsum(hist)
    above = below[-1] - below
    mass = np.cumsum(hist * np.arange(256))
    with np.errstate(divide='ignore', invalid='ignore'):
        spread = below * above * (mass / below - (mass[-1] - mass) / above) ** 2
    return int(np.nanargmax(spread))


def ink_mask(gray):
    """Bool mask of ink for a uint8 grayscale image of either polarity."""
    gray = np.asarray(gray, dtype=np.uint8)
    if int(gray.max()) - int(gray.min()) < MIN_CONTRAST:
        return np.zeros(gray.shape, bool)
    light = gray > otsu_threshold(gray)
    border = np.concatenate([light[0], light[-1], light[:, 0], light[:, -1]]).mean()
    # The border is background; a crop whose border is half ink falls back to ink being the minority.
    light_background = border > 0.5 or (border == 0.5 and light.mean() > 0.5)
    return ~light if light_background else light


def shrunk(mask, side):
    """`mask` reduced by an integer factor (a cell is ink if any of its pixels is) to at most `side`
    pixels a side."""
    factor = -(-max(mask.shape) // side)
    if factor == 1:
        return mask
    height, width = mask.shape[0] // factor * factor, mask.shape[1] // factor * factor
    return mask[:height, :width].reshape(height // factor, factor, width // factor, factor).any(axis=(1, 3))


def skew_angle(mask):
    """Degrees to rotate (counter-clockwise, as PIL does) to make the text lines of `mask` horizontal:
    of -3° to 3° in 0.25° steps, the one giving the sharpest row profile (largest sum of squares)."""
    mask = shrunk(mask, SKEW_SIDE)
    height, width = mask.shape
    strips = width // SKEW_STRIP
    if strips < 2 or not mask.any():
        return 0.0
    # Which rows of each vertical strip hold ink: that fills the gaps between strokes, so each line is
    # a solid bar whose rows line up only at the right angle; otherwise the strokes of a short line
    # pull the profile their own way. The strips' profiles are then shifted by how far the angle
    # moves their rows, and summed.
    centres = (np.arange(strips) + 0.5) * SKEW_STRIP - strips * SKEW_STRIP / 2
    profiles = mask[:, :strips * SKEW_STRIP].reshape(height, strips, SKEW_STRIP).any(axis=2).T
    # Only strips with ink down much of their height: in a short line, strips holding just a mark or
    # lower-case letters can make a tilt it does not have look sharper.
    cover = profiles.sum(axis=1)
    deep = cover >= SKEW_COVER * cover.max()
    profiles, centres = profiles[deep], centres[deep]
    shifts = np.rint(np.tan(np.deg2rad(SKEW_ANGLES))[:, None] * centres).astype(np.int64)
    shifts -= shifts.min()
    span = height + int(shifts.max())
    rows = np.arange(height) - shifts[:, :, None] + span * np.arange(len(SKEW_ANGLES))[:, None, None]
    rows += int(shifts.max())
    summed = np.bincount(rows.ravel(), weights=np.broadcast_to(profiles, rows.shape).ravel(),
                         minlength=span * len(SKEW_ANGLES)).reshape(len(SKEW_ANGLES), span)
    sharpness = (summed ** 2).sum(axis=1)
    best = int(np.argmax(sharpness))
    unrotated = int(np.argmin(np.abs(SKEW_ANGLES)))
    return 0.0 if sharpness[best] < SKEW_GAIN * sharpness[unrotated] else float(SKEW_ANGLES[best])


def deskewed(gray):
    """The image rotated by `skew_angle` to undo a small (up to 3°) skew, enlarged to keep its corners,
    which are filled with the background's grey; the image itself when it is straight."""
    gray = np.asarray(gray, dtype=np.uint8)
    angle = skew_angle(ink_mask(gray))
    if angle == 0:
        return gray
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    rotated = Image.fromarray(gray).rotate(angle, resample=Image.BILINEAR, expand=True,
                                           fillcolor=int(np.median(border)))
    return np.asarray(rotated)


def runs(flags):
    """(starts, ends) of the runs of True in a 1-d bool array, ends exclusive."""
    edges = np.diff(np.concatenate([[0], flags.astype(np.int8), [0]]))
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def text_lines(mask):
    """(top, bottom) of each text line, top to bottom, bottom exclusive; specks are left out."""
    profile = np.asarray(mask).sum(axis=1)
    starts, ends = runs(profile > 0)
    if starts.size == 0:
        return []
    ink = np.add.reduceat(profile, starts)
    keep = ink >= LINE_SPECK_INK * ink.max()
    lines = []
    tallest = int((ends - starts)[keep].max())
    for top, bottom in zip(starts[keep], ends[keep]):
        # A line whose rows have a blank gap (二, 三) comes as fragments that together are no taller than a line.
        if lines and bottom - lines[-1][0] <= LINE_FRAGMENTS * tallest:
            lines[-1] = (lines[-1][0], int(bottom))
        else:
            lines.append((int(top), int(bottom)))
    return [(top, bottom) for top, bottom in lines if bottom - top >= LINE_SPECK_HEIGHT * tallest]


def pieces_of(band):
    """The column runs of ink in a line band, specks left out."""
    columns = band.sum(axis=0)
    starts, ends = runs(columns > 0)
    if starts.size == 0:
        return []
    ink = np.add.reduceat(columns, starts)
    rows = np.logical_or.reduceat(band, starts, axis=1)
    tops = rows.argmax(axis=0)
    bottoms = band.shape[0] - rows[::-1].argmax(axis=0)
    pieces = [Piece(*map(int, p)) for p in zip(starts, ends, tops, bottoms, ink)]
    tallest = max(p.height for p in pieces)
    kept = [p.ink >= SPECK_INK * tallest ** 2 or max(p.width, p.height) >= SPECK_SIZE * tallest for p in pieces]
    return [p for i, p in enumerate(pieces) if kept[i] or is_middle_dot(pieces, kept, i, tallest)]


def is_middle_dot(pieces, kept, i, tallest):
    """Whether speck i stands on one row between two kept dots, an ellipsis's width apart (ELLIPSIS_WIDTH x
    the `tallest` piece): a face may draw an ellipsis's middle dot thinner than its ends (AR PL SungtiL at 32
    px: 4 pixels of ink to their 7), which alone would pass for dirt."""
    if not 0 < i < len(pieces) - 1 or not kept[i - 1] or not kept[i + 1]:
        return False
    dots = pieces[i - 1:i + 2]
    return (dots[2].right - dots[0].left < ELLIPSIS_WIDTH * tallest
            and all(d.height < MARK_SIZE[0] * tallest and d.width < MARK_SIZE[1] * tallest for d in dots)
            and max(d.top for d in dots) < min(d.bottom for d in dots))


def components(ink):
    """The 8-connected components of a bool image as Pieces (columns, rows, pixels), left to right."""
    framed = np.zeros((ink.shape[0] + 2, ink.shape[1]), np.int8)
    framed[1:-1] = ink
    edges = np.diff(framed, axis=0).T
    columns, starts = np.nonzero(edges == 1)
    ends = np.nonzero(edges == -1)[1]
    parent = list(range(len(starts)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    first = np.searchsorted(columns, np.arange(ink.shape[1] + 1)).tolist()
    columns, starts, ends = columns.tolist(), starts.tolist(), ends.tolist()
    for x in range(1, ink.shape[1]):
        for i in range(first[x], first[x + 1]):
            for j in range(first[x - 1], first[x]):
                if starts[i] <= ends[j] and starts[j] <= ends[i]:  # touching, diagonals included
                    parent[root(i)] = root(j)
    found = {}
    for i in range(len(starts)):
        left, right, top, bottom, pixels = found.get(root(i), (columns[i], 0, starts[i], 0, 0))
        found[root(i)] = (min(left, columns[i]), max(right, columns[i] + 1), min(top, starts[i]),
                          max(bottom, ends[i]), pixels + ends[i] - starts[i])
    return sorted(Piece(*c) for c in found.values())


def united(a, b):
    return Piece(min(a.left, b.left), max(a.right, b.right), min(a.top, b.top), max(a.bottom, b.bottom),
                 a.ink + b.ink)


def glyphs_apart(band, piece, line):
    """The piece as the glyphs it holds that only share columns, not ink: an f's hook over the next
    letter, a j's under the one before, a slash leaning over a digit. Its connected components are
    grouped by the columns they share, so an i keeps its dot, = its bars and % its circles. Only
    when one of them looks Latin and all are narrow, but for a wide capital with a letter under its arm
    (is_kerned): the parts of an ideograph (亻 and 门 of 们, 讠 and 正 of 证) are left to `cells`, and
    ideographs that touch to `split_touching`."""
    # Only Latin glyphs are worth it: an ideograph by itself, or a line with no baseline and nothing
    # reaching below the band, has none.
    if is_whole(piece, line) or line.baseline is None and piece.bottom < line.bottom + BELOW_BAND * line.height:
        return [piece]
    glyphs = []
    for part in components(band[:, piece.left:piece.right]):
        last = glyphs[-1] if glyphs else None
        if last and min(last.right, part.right) - part.left >= SHARED_COLUMNS * min(part.width, last.width):
            glyphs[-1] = united(last, part)
        else:
            glyphs.append(part)
    if not any(is_latin(g, line) for g in glyphs) or \
            any(g.width >= NARROW * line.width and not is_kerned(g, glyphs, line) for g in glyphs):
        return [piece]
    return [g._replace(left=piece.left + g.left, right=piece.left + g.right) for g in glyphs]


def is_kerned(glyph, glyphs, line):
    """Whether a wide one of a piece's glyphs is a capital (T W) that the next letter tucks under (Te):
    it looks Latin, the glyphs together fall short of the band (版 of AR PL SungtiL spans it, its 反 on
    the baseline), and it shares no more than KERNED x the narrower's columns with either neighbour,
    where the slash of a % runs over its rings."""
    at = glyphs.index(glyph)
    beside = glyphs[max(0, at - 1):at] + glyphs[at + 1:at + 2]
    return is_latin(glyph, line) and not spans_band(glyphs, line) and all(
        min(glyph.right, g.right) - max(glyph.left, g.left) <= KERNED * min(glyph.width, g.width) for g in beside)


def band_of(pieces, latin=()):
    """The line's ideographic band, typical character width and Latin baseline, measured on its pieces
    (of which those in `latin` are known to be Latin glyphs, not ideographs)."""
    tall, square, upper_quartile = squares_of(pieces, latin)
    whole = [p for p in square if p.height >= WHOLE * upper_quartile] or tall
    top = float(np.median([p.top for p in whole]))
    bottom = float(np.median([p.bottom for p in whole]))
    height = bottom - top
    glyphs = [p for p in whole if SQUARE[0] * height <= p.width <= SQUARE[1] * height]
    width = float(np.median([p.width for p in glyphs])) if glyphs else WIDTH_OF_HEIGHT * height
    # Anchors for the grid are glyphs of the typical width, not characters touching a neighbour's part.
    glyphs = [p for p in glyphs if abs(p.width - width) <= ANCHOR_SPREAD * width]
    return Band(top, bottom, width, pitch_of(glyphs, width), latin_baseline(pieces, top, bottom, width),
                tuple((p.left + p.right) / 2 for p in glyphs))


def squares_of(pieces, latin=()):
    """(tall pieces, those roughly square, the upper quartile of their heights): whole ideographs are
    tall and roughly square; Latin capitals are narrower, or shorter (T, M)."""
    tallest = max(p.height for p in pieces)
    tall = [p for p in pieces if p.height >= TALL * tallest]
    square = [p for p in tall if p.width >= SQUARE[0] * p.height and p not in latin]
    return tall, square, np.percentile([p.height for p in square], 75) if square else 0


def latin_squares(pieces, band, score):
    """The square pieces that `score` takes for Latin letters or digits (touching pairs such as ke or
    ff, capitals such as O and M), when some square pieces stand taller than the upper quartile of all
    allows for: in a line of mostly Latin text they, not the few ideographs, set that quartile."""
    _, square, upper_quartile = squares_of(pieces)
    if not square or max(p.height for p in square) * WHOLE <= upper_quartile:
        return []
    shorter = [p for p in square if p.height * WHOLE < max(q.height for q in square)]
    sure = score([glyph_crop(band, [p]) for p in shorter], letters=True)
    return [p for p, s in zip(shorter, sure) if s >= LATIN_SQUARE]


def measured_band(pieces, band, score=None):
    """band_of the line's pieces; with `score`, measured again without the square pieces it takes for
    Latin glyphs (latin_squares) when the ideographs left stand clearly taller (by 1 / WHOLE): a
    pixel either way would only move the cuts."""
    line = band_of(pieces)
    latin = latin_squares(pieces, band, score) if score is not None else []
    if not latin:
        return line
    ideographic = band_of(pieces, latin)
    return ideographic if ideographic.bottom - ideographic.top >= (line.bottom - line.top) / WHOLE else line


def pitch_of(glyphs, width):
    """The distance from one character's centre to the next, measured between whole glyphs."""
    steps = np.diff([(p.left + p.right) / 2 for p in glyphs])
    cells = np.rint(steps / (PITCH_OF_WIDTH * width))
    near = (cells >= 1) & (cells <= PHASE_REACH)
    return float(np.median(steps[near] / cells[near])) if near.any() else PITCH_OF_WIDTH * width


def latin_baseline(pieces, top, bottom, width):
    """The row that runs of narrow pieces end on a little above the bottom of the band [top, bottom),
    if enough do: Latin letters and digits stand on a baseline there."""
    height = bottom - top
    slack = baseline_slack(height)
    # Voters start below the band's top, as capitals, digits and lower case do, and end level with a
    # neighbour that starts below it too, narrow or not: blurred, letters and digits run together (SO, 50)
    # wider than one glyph. Parts of ideographs seldom do both.
    standing = [p.top >= top + CAP_LINE * height
                and top + BASELINE_SPAN[0] * height <= p.bottom <= bottom - BASELINE_SPAN[1] * height for p in pieces]
    voter = [s and p.width < VOTER_WIDTH * width for s, p in zip(standing, pieces)]
    bottoms = [p.bottom for i, p in enumerate(pieces) if voter[i] and any(
        standing[j] and abs(pieces[j].bottom - p.bottom) <= slack for j in (i - 1, i + 1) if 0 <= j < len(pieces))]
    if len(bottoms) < BASELINE_VOTES:
        return None
    near = np.convolve(np.bincount(bottoms), np.ones(2 * slack + 1), mode='same')
    row = int(np.argmax(near))
    if near[row] < BASELINE_VOTES:
        return None
    return int(np.median([b for b in bottoms if abs(b - row) <= slack]))


def baseline_slack(height):
    """Pixels a Latin glyph's bottom may stray from the baseline (round letters overshoot it)."""
    return int(np.ceil(BASELINE_SLACK * height))


def piece_at(band, left, right):
    """The Piece covering columns [left, right) of a line band."""
    rows = np.flatnonzero(band[:, left:right].any(axis=1))
    return Piece(left, right, int(rows[0]), int(rows[-1]) + 1, int(band[:, left:right].sum()))


def cell_edges(piece, line):
    """Columns inside the piece (relative to its left) where character cells meet, on the grid of the
    nearest whole ideograph outside it, or None when none is near enough to trust its grid."""
    centre = (piece.left + piece.right) / 2
    reach = PHASE_REACH * line.pitch + piece.width / 2
    near = [a for a in line.anchors if piece.width / 2 < abs(a - centre) <= reach]
    if not near:
        return None
    anchor = min(near, key=lambda a: abs(a - centre))
    margin = CUT_MARGIN * line.width
    first = np.ceil((piece.left + margin - anchor) / line.pitch - 0.5)
    edges = anchor + (np.arange(first, first + piece.width / line.pitch + 1) + 0.5) * line.pitch
    return [int(round(e)) - piece.left for e in edges if piece.left + margin <= e <= piece.right - margin]


def split_touching(band, piece, line):
    """The piece cut into the characters it holds, at the columns of least ink near where one would
    end and the next begin (on the grid of cells when it is known); [piece] when it is no wider than
    one character, or is one flat stroke no wider than a character touching a part of the next (AR PL
    SungtiL's 一, wider than the typical character, was cut in two by the grid: -—)."""
    if piece.width <= GRID_CUT_WIDTH * line.width or \
            piece.width <= TOUCH_WIDTH * line.width and piece.height <= ONE_STROKE * line.height:
        return [piece]
    profile = band[:, piece.left:piece.right].sum(axis=0)
    edges = cell_edges(piece, line)
    if not edges and piece.width <= TOUCH_WIDTH * line.width:
        return [piece]
    if not edges and piece.width <= SPLIT_WIDTH * line.width:
        # A character with a part of the next, at either end: cut at the end with less ink.
        edges = [min((int(line.width), int(piece.width - line.width)), key=lambda edge: profile[edge])]
    elif not edges:
        # n touching characters span (n - 1) pitches plus one character width.
        parts = max(2, int(round((piece.width - line.width) / line.pitch)) + 1)
        step = (piece.width - line.width) / (parts - 1)
        edges = [int(round(k * step + (line.width - step) / 2)) for k in range(1, parts)]
    reach = int(CUT_WINDOW * line.width)
    cuts = [0]
    for edge in edges:
        lo, hi = max(cuts[-1] + 1, edge - reach), min(piece.width - 1, edge + reach + 1)
        if lo < hi:
            # Ties go to the column nearest the expected edge.
            cuts.append(lo + int(np.argmin(profile[lo:hi] + np.abs(np.arange(lo, hi) - edge) * 1e-3)))
    cuts.append(piece.width)
    return [piece_at(band, piece.left + a, piece.left + b) for a, b in zip(cuts, cuts[1:])]


def is_small(piece, line):
    """Small enough to be a punctuation mark or a dot (a lower-case o is taller, a hyphen is not wider)."""
    return piece.height < MARK_SIZE[0] * line.height and piece.width < MARK_SIZE[1] * line.height


def is_low_mark(piece, gap_after, line):
    """A small mark low on the line (，。、.) with space after it: punctuation, never part of a
    character. The low dot of 心 touches what follows; marks higher up (“ ：, and in old-style fonts a
    centred 。) look like the dots of 忄, 门 and 小 and are left to `cells`."""
    return (is_small(piece, line) and piece.top >= line.top + MARK_LOW * line.height
            and gap_after >= MARK_SPACE * line.height)


def is_punct(group, line, gap_before, gap_after):
    """Whether a character's pieces are a punctuation mark: small, or a narrow stroke alone in a
    full-width cell (！ ： ；)."""
    if all(is_small(p, line) for p in group):
        return True
    width = group[-1].right - group[0].left
    alone = min(gap_before, gap_after) >= ALONE_GAP * line.height
    return width < NARROW_MARK * line.height and not spans_band(group, line) and alone


def spans_band(group, line):
    """Whether the pieces reach both the top and the bottom of the ideographic band: every ideograph
    does, Latin letters, digits and punctuation don't."""
    reach = BAND_REACH * line.height
    return (min(p.top for p in group) <= line.top + reach
            and max(p.bottom for p in group) >= line.bottom - reach)


def is_latin(piece, line):
    """A piece short of the band standing on the Latin baseline (a letter or digit), hanging below
    it from the x-height (y, p, g), floating in the middle of a line with Latin text (+ = -), or a
    narrow one reaching well below the band (j, (, |), as no part of an ideograph does."""
    if piece.bottom >= line.bottom + BELOW_BAND * line.height and piece.width < NARROW * line.width:
        return True
    if line.baseline is None or spans_band([piece], line):
        return False
    # + = - float between the x-height and the baseline, clear of both ends of the band.
    operator = (piece.top >= line.top + OPERATOR_CLEAR * line.height
                and piece.bottom <= line.baseline - OPERATOR_CLEAR * line.height
                and piece.width >= OPERATOR_WIDTH * line.height)
    if operator or is_small(piece, line):
        return operator
    on_baseline = (abs(piece.bottom - line.baseline) <= baseline_slack(line.height)
                   and piece.bottom <= line.bottom - BASELINE_SLACK * line.height)
    descender = (X_HEIGHT[0] * line.height <= piece.top - line.top <= X_HEIGHT[1] * line.height
                 and piece.bottom >= line.baseline + DESCENDER * line.height)
    return on_baseline or descender


def can_join(group, doubtful, line):
    """Whether the pieces are close and narrow enough together to be one character (`doubtful`: whether
    they might rather be Latin letters or marks)."""
    inner_gap = max(b.left - a.right for a, b in zip(group, group[1:]))
    widest = DOUBTFUL_MERGE_WIDTH if doubtful else MERGE_WIDTH
    return group[-1].right - group[0].left <= widest * line.width and inner_gap <= INNER_GAP * line.height


def cell_cost(group, latin, line):
    """How unlike one glyph the consecutive pieces `group` are (`latin`: which of them look Latin)."""
    width = group[-1].right - group[0].left
    full = spans_band(group, line)
    if len(group) == 1 and latin[0]:
        return LATIN_COST
    if len(group) == 1:
        return WIDTH_WEIGHT * ((width - line.width) / line.width) ** 2 if full else SHORT_COST
    # Two Latin letters are about as wide as one ideograph; only their height and baseline tell them
    # apart. A part of an ideograph may sit on the baseline (日 in 明) or be a dot (小), and brush-style
    # ideographs may fall short of the band, so those cost less.
    foreign = [is_latin or is_small(p, line) for p, is_latin in zip(group, latin)]
    if not can_join(group, any(foreign) or not full, line):
        return np.inf
    glue = FOREIGN_GLUE if all(foreign) else MIXED_GLUE if any(foreign) else 0.0 if full else SHORT_GLUE
    return WIDTH_WEIGHT * ((width - line.width) / line.width) ** 2 + glue


def is_whole(piece, line):
    """A piece that is an ideograph by itself: spanning the band, of the typical width."""
    return spans_band([piece], line) and abs(piece.width - line.width) <= ANCHOR_SPREAD * line.width


def phase_cost(run, begin, end, anchors, latin_before, line):
    """How far the centre of run[begin:end], read as an ideograph, is off the grid of character
    cells set by the nearest whole glyph on either side of it (`anchors`: their indices in `run`,
    ascending; `latin_before[i]`: Latin pieces in run[:i], which break the grid)."""
    at = bisect.bisect_left(anchors, begin)
    sides = [a for a in anchors[max(0, at - 1):at] if latin_before[a + 1] == latin_before[begin]]
    at = bisect.bisect_left(anchors, end)
    sides += [a for a in anchors[at:at + 1] if latin_before[a] == latin_before[end]]
    centre = (run[begin].left + run[end - 1].right) / 2
    offsets = [(centre - (run[a].left + run[a].right) / 2) / line.pitch for a in sides]
    offsets = [o for o in offsets if abs(o) <= PHASE_REACH]
    if not offsets:
        return 0.0
    nearest = min(offsets, key=abs)
    return PHASE_WEIGHT * (nearest - round(nearest)) ** 2


def word_cost(run, latin, begin, end, line):
    """The extra cost of a character of pieces run[begin:end] that are not all Latin but take a Latin
    letter off the end of a Latin word: "(s" of "(suffix", "n）" of "injection）". The letter belongs
    to the word when it is nearer to the word's next letter than to the rest of the character (the 口
    of 和 before "NumPy" is nearer to its 禾)."""
    if end - begin < 2 or all(latin[begin:end]):
        return 0.0
    # Beside a bracket the letter belongs to its word however near the two are: a full-width （ sets
    # its ink at the side of its cell, next to the letter.
    bracket = all(run[i].width < BRACKET_WIDTH * line.height for i in range(begin, end) if not latin[i])
    cuts_before = (latin[begin] and begin > 0 and latin[begin - 1]
                   and (bracket or gap(run[begin - 1], run[begin]) < gap(run[begin], run[begin + 1])))
    cuts_after = (latin[end - 1] and end < len(run) and latin[end]
                  and (bracket or gap(run[end - 1], run[end]) < gap(run[end - 2], run[end - 1])))
    return WORD_GLUE if cuts_before or cuts_after else 0.0


def gap(a, b):
    return b.left - a.right


def cells(run, line):
    """`run` (pieces with no punctuation between them) partitioned into characters, by the cheapest
    sequence of `cell_cost`s and `phase_cost`s."""
    latin = [is_latin(p, line) for p in run]
    latin_before = np.concatenate([[0], np.cumsum(latin)])
    anchors = [i for i, p in enumerate(run) if is_whole(p, line)]
    best = [0.0] + [np.inf] * len(run)
    start = [0] * (len(run) + 1)
    for end in range(1, len(run) + 1):
        for begin in range(max(0, end - MAX_PARTS), end):
            group = run[begin:end]
            cost = best[begin] + cell_cost(group, latin[begin:end], line) + word_cost(run, latin, begin, end, line)
            if cost < best[end] and (len(group) > 1 or spans_band(group, line)):  # read as an ideograph
                cost += phase_cost(run, begin, end, anchors, latin_before, line)
            if cost < best[end]:
                best[end], start[end] = cost, begin
    groups, end = [], len(run)
    while end:
        groups.append(run[start[end]:end])
        end = start[end]
    return groups[::-1]


def units(pieces, line):
    """The pieces, in order, as (pieces, is_mark): each a punctuation mark or a single piece.

    A mark is small and either sits low on the line (，。、.) or is printed as two strokes side by side
    (“ ”) or three dots in a row (…) higher up. A lone small stroke elsewhere may be punctuation or a dot of 忄, 门 or 小; `cells` decides."""
    found = []
    for piece, after in zip(pieces, pieces[1:] + [None]):
        if found and is_small(piece, line) and all(is_small(p, line) for p in found[-1][0]):
            marks = found[-1][0] + [piece]
            width = marks[-1].right - marks[0].left
            slack = baseline_slack(line.height)
            dots = all(abs(p.top - marks[0].top) <= slack and abs(p.height - marks[0].height) <= slack
                       for p in marks)
            # Low dots side by side are full stops (...); an ellipsis set low is read as one then.
            if (piece.left - marks[-2].right <= MARK_GAP * line.height
                    and piece.top < line.top + MARK_LOW * line.height
                    and (width < TWIN_WIDTH * line.height or dots and width < ELLIPSIS_WIDTH * line.height)):
                found[-1] = (marks, True)
                continue
        gap_after = np.inf if after is None else after.left - piece.right
        found.append(([piece], is_low_mark(piece, gap_after, line)))
    return found


def grouped(pieces, line):
    """The pieces of a line gathered into characters, each (pieces, kind), left to right."""
    groups, run = [], []
    for unit, is_mark in units(pieces, line) + [([], True)]:  # an empty mark ends the last run
        if is_mark:
            groups += cells(run, line) + ([unit] if unit else [])
            run = []
        else:
            run += unit
    lefts = [g[0].left for g in groups] + [np.inf]
    rights = [-np.inf] + [g[-1].right for g in groups]
    return [(g, 'punct' if is_punct(g, line, g[0].left - rights[i], lefts[i + 1] - g[-1].right) else 'char')
            for i, g in enumerate(groups)]


def is_doubtful(group, line):
    """Whether the pieces' shape leaves it open if they are one character or several glyphs: they
    fall short of the band (digits), or, in a line with Latin text, some look Latin or are marks. In
    a line of Chinese a small piece beside a tall one is a dot of 忄 or 冫, not worth a classifier run."""
    return not spans_band(group, line) or line.baseline is not None and any(
        is_latin(p, line) or is_small(p, line) for p in group)


def glyph_crop(band, group, pad=2):
    """White-on-black uint8 pixels of the pieces `group` in a line band, with `pad` blank pixels round."""
    top, bottom = min(p.top for p in group), max(p.bottom for p in group)
    ink = band[top:bottom, group[0].left:group[-1].right]
    return np.pad(ink.astype(np.uint8) * 255, pad)


def prefers_whole(groups, band, score):
    """For each group of pieces, whether the classifier is surer of it whole than, on average, of its
    pieces one by one; one call to `score` for all of them."""
    return [whole > parts for whole, parts in whole_and_parts(groups, band, score)]


def whole_and_parts(groups, band, score):
    """For each group of pieces, (the classifier's confidence in it whole, its mean confidence in the
    pieces one by one); one call to `score` for all of them."""
    crops = [glyph_crop(band, part) for g in groups for part in [g] + [[p] for p in g]]
    confidences = iter(score(crops)) if crops else iter(())
    out = []
    for g in groups:
        whole = next(confidences)
        out.append((whole, np.mean([next(confidences) for _ in g])))
    return out


def split_by_score(groups, band, line, score):
    """`groups` with each character of Latin glyphs split up, and each doubtful character of several
    pieces too unless `score` prefers it whole."""
    doubtful = [i for i, (g, kind) in enumerate(groups) if kind == 'char' and len(g) > 1 and is_doubtful(g, line)
                and not is_latin_run(g, line)]
    whole = dict(zip(doubtful, prefers_whole([groups[i][0] for i in doubtful], band, score)))
    split = []
    for i, (g, kind) in enumerate(groups):
        if whole.get(i, not is_latin_run(g, line)):
            split.append((g, kind))
        else:
            split += [([p], 'punct' if is_small(p, line) else 'char') for p in g]
    return split


def is_latin_run(group, line):
    """Whether pieces are Latin glyphs side by side, never one character: each looks Latin and together
    they fall short of the ideographic band (f i r are not 斤, o n is not m; 讠 and 舌 reach both ends)."""
    return len(group) > 1 and all(is_latin(p, line) for p in group) and not spans_band(group, line)


def joined_by_score(groups, band, line, score):
    """`groups` with neighbouring single-piece glyphs joined where they could be one character, look
    doubtful, and `score` prefers them joined."""
    def candidate(i):
        (a, kind_a), (b, kind_b) = groups[i], groups[i + 1]
        return (kind_a == kind_b == 'char' and len(a) == len(b) == 1 and can_join(a + b, True, line)
                and is_doubtful(a + b, line) and not is_latin_run(a + b, line))
    candidates = [i for i in range(len(groups) - 1) if candidate(i)]
    pairs = [groups[i][0] + groups[i + 1][0] for i in candidates]
    whole = dict(zip(candidates, prefers_whole(pairs, band, score)))
    joined, i = [], 0
    while i < len(groups):
        if whole.get(i):
            joined.append((groups[i][0] + groups[i + 1][0], 'char'))
            i += 2
        else:
            joined.append(groups[i])
            i += 1
    return joined


def joined_overlaps_by_score(groups, band, line, score):
    """`groups` with each run of glyphs that overhang one another (`overhanging_runs`) joined into one
    character where `score` prefers it whole: AR PL fonts draw the circles of % apart from its slash
    and the tip of a y or w apart from its arm, and glyphs_apart, which must keep an f's hook from the
    next letter, cuts them. A run joined where a sliver only abuts its glyph must also be read surely
    whole (SURE_ABUTTING): a digit's side may be cut off as a sliver too, and 1 and 1 with it read 讧."""
    runs = [r for r in overhanging_runs(groups, line)
            if can_join([p for g, _ in groups[r[0]:r[1]] for p in g], True, line)]
    scores = whole_and_parts([[p for g, _ in groups[a:b] for p in g] for a, b in runs], band, score) if runs else []
    joined, at = [], 0
    for (begin, end), (whole, parts) in zip(runs, scores):
        abutting = any(groups[i][0][0].left >= groups[i - 1][0][0].right for i in range(begin + 1, end))
        if whole > parts and (whole >= SURE_ABUTTING or not abutting):
            joined += groups[at:begin] + [([p for g, _ in groups[begin:end] for p in g], 'char')]
            at = end
    return joined + groups[at:]


def overhanging_runs(groups, line):
    """(begin, end) of each run of two or more single-piece glyphs in which each shares columns with
    the next, or abuts it where one of the two is a sliver: marks too, as the loose tip of a y or w is
    cut as one (fifty·, window’s), and a thin face's stroke may be lost at the threshold between a
    part and its glyph (the dark tips of a 3's arcs in AR PL UMing at 23 px, read as a colon)."""
    runs, begin = [], 0
    for i in range(1, len(groups) + 1):
        overhangs = i < len(groups) and all(len(g) == 1 for g, _ in groups[i - 1:i + 1]) \
            and is_overhanging(groups[i - 1][0][0], groups[i][0][0], line)
        if not overhangs:
            if i - begin > 1:
                runs.append((begin, i))
            begin = i
    return runs


def is_overhanging(a, b, line):
    """Whether piece b, right of piece a, shares columns with it, or abuts it where one of them is a
    sliver (narrower than SLIVER x the band): the parts of one glyph that the threshold parted (letters
    that abut, as r and m do, are two)."""
    return b.left < a.right or b.left == a.right and min(a.width, b.width) < SLIVER * line.height


def pair_cuts(band, piece):
    """The PAIR_CUTS columns (from the piece's left) of least ink away from its ends, where two
    touching letters would meet."""
    profile = band[piece.top:piece.bottom, piece.left:piece.right].sum(axis=0)
    margin = max(1, int(CUT_MARGIN * piece.width))
    inner = np.arange(margin, piece.width - margin)
    return inner[np.argsort(profile[inner], kind='stable')[:PAIR_CUTS]].tolist()


def split_pairs_by_score(groups, band, line, score):
    """`groups` with each glyph that could be two touching letters or digits cut in two where `score`
    is surer that the halves are two letters or digits than of the one glyph. Such a glyph falls
    short of the band (rn read as m, yt as W: no ideograph does), or, in a line that shows digits but
    no baseline, is not of an ideograph's size: in CJK fonts digits reach the band's top, and blurred
    ones run together (05 read as 仍); or it is wider than any ideograph (RUN_TOGETHER: 39 in a Latin
    face beside AR PL UMing, its digits as tall as the ideographs). The halves of one spanning the band
    and no wider must each be surely letters or digits, as the halves of a blurred ideograph may pass
    for them."""
    spanning = [spans_band(g, line) for g, _ in groups]
    digits = shows_digits(groups, spanning, line)
    too_wide = [g[-1].right - g[0].left > RUN_TOGETHER * line.width for g, _ in groups]
    wide = [i for i, (g, kind) in enumerate(groups) if kind == 'char' and len(g) == 1
            and g[0].width >= PAIR_WIDTH * line.height
            and (line.baseline is not None and not spanning[i]
                 or digits and not is_whole(g[0], line)
                 or too_wide[i])]
    whole = dict(zip(wide, score([glyph_crop(band, groups[i][0]) for i in wide], pairs=True) if wide else []))
    # Halves average at most 1, so only a glyph read at under 1 - PAIR_GAIN can be cut.
    options = [(i, cut) for i in wide if whole[i] < 1 - PAIR_GAIN for cut in pair_cuts(band, groups[i][0][0])]
    halves = {(i, cut): [piece_at(band, p.left, p.left + cut), piece_at(band, p.left + cut, p.right)]
              for i, cut in options for p in groups[i][0]}
    halves_read = score([glyph_crop(band, [half]) for key in options for half in halves[key]], letters=True) \
        if options else []
    best = {}
    for k, key in enumerate(options):
        read = halves_read[2 * k:2 * k + 2]
        parts = np.mean(read)
        if spanning[key[0]] and min(read) < SURE_HALF and not too_wide[key[0]]:
            continue
        if parts > whole[key[0]] + PAIR_GAIN and parts > best.get(key[0], (0, None))[0]:
            best[key[0]] = (parts, key)
    split = []
    for i, (g, kind) in enumerate(groups):
        split += [([half], kind) for half in halves[best[i][1]]] if i in best else [(g, kind)]
    return split


def recut_by_score(groups, band, line, score):
    """`groups` with each two characters cut from one run of ink (split_touching) cut again elsewhere
    where `score` is surer of the two, when it is unsure of them as they are (under SURE_HALF on
    average): a cut one character width from the end with less ink goes wrong when a slash leans
    into the character before it (元/件 read as j邙件)."""
    pairs = {i: (groups[i][0][0], groups[i + 1][0][0]) for i in range(len(groups) - 1)
             if groups[i][1] == groups[i + 1][1] == 'char' and len(groups[i][0]) == len(groups[i + 1][0]) == 1
             and groups[i][0][0].right == groups[i + 1][0][0].left}
    if not pairs:
        return groups
    now = mean_of_pairs(score([glyph_crop(band, [p]) for pair in pairs.values() for p in pair]))
    options = [(i, read, cut) for i, read in zip(pairs, now) if read < SURE_HALF
               for cut in recuts(band, *pairs[i], line)]
    if not options:
        return groups
    halves = [cut_in_two(band, *pairs[i], cut) for i, _, cut in options]
    read = mean_of_pairs(score([glyph_crop(band, [h]) for pair in halves for h in pair]))
    best = {}
    for (i, before, _), pair, after in zip(options, halves, read):
        if after > max(before + PAIR_GAIN, best.get(i, (0, None))[0]):
            best[i] = (after, pair)
    out = list(groups)
    for i, (_, (left, right)) in best.items():
        out[i], out[i + 1] = ([left], 'char'), ([right], 'char')
    return out


def mean_of_pairs(confidences):
    """The mean of each two consecutive confidences."""
    return np.reshape(confidences, (-1, 2)).mean(axis=1)


def cut_in_two(band, a, b, cut):
    """The run of ink a + b as two pieces, cut `cut` columns from a's left."""
    return [piece_at(band, a.left, a.left + cut), piece_at(band, a.left + cut, b.right)]


def recuts(band, a, b, line):
    """Columns (from a's left) where the run of ink a + b may be cut instead: one character width
    from either end, and its PAIR_CUTS columns of least ink."""
    run = Piece(a.left, b.right, min(a.top, b.top), max(a.bottom, b.bottom), a.ink + b.ink)
    ends = [int(line.width), int(run.width - line.width)]
    cuts = {c for c in ends + pair_cuts(band, run) if 0 < c < run.width}
    return sorted(cuts - {a.width})


def shows_digits(groups, spanning, line):
    """Whether a line with no Latin baseline holds a narrow character short of the band: a digit (a
    一 or 了 is as wide as any ideograph)."""
    return line.baseline is None and any(
        kind == 'char' and not spans and g[-1].right - g[0].left < NARROW * line.width
        for (g, kind), spans in zip(groups, spanning))


class TextLine(NamedTuple):
    """A line as cut: its character boxes left to right, and its geometry in image rows: the band
    [top, bottom) its ideographs span and the row its Latin letters stand on (None when the line
    shows no run of Latin text to measure it on)."""
    boxes: list
    top: float
    bottom: float
    baseline: Optional[int]


def cut_line(mask, top, bottom, score=None):
    """The line in rows [top, bottom) of `mask` cut into characters: a TextLine, or None when it holds
    no ink.

    `score`, if given, maps a list of white-on-black uint8 crops to classifier confidences in [0, 1]
    (with letters=True: that each is a Latin letter or digit; with pairs=True, of crops that may
    each be two glyphs run together, doubting a narrow letter read from a wide one); it settles the doubtful cases
    (`is_doubtful`), where pieces might be one character or several glyphs (Latin letters, digits,
    marks): whichever reading it is surer of, whole or on average in parts, wins."""
    band = np.asarray(mask[top:bottom], dtype=bool)
    pieces = pieces_of(band)
    if not pieces:
        return None
    line = measured_band(pieces, band, score)
    pieces = [part for piece in pieces for apart in glyphs_apart(band, piece, line)
              for part in split_touching(band, apart, line)]
    groups = grouped(pieces, line)
    if score is not None:
        groups = joined_by_score(split_by_score(groups, band, line, score), band, line, score)
        groups = joined_overlaps_by_score(groups, band, line, score)
        groups = split_pairs_by_score(groups, band, line, score)
        groups = recut_by_score(groups, band, line, score)
    boxes = [Box(g[0].left, top + min(p.top for p in g), g[-1].right, top + max(p.bottom for p in g), kind)
             for g, kind in groups]
    return TextLine(boxes, top + line.top, top + line.bottom, None if line.baseline is None else top + line.baseline)


def line_boxes(mask, top, bottom, score=None):
    """Character boxes of the line in rows [top, bottom) of `mask`, left to right (see `cut_line`)."""
    line = cut_line(mask, top, bottom, score)
    return line.boxes if line else []


def segment_lines(gray, score=None):
    """(deskewed image, lines): the uint8 grayscale image straightened, and its text lines, top to
    bottom, as TextLines in the straightened image's coordinates, so `crop(deskewed image, box)` cuts
    a character out. `score`: as for `cut_line`."""
    straight = deskewed(gray)
    mask = ink_mask(straight)
    lines = (cut_line(mask, top, bottom, score) for top, bottom in text_lines(mask))
    return straight, [line for line in lines if line]


def segment(gray, score=None):
    """(deskewed image, boxes): as `segment_lines`, with each line as its list of boxes."""
    straight, lines = segment_lines(gray, score)
    return straight, [line.boxes for line in lines]


def page_boxes(gray, score=None):
    """Character boxes of a whole image, one list per line, in the coordinates of `segment`'s image."""
    return segment(gray, score)[1]


def crop(gray, box, pad=2):
    """The box's pixels with `pad` pixels of the surrounding image, clipped to the image."""
    height, width = np.shape(gray)[:2]
    return np.asarray(gray)[max(0, box.top - pad):min(height, box.bottom + pad),
                            max(0, box.left - pad):min(width, box.right + pad)]
