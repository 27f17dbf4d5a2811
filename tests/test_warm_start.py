"""Fine-tuning into a larger charset from a smaller one (--checkpoint_path), as users do with the shipped model."""
import json

import numpy as np
import pytest
import tensorflow.compat.v1 as tf

import chinese_ocr
import gen_printed_char
from conftest import TEST_FONTS, TINY_CLASSES
from errors import UserError
from model import build_graph
from warm_start import warm_start

GROWN_CLASSES = TINY_CLASSES + 6


@pytest.fixture(scope='module')
def grown_dataset(tmp_path_factory):
    out = tmp_path_factory.mktemp('grown')
    gen_printed_char.generate(gen_printed_char.parse_args([
        '--out_dir', str(out), '--font_dir', TEST_FONTS, '--symbol_font_dir', '', '--charset_size',
        str(GROWN_CLASSES), '--holdout_fonts', 'UMing', '--need_aug', '--rotate', '2', '--rotate_step', '2',
        '--copies', '3', '--overwrite', '--workers', '2', '--seed', '3']), log=lambda _: None)
    return out


def test_fine_tuning_into_a_larger_charset_keeps_old_classes_and_learns_new_ones(tiny_model, grown_dataset,
                                                                                  tmp_path):
    chinese_ocr.main(['--mode=train', '--checkpoint_path', str(tiny_model[0]), '--charset_size',
                      str(GROWN_CLASSES), '--batch_size', '32', '--max_steps', '60', '--eval_steps', '60',
                      '--save_steps', '60', '--learning_rate', '5e-4',
                      '--train_data_dir', str(grown_dataset / 'train'), '--test_data_dir', str(grown_dataset / 'test'),
                      '--checkpoint_dir', str(tmp_path / 'ckpt'), '--log_dir', str(tmp_path / 'log')])
    chinese_ocr.main(['--mode=validation', '--charset_size', str(GROWN_CLASSES), '--checkpoint_dir',
                      str(tmp_path / 'ckpt'), '--log_dir', str(tmp_path / 'log'),
                      '--test_data_dir', str(grown_dataset / 'test_font')])
    per_class = json.loads((tmp_path / 'log' / 'validation_report.json').read_text(encoding='utf-8'))[
        'per_class_accuracy']
    accuracy = list(per_class.values())
    assert np.mean(accuracy[:TINY_CLASSES]) >= 0.9, 'the old classes were forgotten'
    assert np.mean(accuracy[TINY_CLASSES:]) >= 0.7, 'the new classes were not learned'
    assert (tmp_path / 'ckpt' / 'labels.txt').read_text(encoding='utf-8').count('\n') == GROWN_CLASSES


def test_grown_logits_copy_the_old_rows_and_leave_the_new_ones_fresh(tiny_model):
    old = tf.train.latest_checkpoint(str(tiny_model[0]))
    with tf.Graph().as_default(), tf.Session() as sess:
        build_graph(1, GROWN_CLASSES)
        sess.run(tf.global_variables_initializer())
        weights = tf.global_variables('fc2/weights')[0]
        fresh = sess.run(weights)
        assert warm_start(sess, old) == (len(tf.model_variables()) - 2, 2, 0)
        grown = sess.run(weights)
    assert np.array_equal(grown[:, :TINY_CLASSES], tf.train.load_variable(old, 'fc2/weights'))
    assert np.array_equal(grown[:, TINY_CLASSES:], fresh[:, TINY_CLASSES:])


def test_mismatched_layers_and_bad_paths_are_one_line_errors(tiny_model, tmp_path):
    old = tf.train.latest_checkpoint(str(tiny_model[0]))
    with tf.Graph().as_default(), tf.Session() as sess:
        with tf.variable_scope('conv3_1'):
            tf.get_variable('weights', [5, 5, 1, 64])
        tf.add_to_collection(tf.GraphKeys.MODEL_VARIABLES, tf.global_variables()[0])
        sess.run(tf.global_variables_initializer())
        with pytest.raises(UserError, match='--checkpoint_exclude_scopes conv3_1'):
            warm_start(sess, old)
        assert warm_start(sess, old, ['conv3_1']) == (0, 0, 1)
        with pytest.raises(UserError, match='names no layer of the network'):
            warm_start(sess, old, ['conv9'])
    with pytest.raises(SystemExit, match='--checkpoint_path, which is not given'):
        chinese_ocr.main(['--mode=train', '--checkpoint_exclude_scopes', 'fc2', '--checkpoint_dir', str(tmp_path)])
    with pytest.raises(SystemExit, match='is not a checkpoint'):
        chinese_ocr.main(['--mode=train', '--checkpoint_path', str(tmp_path), '--charset_size', str(TINY_CLASSES),
                          '--checkpoint_dir', str(tmp_path / 'ckpt')])
