import hashlib
import os

import numpy as np
import pytest
from PIL import Image, ImageFont

import gen_printed_char as gen
from errors import UserError
from conftest import WQY_FONTS, run_cli

DEJAVU = '/usr/share/fonts/truetype/dejavu'


def generated(tmp_path, *flags):
    args = gen.parse_args(['--out_dir', str(tmp_path), '--font_dir', WQY_FONTS, '--charset_size', '6',
                           '--workers', '2', *flags])
    return gen.generate(args, log=lambda _: None)


def images(folder):
    return sorted(os.path.relpath(os.path.join(root, n), folder)
                  for root, _, names in os.walk(folder) for n in names if n.endswith('.png'))


def test_layout_is_split_then_label_folder_then_numbered_png(tmp_path):
    info = generated(tmp_path, '--rotate', '2', '--rotate_step', '2', '--copies', '3')
    files = images(tmp_path)
    assert len(files) == sum(info['images'].values()) == 6 * 2 * 3 * 3  # chars x faces x copies x angles
    assert {f.split(os.sep)[0] for f in files} == {'train', 'test'}
    assert {f.split(os.sep)[1] for f in files} == {'%05d' % i for i in range(6)}
    assert 0.05 < info['images']['test'] / len(files) < 0.45  # --test_ratio 0.2


def test_renders_are_white_glyphs_on_black_centred_and_sized(tmp_path):
    generated(tmp_path)
    for name in images(tmp_path):
        image = Image.open(tmp_path / name)
        pixels = np.asarray(image)
        assert image.mode == 'L' and pixels.shape == (64, 64)
        ys, xs = np.nonzero(pixels > 64)
        assert pixels.max() == 255 and pixels[0].max() == 0 and pixels[:, 0].max() == 0
        assert abs((ys.min() + ys.max()) / 2 - 31.5) <= 1.5 and abs((xs.min() + xs.max()) / 2 - 31.5) <= 1.5
        assert max(ys.max() - ys.min(), xs.max() - xs.min()) >= 50  # scaled to fill the box minus margins


def test_same_flags_and_seed_give_identical_bytes(tmp_path):
    digests = []
    for run in ('a', 'b'):
        generated(tmp_path / run, '--need_aug', '--copies', '2', '--seed', '7')
        digests.append({f: hashlib.sha1((tmp_path / run / f).read_bytes()).hexdigest()
                        for f in images(tmp_path / run)})
    assert digests[0] == digests[1] and len(digests[0]) == 24


def test_held_out_font_goes_only_to_test_font(tmp_path):
    info = generated(tmp_path, '--holdout_fonts', 'Micro Hei', '--copies', '2')
    held = [f for f in info['fonts'] if f['held_out']]
    assert [f['name'] for f in held] == ['WenQuanYi Micro Hei Regular']
    assert info['images']['test_font'] == 6 * 2 and info['images']['train'] + info['images']['test'] == 6 * 2


def dejavu_sans(tmp_path):
    folder = tmp_path / 'dejavu'
    folder.mkdir()
    os.symlink(DEJAVU + '/DejaVuSans.ttf', folder / 'DejaVuSans.ttf')
    return folder


def test_fonts_without_a_glyph_are_skipped_for_it(tmp_path):
    charset = tmp_path / 'labels'
    charset.write_text('一\n丁\nA\n', encoding='utf-8')
    args = gen.parse_args(['--out_dir', str(tmp_path / 'out'), '--font_dir', WQY_FONTS + ',' + str(dejavu_sans(tmp_path)),
                           '--charset', str(charset), '--min_coverage', '0.3', '--test_ratio', '0'])
    report = []
    info = gen.generate(args, log=report.append)
    assert any('DejaVu Sans Book' in line and '1/3' in line for line in report)
    counts = {label: len(os.listdir(tmp_path / 'out' / 'train' / label)) for label in ('00000', '00002')}
    fonts = len(info['fonts'])
    assert counts['00002'] == fonts and counts['00000'] == fonts - sum('DejaVu' in f['name'] for f in info['fonts'])


def write_junk_font(folder):
    folder.mkdir()
    (folder / 'broken.ttf').write_bytes(b'not a font at all')
    return str(folder)


def test_a_font_that_cannot_be_opened_is_skipped_when_others_remain(tmp_path):
    junk = write_junk_font(tmp_path / 'fonts')
    args = gen.parse_args(['--out_dir', str(tmp_path / 'out'), '--font_dir', junk + ',' + WQY_FONTS,
                           '--charset_size', '2'])
    report = []
    info = gen.generate(args, log=report.append)
    assert any('skipping font' in line and 'broken.ttf' in line for line in report)
    assert info['images']['train'] + info['images']['test'] == 4


@pytest.mark.parametrize('flags, message', [
    (['--font_dir', '/nonexistent'], 'no .ttf/.ttc/.otf font found'),
    (['--font_dir', 'JUNK'], 'no font covers'),
    (['--charset', '/nonexistent/labels'], 'cannot read charset file'),
    (['--charset', 'EMPTY'], 'is empty'),
    (['--out_dir', '/etc/hostname/sub'], 'cannot write to --out_dir'),
    (['--width', '16', '--margin', '6'], 'impossible geometry'),
    (['--small_text', '1.5'], '--small_text must be a fraction'),
])
def test_bad_input_is_one_line_and_a_non_zero_exit(tmp_path, flags, message):
    (tmp_path / 'empty').write_text('', encoding='utf-8')
    placeholders = {'JUNK': lambda: write_junk_font(tmp_path / 'junk'), 'EMPTY': lambda: str(tmp_path / 'empty')}
    flags = [placeholders[f]() if f in placeholders else f for f in flags]
    defaults = ['--out_dir', str(tmp_path / 'out'), '--font_dir', WQY_FONTS, '--charset_size', '2']
    result = run_cli('gen_printed_char.py', *defaults, *flags)
    assert result.returncode != 0
    assert 'Traceback' not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith('error: ') and message in result.stderr


@pytest.mark.parametrize('shear, leans_right', [(12, True), (-12, False)])
def test_shear_slants_a_vertical_stroke(shear, leans_right):
    font = ImageFont.truetype('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', gen.RENDER_SIZE)
    ink = np.asarray(gen.render('丨', font, 0, shear)) > 127
    rows = np.flatnonzero(ink.any(axis=1))
    top_x, bottom_x = (np.flatnonzero(ink[r]).mean() for r in (rows[0] + 2, rows[-1] - 2))
    assert (top_x - bottom_x > 10) == leans_right and (bottom_x - top_x > 10) != leans_right


def test_shear_outside_its_range_is_refused():
    with pytest.raises(UserError, match='--shear'):
        gen.check_geometry(gen.parse_args(['--shear', '60']))


def test_a_missing_symbol_font_folder_is_refused(tmp_path):
    with pytest.raises(UserError, match='--symbol_font_dir /no/fonts does not exist'):
        generated(tmp_path, '--symbol_font_dir', '/no/fonts')


def grey_share(folder):
    """The share of ink pixels that are neither background nor full white: how soft the strokes are."""
    pixels = np.concatenate([np.asarray(Image.open(folder / name)).ravel() for name in images(folder)])
    ink = pixels[pixels > 32]
    return np.mean(ink < 224)


def test_small_text_renders_are_soft_as_screen_text_and_still_centred_glyphs(tmp_path):
    generated(tmp_path / 'large', '--copies', '3')
    generated(tmp_path / 'small', '--copies', '3', '--small_text', '1')
    assert len(images(tmp_path / 'small')) == len(images(tmp_path / 'large')) == 6 * 2 * 3
    assert grey_share(tmp_path / 'small') > grey_share(tmp_path / 'large') + 0.1
    for name in images(tmp_path / 'small'):
        pixels = np.asarray(Image.open(tmp_path / 'small' / name))
        ys, xs = np.nonzero(pixels > 64)
        assert max(ys.max() - ys.min(), xs.max() - xs.min()) >= 44  # scaled up to fill the box
