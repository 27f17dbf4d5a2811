"""The training log line's speed and ETA, and validation's batch count."""
from progress import RECENT_STEPS, Pace, batch_count, duration_text


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_step_line_keeps_the_original_text_and_adds_speed_and_eta():
    clock = FakeClock()
    pace = Pace(batch_size=128, max_steps=1000, clock=clock)
    clock.now = 2.0
    assert pace.step_line(1, 2.0, 9.5) == 'the step 1 takes 2.000 loss 9.5000, 64.0 images/s, ETA 0:33:18 to step 1000'


def test_speed_is_averaged_over_recent_wall_time_including_pauses():
    clock = FakeClock()
    pace = Pace(batch_size=100, max_steps=200, clock=clock)
    for step in range(1, 101):
        clock.now += 1.0 if step % 10 else 11.0  # an evaluation pause every 10th step
        line = pace.step_line(step, 1.0, 1.0)
    # the last RECENT_STEPS intervals hold two 11 s pauses: 2 s per step on average
    assert RECENT_STEPS == 20 and '50.0 images/s' in line and 'ETA 0:03:20' in line
    for step in range(101, 101 + RECENT_STEPS):
        clock.now += 0.5
        line = pace.step_line(step, 0.5, 1.0)
    assert '200.0 images/s' in line  # old pace forgotten


def test_duration_text_and_batch_count():
    assert duration_text(3723.4) == '1:02:03' and duration_text(-5) == '0:00:00'
    assert duration_text(36 * 3600) == '36:00:00'
    assert batch_count(257, 128) == 3 and batch_count(256, 128) == 2 and batch_count(0, 128) == 0
