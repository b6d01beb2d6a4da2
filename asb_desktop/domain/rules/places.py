"""Deciding whether two reports are about the same place.

Locations are typed by officers on doorsteps ("Flat 3, 12 Larch Close" and
"flat 3 12 larch close."), so they are compared after folding case,
punctuation and spacing. A known property is the better key when both have it.

Case is folded with ``lower`` rather than ``casefold``: casefold turns "ß"
into "ss", so a word in the key would no longer appear in the typed text and
the quick SQL filter (``controllers.policy.facts.about``) could miss a report.
"""

from __future__ import annotations

import re
from functools import lru_cache

_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 16)
def address_key(location: str, property_id: str | None = None) -> str:
    """A key equal for the same place; empty when nothing identifies one."""
    if property_id:
        return f"property:{property_id}"
    folded = _NOT_WORD.sub(" ", location.lower()).strip()
    return f"text:{folded}" if folded else ""
