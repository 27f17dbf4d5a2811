"""ideographs_recut: glyphs read unsurely as ideographs, cut by the segmenter across their characters."""
import numpy as np
import pytest

from ideographs_recut import ideographs_recut
from reading import Character
from stand_in_reader import box_reader_of, text_of

BAND = 20    # pixels: the ideographs' height, and their width
MARGIN = 4   # pixels of background round each crop, as reading.GLYPH_PAD leaves
WHOLE = 0.8  # of a cell's inked columns: what a box must hold to be read as the cell's character


def page(cells):
    """White-on-black ink: each cell (char, left, right) a block of ink with a blank column on either side."""
    ink = np.zeros((BAND, max(right for _, _, right in cells)), np.uint8)
    for _, left, right in cells:
        ink[:, left + 1:right - 1] = 255
    return ink


def glyph(ink, ranked, left, right, space_before=False):
    """A Character the segmenter cut from columns left..right of the ink, read as `ranked` ([(char, p)])."""
    return Character(ranked[0][0], [left, 0, right, BAND], 'char', [c for c, _ in ranked],
                     list(range(len(ranked))), [p for _, p in ranked], space_before=space_before,
                     crop=np.pad(ink[:, left:right], MARGIN))


def reader_of(cells, sure=0.99):
    """A stand-in for reading.box_reader: a box round most of one cell's ink reads as its char, `sure`ly,
    any other as 田 at 0.5; records the boxes it was given."""
    return box_reader_of(ranked_in(cells, sure))


def ranked_in(cells, sure=0.99):
    """[(char, p)] of a box: its cell's char where it holds most of one cell's ink, else 田."""
    def ranked(box):
        inside = [char for char, left, right in cells
                  if left <= box.left and box.right <= right and box.right - box.left >= WHOLE * (right - left - 2)]
        return [(inside[0], sure), ('田', 1 - sure)] if inside else [('田', 0.5), ('8', 0.2)]
    return ranked


# 软件—训练 as Droid Sans Fallback draws it at 31 px, degraded: 训's parts stand apart and the segmenter
# cut it as 讠 and 川, each read unsurely.
TRAINING = [('软', 0, 20), ('训', 20, 40), ('练', 40, 60)]


def cut_training(ink, second=('川', 0.59), space_before=False):
    return [glyph(ink, [('软', 1.0)], 0, 20), glyph(ink, [('讠', 0.62), ('i', 0.38)], 20, 27),
            glyph(ink, [second], 27, 40, space_before), glyph(ink, [('练', 1.0)], 40, 60)]


def test_an_ideograph_cut_into_its_parts_is_read_whole():
    ink = page(TRAINING)
    read, asked = reader_of(TRAINING)
    out = ideographs_recut(cut_training(ink), read)
    assert text_of(out) == '软训练'
    assert out[1].box == [21, 0, 39, BAND]   # drawn round its ink
    assert asked


def test_a_line_with_no_ideograph_read_surely_takes_their_height_for_their_width():
    # measured: AR PL UMing 42 px, clean, in a line of Latin (burning OCR: 248 时间): 时 cut as 日 and 寸, read
    # at 0.56 and 0.68, and 间 at 0.65: no ideograph of the line was read surely enough to give their width
    ink = page(TRAINING)
    read, _ = reader_of(TRAINING)
    characters = cut_training(ink)
    for c in characters:
        c.probabilities[0] = min(c.probabilities[0], 0.8)
    assert text_of(ideographs_recut(characters, read)) == '软训练'


@pytest.mark.parametrize('case', ['unsure pieces', 'apart', 'letter', 'mark'])
def test_glyphs_are_left_as_read_unless_a_sure_cutting_of_ideographs_reads_likelier(case):
    cells, second, space_before, sure = TRAINING, ('川', 0.59), False, 0.99
    if case == 'unsure pieces':
        sure = 0.8
    elif case == 'apart':
        space_before = True          # a space between the two: not one character
    else:                            # a piece read as a letter or a mark is never taken
        cells = [('软', 0, 20), ('m' if case == 'letter' else '%', 20, 40), ('练', 40, 60)]
    ink = page(cells)
    read, _ = reader_of(cells, sure)
    characters = cut_training(ink, second, space_before)
    before = text_of(characters)
    assert text_of(ideographs_recut(characters, read)) == before


def test_glyphs_that_overlap_are_left_as_read():
    ink = page(TRAINING)
    read, _ = reader_of(TRAINING)
    characters = cut_training(ink)
    characters[2].box[0] = characters[1].box[0]   # the segmenter's boxes of an overhanging glyph start together
    assert text_of(ideographs_recut(characters, read)) == '软讠川练'


def test_a_glyph_wider_than_an_ideograph_is_cut_when_its_pieces_are_likelier():
    cells = [('软', 0, 20), ('三', 20, 40), ('木', 40, 60), ('口', 60, 80), ('练', 80, 100)]
    ink = page(cells)
    read, asked = reader_of(cells, sure=0.86)   # 0.86 ** 3 = 0.64 < 0.69
    characters = [glyph(ink, [('软', 1.0)], 0, 20), glyph(ink, [('森', 0.69)], 20, 80),
                  glyph(ink, [('练', 1.0)], 80, 100)]
    assert text_of(ideographs_recut(characters, read)) == '软森练' and asked
    characters[1].probabilities[0] = 0.6
    assert text_of(ideographs_recut(characters, read)) == '软三木口练'


def test_an_ideograph_read_surely_beside_the_run_keeps_its_columns():
    # measured: AR PL KaitiM, 16 px, degraded: 都为 read as 都沩, a narrower 都 leaving its 阝 to 为
    ink = page([('都', 0, 20), ('为', 20, 40), ('全', 40, 60)])
    read, _ = reader_of([('都', 0, 14), ('沩', 12, 40), ('全', 40, 60)])
    characters = [glyph(ink, [('都', 0.99)], 0, 20), glyph(ink, [('为', 0.57), ('沩', 0.2)], 20, 40),
                  glyph(ink, [('全', 1.0)], 40, 60)]
    assert text_of(ideographs_recut(characters, read)) == '都为全'


# 发布, 679%. as Droid Sans Fallback draws it at 16 px, degraded: 7 and 9 run together, read as 祀.
PERCENT = [('布', 0, 20), ('6', 22, 32), ('7', 32, 42), ('9', 42, 52), ('%', 52, 64)]


def test_digits_run_together_into_an_ideograph_s_shape_are_read_in_a_line_of_digits():
    ink = page(PERCENT)
    read, _ = reader_of(PERCENT)
    characters = [glyph(ink, [('布', 1.0)], 0, 20), glyph(ink, [('6', 1.0)], 22, 32),
                  glyph(ink, [('祀', 0.28), ('记', 0.1)], 32, 52), glyph(ink, [('%', 0.97)], 52, 64)]
    assert text_of(ideographs_recut(characters, read)) == '布679%'
    del characters[1]   # with no digit read surely in the line, no piece is taken as a digit
    read, asked = reader_of(PERCENT)
    assert text_of(ideographs_recut(characters, read)) == '布祀%' and asked


def test_a_sure_part_of_an_ideograph_and_the_specks_beside_it_are_read_whole():
    # AR PL UMing, 17 px, clean: 计 cut as its 讠, read at 0.99, and its 十 as the specks and the stroke . | .
    cells = [('字', 0, 20), ('计', 20, 40), ('算', 40, 60)]
    ink = page(cells)
    read, _ = reader_of(cells)
    characters = [glyph(ink, [('字', 1.0)], 0, 20), glyph(ink, [('讠', 0.99), ('i', 0.01)], 20, 27),
                  glyph(ink, [('.', 0.86), ('·', 0.14)], 27, 30), glyph(ink, [('|', 0.82), ('丨', 0.09)], 30, 34),
                  glyph(ink, [('.', 0.84), ('·', 0.12)], 34, 40), glyph(ink, [('算', 1.0)], 40, 60)]
    assert text_of(ideographs_recut(characters, read)) == '字计算'


def test_a_slash_cut_with_the_ideograph_it_leans_over_is_read_apart():
    # measured: AR PL SungtiL GB with Liberation Sans, 39 px, degraded: 元/件 cut as 汩 and 件, read 元件
    cells = [('4', 0, 10), ('元', 10, 30), ('/', 30, 38), ('件', 38, 58)]
    ink = page(cells)
    read, _ = reader_of(cells)
    characters = [glyph(ink, [('4', 1.0)], 0, 10), glyph(ink, [('汩', 0.52), ('汨', 0.12)], 10, 38),
                  glyph(ink, [('件', 1.0)], 38, 58)]
    assert text_of(ideographs_recut(characters, read)) == '4元/件'


PRICE = [('4', 0, 10), ('元', 10, 30), ('/', 30, 38), ('件', 38, 58)]


@pytest.mark.parametrize('cells, letters, text', [
    (PRICE, [('d', 0.97, 10, 38)], '4元/件'),                    # 元/ read as one letter, surely
    (PRICE, [('j', 0.75, 10, 20), ('d', 0.9, 20, 38)], '4元/件'),  # or as two
    ([('4', 0, 10), ('A', 10, 38), ('件', 38, 58)], [('A', 0.99, 10, 38)], '4A件'),  # a letter set in Chinese (A股)
])
def test_letters_glued_to_an_ideograph_are_cut_again_however_sure(cells, letters, text):
    # measured: AR PL UMing with Liberation Sans, 20 px, degraded: 元/ read as j and d (673元/件 as 673jd件), and in
    # Droid Sans Fallback at 17 px as d at 0.70
    ink = page(cells)
    read, _ = reader_of(cells)
    characters = ([glyph(ink, [('4', 1.0)], 0, 10)] + [glyph(ink, [(c, p), ('田', 1 - p)], left, right)
                                                        for c, p, left, right in letters]
                  + [glyph(ink, [('件', 1.0)], 38, 58)])
    assert text_of(ideographs_recut(characters, read)) == text


@pytest.mark.parametrize('cells, glyphs, text', [
    # AR PL KaitiM GB 41 px, clean: 璐's 王 read as I, its box running into 路's
    ([('库', 0, 20), ('璐', 20, 40), ('琪', 40, 60)],
     [('库', 1.0, 0, 20), ('I', 0.95, 20, 27), ('路', 0.99, 25, 40), ('琪', 1.0, 40, 60)], '库璐琪'),
    # LXGW WenKai 46 px, clean: 别》 read as 另 and O, 另 sure and too wide for a fragment
    ([('识', 0, 20), ('别', 20, 40), ('》', 40, 50)],
     [('识', 1.0, 0, 20), ('另', 0.99, 20, 31), ('O', 0.34, 31, 50)], '识别》'),
])
def test_a_part_of_an_ideograph_read_as_a_letter_is_read_whole_with_it(cells, glyphs, text):
    ink = page(cells)
    read, _ = reader_of(cells)
    characters = [glyph(ink, [(c, p), ('田', 1 - p)], left, right) for c, p, left, right in glyphs]
    assert text_of(ideographs_recut(characters, read)) == text


def leaning_page(cells, slash):
    """page(cells) with the ink of the cell `slash` (char, left, right) a 2-pixel stroke leaning as a / does."""
    ink = page([cell for cell in cells if cell != slash])
    _, left, right = slash
    for row in range(BAND):
        column = left + 1 + (BAND - 1 - row) * (right - left - 4) // (BAND - 1)
        ink[row, column:column + 2] = 255
    return ink


@pytest.mark.parametrize('leans, text', [(True, '4元/件'), (False, '4汩件')])
def test_a_slash_that_blur_makes_upright_is_read_apart_when_it_leans(leans, text):
    # measured: LXGW WenKai with Liberation Sans, 17 px, degraded: 652元/件 read as 652·元件, the / cut from 元
    # read as l 0.45, I 0.36, / 0.16 (less than neighbours.SLASH_SHARE), its ink leaning 0.23
    cells = [('4', 0, 10), ('元', 10, 30), ('/', 30, 38), ('件', 38, 58)]
    ink = leaning_page(cells, cells[2]) if leans else page(cells)
    plain, _ = reader_of(cells)

    def read(boxes):
        out = plain(boxes)
        for box, c in zip(boxes, out):
            c.crop = np.pad(ink[:, box.left:box.right], MARGIN)
            if c.char == '/':
                c.char, c.candidates, c.ids = 'l', ['l', 'I', '/', '田'], [0, 1, 2, 3]
                c.probabilities = [0.45, 0.36, 0.16, 0.03]
        return out

    characters = [glyph(ink, [('4', 1.0)], 0, 10), glyph(ink, [('汩', 0.52), ('汨', 0.12)], 10, 38),
                  glyph(ink, [('件', 1.0)], 38, 58)]
    assert text_of(ideographs_recut(characters, read)) == text


# 计算结果 as AR PL UMing draws it at 42 px, clean: 结's 纟 stands apart from its 吉 and each is read surely.
RESULT = [('算', 0, 20), ('结', 20, 40), ('果', 40, 60)]


def cut_result(ink):
    return [glyph(ink, [('算', 1.0)], 0, 20), glyph(ink, [('纟', 1.0)], 20, 27), glyph(ink, [('吉', 0.95)], 27, 40),
            glyph(ink, [('果', 1.0)], 40, 60)]


def test_a_sure_fragment_between_sure_ideographs_is_read_whole_with_one_of_them():
    ink = page(RESULT)
    read, _ = reader_of(RESULT)
    assert text_of(ideographs_recut(cut_result(ink), read)) == '算结果'


@pytest.mark.parametrize('sure, expected', [(0.99, '算结果'), (0.88, '算纟吉果')])
def test_a_sure_ideograph_is_given_up_only_for_pieces_read_as_surely(sure, expected):
    # measured: AR PL SungtiL GB, 39 px, clean: 孩子们 with 们 cut as 亻 and 门, where 子 would have been given
    # up for 孑 at 0.93 and 彐 at 0.88
    ink = page(RESULT)
    read, _ = reader_of(RESULT, sure)
    assert text_of(ideographs_recut(cut_result(ink), read)) == expected


def test_a_side_part_read_surely_and_as_wide_as_an_ideograph_may_be_is_read_whole_with_the_glyph_beside_it():
    # measured: AR PL KaitiM GB, 44 px, clean: 《计算用户》 with 计 cut as 讠 (0.6 of an ideograph's width, 1.00)
    # and 十 (0.88), their boxes overlapping, neither narrow enough nor unsure enough to be cut again
    cells = [('计', 0, 20), ('算', 20, 40), ('用', 40, 60)]
    ink = page(cells)
    read, _ = reader_of(cells)
    characters = [glyph(ink, [('讠', 1.0)], 0, 12), glyph(ink, [('十', 0.88)], 10, 20),
                  glyph(ink, [('算', 1.0)], 20, 40), glyph(ink, [('用', 1.0)], 40, 60)]
    assert text_of(ideographs_recut(characters, read)) == '计算用'


def test_a_line_whose_ideographs_are_half_fragments_takes_their_width_from_the_whole_ones():
    # measured: AR PL KaitiM GB, 22 px, clean: 电话：075-79463962，电话约18.3% with each 话 cut as 讠 and 舌: the
    # median width of the sure ideographs, 讠 among them, was too narrow to call a 讠 a fragment
    cells = [('电', 0, 20), ('话', 20, 40), ('约', 40, 60), ('电', 60, 80), ('话', 80, 100)]
    ink = page(cells)
    read, _ = reader_of(cells)
    characters = []
    for left in (0, 60):
        characters += [glyph(ink, [('电', 1.0)], left, left + 20), glyph(ink, [('讠', 1.0)], left + 20, left + 26),
                       glyph(ink, [('舌', 1.0)], left + 26, left + 40)]
        if left == 0:
            characters.append(glyph(ink, [('约', 1.0)], 40, 60))
    assert text_of(ideographs_recut(characters, read)) == '电话约电话'


def test_a_bracket_cut_with_the_ideograph_after_it_is_read_apart():
    # measured: AR PL UMing, 37 px, degraded: 《时间 cut as 佃 (0.40) and 引 (0.62); a full-width 《 inks the left of
    # its em
    cells = [('《', 0, 14), ('时', 14, 34), ('间', 34, 54)]
    ink = page(cells)
    ink[:, 7:14] = 0
    ideographs = ranked_in(cells)
    read, _ = box_reader_of(lambda box: [('《', 0.99), ('(', 0.01)] if box.right <= 14 and box.right - box.left >= 4
                            else ideographs(box))
    characters = [glyph(ink, [('佃', 0.4)], 0, 20), glyph(ink, [('引', 0.62)], 20, 34), glyph(ink, [('间', 1.0)], 34, 54)]
    assert text_of(ideographs_recut(characters, read)) == '《时间'
