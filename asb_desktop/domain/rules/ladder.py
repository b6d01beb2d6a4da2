"""The usual order of escalation (commitment 6) and when a step skips it.

Skipping is sometimes right (violence can go straight to an injunction), so
this warns rather than refuses: a step more than one rung above anything
already used on the case needs the officer to say what was tried before or
why the earlier steps were passed over.
"""

from __future__ import annotations

from collections.abc import Iterable

from asb_desktop.domain.enums import InterventionKind


def skipped_rungs(kind: InterventionKind, used: Iterable[InterventionKind]) -> list[InterventionKind]:
    """The rungs between the highest step already used and ``kind``."""
    top = max((u.rung for u in used), default=-1)
    ladder = list(InterventionKind)
    return [k for k in ladder if top < k.rung < kind.rung]


def ladder_warning(
    kind: InterventionKind, used: Iterable[InterventionKind], tried_before: str
) -> str | None:
    """A warning for the officer, or None when the step follows the ladder or is explained."""
    skipped = skipped_rungs(kind, used)
    if not skipped or tried_before.strip():
        return None
    names = ", ".join(k.label for k in skipped)
    return (
        f"{kind.label} skips {names}. Say what was tried before, or why the earlier "
        "steps were not reasonable here."
    )
