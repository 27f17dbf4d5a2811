"""The tiny training's logs, as TensorBoard itself loads them."""
import pytest
from PIL import Image
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

from conftest import run_cli
from model import IMAGE_SUMMARY_STEPS, IMAGES_SHOWN


def loaded(run_dir):
    accumulator = EventAccumulator(str(run_dir))
    accumulator.Reload()
    return accumulator


@pytest.mark.parametrize('run', ['train', 'val'])
def test_loss_accuracy_and_learning_rate_are_scalars_of_every_run(tiny_model, run):
    events = loaded(tiny_model[1] / run)
    assert {'loss', 'accuracy', 'learning_rate'} <= set(events.Tags()['scalars'])
    steps = [e.step for e in events.Scalars('loss')]
    assert steps == sorted(steps) and steps[-1] == 160
    if run == 'val':
        assert steps == [40, 80, 120, 160]


def test_a_few_training_inputs_are_shown_as_images(tiny_model):
    events = loaded(tiny_model[1] / 'train')
    tags = events.Tags()['images']
    assert sorted(tags) == ['input_images/image/%d' % i for i in range(IMAGES_SHOWN)]
    shown = events.Images(tags[0])
    assert [e.step for e in shown] == [1, 1 + IMAGE_SUMMARY_STEPS]  # written after global steps 0 and 100
    assert shown[0].width == shown[0].height == 64
    assert not loaded(tiny_model[1] / 'val').Tags()['images']


def test_learning_curve_is_drawn_from_the_event_files(tiny_model, tmp_path):
    out = tmp_path / 'curve.png'
    run = run_cli('benchmarks/learning_curve.py', '--log_dir', str(tiny_model[1]), '--out', str(out))
    assert run.returncode == 0, run.stderr
    assert 'wrote %s (160 train and 4 test points)' % out in run.stdout
    assert Image.open(out).size == (1500, 420)
