"""What this version of the app writes, known without importing SQLAlchemy or
Alembic, so the quick first page at start-up can check a file before reading it."""

from __future__ import annotations

#: The schema heads this version writes. Opening an up-to-date profile checks
#: against this and never imports Alembic (a quarter of a second at start-up);
#: a test keeps it equal to what the migration scripts say.
SCHEMA_HEADS = frozenset({"0010"})


def key_pragma(key: bytes) -> str:
    """SQLCipher's raw-key form: the random key is used as it is, with no KDF
    (the key is already random; a passphrase is stretched before it gets here)."""
    return f"PRAGMA key = \"x'{key.hex()}'\""
