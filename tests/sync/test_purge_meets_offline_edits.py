"""A retention purge meets an officer's offline work on the purged case.

Device A closes a case while officer B, offline, adds a contact and a new
person to it; supervisor C receives the closure, the case passes retention and
C purges it. Before, C held back B's bundle for good ("FOREIGN KEY constraint
failed"), A and B held back C's purge, and nothing B wrote later ever reached
C. Now the purge wins everywhere, B's later work arrives, and every device
ends with the same rows and a clean ``check``.
"""

from __future__ import annotations

import sqlalchemy as sa

from asb_desktop.controllers.checks import ChecksController
from asb_desktop.domain.inputs import CaseInput, ContactInput, PersonInput
from asb_desktop.store.models import Change
from asb_desktop.store.search import search
from tests.conftest import noise_report
from tests.sync.conftest import Device, count, offline_work_meets_purge, snapshot, sync_all


def _failed_checks(d: Device) -> list[str]:
    return [f"{f.check}: {f.detail}" for f in ChecksController(d.app.unit).run() if not f.ok]


def _words_kept(d: Device) -> str:
    with d.app.store.engine.connect() as conn:
        return " ".join(str(v) for t in ("changes", "audit", "sync_received", "sync_set_aside")
                        for row in conn.execute(sa.text(f"SELECT * FROM {t}")) for v in row)


def test_purge_race_with_offline_contact_converges(team: list[Device]) -> None:
    a, b, c = team
    report = a.app.reports.log_report(noise_report())
    case_id = a.app.cases.open_case(CaseInput(report_ids=[report.id], summary="Noise")).id
    sync_all(team)

    offline_work_meets_purge(team, case_id, "Rang Zephyrine Quill",
                             PersonInput(given_name="Zephyrine", family_name="Quill",
                                         phone="07700 900555"))
    # Everyone syncs after B reached the share.
    report_c = c.sync.sync_now()
    assert report_c.complete, (report_c.waiting, report_c.quarantined)
    sync_all(team, rounds=3)

    # Later work from B still reaches C: nothing is held back for good.
    b.clock.advance(hours=1)
    later = b.app.reports.log_report(noise_report(
        description="Shouting in the stairwell at night",
        new_reporter=PersonInput(given_name="Rosalind", family_name="Teague")))
    sync_all(team)
    for d in team:
        assert count(d.app, "reports", id=later.id) == 1, d.app.unit.actor.name

    for d in team:
        who = d.app.unit.actor.name
        assert count(d.app, "cases", id=case_id) == 0, who
        assert count(d.app, "contacts") == 0, who
        # The reporter and the witness added offline went; the later reporter stays.
        assert count(d.app, "people") == 1, who
        with d.app.unit.read() as s:
            assert search(s, "Zephyrine") == [], who
            assert s.execute(sa.text("PRAGMA foreign_key_check")).all() == []
            held = s.execute(sa.text("SELECT count(*) FROM sync_quarantine")).scalar()
            assert held == 0, who
        assert _failed_checks(d) == [], who
        kept = _words_kept(d)
        for word in ("Zephyrine", "Quill", "07700 900555", "Okafor"):
            assert word not in kept, (who, word)
    assert snapshot(a.app) == snapshot(b.app) == snapshot(c.app)

    # C recorded what it dropped, by address only.
    with c.app.unit.read() as s:
        rows = s.execute(sa.text("SELECT kind, entity, change FROM sync_set_aside")).all()
    assert rows and {r.kind for r in rows} == {"purged"}
    assert {"contacts", "case_parties"} <= {r.entity for r in rows}
    assert all(r.change is None for r in rows)


def test_unappliable_change_is_set_aside_and_the_rest_applies(team: list[Device]) -> None:
    """A change no rule explains (here a note pointing at a case that was never
    on the share) is set aside for a supervisor with its reason; the bundle's
    other changes and the device's later bundles apply."""
    _a, b, c = team
    sync_all(team)

    report = b.app.reports.log_report(noise_report())
    case_id = b.app.cases.open_case(CaseInput(report_ids=[report.id], summary="Noise")).id
    b.app.casework.record_contact(ContactInput(case_id=case_id, summary="Visited"))
    # The case's own change rows vanish from B's log before it syncs (as a damaged
    # profile might lose them): the contact then names a case no one else has.
    with b.app.store.write_sessions() as s, s.begin():
        s.execute(sa.delete(Change).where(Change.entity == "cases", Change.entity_id == case_id))
    assert b.sync.sync_now().complete
    got = c.sync.sync_now()
    assert got.complete, (got.waiting, got.quarantined)
    assert got.set_aside == 3
    assert "3 change(s) from other laptops were set aside" in got.summary()
    assert count(c.app, "reports", id=report.id) == 1
    assert count(c.app, "contacts") == 0
    with c.app.unit.read() as s:
        rows = s.execute(sa.text("SELECT kind, entity, reason, change FROM sync_set_aside")).all()
    # Everything that named the missing case: the contact, the party, the report's link.
    assert {r.entity for r in rows} == {"contacts", "case_parties", "reports"}
    assert {r.kind for r in rows} == {"unappliable"}
    assert all("FOREIGN KEY" in r.reason and r.change is not None for r in rows)
    later = b.app.reports.log_report(noise_report(description="Music again"))
    sync_all([b, c])
    assert count(c.app, "reports", id=later.id) == 1
