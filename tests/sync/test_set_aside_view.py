"""What a supervisor reads about the changes sync set aside, from the
controller and from ``asb-desktop sync set-aside``.

Both kinds are made the way they happen between real devices: a party added
to a case by an officer whose profile lost the new person's change rows (it
cannot be applied anywhere, so it is kept whole), and offline work on a case
a supervisor purged meanwhile (dropped, its address kept and nothing else).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from asb_desktop.cli.main import main
from asb_desktop.controllers.access import AccessDenied
from asb_desktop.controllers.sync import SET_ASIDE_KINDS
from asb_desktop.domain.inputs import CaseInput, PersonInput
from asb_desktop.store.models import Change
from tests.conftest import noise_report
from tests.sync.conftest import Device, offline_work_meets_purge, sync_all

#: Values the offline work carried: none may appear in anything a person is shown.
SECRETS = ("Zephyrine", "Quill", "07700 900555", "Rang Marguerite", "Ottoline", "07700 900777")


@dataclass
class Made:
    kept_reference: str
    purged_case: str


def make_both_kinds(team: list[Device]) -> Made:
    """Leave supervisor C with unappliable and purged set-aside rows."""
    a, b, c = team
    # Unappliable: B names a new person on a case the team has, but B's log lost the
    # person, so the party points at nobody on every other device.
    report = b.app.reports.log_report(noise_report())
    kept = b.app.cases.open_case(CaseInput(report_ids=[report.id], summary="Noise"))
    sync_all(team)
    b.clock.advance(hours=1)
    b.app.cases.add_party(kept.id, "witness",
                          new=PersonInput(given_name="Ottoline", family_name="Vance",
                                          phone="07700 900777"))
    with b.app.store.write_sessions() as s, s.begin():
        s.execute(sa.delete(Change).where(Change.entity == "people",
                                          Change.device_id == b.app.unit.actor.device_id,
                                          Change.fields["given_name"].as_string() == "Ottoline"))
    assert b.sync.sync_now().complete
    assert c.sync.sync_now().complete

    # Purged: A closes a second case; B, offline, works on it; C purges it; B then syncs.
    second = a.app.reports.log_report(noise_report(description="Dog barking all day"))
    case_id = a.app.cases.open_case(CaseInput(report_ids=[second.id], summary="Dog")).id
    sync_all(team)
    offline_work_meets_purge(team, case_id, "Rang Marguerite",
                             PersonInput(given_name="Zephyrine", family_name="Quill",
                                         phone="07700 900555"))
    assert c.sync.sync_now().complete
    return Made(kept.reference, case_id)


def test_supervisor_reads_what_was_set_aside_without_its_values(team: list[Device]) -> None:
    _a, b, c = team
    made = make_both_kinds(team)

    rows = c.sync.set_aside()
    kinds = {r.kind for r in rows}
    assert kinds == {"purged", "unappliable"}
    assert [r.at for r in rows] == sorted((r.at for r in rows), reverse=True)  # newest first

    unappliable = [r for r in rows if r.kind == "unappliable"]
    party = next(r for r in unappliable if r.record == "case party")
    # Whose laptop it came from, the case it was about, why, and which fields (not values).
    assert party.device.startswith(b.app.unit.actor.name)
    assert party.case_reference == made.kept_reference
    assert party.kind_words == "Could not be applied here"
    assert "FOREIGN KEY" in party.reason
    assert {"case_id", "person_id", "role"} <= set(party.fields)

    purged = [r for r in rows if r.kind == "purged"]
    assert {"contact", "case party"} <= {r.record for r in purged}
    for r in purged:
        assert r.kind_words == SET_ASIDE_KINDS["purged"]
        assert r.fields == () and r.case_reference == ""  # the case is gone, and so are its values

    shown = repr(rows)
    for word in SECRETS:
        assert word not in shown, word

    # The filter, and the count the status line gives (unappliable ones only).
    assert {r.kind for r in c.sync.set_aside("unappliable")} == {"unappliable"}
    assert len(c.sync.set_aside("purged")) == len(purged)
    status = c.sync.status(1)
    assert status.set_aside == len(unappliable)
    assert status.set_aside_words() == (
        f"{len(unappliable)} change(s) set aside — Sync ▸ Changes set aside…")


def test_an_officer_is_told_a_supervisor_reviews_set_aside_changes(team: list[Device]) -> None:
    a, _b, _c = team
    with pytest.raises(AccessDenied, match="Only a supervisor"):
        a.sync.set_aside()
    assert a.sync.status(1).set_aside_words() == ""


def test_set_aside_from_the_command_line(
    team: list[Device], capsys: pytest.CaptureFixture[str]
) -> None:
    made = make_both_kinds(team)
    folders: list[Path] = [d.app.folder for d in team]
    for d in team:
        d.app.close()  # the command line opens each profile itself
    officer, _, supervisor = folders

    assert main(["--profile", str(supervisor), "sync", "set-aside"]) == 0
    out = capsys.readouterr().out
    assert "Could not be applied here" in out and made.kept_reference in out
    assert "Dropped: the record had been purged under retention" in out
    assert "Fields it set: added at, case, person, role" in out
    for word in SECRETS:
        assert word not in out, word

    assert main(["--profile", str(supervisor), "sync", "set-aside", "--json",
                 "--kind", "unappliable"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines and {line["kind"] for line in lines} == {"unappliable"}
    assert any(line["case_reference"] == made.kept_reference for line in lines)

    assert main(["--profile", str(supervisor), "share", "status", "--timeout", "1"]) == 0
    assert "Set aside:" in capsys.readouterr().out

    assert main(["--profile", str(officer), "sync", "set-aside"]) == 2
    captured = capsys.readouterr()
    assert "Only a supervisor" in captured.err and captured.out == ""
