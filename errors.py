"""The one exception type that the command-line entry points turn into a one-line message."""


class UserError(Exception):
    """Bad input from the user: printed as one line, exit status 2, no traceback."""
