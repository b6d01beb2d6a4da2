"""Problems of the environment with the profile file: each carries words for the user."""

from __future__ import annotations


class StoreError(Exception):
    """The profile cannot be used as it is; the message says why and what to do."""


class StoreTooNew(StoreError):
    pass


class StoreUnreadable(StoreError):
    pass
