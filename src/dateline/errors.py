"""Errors in layers (STYLE.md practice 7): the library raises these; only the CLI and the
API turn them into exit codes and HTTP errors."""

from __future__ import annotations


class DatelineError(Exception):
    """Base of every error dateline raises on purpose."""


class ModelMissing(DatelineError):
    """The spaCy model is not installed."""


class InputError(DatelineError):
    """An input could not be turned into an article; the message names the input and why."""

    def __init__(self, origin: str, reason: str):
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # an exception pickles as its class called with ``args`` (here the joined message alone),
        # which does not fit this two-argument constructor
        return (type(self), (self.origin, self.reason))


class StoreError(DatelineError):
    """The store could not be opened, migrated or written."""


class StoreUnavailable(StoreError):
    """The store cannot be reached just now (server down, file locked by another writer);
    retrying later may succeed, unlike other store errors."""
