"""Ctrl-C (SIGINT) and SIGTERM, which docker stop, systemd, Slurm and Kubernetes send, as one
KeyboardInterrupt: raised once, and held back while a checkpoint is being written."""
import contextlib
import signal
import sys

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class _State:
    received = None  # the name of the first signal
    raised = False
    holding = False


_state = _State()


def _handle(signum, frame):
    name = signal.Signals(signum).name
    if _state.raised or _state.holding:
        print('%s: finishing the checkpoint before stopping; please wait' % name, file=sys.stderr)
        _state.received = _state.received or name
        return
    _state.received = name
    _state.raised = True
    raise KeyboardInterrupt(name)


@contextlib.contextmanager
def handled():
    """Within: SIGINT and SIGTERM raise KeyboardInterrupt once; later ones are ignored with a message."""
    previous = [signal.signal(s, _handle) for s in SIGNALS]
    _state.received, _state.raised, _state.holding = None, False, False
    try:
        yield
    finally:
        for s, handler in zip(SIGNALS, previous):
            signal.signal(s, handler)


@contextlib.contextmanager
def held():
    """Within: a signal waits until the block is done (a half-written checkpoint is worse than none)."""
    was_holding, _state.holding = _state.holding, True
    try:
        yield
    finally:
        _state.holding = was_holding
    if _state.received and not _state.raised and not was_holding:
        _state.raised = True
        raise KeyboardInterrupt(_state.received)


def received():
    """The name of the signal that stopped the program (SIGINT, SIGTERM), or None."""
    return _state.received


def exit_during_start_up():
    """Until handled() takes over: a signal ends the program with one line, while imports still run."""
    def leave(signum, frame):
        sys.exit('error: %s while starting: stopped, nothing was written' % signal.Signals(signum).name)
    for s in SIGNALS:
        signal.signal(s, leave)
