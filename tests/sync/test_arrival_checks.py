"""Each device checks what arrives: a change no controller would have let its
author make (an officer's profile altered outside the app) is refused on every
other device and set aside for a supervisor, and the rest of its bundle applies."""

from __future__ import annotations

import sqlalchemy as sa

from asb_desktop.store.capture import CaptureContext
from asb_desktop.store.models import AuditEntry, User
from tests.conftest import noise_report
from tests.sync.conftest import Device, count, sync_all


def _forge(d: Device, action: str, edit: object) -> None:
    """A write past the controllers and the unit of work's checks, as an altered
    copy of the app could make it: the change rows are captured as usual, so
    it travels like any other write."""
    unit = d.app.unit
    with unit.store.write_sessions() as s:
        s.info["capture"] = CaptureContext(unit.actor.device_id, unit.actor.user_id, unit.stamp)
        with s.begin():
            edit(s)  # type: ignore[operator]
            s.add(AuditEntry(at=unit.now(), user_id=unit.actor.user_id,
                             device_id=unit.actor.device_id, action=action, entity="user",
                             entity_id=unit.actor.user_id, detail="forged"))


def _refused(d: Device) -> list[tuple[str, str]]:
    with d.app.unit.read() as s:
        return [(r.entity, r.reason) for r in s.execute(sa.text(
            "SELECT entity, reason FROM sync_set_aside WHERE kind = 'refused'"))]


def test_an_officers_own_promotion_is_refused_elsewhere(team: list[Device]) -> None:
    a, b, c = team
    sync_all(team)
    me = b.app.unit.actor.user_id

    def promote(s: sa.orm.Session) -> None:
        user = s.get(User, me)
        assert user is not None
        user.role = "supervisor"

    _forge(b, "user.forged_role", promote)
    b.app.reports.log_report(noise_report(description="Sent in the same bundle"))
    sync_all(team)
    for d in (a, c):
        with d.app.unit.read() as s:
            assert s.get(User, me).role == "officer", d.app.unit.actor.name  # type: ignore[union-attr]
        assert count(d.app, "reports") == 1  # the rest of B's bundle applied
        assert ("users", "Nobody can change their own role; ask another supervisor.") in _refused(d)


def test_a_deleted_or_rewritten_audit_row_is_refused_elsewhere(team: list[Device]) -> None:
    a, b, c = team
    c.app.reports.log_report(noise_report(description="The supervisor's own record"))
    sync_all(team)
    with b.app.unit.read() as s:
        theirs = list(s.scalars(sa.select(AuditEntry.id).where(
            AuditEntry.device_id == c.app.unit.actor.device_id)))
    assert len(theirs) >= 2

    def tamper(s: sa.orm.Session) -> None:
        first = s.get(AuditEntry, theirs[0])
        second = s.get(AuditEntry, theirs[1])
        assert first is not None and second is not None
        s.delete(first)
        second.detail = "Nothing happened here"

    _forge(b, "audit.forged", tamper)
    sync_all(team)
    for d in (a, c):
        with d.app.unit.read() as s:
            kept = {r.id: r.detail for r in s.scalars(sa.select(AuditEntry).where(
                AuditEntry.id.in_(theirs[:2])))}
        assert len(kept) == 2 and "Nothing happened here" not in kept.values()
        reasons = [why for entity, why in _refused(d) if entity == "audit"]
        assert any("deleted" in why for why in reasons) and any("rewritten" in why for why in reasons)
