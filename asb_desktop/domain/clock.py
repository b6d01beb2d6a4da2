"""The wall clock the app runs on, importable without the store (the first page
at start-up needs today's date before SQLAlchemy is loaded)."""

from __future__ import annotations

from datetime import UTC, datetime


class SystemClock:
    """UTC without a zone, as every stored time is."""

    def now(self) -> datetime:
        return datetime.now(UTC).replace(tzinfo=None)
