"""The one exception type that the command-line entry points turn into a one-line message."""


class UserError(Exception):
    """Bad input from the user: printed as one line `error: ...`, exit status 1, no traceback.

    (Exit status 2 is argparse's: a command line it cannot parse, such as an unknown flag.)
    """
