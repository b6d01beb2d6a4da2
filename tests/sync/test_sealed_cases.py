"""A restricted case stays on the laptops allowed to open it.

The supervisor records a domestic-abuse disclosure and restricts the case. An
officer's laptop that may not open it receives the case as its caseload shows
it ("Restricted", the reference, the officer) and nothing more: no name, no
address, no report text anywhere in its profile, read with raw SQL and its own
key, nor in the bundles on the share read with the team key. Naming the officer
on the case opens its history on their laptop without anyone sending it again;
lifting the restriction opens it everywhere; a team snapshot leaves it out.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from asb_desktop.app import App, create_profile
from asb_desktop.controllers.access import AccessController, AccessDenied
from asb_desktop.controllers.errors import UserError
from asb_desktop.controllers.sync import SyncController
from asb_desktop.domain.inputs import CaseInput, ContactInput, PersonInput, ReportInput
from asb_desktop.store.capture import CaptureContext
from asb_desktop.store.models import CaseAccess
from asb_desktop.store.search import search
from asb_desktop.sync import bundle as wire
from asb_desktop.sync import keys
from asb_desktop.sync import snapshot as snap
from asb_desktop.sync.service import enrolment
from tests.conftest import FakeClock
from tests.sync.conftest import PASSPHRASE, TEST_SCRYPT_N, Device, count, enrol_all, sync_all

VICTIM = PersonInput(given_name="Amira", family_name="Quenby", address="7 Lilac Row",
                     postcode="LS1 4AB", phone="07700 900123")
DISCLOSED = "Partner threatened her with a knife on Saturday night"


def _everything(app: App) -> str:
    """Every value in every table of the profile, as its own key reads it."""
    out = []
    with app.store.engine.connect() as conn:
        tables = [r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        for t in tables:
            out += [str(v) for row in conn.exec_driver_sql(f'SELECT * FROM "{t}"') for v in row]
    return " ".join(out)


def _secret_case(c: Device) -> tuple[str, str]:
    report = c.app.reports.log_report(ReportInput(
        new_reporter=VICTIM, categories=["harassment"], description=DISCLOSED,
        location="7 Lilac Row"))
    case = c.app.cases.open_case(CaseInput(report_ids=[report.id], summary="Domestic abuse"))
    AccessController(c.app.unit).set_restricted(case.id, True, "Domestic abuse disclosed")
    return case.id, case.reference


def _readable(text: str) -> bool:
    return any(x in text for x in ("Amira", "Quenby", "Lilac Row", "07700 900123", "knife"))


def test_a_laptop_not_allowed_holds_only_what_the_caseload_shows(team: list[Device], share: Path) -> None:
    a, b, c = team
    sync_all(team)
    case_id, reference = _secret_case(c)
    sync_all(team)
    for officer in (a, b):
        assert not _readable(_everything(officer.app)), officer.app.unit.actor.name
        with officer.app.unit.read() as s:
            stub = s.execute(sa.text("SELECT reference, restricted, lead_officer_id, summary, "
                                     "parties_summary FROM cases WHERE id = :i"), {"i": case_id}).one()
        assert tuple(stub) == (reference, 1, c.app.unit.actor.user_id, "", "")
        assert count(officer.app, "sync_sealed") >= 1, "kept as it came, unread"
        with pytest.raises(AccessDenied):
            officer.app.cases.get_case(case_id)
    assert _readable(_everything(c.app))
    # Nor can anyone with the team key read it from the share.
    _root, share_id = enrolment(a.app.unit)
    key = keys.load_key(share_id)
    for path in (share / "devices" / c.app.unit.actor.device_id).glob("*.asbb"):
        data = path.read_bytes()[:-wire.SIGNATURE]
        (hlen,) = struct.unpack(">I", data[5:9])
        start = 9 + hlen
        payload = AESGCM(key).decrypt(data[start:start + 12], data[start + 12:], data[:start])
        assert not _readable(zlib.decompress(payload).decode())


def test_naming_an_officer_opens_the_case_history_on_their_laptop(team: list[Device]) -> None:
    a, b, c = team
    sync_all(team)
    case_id, _ = _secret_case(c)
    sync_all(team)
    assert not _readable(_everything(a.app))
    AccessController(c.app.unit).name_officer(case_id, a.app.unit.actor.user_id, "Joint visit")
    sync_all(team)
    detail = a.app.cases.get_case(case_id)
    assert any("Quenby" in str(p) for p in detail.parties)
    assert _readable(_everything(a.app))
    assert count(a.app, "sync_sealed") == 0, "every kept section opened"
    with a.app.unit.read() as s:  # search finds the victim on the allowed laptop, and not on B's
        assert search(s, "Quenby")
    with b.app.unit.read() as s:
        assert not search(s, "Quenby")
    assert not _readable(_everything(b.app)), "naming A opens nothing on B's laptop"
    # What A writes on the case now reaches the supervisor, and still not B.
    a.app.casework.record_contact(ContactInput(case_id=case_id, summary="Safety plan agreed with Amira"))
    sync_all(team)
    with c.app.unit.read() as s:
        assert s.execute(sa.text(
            "SELECT count(*) FROM contacts WHERE summary LIKE 'Safety plan%'")).scalar_one() == 1
    assert "Safety plan" not in _everything(b.app)


def test_lifting_the_restriction_opens_the_case_everywhere(team: list[Device]) -> None:
    c = team[2]
    sync_all(team)
    case_id, _ = _secret_case(c)
    sync_all(team)
    AccessController(c.app.unit).set_restricted(case_id, False, "Safeguarding concern closed")
    sync_all(team)
    for d in team:
        assert "Quenby" in str(d.app.cases.get_case(case_id).parties)


def test_a_team_snapshot_leaves_a_restricted_case_out(
    team: list[Device], share: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snap, "SNAPSHOT_CHANGES", 10)
    c = team[2]
    sync_all(team)
    case_id, reference = _secret_case(c)
    sync_all(team)
    assert list((share / "snapshots").glob("*.asbs")), "the supervisor wrote one"
    clock = FakeClock()
    app = create_profile(tmp_path / "dee", "Dee Officer", "officer", clock=clock)
    dee = Device(app, clock, SyncController(app.unit, None, TEST_SCRYPT_N))
    try:
        dee.sync.join_share(share, PASSPHRASE)
        enrol_all([*team, dee], c)
        report = dee.sync.sync_now()
        assert report.snapshot_loaded
        assert not _readable(_everything(dee.app))
        with dee.app.unit.read() as s:
            assert s.execute(sa.text("SELECT reference, restricted FROM cases WHERE id = :i"),
                             {"i": case_id}).one() == (reference, 1)
    finally:
        dee.app.close()


def test_a_case_restricted_after_it_was_shared_is_forgotten_where_it_may_not_be_opened(
    team: list[Device],
) -> None:
    a, b, c = team
    sync_all(team)
    report = c.app.reports.log_report(ReportInput(
        new_reporter=VICTIM, categories=["harassment"], description=DISCLOSED,
        location="7 Lilac Row"))
    case = c.app.cases.open_case(CaseInput(report_ids=[report.id], summary="Shouting heard"))
    sync_all(team)
    assert _readable(_everything(a.app)), "an ordinary case reaches every officer"
    AccessController(c.app.unit).name_officer(case.id, b.app.unit.actor.user_id, "Works the case")
    AccessController(c.app.unit).set_restricted(case.id, True, "Domestic abuse disclosed later")
    sync_all(team)
    assert not _readable(_everything(a.app)), "forgotten where it may not be opened"
    with a.app.unit.read() as s:
        assert s.execute(sa.text("SELECT reference, restricted FROM cases WHERE id = :i"),
                         {"i": case.id}).one() == (case.reference, 1)
    assert _readable(_everything(b.app)) and _readable(_everything(c.app))
    assert "Quenby" in str(b.app.cases.get_case(case.id).parties)
    # Work on it carries on between the laptops allowed to open it, and never reaches A.
    b.app.casework.record_contact(ContactInput(case_id=case.id, summary="Amira moved to a refuge"))
    sync_all(team)
    assert "refuge" in _everything(c.app) and "refuge" not in _everything(a.app)


def test_an_officer_taken_off_a_case_no_longer_receives_it(team: list[Device]) -> None:
    a, _b, c = team
    sync_all(team)
    case_id, _ = _secret_case(c)
    AccessController(c.app.unit).name_officer(case_id, a.app.unit.actor.user_id, "Joint visit")
    sync_all(team)
    assert _readable(_everything(a.app))
    AccessController(c.app.unit).remove_officer(case_id, a.app.unit.actor.user_id, "Visit done")
    c.app.casework.record_contact(ContactInput(case_id=case_id, summary="Moved to a refuge"))
    sync_all(team)
    assert "refuge" not in _everything(a.app), "written after A was taken off: not sent to A"
    assert not _readable(_everything(a.app)), "and A's laptop forgot what it held"
    with pytest.raises(AccessDenied):
        a.app.cases.get_case(case_id)
    # Forged: A names itself again past the controllers; every other laptop refuses it.
    unit = a.app.unit
    with unit.store.write_sessions() as s:
        s.info["capture"] = CaptureContext(unit.actor.device_id, unit.actor.user_id, unit.stamp)
        with s.begin():
            s.add(CaseAccess(case_id=case_id, user_id=unit.actor.user_id, granted_at=unit.now(),
                             granted_by=unit.actor.user_id, reason="forged"))
    sync_all(team)
    with c.app.unit.read() as s:
        assert s.execute(sa.text("SELECT count(*) FROM case_access WHERE case_id = :i"),
                         {"i": case_id}).scalar_one() == 0
    assert "refuge" not in _everything(a.app)


def test_two_laptops_naming_the_same_officer_while_apart_agree_on_one_naming(
    team: list[Device],
) -> None:
    a, b, c = team
    sync_all(team)
    case_id, _ = _secret_case(a)  # A leads it and restricted it
    sync_all(team)
    AccessController(a.app.unit).name_officer(case_id, b.app.unit.actor.user_id, "Cover")
    with pytest.raises(UserError, match="already named"):
        AccessController(a.app.unit).name_officer(case_id, b.app.unit.actor.user_id, "Twice")
    # ...while the supervisor, apart, names the same officer: one fact recorded twice.
    AccessController(c.app.unit).name_officer(case_id, b.app.unit.actor.user_id, "Cover too")
    sync_all(team, rounds=3)
    rows = []
    for d in team:
        with d.app.unit.read() as s:
            rows.append(s.execute(sa.text(
                "SELECT id, user_id FROM case_access WHERE case_id = :i"), {"i": case_id}).all())
        assert count(d.app, "sync_set_aside", kind="unappliable") == 0
    assert rows[0] == rows[1] == rows[2] and len(rows[0]) == 1


def test_every_case_column_is_either_kept_in_the_stub_or_blanked() -> None:
    """A column added to cases later must be decided: shown to everyone, or blanked."""
    from asb_desktop.store.models import Base
    from asb_desktop.sync.sealing import STUB_BLANKS, STUB_FIELDS

    columns = {c.name for c in Base.metadata.tables["cases"].c} - {"id"}
    assert columns == set(STUB_FIELDS) | set(STUB_BLANKS)
    assert not set(STUB_FIELDS) & set(STUB_BLANKS)
