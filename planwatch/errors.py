"""One exception tree for planwatch.

    PlanwatchError
    ├── InputError        a file could not be read (names the file and the reason)
    ├── ConfigError       a bad setting or rules file
    ├── UsageError        a flag or argument value a command cannot use
    └── StoreError        the database refused or failed
        ├── NotFoundError a fact or document id that does not exist
        └── NothingStoredError  a read from a database with no documents (exit code 1)

Readers raise InputError(path, reason); the CLI prints one line per failed file
and carries on with the rest.
"""

from __future__ import annotations


class PlanwatchError(Exception):
    """Base of every error planwatch raises on purpose. The CLI prints it on one line and
    exits with `exit_code` (2: the command cannot run as asked)."""

    exit_code = 2


class InputError(PlanwatchError):
    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ConfigError(PlanwatchError):
    pass


class StoreError(PlanwatchError):
    pass


class NotFoundError(StoreError):
    pass


class UsageError(PlanwatchError):
    """A flag or argument a command cannot use: the message names the flag and what is accepted."""


class NothingStoredError(StoreError):
    """A read from a database that holds no documents: nothing to show is not an answer."""

    exit_code = 1
