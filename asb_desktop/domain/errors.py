"""The one thing every layer's user-facing errors share.

The store (a file that cannot be read, written by a newer version) and the
controllers (bad input, no permission) each raise errors whose text is
written for the officer. Front ends show any of them as they are, and treat
anything else as a bug. The base lives at the bottom layer so the window can
recognise a store's message without ever importing the store.
"""

from __future__ import annotations


class ForTheUser(Exception):
    """``str()`` is a message for the person using the app, saying what to do."""


class UserError(ForTheUser):
    """A problem the user can fix or needs to know about, raised above the store.

    Controllers and sync both raise it (sync sits below the controllers, so
    the base cannot live with them).
    """
