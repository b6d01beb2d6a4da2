"""Profile facts in the ``meta`` table."""

from __future__ import annotations

from sqlalchemy.orm import Session

from asb_desktop.store.models import Meta


def get(session: Session, key: str, default: str | None = None) -> str | None:
    row = session.get(Meta, key)
    return row.value if row else default


def put(session: Session, key: str, value: str) -> None:
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value


def next_sequence(session: Session, key: str) -> int:
    """Increment and return a counter, inside the caller's (immediate) transaction."""
    value = int(get(session, key, "0") or 0) + 1
    put(session, key, str(value))
    return value
