"""Reads images with a restored classifier: character crops, and whole text lines and pages."""
import sys

import numpy as np
import tensorflow.compat.v1 as tf
from PIL import Image, UnidentifiedImageError

from errors import UserError
from glyph import normalize_glyph, white_on_black
from model import build_graph, weights_saver


SIXTEEN_BIT_MODES = ('I;16', 'I;16L', 'I;16B', 'I;16N')  # Pillow's modes for 16-bit greyscale PNG and TIFF
SIXTEEN_TO_EIGHT_BITS = 257  # 65535 / 255: a 16-bit grey level to an 8-bit one


def gray_image(path, warn=None):
    """The image file as a uint8 grayscale array: 16-bit grey levels scaled to 8 bits, transparency
    composited on white (dark text on a transparent background stays dark on white), and the first
    frame of an animation, with a warning."""
    warn = warn or (lambda message: print(message, file=sys.stderr))
    try:
        with Image.open(path) as image:
            if getattr(image, 'n_frames', 1) > 1:
                warn('warning: %s has %d frames; only the first is read' % (path, image.n_frames))
            if image.mode in SIXTEEN_BIT_MODES:
                return (np.asarray(image, np.float64) / SIXTEEN_TO_EIGHT_BITS).round().clip(0, 255).astype(np.uint8)
            if image.has_transparency_data:
                rgba = image.convert('RGBA')
                return np.asarray(Image.alpha_composite(Image.new('RGBA', rgba.size, 'white'), rgba).convert('L'))
            return np.asarray(image.convert('L'))
    except Image.DecompressionBombError as e:
        raise UserError('%s is too large to read (%s); the limit is %d megapixels: scale it down'
                        % (path, e, MAX_PIXELS // 1_000_000))
    except (UnidentifiedImageError, OSError) as e:
        raise UserError('%s is not a readable image (%s)' % (path, e))


def network_input(gray, size=64):
    """A [size, size, 1] float glyph in [0, 1] from a crop of either polarity; None when it is blank."""
    glyph = normalize_glyph(white_on_black(gray), size, size)
    return None if glyph is None else glyph[:, :, None].astype(np.float32) / 255.0


class Reader:
    """A restored classifier that returns top-k candidates for batches of normalised glyphs."""

    def __init__(self, checkpoint, charset_size, top_k, config=None):
        self.graph = tf.Graph()
        with self.graph.as_default():
            self.handles = build_graph(top_k, charset_size)
            self.sess = tf.Session(config=config)
            weights_saver().restore(self.sess, checkpoint)
        self.checkpoint = checkpoint

    def top_k(self, glyphs, batch_size=128):
        """(probabilities, indices), each [n, k], for a [n, size, size, 1] float array."""
        values, indices = [], []
        for start in range(0, len(glyphs), batch_size):
            v, i = self.sess.run([self.handles['predicted_val_top_k'], self.handles['predicted_index_top_k']],
                                 feed_dict={self.handles['images']: glyphs[start:start + batch_size]})
            values.append(v)
            indices.append(i)
        return np.concatenate(values), np.concatenate(indices)


PLACEHOLDER = '□'  # stands for a punctuation mark when the charset has none to read it as
MAX_PIXELS = 40_000_000
MIN_SIDE = 8
MIN_TEXT_HEIGHT = 8
SQUARISH = 1.7  # images this close to square may be one character even when they segment as text
GLYPH_PAD = 4


def checked_size(gray, name):
    """The image, refused with a clear message when it is too large or too small to read."""
    height, width = gray.shape
    if height * width > MAX_PIXELS:
        raise UserError('%s is %dx%d pixels; the limit is %d megapixels: scale it down (text about 40 px high '
                        'reads best)' % (name, width, height, MAX_PIXELS // 1_000_000))
    if min(height, width) < MIN_SIDE:
        raise UserError('%s is %dx%d pixels: too small to hold text (at least %d pixels each way)'
                        % (name, width, height, MIN_SIDE))
    return gray


def is_text_image(gray, lines):
    """True for a line or page of text; False for a crop of one character.

    An isolated 三 or 吕 segments into several "lines" of fragments, so text must also look like
    text: glyphs at least MIN_TEXT_HEIGHT tall and a good share of the line pitch (or, for one line,
    of the image height), on lines at least two characters wide (two such lines, for a page: 品 has one).
    """
    boxes = [b for line in lines for b in line]
    if len(boxes) < 2:
        return False
    height = float(np.median([b.bottom - b.top for b in boxes]))
    wide = sum(_is_wide(line) for line in lines)
    if height < MIN_TEXT_HEIGHT:
        return False
    if len(lines) == 1:
        return wide == 1 and height >= 0.25 * gray.shape[0]
    pitch = float(np.median(np.diff([min(b.top for b in line) for line in lines])))
    return wide >= 2 and height >= 0.35 * pitch


def _is_wide(line):
    """A line at least about two square characters wide."""
    top, bottom = min(b.top for b in line), max(b.bottom for b in line)
    return line[-1].right - line[0].left >= 1.8 * (bottom - top)


def one_character_reads_better(reader, gray, glyph, read):
    """For a near-square image that also segments as text (圭 as two lines of 土): True when the
    classifier is at least as sure of the whole image as one character as of the text's characters."""
    height, width = gray.shape
    if glyph is None or not 1 / SQUARISH <= width / height <= SQUARISH:
        return False
    sure = [c['probabilities'][0] for line in read for c in line if c['probabilities']]
    whole = reader.top_k(glyph[None])[0][0, 0]
    return not sure or whole >= np.mean(sure)


def glyph_crops(page, boxes):
    """Each box's pixels from a white-on-black page, framed by background so a thin glyph (一) keeps it."""
    background = float(np.median(page))
    return [np.pad(page[b.top:b.bottom, b.left:b.right], GLYPH_PAD, constant_values=background) for b in boxes]


def read_lines(reader, straight, lines, chars, read_punct):
    """Per line, the characters read: dicts with the character, its box, kind and top-k candidates."""
    page = white_on_black(straight)
    boxes = [box for line in lines for box in line]
    crops = glyph_crops(page, boxes)
    wanted = [i for i, b in enumerate(boxes) if b.kind == 'char' or read_punct]
    inputs = [network_input(crops[i]) for i in wanted]
    readable = [i for i, glyph in zip(wanted, inputs) if glyph is not None]
    found = {}
    if readable:
        values, indices = reader.top_k(np.stack([g for g in inputs if g is not None]))
        found = {i: (v, idx) for i, v, idx in zip(readable, values, indices)}
    read, position = [], 0
    for line in lines:
        read.append([character(box, found.get(position + j), chars, crops[position + j])
                     for j, box in enumerate(line)])
        position += len(line)
    return read


def character(box, result, chars, crop):
    entry = {'box': [box.left, box.top, box.right, box.bottom], 'kind': box.kind, 'crop': crop}
    if result is None:
        entry.update(char=PLACEHOLDER, candidates=[], probabilities=[])
    else:
        values, indices = result
        entry.update(char=chars[indices[0]], candidates=[chars[i] for i in indices],
                     probabilities=[round(float(v), 6) for v in values])
    return entry
