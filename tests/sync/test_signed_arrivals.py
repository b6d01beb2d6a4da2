"""Each laptop signs what it sends, and every other laptop judges each change as the
work of the user that laptop is enrolled for on the team's roster: a change no
controller would have let that user make is refused on every other laptop, the
rest of its bundle applies, and a laptop a supervisor removed is heard no more."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from asb_desktop.app import create_profile
from asb_desktop.controllers.access import AccessController, AccessDenied
from asb_desktop.controllers.errors import ValidationError
from asb_desktop.controllers.sync import SyncController
from asb_desktop.controllers.team_devices import ENROLLED, REMOVED, WAITING, TeamDevicesController
from asb_desktop.domain.inputs import CaseInput, ContactInput
from asb_desktop.store.capture import CaptureContext
from asb_desktop.store.models import AuditEntry, Case, CaseAccess, Contact, User
from asb_desktop.sync import device_keys, roster
from asb_desktop.sync.device_keys import b64
from asb_desktop.sync.transport import FolderTransport
from tests.conftest import FakeClock, noise_report
from tests.sync.conftest import PASSPHRASE, TEST_SCRYPT_N, Device, count, enrol_all, sync_all

Edit = Callable[[sa.orm.Session], None]


def _forge(d: Device, edit: Edit, as_user: str | None = None) -> None:
    """A write past the controllers, as an altered copy of the app could make it, its
    change rows captured as usual (claiming ``as_user`` if given) so it travels."""
    unit = d.app.unit
    user = as_user or unit.actor.user_id
    with unit.store.write_sessions() as s:
        s.info["capture"] = CaptureContext(unit.actor.device_id, user, unit.stamp)
        with s.begin():
            edit(s)
            s.add(AuditEntry(at=unit.now(), user_id=user, device_id=unit.actor.device_id,
                             action="forged", entity="case", entity_id="-", detail="forged"))


def _refused(d: Device) -> list[tuple[str, str]]:
    with d.app.unit.read() as s:
        return [(r.entity, r.reason) for r in s.execute(sa.text(
            "SELECT entity, reason FROM sync_set_aside WHERE kind = 'refused'"))]


def _restricted_case(c: Device) -> str:
    """The supervisor's domestic-abuse case, restricted to the supervisor alone."""
    report = c.app.reports.log_report(noise_report(description="Disclosed abuse at the door"))
    case = c.app.cases.open_case(CaseInput(report_ids=[report.id], summary="Domestic abuse"))
    AccessController(c.app.unit).set_restricted(case.id, True, "Domestic abuse disclosed")
    return case.id


def test_a_change_claiming_another_user_is_refused_and_the_rest_applies(team: list[Device]) -> None:
    a, b, c = team
    sync_all(team)
    supervisor = c.app.unit.actor.user_id

    def promote(s: sa.orm.Session) -> None:
        me = s.get(User, b.app.unit.actor.user_id)
        assert me is not None
        me.role = "supervisor"

    _forge(b, promote, as_user=supervisor)  # "the supervisor did it", from B's laptop
    b.app.reports.log_report(noise_report(description="Sent in the same bundle"))
    sync_all(team)
    for d in (a, c):
        with d.app.unit.read() as s:
            assert s.get(User, b.app.unit.actor.user_id).role == "officer"  # type: ignore[union-attr]
        assert count(d.app, "reports") == 1
        assert any("another user than the one its laptop is enrolled for" in why
                   for _, why in _refused(d))


def test_an_officer_cannot_lift_a_restriction_or_write_to_a_case_they_may_not_open(
    team: list[Device],
) -> None:
    a, b, c = team
    case_id = _restricted_case(c)
    sync_all(team)

    def lift_and_write(s: sa.orm.Session) -> None:
        case = s.get(Case, case_id)
        assert case is not None
        case.restricted = False
        s.add(CaseAccess(case_id=case_id, user_id=b.app.unit.actor.user_id, granted_at=case.opened_at,
                         granted_by=b.app.unit.actor.user_id, reason="forged"))
        s.add(Contact(case_id=case_id, method="note", summary="Written blind", at=case.opened_at,
                      created_by=b.app.unit.actor.user_id))

    _forge(b, lift_and_write)
    b.app.reports.log_report(noise_report(description="B's ordinary work"))
    sync_all(team)
    for d in (a, c):
        with d.app.unit.read() as s:
            case = s.get(Case, case_id)
            assert case is not None and case.restricted
            assert not s.scalars(sa.select(CaseAccess).where(CaseAccess.case_id == case_id)).all()
            assert not s.scalars(sa.select(Contact).where(Contact.summary == "Written blind")).all()
        # B's ordinary report everywhere; the supervisor's, on the restricted case, only
        # where the case may be opened (it travels sealed: see test_sealed_cases).
        assert count(d.app, "reports") == (2 if d is c else 1)
        reasons = " ".join(why for _, why in _refused(d))
        assert "or a supervisor can change who sees it" in reasons
        assert "is a restricted case" in reasons
    # The case's lead (the supervisor) may still name B, and that is applied everywhere.
    AccessController(c.app.unit).name_officer(case_id, b.app.unit.actor.user_id, "Joint visit")
    sync_all(team)
    for d in team:
        with d.app.unit.read() as s:
            assert s.scalars(sa.select(CaseAccess.user_id).where(
                CaseAccess.case_id == case_id)).all() == [b.app.unit.actor.user_id]


def test_a_named_officer_may_write_but_not_widen_who_sees(team: list[Device]) -> None:
    a, b, c = team
    sync_all(team)  # everyone knows everyone's user
    case_id = _restricted_case(c)
    AccessController(c.app.unit).name_officer(case_id, b.app.unit.actor.user_id, "Joint visit")
    sync_all(team)
    b.app.casework.record_contact(ContactInput(case_id=case_id, summary="Visited with the supervisor"))
    with pytest.raises(AccessDenied):
        AccessController(b.app.unit).name_officer(case_id, a.app.unit.actor.user_id, "Wants to help")

    def name_a(s: sa.orm.Session) -> None:
        s.add(CaseAccess(case_id=case_id, user_id=a.app.unit.actor.user_id,
                         granted_at=b.app.unit.now(), granted_by=b.app.unit.actor.user_id,
                         reason="forged"))

    _forge(b, name_a)
    sync_all(team)
    with c.app.unit.read() as s:
        named = set(s.scalars(sa.select(CaseAccess.user_id).where(CaseAccess.case_id == case_id)))
        assert named == {b.app.unit.actor.user_id}
        assert s.scalars(sa.select(Contact).where(
            Contact.summary == "Visited with the supervisor")).one()


def test_a_removed_laptop_is_heard_no_more(team: list[Device]) -> None:
    a, b, c = team
    b.app.reports.log_report(noise_report(description="Before the laptop was lost"))
    sync_all(team)
    roster_c = TeamDevicesController(c.app.unit)
    with pytest.raises(ValidationError):
        roster_c.revoke(b.app.unit.actor.device_id, "")
    roster_c.revoke(b.app.unit.actor.device_id, "Laptop stolen from a car")
    b.app.reports.log_report(noise_report(description="Written by whoever has the laptop now"))
    assert b.sync.sync_now().pushed_changes > 0
    for d in (a, c):
        report = d.sync.sync_now()
        assert report.complete, "a removed laptop does not hold anyone's sync up"
        assert any("removed from the team" in n for n in report.notices)
        assert count(d.app, "reports") == 1
    status = {t.device_id: t.status for t in roster_c.devices()}
    assert status[b.app.unit.actor.device_id] == REMOVED
    assert status[a.app.unit.actor.device_id] == ENROLLED
    with c.app.unit.read() as s:
        assert s.scalars(sa.select(AuditEntry.detail).where(
            AuditEntry.action == "sync.device_revoked")).one().endswith("Laptop stolen from a car")


def test_a_new_laptop_waits_for_a_supervisor_then_is_heard(
    team: list[Device], share: Path, tmp_path: Path,
) -> None:
    _a, b, c = team
    clock = FakeClock()
    app = create_profile(tmp_path / "dee", "Dee Officer", "officer", clock=clock)
    dee = Device(app, clock, SyncController(app.unit, None, TEST_SCRYPT_N))
    try:
        dee.sync.join_share(share, PASSPHRASE)
        dee.app.reports.log_report(noise_report(description="From the new laptop"))
        report = dee.sync.sync_now()
        code = dee.app.team_devices.fingerprint()
        assert any(code in n and "not yet enrolled" in n for n in report.notices)
        waiting = c.sync.sync_now()
        assert any("wait until a supervisor enrols that laptop" in w for w in waiting.waiting)
        assert count(c.app, "reports") == 0
        listed = {t.device_id: t for t in TeamDevicesController(c.app.unit).devices()}
        mine = listed[dee.app.unit.actor.device_id]
        assert (mine.status, mine.user_name, mine.fingerprint) == (WAITING, "Dee Officer", code)
        # An officer's laptop cannot enrol it; a supervisor's can.
        with pytest.raises(AccessDenied):
            TeamDevicesController(b.app.unit).enrol(dee.app.unit.actor.device_id, "supervisor")
        enrol_all([*team, dee], c)
        sync_all([*team, dee])
        assert all(count(d.app, "reports") == 1 for d in [*team, dee])
    finally:
        dee.app.close()


def test_a_bundle_signed_by_another_laptop_is_held_back(team: list[Device], share: Path) -> None:
    a, b, c = team
    b.app.reports.log_report(noise_report(description="B's"))
    b.sync.sync_now()
    a.app.reports.log_report(noise_report(description="A's"))
    a.sync.sync_now()
    folder = share / "devices"
    # B's bundle copied into A's folder as A's next one: signed by B, not A.
    theirs = (folder / b.app.unit.actor.device_id / "0000000001.asbb").read_bytes()
    mine = max((folder / a.app.unit.actor.device_id).glob("*.asbb"))
    mine.rename(mine.with_suffix(".kept"))
    mine.write_bytes(theirs)
    report = c.sync.sync_now()
    assert len(report.quarantined) == 1 and "\n" not in report.quarantined[0]
    assert count(c.app, "reports") == 1  # B's came; A's second is held back, nothing from the forgery


def test_a_roster_entry_signed_by_an_officer_is_ignored(team: list[Device], share: Path) -> None:
    _a, b, c = team
    found = roster.read(FolderTransport(share), roster.pinned(b.app.unit))
    member = found.members[b.app.unit.actor.device_id]
    promoted = roster.entry_for(member.device_id, member.user_id, member.name, "supervisor",
                                member.keys)
    _append_signed_by(share, found, b, promoted)  # B makes itself a supervisor on the roster
    again = roster.read(FolderTransport(share), roster.pinned(c.app.unit))
    assert again.members[member.device_id].role == "officer"
    assert "not signed by a supervisor's enrolled laptop" in again.problem
    report = c.sync.sync_now()
    assert any("not signed by a supervisor's enrolled laptop" in n for n in report.notices)


def test_a_replaced_roster_stops_sync_before_anything_changes(team: list[Device], share: Path) -> None:
    b = team[1]
    sync_all(team)
    for entry in (share / "roster").iterdir():
        entry.unlink()
    with pytest.raises(roster.RosterReplaced):
        b.sync.sync_now()


def _append_signed_by(share: Path, found: roster.Roster, signer: Device,
                      entry: dict[str, object]) -> None:
    """A forged roster entry: correctly chained, but signed by an officer's laptop."""
    body = dict(entry, seq=found.head + 1, prev=found.head_hash, by=signer.app.unit.actor.device_id,
                at="2026-03-02T10:00:00+00:00")
    text = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    sig = device_keys.ensure(signer.app.unit).sign.sign(text)
    (share / "roster" / f"{found.head + 1:010d}.json").write_text(
        json.dumps({"entry": body, "sig": b64(sig)}))


def test_wording_an_audit_row_as_purged_needs_a_real_purge(team: list[Device]) -> None:
    """Only a retention purge replaces an audit row's wording, and only of what it
    erased: an officer's laptop cannot blank the record of what someone did."""
    a, b, c = team
    report = c.app.reports.log_report(noise_report(description="The supervisor's own record"))
    sync_all(team)
    with b.app.unit.read() as s:
        theirs = s.scalars(sa.select(AuditEntry.id).where(
            AuditEntry.device_id == c.app.unit.actor.device_id,
            AuditEntry.entity_id == report.id)).first()
    assert theirs is not None

    def blank(s: sa.orm.Session) -> None:
        row = s.get(AuditEntry, theirs)
        assert row is not None
        row.detail = "purged under retention"

    _forge(b, blank)
    sync_all(team)
    for d in (a, c):
        with d.app.unit.read() as s:
            assert s.get(AuditEntry, theirs).detail != "purged under retention"  # type: ignore[union-attr]
        assert any("rewritten" in why for entity, why in _refused(d) if entity == "audit")
