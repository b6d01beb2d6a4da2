"""Alembic environment: always run in-process on a connection handed in by ``migrate.upgrade``."""

from __future__ import annotations

from alembic import context

from asb_desktop.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - offline SQL generation is not used
    raise RuntimeError("asb-desktop migrations run only through asb_desktop.store.migrate")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
