"""The policy tables exist in a new profile exactly as the models describe them."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from asb_desktop.app import App
from asb_desktop.store.migrate import SCHEMA_HEADS, current_revisions
from asb_desktop.store.models import Base

POLICY_TABLES = {
    "report_acknowledgements", "target_pauses", "dash_details", "case_review_requests", "refer_backs",
}


def test_policy_migration_matches_models(app: App) -> None:
    assert current_revisions(app.store) == SCHEMA_HEADS  # 0003_policy and all that follow
    with app.store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)

    flat = [x for d in diff for x in (d if isinstance(d, list) else [d])]

    def table_of(d: tuple[Any, ...]) -> str:
        if isinstance(d[2] if len(d) > 2 else None, str):
            return str(d[2])  # add/remove column and every modify_* op
        obj = d[1]
        for attr in ("table", "parent"):
            owner = getattr(obj, attr, None)
            if owner is not None:
                return str(owner.name)
        return str(obj.name)

    assert not [d for d in flat if table_of(d) in POLICY_TABLES]
    assert any(table_of(d) == "search_map" for d in flat)  # the filter does see tables
