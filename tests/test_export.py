"""Exporting a small trained checkpoint: the SavedModel and the TFLite model must read as the checkpoint does."""
import os
import subprocess
import sys

import numpy as np
import pytest
import tensorflow as tf2
import tensorflow.compat.v1 as tf

import chinese_ocr
import export
from errors import UserError
from model import build_graph, weights_saver

CLASSES = 12
FIRST_CHARACTERS = '一丁七万丈三上下不与丑专'


def glyphs(n=8):
    """White bars of different places and widths on black: inputs the network tells apart."""
    images = np.zeros((n, 64, 64, 1), np.float32)
    for i in range(n):
        images[i, 4 + 6 * i:10 + 6 * i, 8:56 - 4 * i] = 1.0
        images[i, 8:56, 60 - 7 * i:63 - 7 * i] = 0.5 + 0.05 * i
    return images


@pytest.fixture(scope='module')
def checkpoint_dir(tmp_path_factory):
    """A weights-only checkpoint after a few steps on glyphs(), so batch-norm statistics are learned."""
    directory = tmp_path_factory.mktemp('checkpoint')
    with tf.Graph().as_default():
        # A low decay lets the moving averages, which inference uses, catch up within these few steps.
        handles = build_graph(top_k=3, charset_size=CLASSES, bn_decay=0.5)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            feed = {handles['images']: glyphs(), handles['labels']: np.arange(8), handles['is_training']: True}
            for _ in range(10):
                sess.run(handles['train_op'], feed)
            weights_saver().save(sess, str(directory / 'model'), global_step=handles['global_step'])
    return directory


@pytest.fixture(scope='module')
def expected(checkpoint_dir):
    """(top-k probabilities, top-k ids) of the restored checkpoint for glyphs()."""
    with tf.Graph().as_default():
        handles = build_graph(top_k=3, charset_size=CLASSES)
        with tf.Session() as sess:
            weights_saver().restore(sess, tf.train.latest_checkpoint(str(checkpoint_dir)))
            return sess.run([handles['predicted_val_top_k'], handles['predicted_index_top_k']],
                            {handles['images']: glyphs()})


@pytest.fixture(scope='module')
def exported(checkpoint_dir, tmp_path_factory):
    # The CLI runs every mode inside a graph, where TF executes nothing eagerly: export must cope.
    with tf.Graph().as_default():
        return export.export(latest(checkpoint_dir), list(FIRST_CHARACTERS), str(tmp_path_factory.mktemp('export')), top_k=3)


def latest(checkpoint_dir):
    return tf.train.latest_checkpoint(str(checkpoint_dir))


def run_saved_model(path, images):
    with tf.Graph().as_default() as graph, tf.Session(graph=graph) as sess:
        meta = tf.saved_model.loader.load(sess, [tf.saved_model.tag_constants.SERVING], path)
        signature = meta.signature_def['serving_default']
        outputs = {key: info.name for key, info in signature.outputs.items()}
        return sess.run(outputs, {signature.inputs['images'].name: images})


def test_predictions_are_distinct_so_the_comparisons_mean_something(expected):
    assert len(set(expected[1][:, 0])) >= 4


def test_saved_model_reads_as_the_checkpoint(exported, expected):
    probabilities, ids = expected
    out = run_saved_model(exported['saved_model'], glyphs())
    assert np.array_equal(out['top_k_ids'][:, 0], ids[:, 0])
    assert np.allclose(out['top_k_probabilities'], probabilities, atol=1e-5)


def test_characters_are_those_of_the_ids(exported):
    out = run_saved_model(exported['saved_model'], glyphs())
    characters = [[c.decode('utf-8') for c in row] for row in out['top_k_characters']]
    assert characters == [[FIRST_CHARACTERS[i] for i in row] for row in out['top_k_ids']]
    with open(exported['labels'], encoding='utf-8') as f:
        assert f.read() == ''.join(c + '\n' for c in FIRST_CHARACTERS)


def test_tflite_reads_as_the_checkpoint(exported, expected):
    probabilities, ids = expected
    runner = tf2.lite.Interpreter(model_path=exported['tflite']).get_signature_runner('serving_default')
    out = runner(images=glyphs())
    assert np.array_equal(out['top_k_ids'][:, 0], ids[:, 0])
    assert np.allclose(out['top_k_probabilities'], probabilities, atol=1e-4)
    assert [c.decode('utf-8') for c in out['top_k_characters'][:, 0]] == [FIRST_CHARACTERS[i] for i in ids[:, 0]]


def test_saved_model_runs_without_tf_slim(exported, expected, tmp_path):
    np.save(tmp_path / 'images.npy', glyphs())
    script = ("import sys; sys.modules['tf_slim'] = None\n"  # makes `import tf_slim` raise ImportError
              "import numpy as np, tensorflow as tf\n"
              "model = tf.saved_model.load(sys.argv[1])\n"
              "out = model.signatures['serving_default'](images=tf.constant(np.load(sys.argv[2])))\n"
              "print(' '.join(str(i) for i in out['top_k_ids'].numpy()[:, 0]))\n")
    result = subprocess.run([sys.executable, '-c', script, exported['saved_model'], str(tmp_path / 'images.npy')],
                            capture_output=True, text=True, timeout=300, env=dict(os.environ, PYTHONPATH=''))
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == ' '.join(str(i) for i in expected[1][:, 0])


def cli_error(*args):
    with pytest.raises(SystemExit) as exit_info:
        chinese_ocr.main([str(a) for a in args])
    return str(exit_info.value.code)


def test_export_mode_without_a_checkpoint_says_to_train(tmp_path):
    message = cli_error('--mode=export', '--charset_size', CLASSES, '--checkpoint_dir', tmp_path,
                        '--export_dir', tmp_path / 'out')
    assert 'no checkpoint in' in message and '--mode=train' in message


def test_export_mode_with_a_wrong_charset_size_names_the_right_one(checkpoint_dir, tmp_path):
    message = cli_error('--mode=export', '--charset_size', 3755, '--checkpoint_dir', checkpoint_dir,
                        '--export_dir', tmp_path / 'out')
    assert 'pass --charset_size %d' % CLASSES in message


def test_unwritable_export_dir_is_a_user_error(checkpoint_dir, tmp_path):
    (tmp_path / 'file').write_text('not a folder')
    with pytest.raises(UserError, match='could not write the export'):
        export.export(latest(checkpoint_dir), list(FIRST_CHARACTERS), str(tmp_path / 'file' / 'out'), 3)


def test_export_replaces_a_previous_one_and_leaves_no_staging_folder(checkpoint_dir, tmp_path):
    out = tmp_path / 'out'
    (out / 'saved_model').mkdir(parents=True)
    (out / 'saved_model' / 'stale.pb').write_bytes(b'old')
    (out / 'labels.txt').write_text('old\n')
    with tf.Graph().as_default():
        paths = export.export(latest(checkpoint_dir), list(FIRST_CHARACTERS), str(out), top_k=2)
    assert sorted(os.listdir(out)) == ['checkpoint', 'chinese_ocr.tflite', 'labels.txt', 'saved_model']
    assert not (out / 'saved_model' / 'stale.pb').exists()
    assert run_saved_model(paths['saved_model'], glyphs())['top_k_ids'].shape == (8, 2)


def test_weights_only_checkpoint_reads_as_the_full_one_and_has_no_optimizer_slots(exported, expected):
    path = tf.train.latest_checkpoint(exported['weights'])
    names = dict(tf.train.list_variables(path))
    assert 'fc2/weights' in names and not [n for n in names if 'Adam' in n]
    with tf.Graph().as_default():
        handles = build_graph(top_k=3, charset_size=CLASSES)
        with tf.Session() as sess:
            weights_saver().restore(sess, path)
            ids = sess.run(handles['predicted_index_top_k'], {handles['images']: glyphs()})
    assert (ids == expected[1]).all()
