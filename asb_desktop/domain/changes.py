"""What a finished piece of work changed, for the views that show it.

The window asks after each job rather than each view being told by hand by
whoever made the change (the shape of Anki's ``OpChanges``): a view that
shows cases redraws when cases changed, whichever screen or sync changed them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changed:
    """Tables (``entities``) and row ids written since the last announcement.

    ``everything`` is set when rows arrived wholesale (a sync pull), so every
    view redraws without listing each row."""

    entities: frozenset[str] = field(default_factory=frozenset)
    ids: frozenset[str] = field(default_factory=frozenset)
    everything: bool = False

    def __bool__(self) -> bool:
        return self.everything or bool(self.entities)

    def touches(self, *entities: str) -> bool:
        return self.everything or not self.entities.isdisjoint(entities)

    def names(self, row_id: str | None) -> bool:
        """Whether the row with this id (a case, a report) is among those written."""
        return self.everything or (row_id is not None and row_id in self.ids)

    @staticmethod
    def of(rows: Iterable[tuple[str, str]], everything: bool = False) -> Changed:
        rows = list(rows)
        return Changed(frozenset(e for e, _ in rows), frozenset(i for _, i in rows), everything)


NOTHING = Changed()
