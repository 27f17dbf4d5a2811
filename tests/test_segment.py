"""segment.py on lines and paragraphs rendered from the installed CJK fonts, where each character's true
place is known because it is drawn on its own at a known x."""
import time

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from segment import (Band, Box, Piece, crop, deskewed, glyphs_apart, ink_mask, joined_overlaps_by_score,
                     latin_baseline, line_boxes, measured_band, overhanging_runs, page_boxes, piece_at,
                     recut_by_score, segment, split_pairs_by_score, split_touching, text_lines)

FONTS = {
    'zenhei': ('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 0),
    'microhei': ('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 0),
    'uming': ('/usr/share/fonts/truetype/arphic/uming.ttc', 0),
    'ukai': ('/usr/share/fonts/truetype/arphic/ukai.ttc', 0),
    'notoserif': ('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', 2),  # the SC face
}
LINE = '我们的学生在这里学习中文和数学知识还'  # 18 ordinary characters
LEFT_RIGHT = '川小北的吃从明你好们叫外'           # each cut in two or three by blank columns
MARGIN = 16


def font(name, size):
    path, index = FONTS[name]
    return ImageFont.truetype(path, size, index=index)


def draw_line(draw, text, face, x, y, spacing=0):
    """Draws `text` one character at a time from (x, y); returns (char, left, right) of the cell of each
    visible character, as the font lays it out."""
    cells = []
    for char in text:
        draw.text((x, y), char, font=face, fill=0)
        if char.strip():
            left, _, right, _ = face.getbbox(char)
            cells.append((char, x + left, x + right))
        x += face.getlength(char) + spacing
    return cells


def render(text, name='zenhei', size=40, spacing=0):
    """Black text on white, one line; returns (image, cells) as `draw_line`."""
    face = font(name, size)
    width = int(sum(face.getlength(c) + spacing for c in text)) + 2 * MARGIN
    image = Image.new('L', (width, size + 2 * MARGIN), 255)
    cells = draw_line(ImageDraw.Draw(image), text, face, MARGIN, MARGIN, spacing)
    return np.asarray(image), cells


def assert_one_box_per_char(boxes, cells):
    assert len(boxes) == len(cells), ''.join(c for c, _, _ in cells)
    lefts = [b.left for b in boxes]
    assert lefts == sorted(lefts)
    for box, (char, left, right) in zip(boxes, cells):
        assert left - 1 <= (box.left + box.right) / 2 <= right + 1, char


def column_runs(mask):
    """How many runs of inked columns `mask` has."""
    return int((np.diff(np.concatenate([[0], mask.any(axis=0).astype(int)])) == 1).sum())


def only_line(gray, score=None):
    lines = page_boxes(gray, score)
    assert len(lines) == 1
    return lines[0]


@pytest.mark.parametrize('name', ['zenhei', 'uming', 'notoserif'])
def test_a_line_of_ordinary_characters_gives_one_box_each_left_to_right(name):
    gray, cells = render(LINE, name)
    boxes = only_line(gray)
    assert len(cells) == 18
    assert_one_box_per_char(boxes, cells)
    assert {b.kind for b in boxes} == {'char'}


@pytest.mark.parametrize('name', ['zenhei', 'microhei', 'uming', 'notoserif'])
def test_left_right_characters_are_not_cut_in_half(name):
    gray, cells = render(LEFT_RIGHT, name)
    assert column_runs(ink_mask(gray)) >= len(cells) + 6  # the characters really do come in pieces
    assert_one_box_per_char(only_line(gray), cells)


def test_a_box_spans_the_ink_inside_it_not_the_whole_line():
    gray, cells = render('一日十', 'zenhei')
    yi, ri, shi = only_line(gray)
    rows = np.flatnonzero(ink_mask(gray)[:, yi.left:yi.right].any(axis=1))
    assert (yi.top, yi.bottom) == (rows[0], rows[-1] + 1)
    assert yi.bottom - yi.top < 0.3 * (ri.bottom - ri.top)


@pytest.mark.parametrize('name', ['zenhei', 'uming'])  # uming centres 。 in its cell
def test_punctuation_is_a_box_of_its_own(name):
    gray, cells = render('你好，世界。', name)
    boxes = only_line(gray)
    assert_one_box_per_char(boxes, cells)
    assert [b.kind for b in boxes] == ['char', 'char', 'punct', 'char', 'char', 'punct']


def test_quotes_and_colon_are_not_glued_to_characters():
    gray, cells = render('他说：“对！”是吗？好的、谢谢；再见。', 'zenhei')
    boxes = only_line(gray)
    assert_one_box_per_char(boxes, cells)
    kinds = {char: box.kind for box, (char, _, _) in zip(boxes, cells)}
    assert [kinds[c] for c in '：“！”、；。'] == ['punct'] * 7
    assert [kinds[c] for c in '他说对是吗好的谢再见'] == ['char'] * 10


@pytest.mark.parametrize('name', ['zenhei', 'uming', 'notoserif'])
def test_latin_letters_and_digits_are_one_box_per_glyph(name):
    gray, cells = render('版本3.11的Python', name)
    boxes = only_line(gray)
    assert_one_box_per_char(boxes, cells)  # 版 本 3 . 1 1 的 P y t h o n
    assert [b.kind for b in boxes].count('punct') == 1 and boxes[3].kind == 'punct'


def test_a_paragraph_gives_its_lines_top_to_bottom():
    texts = ['春眠不觉晓，处处闻啼鸟。', '夜来风雨声', '花落知多少？我们明天再去看看吧。']
    face = font('uming', 40)
    image = Image.new('L', (760, 3 * 64 + 2 * MARGIN), 255)
    draw = ImageDraw.Draw(image)
    cells = [draw_line(draw, text, face, MARGIN, MARGIN + 64 * i) for i, text in enumerate(texts)]
    lines = page_boxes(np.asarray(image))
    assert [len(boxes) for boxes in lines] == [12, 5, 16]
    for boxes, line_cells in zip(lines, cells):
        assert_one_box_per_char(boxes, line_cells)
    assert lines[0][-1].bottom < lines[1][0].top and lines[1][-1].bottom < lines[2][0].top
    assert [b.kind for b in lines[0]].count('punct') == 2


def test_light_text_on_dark_gives_the_same_boxes():
    gray, _ = render(LINE + '，' + 'Python3', 'zenhei')
    assert page_boxes(255 - gray) == page_boxes(gray)
    assert ink_mask(255 - gray).sum() == ink_mask(gray).sum()


@pytest.mark.parametrize('angle', [2, -2])
def test_a_line_rotated_two_degrees_is_straightened_and_cut_right(angle):
    gray, cells = render(LINE, 'zenhei')
    tilted = np.asarray(Image.fromarray(gray).rotate(angle, resample=Image.BILINEAR, expand=True,
                                                     fillcolor=255))
    straight, lines = segment(tilted)
    assert len(lines) == 1 and len(lines[0]) == 18
    rows = np.flatnonzero(ink_mask(straight).any(axis=1))
    assert rows[-1] + 1 - rows[0] <= 1.15 * 40  # one line's height again, not the tilted band's
    assert (straight[0, 0], straight[-1, -1]) == (255, 255)  # new corners are background


def test_a_straight_image_is_not_resampled():
    gray, _ = render(LINE, 'uming')
    assert np.array_equal(deskewed(gray), gray)


def test_specks_are_ignored():
    gray, cells = render(LINE, 'zenhei')
    clean = only_line(gray)
    dirty = gray.copy()
    # Between lines, in the margins, and in the blank columns between characters; a speck inside a
    # character's columns becomes part of it, as projection can't tell them apart.
    gaps = [(a.right + b.left) // 2 for a, b in zip(clean, clean[1:]) if b.left - a.right >= 6]
    assert len(gaps) >= 3
    height, width = gray.shape
    for y, x, size in [(2, 3, 2), (5, gaps[0], 2), (MARGIN + 20, gaps[1], 1), (MARGIN + 5, gaps[2], 2),
                       (MARGIN + 30, 4, 2), (height - 3, 200, 2), (height - 2, width - 3, 1)]:
        dirty[y:y + size, x:x + size] = 0
    assert only_line(dirty) == clean


@pytest.mark.parametrize('middle_ink, dots', [(2, 3), (0, 2)])
def test_the_thin_middle_dot_of_an_ellipsis_is_no_speck(middle_ink, dots):
    # measured: AR PL SungtiL GB, 32 px, clean: 结果…蜻蜓 read as 结果··蜻蜓, the …'s middle dot (4 pixels of
    # ink to its ends' 7) left out as dirt
    gray, cells = render('结果\u3000蜻蜓', 'uming', size=32)
    gray = gray.copy()
    after, row = int(cells[1][2]), MARGIN + 20
    gray[row:row + 3, after + 5:after + 8] = 0
    gray[row + 1:row + 3, after + 15:after + 15 + middle_ink] = 0    # 4 pixels of ink
    gray[row:row + 3, after + 25:after + 28] = 0
    gray[MARGIN + 5:MARGIN + 7, MARGIN // 2:MARGIN // 2 + 2] = 0   # the same speck far from any dot is dirt
    boxes = only_line(gray)
    assert [b.kind for b in boxes] == ['char'] * 2 + ['punct'] * dots + ['char'] * 2


def test_touching_characters_are_split():
    gray, cells = render(LINE, 'zenhei', spacing=-3)
    assert column_runs(ink_mask(gray)) < 14  # glyphs really do run into each other
    assert_one_box_per_char(only_line(gray), cells)


def test_two_overlapping_glyphs_are_cut_apart():
    face = font('uming', 40)
    image = Image.new('L', (240, 72), 255)
    draw = ImageDraw.Draw(image)
    cells = draw_line(draw, '中国', face, MARGIN, MARGIN)
    cells += draw_line(draw, '人民', face, MARGIN + 2 * face.getlength('中') - 6, MARGIN)
    gray = np.asarray(image)
    assert ink_mask(gray)[:, 90:100].any(axis=0).all()  # 国 and 人 overlap
    assert_one_box_per_char(only_line(gray), cells)


def test_crop_pads_with_surroundings_and_clips_at_the_edges():
    gray = np.arange(20 * 30, dtype=np.uint8).reshape(20, 30)
    inside = crop(gray, Box(10, 5, 20, 15, 'char'), pad=2)
    assert np.array_equal(inside, gray[3:17, 8:22])
    corner = crop(gray, Box(0, 0, 5, 4, 'char'), pad=3)
    assert np.array_equal(corner, gray[0:7, 0:8])
    far_corner = crop(gray, Box(27, 18, 30, 20, 'punct'))
    assert np.array_equal(far_corner, gray[16:20, 25:30])


def test_crops_of_the_straightened_image_hold_the_characters():
    gray, cells = render('你好世界', 'zenhei')
    straight, (boxes,) = segment(gray)
    for box in boxes:
        piece = crop(straight, box)
        assert piece.shape == (box.bottom - box.top + 4, box.right - box.left + 4)
        assert piece[2:-2, 2:-2].min() < 64  # the glyph
        assert (piece[0] > 128).all() and (piece[-1] > 128).all()  # no ink in the padding above and below


def test_a_blank_image_has_no_lines():
    assert segment(np.full((60, 200), 250, np.uint8))[1] == []
    assert text_lines(np.zeros((60, 200), bool)) == []


def narrow_or_wide_score(prefer_narrow, calls):
    """A stand-in classifier, surer of narrow crops or of wide ones (as letters too); records the crops it sees."""
    def score(crops, letters=False, pairs=False):
        calls.append(crops)
        assert all(c.dtype == np.uint8 and c.ndim == 2 and c.max() == 255 for c in crops)
        narrow = [c.shape[1] < 0.8 * c.shape[0] for c in crops]
        return [0.9 if n == prefer_narrow else 0.1 for n in narrow]
    return score


def test_score_settles_whether_doubtful_pieces_are_one_character():
    gray, cells = render('版本3.11的Pyth', 'zenhei')  # no letter as wide as two narrow ones (o, m)
    calls = []
    assert_one_box_per_char(only_line(gray, narrow_or_wide_score(True, calls)), cells)
    assert calls  # the Latin letters were put to the classifier


def test_latin_letters_apart_stay_two_however_sure_the_score_is_of_them_together():
    gray, cells = render('版本的Python', 'zenhei')
    boxes = only_line(gray, narrow_or_wide_score(False, []))
    p, y = [(left + right) / 2 for _, left, right in cells[3:5]]
    assert not any(b.left <= p and y <= b.right for b in boxes)


def touching_rn():
    """版本earn的 in WenQuanYi Zen Hei at 40 px with r and n drawn into each other (e and a give the
    line its Latin baseline); returns (image, (left, right) of rn)."""
    face = font('zenhei', 40)
    image = Image.new('L', (300, 40 + 2 * MARGIN), 255)
    draw = ImageDraw.Draw(image)
    x = MARGIN + 80 + face.getlength('ea')
    draw_line(draw, '版本ea', face, MARGIN, MARGIN)
    draw.text((x, MARGIN), 'r', font=face, fill=0)
    draw.text((x + face.getlength('r') - 6, MARGIN), 'n', font=face, fill=0)
    draw.text((x + face.getlength('rn') + 4, MARGIN), '的', font=face, fill=0)
    left, right = x + face.getbbox('r')[0], x + face.getlength('r') - 6 + face.getbbox('n')[2]
    return np.asarray(image), (left, right)


@pytest.mark.parametrize('prefer_narrow, glyphs', [(True, 2), (False, 1)])
def test_touching_letters_are_cut_where_the_score_is_surer_of_two(prefer_narrow, glyphs):
    gray, (left, right) = touching_rn()
    assert column_runs(ink_mask(gray)[:, int(left):int(right)]) == 1  # r and n touch
    boxes = only_line(gray, narrow_or_wide_score(prefer_narrow, []))
    inside = [b for b in boxes if left - 1 <= b.left and b.right <= right + 1]
    assert len(inside) == glyphs


@pytest.mark.parametrize('text', [LINE, '北的从明你好川叫外'])
def test_score_is_not_asked_about_plain_ideographs(text):
    gray, cells = render(text, 'uming')
    calls = []
    boxes = only_line(gray, narrow_or_wide_score(True, calls))
    assert_one_box_per_char(boxes, cells)
    assert sum(len(c) for c in calls) == 0


def test_line_boxes_works_on_a_band_of_a_mask():
    gray, cells = render(LINE, 'uming')
    mask = ink_mask(gray)
    (top, bottom), = text_lines(mask)
    assert_one_box_per_char(line_boxes(mask, top, bottom), cells)
    assert line_boxes(mask, 0, 3) == []


def test_a_line_is_cut_in_a_few_milliseconds():
    gray, _ = render(LINE, 'zenhei')
    segment(gray)
    start = time.perf_counter()
    for _ in range(10):
        segment(gray)
    assert (time.perf_counter() - start) / 10 < 0.03  # about 3 ms on one free core


def width_score(least):
    """A stand-in classifier sure of crops at least `least` x as wide as they are high, unsure of others."""
    def score(crops, letters=False, pairs=False):
        return [0.9 if c.shape[1] >= least * c.shape[0] else 0.4 for c in crops]
    return score


@pytest.mark.parametrize('least, parts', [(0.7, 1), (2.0, 2)])
def test_glyph_parts_that_overhang_are_joined_where_the_score_is_surer_of_them_whole(least, parts):
    gray, cells = render('训练61%。', 'uming', size=33)  # AR PL UMing draws the circles of % apart from its slash
    _, left, right = cells[4]
    boxes = only_line(gray, width_score(least))
    assert len([b for b in boxes if left - 1 <= b.left and b.right <= right + 1]) == parts


def touching_digits(lone_digit):
    """电话5，约05研究 (or without the lone 5) in WenQuanYi Zen Hei at 40 px with 0 and 5 drawn into
    each other, as blur runs small digits together; the line has no Latin baseline. Returns (image,
    (left, right) of 05)."""
    face = font('zenhei', 40)
    image = Image.new('L', (420, 40 + 2 * MARGIN), 255)
    draw = ImageDraw.Draw(image)
    before = '电话%s，约' % lone_digit
    draw_line(draw, before, face, MARGIN, MARGIN)
    x = MARGIN + sum(face.getlength(c) for c in before)
    left = x + face.getbbox('0')[0]
    draw.text((x, MARGIN), '0', font=face, fill=0)
    x += face.getlength('0') - 5
    draw.text((x, MARGIN), '5', font=face, fill=0)
    right = x + face.getbbox('5')[2]
    draw_line(draw, '研究', face, x + face.getlength('5') + 2, MARGIN)
    return np.asarray(image), (left, right)


@pytest.mark.parametrize('lone_digit, prefer_narrow, glyphs', [('5', True, 2), ('5', False, 1), ('', True, 1)])
def test_digits_run_together_in_a_line_without_baseline_are_cut_where_the_score_is_surer_of_two(
        lone_digit, prefer_narrow, glyphs):
    gray, (left, right) = touching_digits(lone_digit)
    boxes = only_line(gray, narrow_or_wide_score(prefer_narrow, []))
    assert len([b for b in boxes if left - 2 <= b.left and b.right <= right + 2]) == glyphs


def glyphs_run_together(width):
    """A band 30 px high with one piece spanning it, `width` px wide, waisted in the middle as two
    blurred digits run together are; its line's characters are 30 px wide, and it has no baseline."""
    band = np.zeros((30, 100), bool)
    band[:, 10:10 + width] = True
    band[10:20, 10 + width // 2] = False
    line = Band(top=0, bottom=30, width=30, pitch=33, baseline=None, anchors=())
    return band, [([piece_at(band, 10, 10 + width)], 'char')], line


@pytest.mark.parametrize('width, prefer_narrow, glyphs', [(40, True, 2), (40, False, 1), (34, True, 1)])
def test_a_glyph_spanning_the_band_is_cut_in_two_only_when_wider_than_any_ideograph(width, prefer_narrow, glyphs):
    band, groups, line = glyphs_run_together(width)
    assert len(split_pairs_by_score(groups, band, line, narrow_or_wide_score(prefer_narrow, []))) == glyphs


def character_and_slash_cut_wrong():
    """A band 30 px high holding one run of ink: a character 26 px wide spanning the band, then a
    slash 14 px wide and shorter, touching it; a cut 8 px from its left has made two glyphs of it."""
    band = np.zeros((30, 70), bool)
    band[:, 10:36] = True
    band[10:, 36:50] = True
    line = Band(top=0, bottom=30, width=26, pitch=28, baseline=None, anchors=())
    return band, [([piece_at(band, 10, 18)], 'char'), ([piece_at(band, 18, 50)], 'char')], line


def sure_of(*shapes):
    """A stand-in classifier sure of crops of the given (height, width), padded as glyph_crop pads."""
    def score(crops, letters=False, pairs=False):
        return [0.95 if (c.shape[0] - 4, c.shape[1] - 4) in shapes else 0.3 for c in crops]
    return score


def test_two_characters_cut_from_one_run_are_cut_again_where_the_score_is_surer_of_them():
    band, groups, line = character_and_slash_cut_wrong()
    recut = recut_by_score(groups, band, line, sure_of((30, 26), (20, 14)))
    assert [(g[0].left, g[0].right) for g, _ in recut] == [(10, 36), (36, 50)]


def test_a_cut_the_score_is_sure_of_stays():
    band, groups, line = character_and_slash_cut_wrong()
    assert recut_by_score(groups, band, line, sure_of((30, 8), (30, 32))) == groups


BAND_42 = Band(top=0, bottom=42, width=40, pitch=44, baseline=38, anchors=())  # a line 42 px high


def test_a_mark_that_shares_columns_with_the_glyph_before_it_may_be_its_part():
    y, tip, apart = Piece(202, 209, 23, 34, 40), Piece(208, 210, 23, 24, 2), Piece(212, 214, 23, 24, 2)
    assert overhanging_runs([([y], 'char'), ([tip], 'punct'), ([apart], 'punct')], BAND_42) == [(0, 2)]
    assert overhanging_runs([([y], 'char'), ([apart], 'punct')], BAND_42) == []


def test_parts_of_one_column_run_that_abut_may_be_one_glyph():
    # AR PL UMing, 23 px: the dark left tips of a 3's arcs, their thin strokes lost at the threshold, are
    # a part of their own in the 3's run of columns, abutting its body (Shanghai 3.6 read Shanghai:3.6)
    tips, body, after = Piece(558, 562, 2, 24, 20), Piece(562, 576, 0, 26, 90), Piece(576, 590, 0, 26, 90)
    assert overhanging_runs([([tips], 'char'), ([body], 'char'), ([after], 'char')], BAND_42) == [(0, 2)]


@pytest.mark.parametrize('whole, joined', [(0.95, True), (0.85, False)])
def test_a_sliver_abutting_a_glyph_is_joined_to_it_only_when_the_score_is_sure_of_them_whole(whole, joined):
    band = np.zeros((42, 60), bool)
    band[10:30, 10:14] = True    # the tips of a 3's arcs: a sliver 0.1 of the band wide
    band[4:36, 15:30] = True     # its body, in the columns right after
    line = BAND_42
    groups = [([Piece(10, 14, 10, 30, 80)], 'char'), ([Piece(14, 30, 4, 36, 480)], 'char')]

    def score(crops, letters=False, pairs=False):
        return [whole if c.shape[1] - 4 == 20 else 0.5 for c in crops]   # the two whole are 20 columns wide
    out = joined_overlaps_by_score(groups, band, line, score)
    assert len(out) == (1 if joined else 2)


def latin_heavy_band(ideograph_rows):
    """A band 24 px high: one ideograph 18 px wide on `ideograph_rows`, and four square Latin glyphs
    (touching pairs such as ke and ff) 16 px a side on rows 5-21, as a line of mostly English sets them."""
    band = np.zeros((24, 140), bool)
    band[ideograph_rows[0]:ideograph_rows[1], 4:22] = True
    for left in (30, 54, 78, 102):
        band[5:21, left:left + 16] = True
    return band, [piece_at(band, 4, 22)] + [piece_at(band, left, left + 16) for left in (30, 54, 78, 102)]


def test_a_band_is_measured_on_the_ideographs_when_the_classifier_takes_the_shorter_squares_for_latin():
    band, pieces = latin_heavy_band((2, 22))
    assert (measured_band(pieces, band).top, measured_band(pieces, band).bottom) == (5, 21)  # the Latin glyphs'
    line = measured_band(pieces, band, sure_of((16, 16)))
    assert (line.top, line.bottom) == (2, 22)
    line = measured_band(pieces, band, sure_of((20, 18)))  # they read as no letters: the band stands
    assert (line.top, line.bottom) == (5, 21)


def test_ideographs_a_pixel_taller_than_the_latin_glyphs_leave_the_band_as_measured():
    """One piece 21 px tall (an ideograph with a speck of noise on it) sets the check off, but the
    ideographs left when the Latin glyphs are set aside are 17 px against 16: within what blur and
    tilt make, so the band stays."""
    band = np.zeros((24, 220), bool)
    band[0:21, 4:24] = True
    lefts = (30, 54, 78)
    for left in lefts:
        band[4:21, left:left + 18] = True
    latin = (102, 126, 150, 174)
    for left in latin:
        band[5:21, left:left + 16] = True
    pieces = [piece_at(band, 4, 24)] + [piece_at(band, x, x + 18) for x in lefts] + \
        [piece_at(band, x, x + 16) for x in latin]
    line = measured_band(pieces, band, sure_of((16, 16)))
    assert (line.top, line.bottom) == (4.5, 21)


@pytest.mark.parametrize('height, parts', [(3, 1), (12, 2)])
def test_a_flat_stroke_wider_than_the_typical_character_is_not_cut_by_the_grid(height, parts):
    # AR PL SungtiL's 一 at 38 px is 31 px wide beside characters 28 px wide, and was cut as -—; a piece as
    # wide and as tall as a character's part is two characters touching, cut on the grid
    band = np.zeros((31, 200), bool)
    band[14:14 + height, 100:132] = True
    line = Band(top=0, bottom=31, width=28, pitch=36, baseline=None, anchors=(57.0,))  # a cell edge at column 111
    assert len(split_touching(band, piece_at(band, 100, 132), line)) == parts


def latin_band(*rectangles):
    """A band 30 px high, its Latin baseline at row 24 and its characters 28 px wide, inked in the
    (top, bottom, left, right) rectangles; and the one piece they make."""
    band = np.zeros((30, 60), bool)
    for top, bottom, left, right in rectangles:
        band[top:bottom, left:right] = True
    line = Band(top=0, bottom=30, width=28, pitch=30, baseline=24, anchors=())
    return band, piece_at(band, 10, max(right for *_, right in rectangles)), line


def test_a_wide_capital_and_the_letter_under_its_arm_are_two_glyphs():
    # Liberation Serif's Te at 32 px: the T as wide as 0.7 of an ideograph, the e one column under its arm
    band, piece, line = latin_band((4, 7, 10, 30), (4, 24, 18, 22), (12, 24, 29, 40))
    assert [(g.left, g.right) for g in glyphs_apart(band, piece, line)] == [(10, 30), (29, 40)]


def test_an_ideograph_whose_wide_part_stands_on_the_baseline_keeps_its_parts():
    # AR PL SungtiL's 版 at 38 px, wider than the typical character: its 反 stands on the Latin baseline beside
    # its 片, but the two span the band
    band, piece, line = latin_band((1, 4, 10, 30), (1, 24, 18, 22), (12, 29, 29, 44))
    assert glyphs_apart(band, piece, line) == [piece]


def test_the_slash_of_a_percent_sign_keeps_its_rings():
    # a slash as wide, floating between the rings, shares more of their columns than a kerned letter does
    band, piece, line = latin_band((3, 8, 10, 18), (10, 16, 15, 35), (18, 24, 32, 40))
    assert glyphs_apart(band, piece, line) == [piece]


def test_letters_and_digits_run_together_still_vote_for_the_baseline_beside_narrow_ones():
    # measured: AR PL SungtiL GB, 17 px, blurred, cut at twice the size: 系统【JSON】图书馆50.5%，魍魉？ (band 3-35,
    # characters 31 wide), its SO and 50 each run together, wider than a voter, the J, N and . level with them
    ideographs = [Piece(26, 53, 2, 35, 600), Piece(56, 89, 2, 34, 600), Piece(227, 257, 1, 36, 600),
                  Piece(261, 291, 3, 36, 600), Piece(295, 326, 3, 34, 600)]
    brackets = [Piece(109, 120, 0, 36, 200), Piece(194, 205, 0, 36, 200)]
    latin = [Piece(123, 140, 5, 31, 150), Piece(142, 174, 5, 32, 300), Piece(175, 192, 5, 30, 150),
             Piece(329, 362, 6, 31, 300), Piece(367, 373, 24, 30, 30)]
    pieces = sorted(ideographs + brackets + latin)
    assert latin_baseline(pieces, 3.0, 35.0, 31.0) == 30
    assert latin_baseline(sorted(ideographs + brackets), 3.0, 35.0, 31.0) is None
