"""One exception tree for planwatch.

    PlanwatchError
    ├── InputError        a file could not be read (names the file and the reason)
    ├── ConfigError       a bad setting or rules file
    └── StoreError        the database refused or failed
        └── NotFoundError a fact or document id that does not exist

Readers raise InputError(path, reason); the CLI prints one line per failed file
and carries on with the rest.
"""

from __future__ import annotations


class PlanwatchError(Exception):
    """Base of every error planwatch raises on purpose."""


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
