"""Progress figures for the training and validation log lines: images/s, time left, batches done."""
import collections
import time

RECENT_STEPS = 20  # steps the speed is averaged over: long enough to smooth an eval or save pause, short
                   # enough to follow a change of load within a minute (20 steps of 128 images at ~50 img/s)


def duration_text(seconds):
    """'1:02:03' for 3723 s; '0:00:00' for nothing left."""
    minutes, secs = divmod(int(round(max(seconds, 0))), 60)
    hours, minutes = divmod(minutes, 60)
    return '%d:%02d:%02d' % (hours, minutes, secs)


def batch_count(images, batch_size):
    """Batches of at most batch_size that hold `images` images."""
    return -(-images // batch_size)


class Pace:
    """Each training step's log line with images/s and the time left to max_steps, both over the wall time
    between recent lines, so evaluation and checkpoint pauses count too."""

    def __init__(self, batch_size, max_steps, clock=time.monotonic):
        self.batch_size, self.max_steps, self.clock = batch_size, max_steps, clock
        self.intervals = collections.deque(maxlen=RECENT_STEPS)
        self.last = None

    def step_line(self, step, seconds, loss):
        """The original's 'the step N takes T loss L', then images/s and ETA."""
        now = self.clock()
        self.intervals.append(seconds if self.last is None else now - self.last)
        self.last = now
        per_step = sum(self.intervals) / len(self.intervals)
        return 'the step %d takes %.3f loss %.4f, %.1f images/s, ETA %s to step %d' % (
            step, seconds, loss, self.batch_size / per_step if per_step > 0 else float('inf'),
            duration_text((self.max_steps - step) * per_step), self.max_steps)
