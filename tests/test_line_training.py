import numpy as np
import pytest

import slim_compat  # noqa: F401  (must precede tf_slim)
from errors import UserError
from latin_strips import main as synthesize, synthesized
from line_model import MODEL_NAME
from line_training import label_text, loaded, main, train


@pytest.fixture(scope='module')
def strips(tmp_path_factory):
    path = tmp_path_factory.mktemp('strips') / 'strips.npz'
    made, widths, labels = synthesized(48, seed=3)
    np.savez(path, strips=made, widths=widths, labels=labels)
    return path


def test_synthesized_strips_hold_their_text_and_ink_within_their_width(strips):
    data = np.load(strips)
    for strip, width, row in zip(data['strips'], data['widths'], data['labels']):
        assert label_text(row).strip()
        assert strip[:, :width].max() > 200 and not strip[:, width:].any()


def test_strips_are_drawn_at_the_sizes_and_with_the_degraded_share_asked_for():
    def top_rows_noisy(degraded):
        made, widths, _ = synthesized(20, seed=1, degraded=degraded)
        return [len(np.unique(strip[:2, :width])) > 1 for strip, width in zip(made, widths)]

    def grey_share(size):
        # a small font's strip is scaled up to STRIP_HEIGHT: more of its ink is the grey of its edges
        made, widths, _ = synthesized(20, seed=1, sizes=(size, size), degraded=0)
        ink = np.concatenate([strip[:, :width].ravel() for strip, width in zip(made, widths)])
        ink = ink[ink > 40]
        return np.mean(ink < 215)

    assert sum(top_rows_noisy(0)) <= 2 and sum(top_rows_noisy(1)) >= 18
    assert grey_share(14) > grey_share(48) + 0.15


@pytest.mark.parametrize('flag, value, message', [
    ('--sizes', '24,14', '--sizes must be two whole numbers of px, smallest first'),
    ('--sizes', '4,14', 'from 8 up'),
    ('--sizes', '14', '--sizes must be'),
    ('--degraded', '1.5', '--degraded must be a share from 0 to 1')])
def test_a_bad_size_range_or_degraded_share_is_refused_in_one_line(flag, value, message, tmp_path, capsys):
    with pytest.raises(SystemExit):
        synthesize(['--count', '1', flag, value, '--out', str(tmp_path / 'strips.npz')])
    assert message in capsys.readouterr().err
    assert not (tmp_path / 'strips.npz').exists()


def test_the_loss_falls_and_a_stopped_run_continues_from_its_checkpoint(strips, tmp_path):
    data = loaded([str(strips)])
    first_step, first_loss, _ = train(data, str(tmp_path), 1, batch_size=8, learning_rate=3e-3, held_back=4,
                                      log=lambda m: None)
    step, loss, exact = train(data, str(tmp_path), 60, batch_size=8, learning_rate=3e-3, save_steps=30,
                              eval_steps=60, restore=True, held_back=4, log=lambda m: None)
    assert first_step == 1 and step == 60
    assert loss < 0.5 * first_loss
    assert 0.0 <= exact <= 1.0
    assert (tmp_path / ('%s-60.index' % MODEL_NAME)).exists()


def test_a_file_that_is_no_strip_set_is_refused_in_one_line(tmp_path, capsys):
    bad = tmp_path / 'bad.npz'
    bad.write_text('not numpy')
    with pytest.raises(UserError, match='not a strip set'):
        loaded([str(bad)])
    with pytest.raises(SystemExit, match='not a strip set'):
        main(['--data', str(bad)])
    with pytest.raises(SystemExit):
        main(['--data', str(bad), '--max_steps', '0'])
    assert '--max_steps must be at least 1' in capsys.readouterr().err


def test_strips_that_cannot_be_written_are_refused_in_one_line_before_any_is_drawn(tmp_path):
    blocker = tmp_path / 'file'
    blocker.write_text('')
    with pytest.raises(SystemExit, match='^error: .*writable --out'):
        synthesize(['--count', '1', '--out', str(blocker / 'strips.npz')])


def test_a_run_starts_from_other_weights_with_the_excluded_scopes_fresh(strips, tmp_path):
    import tensorflow.compat.v1 as tf
    data = loaded([str(strips)])
    train(data, str(tmp_path / 'old'), 2, batch_size=8, held_back=4, log=lambda m: None)
    old = tf.train.latest_checkpoint(str(tmp_path / 'old'))
    said = []
    train(data, str(tmp_path / 'new'), 1, batch_size=8, learning_rate=1e-9, held_back=4, log=said.append,
          start_from=old, exclude_scopes=['line/logits'])
    new = tf.train.latest_checkpoint(str(tmp_path / 'new'))
    assert any(m.startswith('started from %s' % old) for m in said)
    conv, logits = 'line/conv1/weights', 'line/logits/weights'
    assert np.allclose(tf.train.load_variable(new, conv), tf.train.load_variable(old, conv), atol=1e-6)
    assert not np.allclose(tf.train.load_variable(new, logits), tf.train.load_variable(old, logits), atol=1e-3)


def test_excluded_scopes_without_weights_to_start_from_are_refused(strips, capsys):
    with pytest.raises(SystemExit):
        main(['--data', str(strips), '--checkpoint_exclude_scopes', 'line/logits'])
    assert 'which is not given' in capsys.readouterr().err
    with pytest.raises(SystemExit, match='is not a checkpoint'):
        main(['--data', str(strips), '--checkpoint_path', str(strips.parent)])
