"""A picture of validation's most-confused pairs: each true glyph beside what it was read as."""
import os

from PIL import Image, ImageDraw, ImageFont

# Fonts of the Makefile's Debian packages, in order of preference; any one of them draws GB2312 level 1.
CJK_FONTS = ('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
             '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/truetype/arphic/uming.ttc')
PAIRS_SHOWN = 12
COLUMNS = 4
GLYPH_PX = 64  # glyph size, as large as the network's input
CELL_W, CELL_H = 3 * GLYPH_PX + 40, GLYPH_PX + 44  # two glyphs, the arrow between, the caption below
TITLE_H = 36
INK, WRONG, GREY, PAPER = (0, 0, 0), (200, 30, 30), (110, 110, 110), (255, 255, 255)


def cjk_font_path():
    return next((path for path in CJK_FONTS if os.path.exists(path)), None)


def draw_confused_pairs(pairs, path, font_path=None):
    """Writes up to PAIRS_SHOWN {'truth', 'read_as', 'count'} pairs as a PNG grid; returns the path, or None
    when there is no pair or no CJK font to draw them with."""
    font_path = font_path or cjk_font_path()
    pairs = pairs[:PAIRS_SHOWN]
    if not pairs or font_path is None:
        return None
    glyph_font = ImageFont.truetype(font_path, GLYPH_PX)
    caption_font = ImageFont.truetype(font_path, 15)
    rows = -(-len(pairs) // COLUMNS)
    image = Image.new('RGB', (COLUMNS * CELL_W, TITLE_H + rows * CELL_H), PAPER)
    draw = ImageDraw.Draw(image)
    draw.text((10, 8), 'most confused: true glyph  →  read as (times)', fill=INK, font=caption_font)
    for i, pair in enumerate(pairs):
        x, y = (i % COLUMNS) * CELL_W + 10, TITLE_H + (i // COLUMNS) * CELL_H
        draw.text((x, y), pair['truth'], fill=INK, font=glyph_font)
        arrow_y = y + GLYPH_PX // 2
        draw.line([(x + GLYPH_PX + 8, arrow_y), (x + 2 * GLYPH_PX - 8, arrow_y)], fill=GREY, width=3)
        draw.polygon([(x + 2 * GLYPH_PX - 8, arrow_y - 7), (x + 2 * GLYPH_PX + 4, arrow_y),
                      (x + 2 * GLYPH_PX - 8, arrow_y + 7)], fill=GREY)
        draw.text((x + 2 * GLYPH_PX + 12, y), pair['read_as'], fill=WRONG, font=glyph_font)
        draw.text((x, y + GLYPH_PX + 12), '%s read as %s: %d×' % (pair['truth'], pair['read_as'], pair['count']),
                  fill=GREY, font=caption_font)
    image.save(path)
    return path
