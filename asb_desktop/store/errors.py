"""Problems of the environment with the profile file: each carries words for the user."""

from __future__ import annotations

from asb_desktop.domain.errors import ForTheUser


class StoreError(ForTheUser):
    """The profile cannot be used as it is; the message says why and what to do."""


class StoreTooNew(StoreError):
    pass


class StoreUnreadable(StoreError):
    pass
