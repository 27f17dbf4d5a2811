"""Unreadable files are left out of training with a warning, without opening every file up front."""
import io
import json

import pytest
import tensorflow.compat.v1 as tf
from PIL import Image

from conftest import run_cli
from data_iterator import DataIterator, complete_image, labelled_images
from errors import UserError


def encoded(fmt):
    out = io.BytesIO()
    Image.new('L', (64, 64), 200).save(out, fmt)
    return out.getvalue()


PNG, JPEG, BMP = encoded('PNG'), encoded('JPEG'), encoded('BMP')
CASES = {'png': (PNG, True), 'jpeg': (JPEG, True), 'bmp': (BMP, True), 'truncated png': (PNG[:-20], False),
         'truncated jpeg': (JPEG[:-10], False), 'truncated bmp': (BMP[:-10], False), 'empty': (b'', False),
         'three bytes': (b'BM\x00', False), 'text named .png': (b'not an image at all', False)}


def test_complete_image_tells_whole_files_from_cut_or_foreign_ones():
    with tf.Graph().as_default(), tf.Session() as sess:
        contents = tf.placeholder(tf.string, [])
        check = complete_image(contents)
        assert {name: bool(sess.run(check, {contents: data})) for name, data in
                ((n, d) for n, (d, _) in CASES.items())} == {name: ok for name, (_, ok) in CASES.items()}


def dataset(root, corrupt=b'\x89PNG\r\n\x1a\n truncated'):
    """Two classes of four dark-on-light squares of different sizes, and one corrupt file in class 1."""
    for label in range(2):
        (root / ('%05d' % label)).mkdir(parents=True)
        for i in range(4):
            image = Image.new('L', (64, 64), 0)
            image.paste(255, (8 + 4 * label, 8, 40 + 8 * label + i, 40))
            image.save(root / ('%05d' % label) / ('%d.png' % i))
    (root / '00001' / 'bad.png').write_bytes(corrupt)
    return root


def test_pipeline_leaves_a_corrupt_file_out_and_names_it(tmp_path, capfd):
    feeder = DataIterator(str(dataset(tmp_path)), 2)
    assert feeder.size == 9  # listed, not opened
    with tf.Graph().as_default(), tf.Session() as sess:
        batch = feeder.input_pipeline(3, num_epochs=1)
        sess.run(tf.local_variables_initializer())
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess, coord)
        labels = []
        with pytest.raises(tf.errors.OutOfRangeError):
            while True:
                images, batch_labels = sess.run(batch)
                assert images.shape[1:] == (64, 64, 1) and images.max() > 0.9
                labels.extend(batch_labels)
        coord.request_stop()
        coord.join(threads)
    assert sorted(labels) == [0] * 4 + [1] * 4
    assert 'warning: skipping "%s": not a complete png/jpg/bmp image' % (tmp_path / '00001' / 'bad.png') \
        in capfd.readouterr().err


def test_a_folder_of_non_images_is_a_clear_error(tmp_path):
    (tmp_path / '00000').mkdir()
    for i in range(3):
        (tmp_path / '00000' / ('%d.png' % i)).write_bytes(b'text')
    with pytest.raises(UserError, match='none of 3 sampled images'):
        labelled_images(str(tmp_path), 1)


def test_training_on_a_set_with_a_corrupt_png_runs_warns_and_shows_progress(tmp_path):
    data = dataset(tmp_path / 'data')
    run = run_cli('chinese_ocr.py', '--mode=train', '--charset_size', '2', '--batch_size', '4', '--max_steps', '4',
                  '--eval_steps', '2', '--train_data_dir', str(data), '--test_data_dir', str(data),
                  '--checkpoint_dir', str(tmp_path / 'ckpt'), '--log_dir', str(tmp_path / 'log'))
    assert run.returncode == 0, run.stderr
    assert 'warning: skipping "%s"' % (data / '00001' / 'bad.png') in run.stderr
    assert 'the step 4 takes' in run.stderr and 'images/s, ETA 0:00:00 to step 4' in run.stderr
    assert 'Train Finished' in run.stderr and tf.train.latest_checkpoint(str(tmp_path / 'ckpt')).endswith('-4')
    validation = run_cli('chinese_ocr.py', '--mode=validation', '--charset_size', '2', '--batch_size', '4',
                         '--test_data_dir', str(data), '--checkpoint_dir', str(tmp_path / 'ckpt'),
                         '--log_dir', str(tmp_path / 'log'))
    assert validation.returncode == 0, validation.stderr
    # 9 files listed, so 3 batches announced; the corrupt one left out, 8 images fill 2
    assert 'the batch 2 of 3 takes' in validation.stderr and '(8 images)' in validation.stderr
    report = json.loads((tmp_path / 'log' / 'validation_report.json').read_text(encoding='utf-8'))
    assert (tmp_path / 'log' / 'confused_pairs.png').exists() == bool(report['most_confused'])
