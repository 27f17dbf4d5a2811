import pytest

import charset
from errors import UserError


def test_labels_file_is_gb2312_level1_in_code_point_order():
    chars = charset.load_charset()
    assert len(chars) == 3755 == len(set(chars))
    assert chars[:3] == ['一', '丁', '七'] and chars[-3:] == ['龙', '龚', '龟']
    assert chars == sorted(chars) == charset.gb2312_level1()
    assert all(c.encode('gb2312')[0] in range(0xB0, 0xD8) for c in chars)


def test_charset_size_takes_the_first_labels():
    assert charset.load_charset(size=5) == ['一', '丁', '七', '万', '丈']
    with pytest.raises(UserError, match='out of range'):
        charset.load_charset(size=3756)


@pytest.mark.parametrize('text, complaint', [
    ('一\n丁\n一\n', 'repeats'), ('一\n丁七\n', 'exactly one character'), ('', 'empty')])
def test_malformed_charset_files_are_refused(tmp_path, text, complaint):
    path = tmp_path / 'labels'
    path.write_text(text, encoding='utf-8')
    with pytest.raises(UserError, match=complaint):
        charset.load_charset(str(path))


def test_missing_or_non_utf8_charset_is_a_clear_error(tmp_path):
    with pytest.raises(UserError, match='cannot read'):
        charset.load_charset(str(tmp_path / 'nope'))
    (tmp_path / 'gbk').write_bytes(b'\xff\xfe\n')
    with pytest.raises(UserError, match='not UTF-8'):
        charset.load_charset(str(tmp_path / 'gbk'))


def test_extended_charset_keeps_the_chinese_ids_and_appends_symbols(tmp_path):
    out = tmp_path / 'labels_ext'
    charset.main(['--out', str(out), '--extra', 'digits,latin,punctuation'])
    chars = charset.load_charset(str(out))
    assert chars[:3755] == charset.gb2312_level1()
    assert chars[3755:3765] == list('0123456789')
    assert {'A', 'z', '，', '。', '?'} <= set(chars[3755:])
    with pytest.raises(UserError, match='unknown character group'):
        charset.extended([], ['emoji'])


def test_full_extension_is_level1_level2_then_symbols_in_the_order_asked(tmp_path):
    out = tmp_path / 'labels_ext'
    charset.main(['--out', str(out), '--extra', 'level2,digits,latin,punctuation'])
    chars = charset.load_charset(str(out))
    level2 = chars[3755:3755 + 3008]
    assert level2 == sorted(level2) and level2[:2] == ['丌', '丐']
    assert all(0xD8 <= c.encode('gb2312')[0] <= 0xF7 for c in level2)
    assert {'蜻', '蜓', '蝌', '蚪', '璐', '琪', '坳'} <= set(level2)
    assert chars[6763:6773] == list('0123456789')
    assert {'；', '%', '％', '【', '@', '~', '×', '〇'} <= set(chars[6763:])
    assert len(chars) == len(set(chars))
