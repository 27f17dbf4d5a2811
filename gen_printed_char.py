"""Synthesizes the printed-character training set from fonts.

Writes out_dir/{train,test,test_font}/%05d/<n>.png (folder = label id), one-channel,
white glyph on black. Fonts named by --holdout_fonts go only to test_font/, so
accuracy on a font never seen in training can be measured.
"""
import argparse
import io
import json
import multiprocessing
import os
import shutil
import sys
import time
from dataclasses import dataclass

import numpy as np
from fontTools.ttLib import TTCollection, TTFont, TTLibError
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from tqdm import tqdm

from charset import DEFAULT_CHARSET, load_charset
from errors import UserError
from glyph import normalize_glyph, white_on_black
import line_geometry

DEBIAN_FONT_DIRS = ['/usr/share/fonts/truetype/wqy', '/usr/share/fonts/truetype/arphic',
                    '/usr/share/fonts/opentype/noto']
# Latin text faces (fonts-dejavu-core and -extra: sans, serif, mono, condensed, oblique, italic): Chinese
# fonts carry one Latin design each, and real digits and words come in many more.
DEBIAN_SYMBOL_FONT_DIRS = ['/usr/share/fonts/truetype/dejavu']
FONT_EXTENSIONS = ('.ttf', '.ttc', '.otf', '.otc')
SPLITS = ('train', 'test', 'test_font')
RENDER_SIZE = 96  # glyphs are drawn large, then scaled down, so strokes stay smooth
SHEARED_SHARE = 0.5  # with --shear, this fraction of renders is slanted; the rest stay upright as most text is
MAX_SHEAR = 30  # degrees; beyond this a slant is no longer an italic face but a distortion
# --small_text renders: glyphs drawn at screen size and degraded there, as a screenshot or a scan holds them.
SMALL_FONT_SIZES = (14, 28)  # pixels of font size, both included: a 16 px line's ideographs are about 15 px (田)
SMALL_BLUR = (0.0, 1.0)      # pixels of Gaussian sigma at that size: 1.0 fuses the strokes of 餐 at 14 px
SMALL_NOISE = 10             # grey levels, the largest standard deviation of the added noise
SMALL_JPEG_QUALITY = (40, 90)
SMALL_JPEG_SHARE = 0.5       # of the small renders, the part saved as JPEG
SMALL_PAPER, SMALL_INK = 235, 20  # grey levels of the page and the print, before degrading
SMALL_CUT_PAD = 1            # pixels kept around the clean glyph's ink when it is cut, as the segmenter cuts a box
SMALL_UPSCALE = 2            # the reader cuts small text from the line scaled up this much (reading.UPSCALE)


@dataclass(frozen=True)
class Face:
    """One face of a font file: `index` selects it inside a collection (.ttc)."""
    path: str
    index: int
    name: str


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--out_dir', default='./dataset', help='where train/, test/ and test_font/ are written')
    p.add_argument('--font_dir', default=','.join(DEBIAN_FONT_DIRS),
                   help='comma-separated folders searched (recursively) for .ttf/.ttc/.otf fonts')
    p.add_argument('--symbol_font_dir', default=','.join(DEBIAN_SYMBOL_FONT_DIRS),
                   help='comma-separated folders of fonts without Chinese whose faces render only the characters '
                        'they have (digits, letters, marks), whatever --min_coverage says; empty = none')
    p.add_argument('--charset', default=DEFAULT_CHARSET, help='charset file, one character per line')
    p.add_argument('--charset_size', type=int, default=None, help='use only the first N characters (default: all)')
    p.add_argument('--width', type=int, default=64, help='image width (the network expects 64)')
    p.add_argument('--height', type=int, default=64, help='image height (the network expects 64)')
    p.add_argument('--margin', type=int, default=4, help='empty border kept around the glyph, in pixels')
    p.add_argument('--rotate', type=int, default=0, help='render rotations from -rotate to +rotate degrees')
    p.add_argument('--rotate_step', type=int, default=1, help='step between rotation angles, degrees')
    p.add_argument('--shear', type=float, default=0,
                   help='slant half of the renders by a random angle in [-shear, +shear] degrees, as oblique and '
                        'italic faces do (about 12 is typical); 0 = never')
    p.add_argument('--copies', type=int, default=1,
                   help='renders per font and angle; with --need_aug each copy is augmented differently')
    p.add_argument('--test_ratio', type=float, default=0.2, help='fraction of the renders that go to test/')
    p.add_argument('--need_aug', action='store_true',
                   help='augment: stroke weight, blur, noise, low resolution, scale/shift jitter, JPEG '
                        '(full strength on train/, mild on the test splits)')
    p.add_argument('--small_text', type=float, default=0,
                   help='fraction of the renders drawn at screen size (%d-%d px), blurred, noised and JPEG-compressed '
                        'there before normalising, as in screenshots and scans; 0 = none' % SMALL_FONT_SIZES)
    p.add_argument('--holdout_fonts', default='',
                   help='comma-separated parts of font names whose renders all go to test_font/')
    p.add_argument('--min_coverage', type=float, default=0.5,
                   help='skip fonts that have glyphs for less than this fraction of the charset')
    p.add_argument('--seed', type=int, default=0, help='the same flags and seed give byte-identical output')
    p.add_argument('--workers', type=int, default=os.cpu_count() or 1, help='parallel processes')
    p.add_argument('--overwrite', action='store_true', help='replace the splits already in --out_dir')
    return p.parse_args(argv)


def check_geometry(args):
    inner = min(args.width, args.height) - 2 * args.margin
    if args.width < 8 or args.height < 8 or args.margin < 0 or inner < 8:
        raise UserError('impossible geometry %dx%d with margin %d: the glyph box must be at least 8 pixels; '
                        'lower --margin or raise --width/--height' % (args.width, args.height, args.margin))
    if not 0 <= args.test_ratio < 1:
        raise UserError('--test_ratio must be in [0, 1), got %s' % args.test_ratio)
    if args.rotate < 0 or args.rotate_step < 1 or args.copies < 1 or args.workers < 1:
        raise UserError('--rotate must be >= 0 and --rotate_step, --copies, --workers >= 1')
    if not 0 <= args.shear <= MAX_SHEAR:
        raise UserError('--shear must be between 0 and %d degrees, got %s' % (MAX_SHEAR, args.shear))
    if not 0 <= args.small_text <= 1:
        raise UserError('--small_text must be a fraction in [0, 1], got %s' % args.small_text)


def font_files(font_dirs):
    """Font files below the folders, sorted so that the output does not depend on listing order."""
    found = []
    for folder in font_dirs:
        for root, _, names in os.walk(folder):
            found.extend(os.path.join(root, n) for n in names if n.lower().endswith(FONT_EXTENSIONS))
    return sorted(found)


def faces_of(path):
    """The faces to render from one file: for a collection, its Simplified-Chinese faces, else its first."""
    if path.lower().endswith(('.ttc', '.otc')):
        fonts = TTCollection(path, lazy=True).fonts
    else:
        fonts = [TTFont(path, lazy=True)]
    named = [(i, _face_name(font)) for i, font in enumerate(fonts)]
    chinese = [(i, n) for i, n in named if (' SC' in n or ' CN' in n) and 'Mono' not in n]
    return [Face(path, i, name) for i, name in (chinese or named[:1])]


def _face_name(font):
    names = font['name']
    return '%s %s' % (names.getDebugName(1), names.getDebugName(2))


def covered(face, chars):
    """The set of `chars` that the face has a glyph for (from its cmap)."""
    cmap = TTFont(face.path, fontNumber=face.index, lazy=True).getBestCmap() or {}
    return {c for c in chars if ord(c) in cmap}


def faces_and_coverage(paths, chars, log=print):
    """(face, covered chars) for every face of the font files that opens; the others are skipped with a warning."""
    for path in paths:
        try:
            faces = faces_of(path)
        except (TTLibError, OSError, KeyError, AssertionError) as e:
            log('warning: skipping font %s: it cannot be opened (%s)' % (path, e))
            continue
        for face in faces:
            yield face, covered(face, chars)


def usable_faces(font_dirs, chars, min_coverage, log=print):
    """(face, covered chars) for every face that opens and covers enough of the charset."""
    paths = font_files(font_dirs)
    if not paths:
        raise UserError('no .ttf/.ttc/.otf font found in %s; install fonts-wqy-zenhei (see README) '
                        'or pass --font_dir' % ', '.join(font_dirs))
    usable = []
    for face, chars_here in faces_and_coverage(paths, chars, log):
        share = len(chars_here) / len(chars)
        verdict = 'used' if share >= min_coverage else 'skipped (below --min_coverage)'
        log('font %-45s covers %5d/%d characters (%.1f%%): %s'
            % (face.name, len(chars_here), len(chars), 100 * share, verdict))
        if share >= min_coverage:
            usable.append((face, chars_here))
    if not usable:
        raise UserError('no font covers at least %.0f%% of the charset; pass --font_dir with Chinese fonts '
                        'or lower --min_coverage' % (100 * min_coverage))
    return usable


def symbol_faces(font_dirs, chars, log=print):
    """(face, covered chars) for every face below the folders that has any of `chars`; missing folders are
    skipped, since these faces only add variety."""
    usable = [(face, here) for face, here in faces_and_coverage(font_files(font_dirs), chars, log) if here]
    for face, here in usable:
        log('symbol font %-38s covers %5d characters' % (face.name, len(here)))
    return usable


def angles(rotate, step):
    return sorted(set(range(0, rotate + 1, step)) | set(range(0, -rotate - 1, -step)))


def render(char, font, angle, shear=0.0):
    """A large white-on-black render of `char`, rotated by `angle` degrees and slanted by `shear`
    degrees (positive leans right, like an italic)."""
    image = Image.new('L', (2 * RENDER_SIZE, 2 * RENDER_SIZE), 0)
    ImageDraw.Draw(image).text((RENDER_SIZE, RENDER_SIZE), char, fill=255, font=font, anchor='mm')
    if angle:
        image = image.rotate(angle, resample=Image.BILINEAR)
    if shear:
        image = slanted(image, shear, RENDER_SIZE, 0)
    box = image.getbbox()
    if box is None:
        return image
    # A padded crop: normalisation then works on far fewer pixels and still sees a black background.
    pad = 8
    return image.crop((box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad))


def slanted(image, shear, centre, background):
    """The image slanted by `shear` degrees about row `centre`, uncovered pixels `background`."""
    slope = np.tan(np.radians(shear))
    # The output pixel (x, y) takes the input at (x + slope * (y - centre)): the top moves right.
    return image.transform(image.size, Image.AFFINE, (1, slope, -slope * centre, 0, 1, 0), resample=Image.BILINEAR,
                           fillcolor=background)


def augmented_glyph(image, args, strength, rng):
    """The normalised glyph of a large render, with random degradations scaled by `strength` (0 = none)."""
    if strength and rng.random() < 0.3 * strength:
        image = image.filter(ImageFilter.MaxFilter(3) if rng.random() < 0.5 else ImageFilter.MinFilter(3))
    margin = args.margin
    if strength:
        margin = int(round(rng.uniform(args.margin - 2 * strength, args.margin + 4 * strength)))
        margin = max(0, min(margin, (min(args.width, args.height) - 8) // 2))
    glyph = normalize_glyph(np.asarray(image), args.width, args.height, margin)
    if glyph is None or not strength:
        return glyph
    glyph = np.roll(glyph, [int(rng.integers(-margin, margin + 1)) // 2 for _ in range(2)], axis=(0, 1))
    out = Image.fromarray(glyph)
    if rng.random() < 0.3 * strength:
        side = int(rng.integers(18, 40))
        out = out.resize((side, side), Image.BILINEAR).resize((args.width, args.height), Image.BILINEAR)
    if rng.random() < 0.3 * strength:
        out = out.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.2)))
    pixels = np.asarray(out, dtype=np.float32)
    if rng.random() < 0.3 * strength:
        pixels = pixels + rng.normal(0, rng.uniform(4, 20), pixels.shape)
    out = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    if rng.random() < 0.2 * strength:
        buffer = io.BytesIO()
        out.save(buffer, format='JPEG', quality=int(rng.integers(30, 90)))
        out = Image.open(buffer).convert('L')
    return np.asarray(out)


def small_render(char, face, angle, shear, rng):
    """`char` drawn dark on light at a random screen size, slanted, rotated and degraded at that size,
    then scaled up as the reader scales small text: the blur, noise and JPEG blocks of a 14 px glyph."""
    size = int(rng.integers(SMALL_FONT_SIZES[0], SMALL_FONT_SIZES[1] + 1))
    font = _small_font(face, size)
    image = Image.new('L', (3 * size, 3 * size), SMALL_PAPER)
    ImageDraw.Draw(image).text((1.5 * size, 1.5 * size), char, fill=SMALL_INK, font=font, anchor='mm')
    if shear:
        image = slanted(image, shear, 1.5 * size, SMALL_PAPER)
    if angle:
        image = image.rotate(angle, resample=Image.BILINEAR, fillcolor=SMALL_PAPER)
    ink = image.point(lambda v: 255 if v < SMALL_PAPER else 0).getbbox()
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(*SMALL_BLUR)))
    pixels = np.asarray(image, np.float32) + rng.normal(0, rng.uniform(0, SMALL_NOISE), (image.height, image.width))
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    if rng.random() < SMALL_JPEG_SHARE:
        buffer = io.BytesIO()
        image.save(buffer, format='JPEG', quality=int(rng.integers(*SMALL_JPEG_QUALITY)))
        image = Image.open(buffer).convert('L')
    if ink:
        image = image.crop((ink[0] - SMALL_CUT_PAD, ink[1] - SMALL_CUT_PAD, ink[2] + SMALL_CUT_PAD,
                            ink[3] + SMALL_CUT_PAD))
    image = image.resize((image.width * SMALL_UPSCALE, image.height * SMALL_UPSCALE), Image.BICUBIC)
    return white_on_black(image)


def _small_font(face, size):
    key = (face.path, face.index, size)
    if key not in _worker['small_fonts']:
        _worker['small_fonts'][key] = ImageFont.truetype(face.path, size, index=face.index)
    return _worker['small_fonts'][key]


def random_shear(limit, rng):
    """A slant for one render: 0 for most, else uniform in [-limit, limit]; draws nothing when limit is 0,
    so datasets made without --shear stay byte-identical."""
    if not limit or rng.random() >= SHEARED_SHARE:
        return 0.0
    return float(rng.uniform(-limit, limit))


_worker = {}


def _init_worker(args, faces):
    _worker['args'] = args
    _worker['fonts'] = [(ImageFont.truetype(face.path, RENDER_SIZE, index=face.index), face, chars, held_out)
                        for face, chars, held_out in faces]
    _worker['small_fonts'] = {}


def write_char(label_and_char):
    """Renders every image of one character; returns {split: count}. Seeded per label: order-free."""
    label, char = label_and_char
    args = _worker['args']
    rng = np.random.default_rng([args.seed, label])
    counts = dict.fromkeys(SPLITS, 0)
    for font, face, chars, held_out in _worker['fonts']:
        if char not in chars:
            continue
        for _ in range(args.copies):
            for angle in angles(args.rotate, args.rotate_step):
                split = 'test_font' if held_out else ('test' if rng.random() < args.test_ratio else 'train')
                strength = (1.0 if split == 'train' else 0.5) if args.need_aug else 0.0
                shear = random_shear(args.shear, rng)
                if args.small_text and rng.random() < args.small_text:
                    glyph = normalize_glyph(small_render(char, face, angle, shear, rng), args.width, args.height,
                                            args.margin)
                else:
                    glyph = augmented_glyph(render(char, font, angle, shear), args, strength, rng)
                if glyph is None:
                    continue
                folder = os.path.join(args.out_dir, split, '%05d' % label)
                os.makedirs(folder, exist_ok=True)
                Image.fromarray(glyph).save(os.path.join(folder, '%d.png' % counts[split]))
                counts[split] += 1
    return counts


def prepare_out_dir(out_dir, overwrite):
    existing = [s for s in SPLITS if os.path.isdir(os.path.join(out_dir, s))]
    if existing and not overwrite:
        raise UserError('%s already holds %s; pass --overwrite to replace them or choose another --out_dir'
                        % (out_dir, ', '.join(existing)))
    try:
        os.makedirs(out_dir, exist_ok=True)
        for split in existing:
            shutil.rmtree(os.path.join(out_dir, split))
        probe = os.path.join(out_dir, '.write_test')
        open(probe, 'w').close()
        os.remove(probe)
    except OSError as e:
        raise UserError('cannot write to --out_dir %s (%s); choose a writable folder' % (out_dir, e.strerror))


def generate(args, log=print):
    """Writes the dataset; returns the summary that is also saved as out_dir/dataset_info.json."""
    check_geometry(args)
    chars = load_charset(args.charset, args.charset_size)
    font_dirs = [d for d in args.font_dir.split(',') if d]
    holdout = [h.lower() for h in args.holdout_fonts.split(',') if h]
    symbol_dirs = [d for d in args.symbol_font_dir.split(',') if d]
    missing = [d for d in symbol_dirs if not os.path.isdir(d) and d not in DEBIAN_SYMBOL_FONT_DIRS]
    if missing:
        raise UserError('--symbol_font_dir %s does not exist; pass folders of .ttf/.otf fonts, or an empty '
                        'value for none' % ','.join(missing))
    found = usable_faces(font_dirs, chars, args.min_coverage, log) + symbol_faces(symbol_dirs, chars, log)
    faces = [(face, chars_here, any(h in face.name.lower() for h in holdout)) for face, chars_here in found]
    if holdout and not any(held for _, _, held in faces):
        raise UserError('--holdout_fonts %s matches none of the fonts found' % args.holdout_fonts)
    if all(held for _, _, held in faces):
        raise UserError('--holdout_fonts %s holds out every font; leave at least one for training'
                        % args.holdout_fonts)
    prepare_out_dir(args.out_dir, args.overwrite)
    totals = dict.fromkeys(SPLITS, 0)
    jobs = list(enumerate(chars))
    with multiprocessing.Pool(args.workers, _init_worker, (args, faces)) as pool:
        for counts in tqdm(pool.imap(write_char, jobs, chunksize=8), total=len(jobs), unit='char',
                           desc='rendering', disable=None):
            for split, n in counts.items():
                totals[split] += n
    write_geometry(args.out_dir, chars, [(face, c) for face, c, held in faces if not held])
    info = {'charset_size': len(chars), 'images': totals,
            'fonts': [{'name': face.name, 'file': face.path, 'covers': len(c), 'held_out': held}
                      for face, c, held in faces]}
    with open(os.path.join(args.out_dir, 'dataset_info.json'), 'w', encoding='utf-8') as f:
        json.dump(info, f, ensure_ascii=False, indent=1)
    return info


def write_geometry(out_dir, chars, faces):
    """The training faces' glyph geometry in lines (line_geometry.GEOMETRY_FILE), which the trainer keeps
    beside its checkpoints so that reading can tell look-alikes (o O 0, , ，) apart by size and place."""
    fonts = [(ImageFont.truetype(face.path, line_geometry.MEASURE_SIZE, index=face.index), covered_chars)
             for face, covered_chars in faces]
    line_geometry.save_table(line_geometry.measured_table(chars, fonts), out_dir)


def main(argv=None):
    args = parse_args(argv)
    start = time.time()
    try:
        info = generate(args)
    except UserError as e:
        sys.exit('error: %s' % e)
    seconds = time.time() - start
    print('wrote %s images for %d characters to %s in %.0f s (%.0f images/s)'
          % (', '.join('%d %s' % (n, s) for s, n in info['images'].items()), info['charset_size'], args.out_dir,
             seconds, sum(info['images'].values()) / seconds))


if __name__ == '__main__':
    main()
