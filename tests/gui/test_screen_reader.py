"""The window as a screen reader hears it: read through AT-SPI, as Orca does.

The real ``asb-desktop`` runs under Xvfb in its own D-Bus session with the
accessibility bus and Qt's AT-SPI bridge on; ``atspi_driver.py`` (Debian's
``python3-pyatspi``) signs in as a demonstration supervisor (so the Caseload
review's charts are heard too), answers the PIN question, visits every tab,
opens Record a contact on a case, presses Save on an empty report, then puts
one problem right and saves again. What it heard is checked here: every
control has a name a listener can use, a field's name is the words on screen
beside it, a failed save is announced, each field in error says so, charts
are no Tab stop and say what they show, and table rows are named by their
meaning.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.gui.xsession import Desktop, console_script, need, x_server

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
#: Roles a person operates; each must be heard by a name.
INTERACTIVE = {"push button", "combo box", "text", "check box", "radio button", "page tab",
               "table", "spin button", "list", "menu item", "password text", "toggle button",
               "slider", "tree table", "date editor", "entry"}
FIELDS = {"text", "password text", "spin button", "entry", "date editor"}


def heard_problems(nodes: list[dict[str, Any]], where: str) -> list[str]:
    """What a screen-reader or voice-control user would trip over in one tree."""
    found = []
    for n in nodes:
        role, name = n["role"], n["name"].replace("&", "").strip()
        label = n["labelled_by"][0].replace("&", "").rstrip(":").strip() if n["labelled_by"] else ""
        if role in ("filler", "panel") and n["focusable"]:
            found.append(f"{where}: a Tab stop on a container {name!r}")
        if role not in INTERACTIVE:
            continue
        if role == "combo box" and not label:
            found.append(f"{where}: a drop-down heard only by its value {name!r}")
        elif not (label or name):
            found.append(f"{where}: a {role} with no name ({n['path']})")
        elif role in FIELDS and label and name and name != label:
            found.append(f"{where}: a {role} named {name!r} beside the words {label!r}")
    return found


def _read_the_window(tmp_path: Path) -> dict[str, Any]:
    python = Path("/usr/bin/python3")
    check = subprocess.run([str(python), "-c", "import pyatspi"], capture_output=True)
    if check.returncode != 0:  # fail, never skip: then nobody has heard the window
        pytest.fail("pyatspi is not installed: apt-get install python3-pyatspi at-spi2-core")
    with x_server(1366, 768) as display:
        desktop = Desktop(display, tmp_path / "home")
        out = tmp_path / "heard.json"
        env = {**desktop.env, "QT_ACCESSIBILITY": "1"}
        # A supervisor, who also has the Caseload review tab and its charts.
        cmd = [need("dbus-run-session"), "--", "bash", str(ROOT / ".ci/with-keyring"),
               "bash", str(HERE / "a11y_session.sh"), console_script(),
               str(desktop.home / "profile"), str(out), "supervisor"]
        done = subprocess.run(cmd, env=env, cwd=desktop.home, capture_output=True, text=True,
                              timeout=400)
        text = out.read_text() if out.exists() else ""
        assert text.strip(), f"the driver heard nothing:\n{done.stdout}\n{done.stderr}"
        heard: dict[str, Any] = json.loads(text)
        assert "error" not in heard, heard.get("error")
        return heard


@pytest.fixture(scope="module")
def heard(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _read_the_window(tmp_path_factory.mktemp("screen-reader"))


def test_every_tab_and_dialog_is_heard_by_names_a_person_can_use(heard: dict[str, Any]) -> None:
    assert set(heard["tabs"]) == {"Reports", "Cases", "Tenancy visits", "Caseload review"}
    assert {"Record a contact"} <= set(heard["dialogs"])
    problems: list[str] = []
    for name, nodes in heard["dialogs"].items():
        problems += heard_problems(nodes, f"dialog {name}")
    for name, nodes in heard["tabs"].items():
        problems += heard_problems(nodes, f"tab {name}")
    assert sorted(set(problems)) == []


def test_the_filters_are_heard_by_their_labels_and_the_selected_tab_as_selected(
    heard: dict[str, Any],
) -> None:
    cases = heard["tabs"]["Cases"]
    combos = {n["labelled_by"][0] for n in cases if n["role"] == "combo box" and n["labelled_by"]}
    assert {"Show", "Status", "Risk", "Officer"} <= combos
    tabs = [(n["name"], n["selected"]) for n in cases if n["role"] == "page tab"]
    assert ("Cases", True) in tabs and ("Reports", False) in tabs
    # The tab container is heard as "Main sections" and is no Tab stop of its own.
    # (The bar itself is named by its selected tab: Qt's tab bar gives no other name.)
    sections = [n for n in cases if n["name"] == "Main sections"]
    assert sections and not any(n["focusable"] for n in sections), sections


def test_a_failed_save_is_announced_whole(heard: dict[str, Any]) -> None:
    said = [e["detail"] for e in heard["events"] if e["type"].startswith("object:announcement")]
    assert said, heard["events"]
    assert said[0].startswith("There is a problem.")
    assert "Enter the date of the incident." in said[0]
    assert "Describe what happened." in said[0]
    described = {n["name"]: n["description"] for n in heard["after_failed_save"]
                 if n["role"] in FIELDS}
    assert described.get("What happened") == "Error: Describe what happened"


def test_each_field_in_error_says_so_until_it_is_put_right(heard: dict[str, Any]) -> None:
    """Qt's AT-SPI bridge has no invalid-entry state to give (the driver records
    ``invalid``; Qt 6.11 maps none of its states to it), so a field in error
    says "Error:" and its message as its description, first problem first,
    and stops once a save finds that field fine."""
    def in_error(nodes: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
        return [(n["role"], n["name"], n["description"]) for n in nodes
                if n["description"].startswith("Error: ")]

    first = [
        ("radio button", "Someone already known",
         "Error: Choose the reporter, add a new person, or tick anonymous"),
        ("text", "Date of the incident", "Error: Enter the date of the incident"),
        ("check box", "Hate incident", "Error: Choose at least one category"),
        ("text", "What happened", "Error: Describe what happened"),
    ]
    assert in_error(heard["after_failed_save"]) == first
    assert in_error(heard["after_second_save"]) == first[:3]
    put_right = {n["name"]: n["description"] for n in heard["after_second_save"]
                 if n["role"] in FIELDS}
    assert put_right["What happened"] == ""  # the description it had before: none


def test_table_rows_are_heard_by_what_names_them(heard: dict[str, Any]) -> None:
    heads = heard["row_headers"]
    assert heads["Caseload"] and all(h.startswith("ASB-") for h in heads["Caseload"]), heads
    assert heads["Reports list"] and not any(h.isdigit() for h in heads["Reports list"]), heads
    review = ["Workload per officer", "Reports and cases opened per month figures",
              "Cases by risk and status figures", "Satisfaction at closure figures",
              "Hate incidents by strand figures"]
    for name in review:  # an officer, a month, a risk, a score, a strand: never "1", "2"
        assert heads[name] and not any(h.isdigit() or not h for h in heads[name]), (name, heads)
    assert heads["Satisfaction at closure figures"][:2] == ["Score 1", "Score 2"]


def test_the_charts_are_no_tab_stop_and_say_what_they_show(heard: dict[str, Any]) -> None:
    review = heard["tabs"]["Caseload review"]
    charts = {n["name"]: n for n in review if n["name"].endswith(" chart")}
    assert set(charts) >= {"Reports and cases opened per month chart",
                           "Cases by risk and status chart", "Satisfaction at closure chart",
                           "Hate incidents by strand chart"}
    assert not any(n["focusable"] for n in charts.values())
    assert charts["Satisfaction at closure chart"]["description"].startswith("score 1: ")
    unnamed = [n for n in review if n["focusable"] and not n["name"]
               and n["role"] in ("filler", "panel", "canvas", "image")]
    assert unnamed == []
