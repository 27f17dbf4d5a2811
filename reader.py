"""A restored classifier and the images it reads: files checked and loaded, glyphs normalised for it.

reading.py puts these together into reading whole images."""
import os
import sys

import numpy as np
import tensorflow.compat.v1 as tf
from PIL import Image, UnidentifiedImageError

from errors import UserError
from glyph import normalize_glyph, white_on_black
from line_geometry import load_table
from line_reader import load_line_reader
from model import build_graph, trained_charset_size, weights_saver


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


LOOKALIKE_CANDIDATES = 8  # candidates kept for the geometry to choose among (l I 1 | 丨 are five)
CONTEXT_CANDIDATES = 64  # ranks the network returns, so the words can choose an unsure ideograph's reading
                         # beyond the candidates: a blurred 16 px 满 of 满意 ranks 17th, after 潸 赝 膺


class Reader:
    """A restored classifier that returns top-k candidates for batches of normalised glyphs, with the
    glyph geometry kept beside its checkpoint (line_geometry; None for models that have none)."""

    def __init__(self, checkpoint, charset_size, top_k, config=None):
        self.geometry = load_table(os.path.dirname(checkpoint))
        self.lines = load_line_reader(os.path.dirname(checkpoint), config)  # None for models that have none
        self.k = top_k
        self.graph = tf.Graph()
        with self.graph.as_default():
            self.handles = build_graph(min(max(top_k, CONTEXT_CANDIDATES), charset_size), charset_size,
                                       trained_classes=trained_charset_size(checkpoint))
            self.sess = tf.Session(config=config)
            weights_saver().restore(self.sess, checkpoint)
        self.checkpoint = checkpoint

    def top_k(self, glyphs, k=None, batch_size=128):
        """(probabilities, indices), each [n, k] (k: the reader's top_k unless given), for a
        [n, size, size, 1] float array."""
        values, indices = [], []
        for start in range(0, len(glyphs), batch_size):
            v, i = self.sess.run([self.handles['predicted_val_top_k'], self.handles['predicted_index_top_k']],
                                 feed_dict={self.handles['images']: glyphs[start:start + batch_size]})
            values.append(v)
            indices.append(i)
        k = k or self.k
        # A bf16 softmax rounds a sure class's probability to just above 1 (1.0012).
        return np.clip(np.concatenate(values)[:, :k], 0.0, 1.0), np.concatenate(indices)[:, :k]


MAX_PIXELS = 40_000_000
MIN_SIDE = 8


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
