"""A new laptop joins from the team snapshot, and a supervisor archives old bundles.

Real profiles and a real share folder; the snapshot threshold is lowered so a
handful of edits is "enough change" (the real one is thousands).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
import sqlcipher3

from asb_desktop.app import create_profile
from asb_desktop.cli.main import main
from asb_desktop.controllers.checks import ChecksController
from asb_desktop.controllers.retention import RetentionController
from asb_desktop.controllers.sync import SyncController
from asb_desktop.domain.inputs import CaseInput, ClosureInput, ContactInput, PersonInput
from asb_desktop.store.search import search
from asb_desktop.sync import device_keys, keys, snapshot_file
from asb_desktop.sync import snapshot as snap
from asb_desktop.sync.archive import archive_covered
from asb_desktop.sync.errors import SyncError
from asb_desktop.sync.service import SHARE_KEY, enrolment
from asb_desktop.sync.transport import FolderTransport
from tests.conftest import FakeClock, noise_report
from tests.sync.conftest import PASSPHRASE, TEST_SCRYPT_N, Device, count, enrol_all, sync_all
from tests.sync.conftest import snapshot as rows_of


@pytest.fixture(autouse=True)
def _small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snap, "SNAPSHOT_CHANGES", 15)


def _case_on(d: Device, summary: str = "Noise") -> str:
    report = d.app.reports.log_report(noise_report())
    return d.app.cases.open_case(CaseInput(report_ids=[report.id], summary=summary)).id


def _busy_team(team: list[Device]) -> str:
    """Cases, notes and a risk conflict across the team, then synced (a snapshot gets written)."""
    a, b, c = team
    case_id = _case_on(a)
    _case_on(b, "Shouting")
    sync_all(team)
    a.clock.advance(hours=1)
    a.app.cases.set_risk(case_id, "high", "Threats reported")
    b.clock.advance(hours=2)
    b.app.cases.set_risk(case_id, "low", "Calmer since mediation")
    c.clock.advance(hours=3)
    c.app.casework.record_contact(ContactInput(case_id=case_id, summary="Left a card"))
    sync_all(team)
    return case_id


def _new_device(team: list[Device], tmp_path: Path, share: Path, name: str = "Dan Officer",
                role: str = "officer") -> Device:
    """A new laptop joins the share, and the team's supervisor enrols it."""
    clock = FakeClock()
    app = create_profile(tmp_path / name.split()[0].lower(), name, role, clock=clock)
    device = Device(app, clock, SyncController(app.unit, None, TEST_SCRYPT_N))
    device.sync.join_share(share, PASSPHRASE)
    enrol_all([*team, device], team[2])
    return device


def _snapshots(share: Path) -> list[Path]:
    return sorted((share / "snapshots").glob("*.asbs"))


def _bundles(share: Path) -> set[str]:
    return {f"{p.parent.name}/{p.name}" for p in (share / "devices").glob("*/*.asbb")}


def test_a_snapshot_is_written_once_enough_has_changed(
    team: list[Device], share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A little over what one case and the enrolment of the team's laptops write.
    monkeypatch.setattr(snap, "SNAPSHOT_CHANGES", 20)
    a, b, c = team
    _case_on(a)
    report = a.sync.sync_now()
    assert report.snapshot_written == "" and _snapshots(share) == []
    for _ in range(4):
        _case_on(b)
    # An officer's laptop never writes one: a new laptop takes only a supervisor's.
    assert b.sync.sync_now().snapshot_written == "" and _snapshots(share) == []
    report = c.sync.sync_now()
    assert report.snapshot_written and [p.name for p in _snapshots(share)] == [report.snapshot_written]
    # Nothing new since: the next syncs write no second one.
    sync_all(team)
    assert len(_snapshots(share)) == 1


def test_a_fourth_device_joins_from_the_snapshot_and_keeps_syncing(
    team: list[Device], share: Path, tmp_path: Path
) -> None:
    a, b, c = team
    case_id = _busy_team(team)
    assert _snapshots(share)
    d = _new_device(team, tmp_path, share)
    try:
        report = d.sync.sync_now()
        assert report.complete and report.snapshot_loaded and report.from_snapshot > 0
        assert report.pulled_bundles < len(_bundles(share)) - 1, "it did not replay every bundle"
        sync_all([*team, d])
        assert rows_of(d.app) == rows_of(a.app) == rows_of(b.app) == rows_of(c.app)
        # The open risk conflict is waiting on the new laptop too, and search finds the cases.
        assert [x.label for x in d.sync.conflicts()] == ["Risk level"]
        with d.app.unit.read() as s:
            assert search(s, "card")
        # Both ways afterwards: a note from the new laptop and one from an old one.
        d.clock.advance(hours=5)
        d.app.casework.record_contact(ContactInput(case_id=case_id, summary="Visited with Dan"))
        a.clock.advance(hours=6)
        a.app.casework.record_contact(ContactInput(case_id=case_id, summary="Phoned the landlord"))
        sync_all([*team, d])
        assert count(d.app, "contacts") == count(a.app, "contacts") == 3
        assert rows_of(d.app) == rows_of(a.app) == rows_of(b.app) == rows_of(c.app)
    finally:
        d.app.close()


def _schema(d: Device) -> list[tuple[str, str, str, str]]:
    with d.app.store.engine.connect() as conn:
        return sorted((str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in conn.exec_driver_sql(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL"))


def _search_rows(d: Device) -> set[tuple[str, ...]]:
    """The search index and its case links by row, without the local rowids."""
    with d.app.store.engine.connect() as conn:
        return {tuple(str(x) for x in r) for r in conn.exec_driver_sql(
            "SELECT i.kind, i.ref_id, i.title, i.body, i.terms, coalesce(l.case_id, '') "
            "FROM search_index i JOIN search_map m ON m.fts_rowid = i.rowid "
            "LEFT JOIN search_case_link l ON l.fts_rowid = i.rowid")}


def test_a_joined_profile_keeps_its_schema_and_indexes_what_it_loaded(
    team: list[Device], share: Path, tmp_path: Path
) -> None:
    """Every index and trigger is there after the load, the search index holds what
    the writer's does (and the joiner's own report), and the checks pass."""
    a, _, _ = team
    _busy_team(team)
    d = _new_device(team, tmp_path, share)
    try:
        schema = _schema(d)
        assert any(r[0] == "trigger" for r in schema) and any(r[0] == "index" for r in schema)
        d.app.reports.log_report(noise_report(description="Dan's own report before joining"))
        report = d.sync.sync_now()
        assert report.snapshot_loaded and report.from_snapshot > 0
        assert _schema(d) == schema
        assert _search_rows(d) >= _search_rows(a)
        assert all(f.ok for f in ChecksController(d.app.unit).run())
        with d.app.unit.read() as s:
            assert search(s, "card") and search(s, "joining")
        # The triggers still index: an edit after the join is found as before.
        d.app.casework.record_contact(ContactInput(case_id=_case_on(d), summary="Willowmead"))
        with d.app.unit.read() as s:
            assert search(s, "willowmead")
    finally:
        d.app.close()


def test_a_load_that_fails_half_way_leaves_the_schema_whole(
    team: list[Device], share: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The load is one transaction: a failure after the rows are copied rolls all of
    it back, the schema is as it was, and the bundles are used instead."""
    a, _, _ = team
    _busy_team(team)
    copy = snap._copy

    def copy_then_fail(*args: object, **kwargs: object) -> tuple[int, int]:
        copy(*args, **kwargs)  # type: ignore[arg-type]
        raise ValueError("the disk went away")

    monkeypatch.setattr(snap, "_copy", copy_then_fail)
    d = _new_device(team, tmp_path, share)
    try:
        schema = _schema(d)
        report = d.sync.sync_now()
        assert not report.snapshot_loaded and report.complete
        assert any("could not be loaded" in n for n in report.notices)
        assert _schema(d) == schema
        sync_all([*team, d])
        assert rows_of(d.app) == rows_of(a.app)
        assert _search_rows(d) == _search_rows(a)
        assert all(f.ok for f in ChecksController(d.app.unit).run())
    finally:
        d.app.close()


@pytest.mark.parametrize("damage", ["flip", "truncate", "foreign"])
def test_a_damaged_snapshot_is_refused_and_the_bundles_are_used(
    team: list[Device], share: Path, tmp_path: Path, damage: str
) -> None:
    a, *_ = team
    _busy_team(team)
    for path in _snapshots(share):
        data = bytearray(path.read_bytes())
        if damage == "flip":
            data[len(data) // 2] ^= 0x01
        elif damage == "truncate":
            del data[len(data) - 4096 :]
        else:  # a snapshot sealed with another team's key, by the laptop that wrote it
            with a.app.unit.read() as s:
                share_id = s.execute(sa.text("SELECT value FROM meta WHERE key = :k"),
                                     {"k": SHARE_KEY}).scalar_one()
            header, inner, _digest, start = snapshot_file.seal_open(
                bytes(data), keys.load_key(share_id), share_id, path.name)
            [writer] = [d for d in team if d.app.unit.actor.device_id == header.writer]
            data = bytearray(snapshot_file.encode(header, inner, bytes(data[start:]), b"\x07" * 32,
                                                  device_keys.ensure(writer.app.unit)))
        path.write_bytes(bytes(data))
    d = _new_device(team, tmp_path, share)
    try:
        report = d.sync.sync_now()
        assert report.snapshot_loaded == "" and report.complete
        expected = "truncated" if damage == "truncate" else "failed its integrity check"
        assert any(expected in n and "fetched the bundles instead" in n for n in report.notices)
        assert expected in report.summary()
        sync_all([*team, d])
        assert rows_of(d.app) == rows_of(a.app)
    finally:
        d.app.close()


def _inner_text(share: Path, device: Device, tmp_path: Path, path: Path | None = None) -> str:
    """Everything a snapshot file holds, opened with the team key as a joiner would."""
    _root, share_id = enrolment(device.app.unit)
    path = path or _snapshots(share)[-1]
    opened = snapshot_file.open_snapshot(path.read_bytes(), keys.load_key(share_id), share_id, path.name)
    local = tmp_path / "inspect.db"
    local.write_bytes(opened.body)
    conn = sqlcipher3.connect(str(local))
    conn.execute(f"PRAGMA key = \"x'{opened.inner_key.hex()}'\"")
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    text = " ".join(str(v) for t in tables for row in conn.execute(f'SELECT * FROM "{t}"') for v in row)
    conn.close()
    return text


def test_a_purged_case_is_not_in_a_snapshot_written_after_the_purge(
    team: list[Device], share: Path, tmp_path: Path
) -> None:
    a, b, c = team
    report = a.app.reports.log_report(noise_report())
    case_id = a.app.cases.open_case(CaseInput(report_ids=[report.id], summary="Noise")).id
    a.app.cases.add_party(case_id, "witness", new=PersonInput(given_name="Ottoline", family_name="Brack"))
    a.app.casework.record_contact(ContactInput(case_id=case_id, summary="Called Ottoline Brack"))
    a.clock.advance(hours=2)
    a.app.cases.close_case(ClosureInput(case_id, outcome="resolved", reason="Stopped"))
    _case_on(b, "Another matter")
    sync_all(team)
    assert "Ottoline" in _inner_text(share, a, tmp_path), "the test would prove nothing"
    for d in team:
        d.clock.advance(days=6 * 366 + 1)
    RetentionController(c.app.unit).purge([case_id])
    sync_all(team)
    known = set(_snapshots(share))
    for _ in range(4):
        _case_on(b, "Later work")
    sync_all(team)
    written = set(_snapshots(share)) - known
    assert written
    for path in written:
        text = _inner_text(share, a, tmp_path, path)
        for word in ("Ottoline", "Brack"):
            assert word not in text, word
    d = _new_device(team, tmp_path, share)
    try:
        assert d.sync.sync_now().snapshot_loaded
        assert count(d.app, "cases", id=case_id) == 0
        sync_all([*team, d])
        assert rows_of(d.app) == rows_of(a.app)
    finally:
        d.app.close()


def test_archiving_is_refused_to_officers(team: list[Device], share: Path) -> None:
    a, *_ = team
    _busy_team(team)
    before = _bundles(share)
    _root, share_id = enrolment(a.app.unit)
    with pytest.raises(SyncError, match="Only a supervisor"):
        archive_covered(FolderTransport(share), keys.load_key(share_id), share_id,
                        a.app.unit.actor)
    assert _bundles(share) == before and not (share / "archive").exists()


def test_archiving_moves_only_covered_bundles_and_new_and_old_devices_still_catch_up(
    team: list[Device], share: Path, tmp_path: Path
) -> None:
    a, b, c = team
    case_id = _busy_team(team)
    b_offline_since = rows_of(b.app)
    # Work carries on while B stays offline: enough for a newer snapshot.
    for n in range(5):
        a.clock.advance(hours=n + 1)
        a.app.casework.record_contact(ContactInput(case_id=case_id, summary=f"Visit {n}"))
        a.sync.sync_now()
        c.sync.sync_now()
    # Then more that no snapshot covers yet.
    a.clock.advance(days=1)
    a.app.casework.record_contact(ContactInput(case_id=case_id, summary="Not yet covered"))
    a.sync.sync_now()
    newest = _snapshots(share)[-1]
    _root, share_id = enrolment(c.app.unit)
    key = keys.load_key(share_id)
    covers = snapshot_file.open_snapshot(newest.read_bytes(), key, share_id, newest.name).header.covers
    before = _bundles(share)
    done = archive_covered(FolderTransport(share), key, share_id, c.app.unit.actor)
    assert done.bundles > 0
    moved = before - _bundles(share)
    archived = {f"{p.parent.name}/{p.name}" for p in (share / "archive").glob("*/*.asbb")}
    assert moved == archived
    for name in moved:
        device, file = name.split("/")
        assert int(file[:10]) <= covers[device], "only covered bundles move"
    for name in before - moved:
        device, file = name.split("/")
        assert int(file[:10]) > covers.get(device, 0) or \
            int(file[:10]) == max(int(x.split("/")[1][:10]) for x in before if x.startswith(device))
    # B was behind the archived range: it starts from the snapshot and catches up.
    assert rows_of(b.app) == b_offline_since
    report = b.sync.sync_now()
    assert report.complete, (report.waiting, report.quarantined)
    assert report.snapshot_loaded
    # A laptop that joins now needs nothing that was archived.
    d = _new_device(team, tmp_path, share)
    try:
        report = d.sync.sync_now()
        assert report.complete and report.snapshot_loaded
        sync_all([*team, d])
        assert rows_of(d.app) == rows_of(a.app) == rows_of(b.app) == rows_of(c.app)
        assert count(d.app, "contacts", summary="Not yet covered") == 1
    finally:
        d.app.close()


def test_sync_archive_on_the_command_line(
    team: list[Device], share: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, _, c = team
    _busy_team(team)
    before = _bundles(share)
    assert main(["--profile", str(a.app.folder), "sync", "archive"]) == 2
    assert "Only a supervisor" in capsys.readouterr().err
    assert _bundles(share) == before
    assert main(["--profile", str(c.app.folder), "sync", "archive"]) == 0
    out = capsys.readouterr().out
    assert "Moved" in out and len(_bundles(share)) < len(before)
    with c.app.unit.read() as s:  # the supervisor's decision is in the audit log
        assert s.execute(sa.text("SELECT count(*) FROM audit WHERE action = 'sync.archived'")
                         ).scalar() == 1
    # Plain "sync" still syncs.
    assert main(["--profile", str(a.app.folder), "sync"]) == 0
