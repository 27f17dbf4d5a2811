"""The label set: `chinese_labels` maps line i (0-based) to label id i.

Run as a script to write a charset file that extends the GB2312 level-1 set
with GB2312 level 2, digits, Latin letters and punctuation, e.g.
    python charset.py --extra level2,digits,latin,punctuation --out labels_ext
The first 3755 ids stay those of `chinese_labels`, so models stay compatible
(`--charset_size 3755` still means the original task).
"""
import argparse
import os
import string
import sys

from errors import UserError

DEFAULT_CHARSET = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'chinese_labels')
GB2312_LEVEL1_SIZE = 3755

# The marks of ordinary Chinese text (full width), then those of English text and code (ASCII), then
# symbols whose shapes the others lack. Full- and half-width forms of one mark are both classes: which
# one a line holds is decided from its neighbours, since a crop cut to its ink cannot tell them apart.
CHINESE_PUNCTUATION = '，。、；：？！“”‘’（）《》【】—…·％「」『』〔〕〈〉～'
ASCII_PUNCTUATION = ',.;:?!"\'()-/%+=@&#*<>[]_~{}|\\^$`'
SYMBOLS = '×÷±°℃￥〇№§'


def gb2312_level1():
    """The 3755 GB2312 level-1 characters (bytes 0xB0A1-0xD7F9) in code-point order."""
    chars = []
    for row in range(0xB0, 0xD8):
        last_cell = 0xF9 if row == 0xD7 else 0xFE
        chars.extend(bytes([row, cell]).decode('gb2312') for cell in range(0xA1, last_cell + 1))
    return sorted(chars)


def gb2312_level2():
    """The 3008 GB2312 level-2 characters (bytes 0xD8A1-0xF7FE) in code-point order."""
    chars = [bytes([row, cell]).decode('gb2312') for row in range(0xD8, 0xF8) for cell in range(0xA1, 0xFF)]
    return sorted(chars)


EXTRA_GROUPS = {
    'level2': ''.join(gb2312_level2()),
    'digits': string.digits,
    'latin': string.ascii_letters,
    'punctuation': CHINESE_PUNCTUATION + ASCII_PUNCTUATION + SYMBOLS,
}


def load_charset(path=DEFAULT_CHARSET, size=None):
    """Returns the first `size` characters (all when None) of a one-character-per-line file."""
    try:
        with open(path, encoding='utf-8') as f:
            lines = f.read().split('\n')
    except OSError as e:
        raise UserError('cannot read charset file %s (%s); pass --charset with a UTF-8 file, one character per line'
                        % (path, e.strerror))
    except UnicodeDecodeError:
        raise UserError('charset file %s is not UTF-8 text; save it as UTF-8, one character per line' % path)
    if lines and lines[-1] == '':
        lines.pop()
    chars = _checked(lines, path)
    if size is None:
        return chars
    if not 0 < size <= len(chars):
        raise UserError('--charset_size %d is out of range: %s has %d characters' % (size, path, len(chars)))
    return chars[:size]


def _checked(lines, path):
    if not lines:
        raise UserError('charset file %s is empty; it needs one character per line' % path)
    seen = {}
    for number, char in enumerate(lines, 1):
        if len(char) != 1:
            raise UserError('%s line %d holds %r: each line must be exactly one character' % (path, number, char))
        if char in seen:
            raise UserError('%s line %d repeats %r from line %d: each character may appear once'
                            % (path, number, char, seen[char]))
        seen[char] = number
    return lines


def extended(base, groups):
    """`base` followed by the characters of the named EXTRA_GROUPS that it lacks."""
    chars = list(base)
    present = set(chars)
    for group in groups:
        if group not in EXTRA_GROUPS:
            raise UserError('unknown character group %r; choose from %s' % (group, ', '.join(EXTRA_GROUPS)))
        for char in EXTRA_GROUPS[group]:
            if char not in present:
                chars.append(char)
                present.add(char)
    return chars


def write_charset(chars, path):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(''.join(char + '\n' for char in chars))


def main(argv=None):
    parser = argparse.ArgumentParser(description='Write a charset file: GB2312 level 1, optionally extended.')
    parser.add_argument('--out', required=True, help='file to write, one character per line')
    parser.add_argument('--extra', default='', help='comma-separated groups to append, in the order given: '
                        + ', '.join(EXTRA_GROUPS))
    parser.add_argument('--extra_file', help='a UTF-8 file whose characters are appended too (any layout)')
    args = parser.parse_args(argv)
    try:
        chars = extended(gb2312_level1(), [g for g in args.extra.split(',') if g])
        if args.extra_file:
            chars = _with_file_chars(chars, args.extra_file)
        write_charset(chars, args.out)
    except UserError as e:
        sys.exit('error: %s' % e)
    print('wrote %d characters to %s' % (len(chars), args.out))


def _with_file_chars(chars, path):
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise UserError('cannot read %s as UTF-8 text (%s)' % (path, e))
    present = set(chars)
    for char in text:
        if not char.isspace() and char not in present:
            chars.append(char)
            present.add(char)
    return chars


if __name__ == '__main__':
    main()
