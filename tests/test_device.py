"""--precision auto: bf16 exactly on CPUs that multiply bf16 natively, and the start line that says so."""
import json
import os

import pytest

from conftest import ROOT, TINY_CLASSES
from device import chosen_precision, cpuinfo_field

MILAN = 'processor\t: 0\nmodel name\t: AMD EPYC 7763 64-Core Processor\nflags\t\t: fpu sse2 avx2 fma avx512f\n'
SAPPHIRE_RAPIDS = 'model name\t: Intel(R) Xeon(R) Platinum 8480+\nflags\t\t: avx2 avx512f avx512_bf16 amx_bf16 amx_tile\n'
COOPER_LAKE = 'model name\t: Intel(R) Xeon(R) Platinum 8380H\nflags\t\t: avx2 avx512f avx512_bf16\n'


def auto(cpuinfo, has_gpu=False):
    return chosen_precision('auto', set(cpuinfo_field(cpuinfo, 'flags').split()), has_gpu)


@pytest.mark.parametrize('cpuinfo, precision, flag', [(MILAN, 'fp32', 'neither avx512_bf16 nor amx_bf16'),
                                                      (SAPPHIRE_RAPIDS, 'bf16', 'avx512_bf16'),
                                                      (COOPER_LAKE, 'bf16', 'avx512_bf16'),
                                                      ('', 'fp32', 'neither')])
def test_auto_picks_bf16_only_where_the_cpu_has_it(cpuinfo, precision, flag):
    chosen, why = auto(cpuinfo)
    assert chosen == precision and why.startswith(precision) and flag in why


def test_auto_keeps_fp32_on_a_gpu():
    assert auto(SAPPHIRE_RAPIDS, has_gpu=True)[0] == 'fp32'


def test_an_explicit_precision_is_kept_and_emulated_bf16_is_called_slow():
    assert chosen_precision('fp32', {'avx512_bf16'}, False) == ('fp32', 'fp32 (--precision fp32)')
    precision, why = chosen_precision('bf16', {'avx2'}, False)
    assert precision == 'bf16' and 'slower than fp32' in why
    assert 'slower' not in chosen_precision('bf16', {'amx_bf16'}, False)[1]


def test_cpu_model_is_read_from_cpuinfo():
    assert cpuinfo_field(MILAN, 'model name') == 'AMD EPYC 7763 64-Core Processor'
    assert cpuinfo_field('', 'model name') == ''


def test_bf16_path_reads_the_same_as_fp32(tiny_model, tmp_path, capsys):
    import chinese_ocr
    from charset import load_charset
    from test_training import crop_of
    chars = load_charset(size=TINY_CLASSES)
    for i, char in enumerate(chars[:4]):
        crop_of(char, '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 40, i % 2 == 0).save(tmp_path / ('%d.png' % i))
    texts = {}
    for precision in ('fp32', 'bf16'):
        chinese_ocr.main(['--mode=inference', '--precision', precision, '--charset_size', str(TINY_CLASSES),
                          '--checkpoint_dir', str(tiny_model[0]), '--inference_dir', str(tmp_path), '--output', 'json'])
        out = json.loads(capsys.readouterr().out)
        texts[precision] = out['text']
        assert all(0 <= p <= 1 for r in out['results'] for p in r['probabilities'])  # bf16 rounds past 1
    assert texts['bf16'] == texts['fp32'] == ''.join(chars[:4])


@pytest.mark.slow
def test_shipped_model_is_as_accurate_in_bf16_as_in_fp32(tmp_path):
    """Every GB2312 level-1 character in AR PL UMing (a font the model never saw), read in both precisions."""
    import chinese_ocr
    import gen_printed_char
    gen_printed_char.generate(gen_printed_char.parse_args([
        '--out_dir', str(tmp_path / 'data'), '--font_dir', '/usr/share/fonts/truetype/arphic',
        '--holdout_fonts', 'UMing', '--copies', '1', '--workers', '2', '--overwrite']), log=lambda _: None)
    accuracy = {}
    for precision in ('fp32', 'bf16'):
        chinese_ocr.main(['--mode=validation', '--precision', precision, '--test_data_dir',
                          str(tmp_path / 'data' / 'test_font'), '--log_dir', str(tmp_path / precision),
                          '--checkpoint_dir', os.path.join(ROOT, 'model')])
        report = json.loads((tmp_path / precision / 'validation_report.json').read_text(encoding='utf-8'))
        accuracy[precision] = report['top_1_accuracy']
    assert report['images'] == 3755 and accuracy['fp32'] >= 0.99
    assert abs(accuracy['bf16'] - accuracy['fp32']) <= 0.0002  # 0.02 percentage points
