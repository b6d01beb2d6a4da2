"""Bringing a profile's schema up to date at start-up.

Before any migration touches an existing file it is copied with SQLite's
backup API (so the copy is encrypted with the same key). A file written by a
newer version of the app is refused rather than guessed at.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from asb_desktop.store.engine import Store, connect_raw
from asb_desktop.store.errors import StoreError, StoreTooNew
from asb_desktop.store.schema import SCHEMA_HEADS

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@lru_cache(maxsize=1)
def _scripts() -> ScriptDirectory:
    """Parsed once per process: reading every migration file costs ~40 ms."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revisions() -> set[str]:
    """The schema this version of the app writes ."""
    return set(_scripts().get_heads())


def current_revisions(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        has_table = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first()
        if not has_table:
            return set()
        return {r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}


def _user_tables(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        ).all()
    return [r[0] for r in rows]


def backup(store: Store, key: bytes | None, label: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = store.path.with_name(f"{store.path.stem}.backup-{label}-{stamp}.db")
    src = connect_raw(store.path, key)
    dst = connect_raw(target, key)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def upgrade(store: Store, key: bytes | None, target: str = "heads") -> Path | None:
    """Migrate to ``target``; returns the backup made first, if there was data to protect."""
    current = current_revisions(store)
    if target == "heads" and current == SCHEMA_HEADS:
        return None
    from alembic import command

    script = _scripts()
    known = {rev.revision for rev in script.walk_revisions()}
    unknown = current - known
    if unknown:
        raise StoreTooNew(
            "This profile was written by a newer version of asb-desktop "
            f"(schema {', '.join(sorted(unknown))}). Install the newer version to open it; "
            "nothing has been changed."
        )
    if not current and _user_tables(store):
        raise StoreError(
            f"{store.path.name} is not an asb-desktop profile (it has tables but no schema "
            "version). Nothing has been changed."
        )
    wanted = set(script.get_heads()) if target == "heads" else {target}
    if current == wanted:
        return None
    label = "-".join(sorted(current))
    saved = backup(store, key, f"from-{label}") if current else None
    cfg = alembic_config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
    return saved
