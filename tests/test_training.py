"""A tiny real training run (20 classes, 160 steps) and what must hold for it."""
import json
import os
import shutil

import numpy as np
import pytest
import tensorflow.compat.v1 as tf
from PIL import Image, ImageDraw, ImageFont

import chinese_ocr
from charset import load_charset
from conftest import TINY_CLASSES
from data_iterator import labelled_images
from model import build_graph, weights_saver


def run(*args):
    chinese_ocr.main([str(a) for a in args])


def validate(tiny_dataset, ckpt, logs, split='test'):
    run('--mode=validation', '--charset_size', TINY_CLASSES, '--checkpoint_dir', ckpt, '--log_dir', logs,
        '--test_data_dir', tiny_dataset / split, '--top_k', 5)
    return json.loads((logs / 'validation_report.json').read_text(encoding='utf-8'))


def test_validation_counts_every_test_image_once_and_reaches_90_percent(tiny_dataset, tiny_model, tmp_path):
    ckpt, _ = tiny_model
    report = validate(tiny_dataset, ckpt, tmp_path)
    assert report['images'] == len(labelled_images(str(tiny_dataset / 'test'), TINY_CLASSES))
    assert report['top_1_accuracy'] >= 0.9
    assert report['top_k_accuracy'] >= report['top_1_accuracy']
    assert set(report['per_class_accuracy']) == set(load_charset(size=TINY_CLASSES))


def test_held_out_font_is_read_too(tiny_dataset, tiny_model, tmp_path):
    assert validate(tiny_dataset, tiny_model[0], tmp_path, 'test_font')['top_1_accuracy'] >= 0.8


def test_training_wrote_summaries_for_tensorboard(tiny_model):
    _, logs = tiny_model
    assert os.listdir(logs / 'train') and os.listdir(logs / 'val')


def test_restore_continues_from_the_saved_step(tiny_dataset, tiny_model, tmp_path):
    ckpt = tmp_path / 'ckpt'
    shutil.copytree(tiny_model[0], ckpt)
    run('--mode=train', '--restore', '--charset_size', TINY_CLASSES, '--batch_size', 16, '--max_steps', 163,
        '--train_data_dir', tiny_dataset / 'train', '--test_data_dir', tiny_dataset / 'test',
        '--checkpoint_dir', ckpt, '--log_dir', tmp_path / 'log')
    assert tf.train.latest_checkpoint(str(ckpt)).endswith('-163')


def accuracies_in_both_modes(ckpt, images, labels):
    with tf.Graph().as_default(), tf.Session() as sess:
        graph = build_graph(1, TINY_CLASSES)
        weights_saver().restore(sess, tf.train.latest_checkpoint(str(ckpt)))
        feed = {graph['images']: images, graph['labels']: labels}
        return [sess.run(graph['accuracy'], {**feed, graph['is_training']: mode}) for mode in (False, True)]


def test_eval_mode_accuracy_tracks_training_mode_accuracy(tiny_dataset, tiny_model):
    pairs = labelled_images(str(tiny_dataset / 'train'), TINY_CLASSES)[::4]
    images = np.stack([np.asarray(Image.open(p), np.float32)[:, :, None] / 255 for p, _ in pairs])
    eval_mode, train_mode = accuracies_in_both_modes(tiny_model[0], images, np.array([l for _, l in pairs]))
    assert train_mode >= 0.9 and abs(eval_mode - train_mode) <= 0.05


def crop_of(char, font, size, dark_on_light):
    """A character as cut from a page: some padding, either polarity, not from the generator."""
    ink, paper = (30, 235) if dark_on_light else (230, 20)
    image = Image.new('L', (size + 12, size + 10), paper)
    ImageDraw.Draw(image).text((6, 3), char, fill=ink, font=ImageFont.truetype(font, size))
    return image


def test_inference_reads_crops_of_both_polarities(tiny_model, tmp_path, capsys):
    chars = load_charset(size=TINY_CLASSES)
    font = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc'
    for i, char in enumerate(chars[:12]):
        crop_of(char, font, 28 + 3 * i, dark_on_light=i % 2 == 0).save(tmp_path / ('%02d.jpg' % i), quality=85)
    run('--mode=inference', '--charset_size', TINY_CLASSES, '--checkpoint_dir', tiny_model[0],
        '--inference_dir', tmp_path, '--output', 'json')
    result = json.loads(capsys.readouterr().out)
    assert [r['image'] for r in result['results']] == sorted(str(p) for p in tmp_path.iterdir())
    assert result['text'] == ''.join(chars[:12])
    assert all(len(r['candidates']) == 3 and r['probabilities'] == sorted(r['probabilities'], reverse=True)
               for r in result['results'])


def error_of(*args):
    with pytest.raises(SystemExit) as exit_info:
        run(*args)
    return str(exit_info.value.code)


def test_checkpoint_of_another_charset_size_is_refused(tiny_model, tmp_path):
    message = error_of('--mode=inference', '--charset_size', 3755, '--checkpoint_dir', tiny_model[0],
                       '--inference_dir', tmp_path)
    assert 'was trained with --charset_size 20' in message


def test_missing_checkpoint_is_refused_not_replaced_by_random_weights(tiny_dataset, tmp_path):
    message = error_of('--mode=validation', '--charset_size', TINY_CLASSES, '--checkpoint_dir', tmp_path,
                       '--test_data_dir', tiny_dataset / 'test')
    assert message.startswith('error: no checkpoint in')


@pytest.mark.parametrize('content, message', [(None, 'does not exist'), ({}, 'no png/jpg/bmp images'),
                                              ({'a.png': b'garbage'}, 'a.png is not a readable image'),
                                              ({'blank.png': 'BLANK'}, 'blank.png holds no visible')])
def test_unreadable_inference_inputs_are_clear_errors(tiny_model, tmp_path, content, message):
    folder = tmp_path / 'in'
    if content is not None:
        folder.mkdir()
        for name, data in content.items():
            if data == 'BLANK':
                Image.new('L', (40, 40), 255).save(folder / name)
            else:
                (folder / name).write_bytes(data)
    assert message in error_of('--mode=inference', '--charset_size', TINY_CLASSES,
                               '--checkpoint_dir', tiny_model[0], '--inference_dir', folder)


def test_training_input_errors(tiny_dataset, tmp_path):
    common = ['--mode=train', '--charset_size', TINY_CLASSES, '--max_steps', 1, '--log_dir', tmp_path / 'log']
    assert 'does not exist' in error_of(*common, '--train_data_dir', tmp_path / 'none',
                                        '--checkpoint_dir', tmp_path / 'ck')
    assert 'cannot write to --checkpoint_dir' in error_of(*common, '--train_data_dir', tiny_dataset / 'train',
                                                          '--checkpoint_dir', '/etc/hostname/ck')


def test_a_bad_file_among_good_ones_is_reported_after_the_good_ones_are_read(tiny_model, tmp_path, capsys):
    crop_of(load_charset(size=1)[0], '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 40, True).save(tmp_path / 'a.png')
    (tmp_path / 'b.png').write_bytes(b'garbage')
    message = error_of('--mode=inference', '--charset_size', TINY_CLASSES, '--checkpoint_dir', tiny_model[0],
                       '--inference_dir', tmp_path)
    captured = capsys.readouterr()
    assert '1 of 2 images could not be read' in message
    assert captured.out.strip().endswith('一') and 'b.png' in captured.err


def test_text_line_is_read_with_boxes_and_punctuation_marked(tiny_model, tmp_path, capsys):
    chars = load_charset(size=TINY_CLASSES)
    line = ''.join(chars[:6]) + '，' + ''.join(chars[6:12]) + '。'
    image = Image.new('L', (40 * 16, 64), 245)
    ImageDraw.Draw(image).text((20, 12), line, fill=20, font=ImageFont.truetype(
        '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 40))
    image.save(tmp_path / 'line.png')
    run('--mode=inference', '--charset_size', TINY_CLASSES, '--checkpoint_dir', tiny_model[0],
        '--image', tmp_path / 'line.png', '--output', 'json', '--save_crops', tmp_path / 'crops')
    result = json.loads(capsys.readouterr().out)['results'][0]
    assert result['text'] == ''.join(chars[:6]) + '□' + ''.join(chars[6:12]) + '□'
    boxes = [c['box'] for c in result['lines'][0]]
    assert [b[0] for b in boxes] == sorted(b[0] for b in boxes) and len(boxes) == 14
    assert [c['kind'] for c in result['lines'][0]].count('punct') == 2
    assert len(os.listdir(tmp_path / 'crops')) == 14


@pytest.mark.parametrize('size, message', [((300, 1), 'too small'), ((7000, 6000), 'the limit is 40 megapixels')])
def test_images_too_small_or_too_large_are_refused(tiny_model, tmp_path, size, message):
    Image.new('L', size, 255).save(tmp_path / 'odd.png')
    assert message in error_of('--mode=inference', '--charset_size', TINY_CLASSES, '--checkpoint_dir',
                               tiny_model[0], '--image', tmp_path / 'odd.png')


def test_a_smaller_charset_size_reads_with_the_first_logits_of_the_checkpoint(tiny_dataset, tiny_model, tmp_path):
    ckpt, _ = tiny_model
    run('--mode=validation', '--charset_size', 10, '--checkpoint_dir', ckpt, '--log_dir', tmp_path,
        '--test_data_dir', tiny_dataset / 'test')
    report = json.loads((tmp_path / 'validation_report.json').read_text(encoding='utf-8'))
    assert report['images'] == len(labelled_images(str(tiny_dataset / 'test'), 10))
    assert report['top_1_accuracy'] >= 0.9 and set(report['per_class_accuracy']) == set(load_charset(size=10))


def test_reading_takes_the_checkpoint_folders_charset_and_class_count(tiny_model, tmp_path, capsys):
    ckpt, _ = tiny_model
    assert (ckpt / 'labels.txt').read_text(encoding='utf-8').split() == load_charset(size=TINY_CLASSES)
    crop_of(load_charset(size=TINY_CLASSES)[7], '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 40,
            True).save(tmp_path / 'crop.png')
    run('--mode=inference', '--checkpoint_dir', ckpt, '--image', tmp_path / 'crop.png')
    assert capsys.readouterr().out.split('predict: ')[1].split()[0] == load_charset(size=TINY_CLASSES)[7]
