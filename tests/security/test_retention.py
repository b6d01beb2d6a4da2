"""Retention and legal holds on a real profile: what is due, what a hold keeps, and
that a purge leaves nothing of the case behind in any table."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from asb_desktop.app import App
from asb_desktop.controllers.access import AccessDenied
from asb_desktop.controllers.cases import CaseFilter
from asb_desktop.controllers.errors import NotFound, UserError, ValidationError
from asb_desktop.controllers.retention import RetentionController, due_on
from asb_desktop.store.models import AuditEntry, Case, Change, Person, SyncReceived
from asb_desktop.store.purge import PURGE_BASE
from asb_desktop.store.search import search
from tests.conftest import FakeClock
from tests.security.casefile import (
    CASE_WORDS,
    CaseFile,
    all_text,
    build,
    colleague,
    count,
    when,
)
from tests.security.plain_profile import plain_app


@pytest.fixture
def casefile(app: App, clock: FakeClock) -> CaseFile:
    return build(app, clock)


@pytest.fixture
def supervisor(app: App) -> RetentionController:
    return RetentionController(colleague(app, "Pat Lead", "supervisor"))


def _closed(app: App, case_id: str) -> datetime:
    with app.unit.read() as s:
        case = s.get(Case, case_id)
        assert case is not None and case.closed_at is not None
        return case.closed_at


def _set_day(clock: FakeClock, day: object) -> None:
    clock.set(datetime.combine(day, clock.now().time()))  # type: ignore[arg-type]


def test_due_six_years_and_a_day_after_closure_not_a_day_before(
    app: App, clock: FakeClock, casefile: CaseFile, supervisor: RetentionController
) -> None:
    closed = _closed(app, casefile.case_id).date()
    _set_day(clock, when(6, -1, closed))
    assert supervisor.due() == []
    _set_day(clock, when(6, 1, closed))
    [due] = supervisor.due()
    assert (due.reference, due.closed_on, due.years_closed) == (casefile.reference, closed, 6)
    assert due.id == casefile.case_id
    # The open case sharing the perpetrator is never due, whatever its age.
    _set_day(clock, when(30, 0, closed))
    assert [d.id for d in supervisor.due()] == [casefile.case_id]


def test_leap_day_closure_is_due_on_first_of_march() -> None:
    assert due_on(datetime(2024, 2, 29).date(), 6) == datetime(2030, 3, 1).date()
    assert due_on(datetime(2024, 2, 28).date(), 6) == datetime(2030, 2, 28).date()


def test_held_case_is_not_listed_and_purge_is_refused(
    app: App, clock: FakeClock, casefile: CaseFile, supervisor: RetentionController
) -> None:
    supervisor.place_hold(casefile.case_id, "Disrepair claim in the county court")
    with pytest.raises(UserError, match="already on a legal hold"):
        supervisor.place_hold(casefile.case_id, "again")
    _set_day(clock, when(7, 0, _closed(app, casefile.case_id).date()))
    assert supervisor.due() == []
    assert [h.reference for h in supervisor.holds()] == [casefile.reference]
    before = count(app, "changes")
    with pytest.raises(UserError, match=f"Nothing was purged: {casefile.reference} is on a legal hold"):
        supervisor.purge([casefile.case_id])
    assert count(app, "changes") == before
    assert app.cases.get_case(casefile.case_id).reference == casefile.reference
    supervisor.lift_hold(casefile.case_id, "Claim settled")
    with pytest.raises(UserError, match="not on a legal hold"):
        supervisor.lift_hold(casefile.case_id, "again")
    assert [d.id for d in supervisor.due()] == [casefile.case_id]


def test_purge_refuses_the_whole_list_when_one_case_is_not_due(
    app: App, clock: FakeClock, casefile: CaseFile, supervisor: RetentionController
) -> None:
    _set_day(clock, when(6, 1, _closed(app, casefile.case_id).date()))
    with pytest.raises(UserError, match="is not closed") as refused:
        supervisor.purge([casefile.case_id, casefile.other_case_id])
    assert "Nothing was purged" in str(refused.value)
    assert app.cases.get_case(casefile.case_id).id == casefile.case_id
    with pytest.raises(ValidationError):
        supervisor.purge([])


def test_a_hold_needs_a_reason_and_a_case(app: App, casefile: CaseFile,
                                          supervisor: RetentionController) -> None:
    with pytest.raises(ValidationError) as problem:
        supervisor.place_hold(casefile.case_id, "  ")
    assert set(problem.value.errors) == {"reason"}
    with pytest.raises(NotFound):
        supervisor.place_hold("no-such-case", "A reason")
    rows = _audit(app, "case.hold")
    assert rows == []


def _audit(app: App, prefix: str) -> list[tuple[str, str | None, str]]:
    with app.unit.read() as s:
        return [(a.action, a.entity_id, a.detail) for a in s.scalars(
            sa.select(AuditEntry).where(AuditEntry.action.like(prefix + "%")).order_by(AuditEntry.at))]


def test_officers_cannot_list_hold_or_purge(app: App, clock: FakeClock, casefile: CaseFile) -> None:
    officer = RetentionController(app.unit)
    _set_day(clock, when(6, 1, _closed(app, casefile.case_id).date()))
    for attempt in (officer.due, officer.holds, lambda: officer.purge([casefile.case_id]),
                    lambda: officer.place_hold(casefile.case_id, "A reason"),
                    lambda: officer.lift_hold(casefile.case_id, "A reason"),
                    lambda: officer.find(casefile.reference)):
        with pytest.raises(AccessDenied, match="Only a supervisor"):
            attempt()
    assert app.cases.get_case(casefile.case_id).id == casefile.case_id


def test_each_hold_writes_one_audit_row(app: App, casefile: CaseFile,
                                        supervisor: RetentionController) -> None:
    supervisor.place_hold(casefile.case_id, "Ombudsman complaint")
    supervisor.lift_hold(casefile.case_id, "Ombudsman closed the complaint")
    assert _audit(app, "case.hold") == [
        ("case.hold_placed", casefile.case_id,
         f"{casefile.reference}: legal hold placed: Ombudsman complaint"),
        ("case.hold_lifted", casefile.case_id,
         f"{casefile.reference}: legal hold lifted: Ombudsman closed the complaint"),
    ]


def test_purge_leaves_nothing_of_the_case_in_any_table(
    app: App, clock: FakeClock, casefile: CaseFile, supervisor: RetentionController
) -> None:
    supervisor.place_hold(casefile.case_id, "Police request for Marguerite Oyelaran's file")
    supervisor.lift_hold(casefile.case_id, "Police finished")
    # Searches are audited with what was typed: a name searched for goes too.
    app.people.find_people("Oyelaran")
    app.cases.caseload(CaseFilter(text="Philippa", status=None))
    _set_day(clock, when(6, 1, _closed(app, casefile.case_id).date()))
    result = supervisor.purge([supervisor.find(casefile.reference)])
    assert result.references == (casefile.reference,)
    # The victim, the witness and the neighbour; the perpetrator is in another case.
    assert result.people == 3
    assert result.file_compacted

    text = all_text(app)
    for table, values in text.items():
        blob = "\n".join(values).lower()
        for word in CASE_WORDS:
            assert word.lower() not in blob, (table, word)
    purge_row = f"case purged under retention: {casefile.reference}"
    mentions = {(t, v) for t, values in text.items() for v in values if casefile.reference in v}
    assert {t for t, _ in mentions} <= {"audit", "changes"}
    assert all(purge_row in v for _, v in mentions), mentions
    with app.unit.read() as s:
        for word in ("Oyelaran", "Strongbow", "bassline", "grandson"):
            assert search(s, word) == [], word
        assert s.get(Case, casefile.case_id) is None
        assert s.get(Person, casefile.victim_id) is None and s.get(Person, casefile.witness_id) is None
        assert s.get(Person, casefile.perpetrator_id) is not None
        # What happened is still there; what it said is not.
        details = {a.action: a.detail for a in s.scalars(
            sa.select(AuditEntry).where(AuditEntry.entity_id == casefile.case_id))}
        assert set(details) >= {"case.opened", "case.closed", "case.hold_placed"}
        assert set(details.values()) == {"purged under retention"}
        [purge] = s.scalars(sa.select(AuditEntry).where(AuditEntry.action == "case.purged")).all()
        assert purge.detail == purge_row
    with app.store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    # The other case and its reporter are untouched.
    other = app.cases.get_case(casefile.other_case_id)
    assert {p.person.id for p in other.parties} == {casefile.other_reporter_id, casefile.perpetrator_id}


def test_purge_leaves_tombstones_no_later_edit_can_undo(
    app: App, clock: FakeClock, casefile: CaseFile, supervisor: RetentionController
) -> None:
    _set_day(clock, when(6, 1, _closed(app, casefile.case_id).date()))
    supervisor.purge([casefile.case_id])
    with app.unit.read() as s:
        rows = s.execute(sa.select(Change.op, Change.fields, SyncReceived.bases)
                         .join(SyncReceived, SyncReceived.change_id == Change.change_id, isouter=True)
                         .where(Change.entity == "cases", Change.entity_id == casefile.case_id)).all()
    # One change row is left for the case: a tombstone with no data, whose base is
    # later than any edit another device could have made meanwhile.
    assert [(op, fields) for op, fields, _ in rows] == [("delete", {})]
    assert rows[0][2] == {"*": PURGE_BASE}


def test_purged_profile_file_holds_no_trace(tmp_path: Path, clock: FakeClock) -> None:
    """On an unencrypted file, the bytes themselves: no name or account left in free space."""
    app = plain_app(tmp_path / "plain", clock)
    try:
        casefile = build(app, clock)
        _set_day(clock, when(6, 1, _closed(app, casefile.case_id).date()))
        assert RetentionController(app.unit).purge([casefile.case_id]).file_compacted
        for path in app.folder.glob("profile.db*"):
            data = path.read_bytes()
            for word in CASE_WORDS:
                assert word.encode() not in data, (path.name, word)
    finally:
        app.close()
