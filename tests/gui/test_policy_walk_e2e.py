"""The policy in an officer's hands, end to end: the real ``asb-desktop`` on a real
X server (1366×768), an empty home folder, a real gnome-keyring, real key presses
and mouse clicks, and nothing patched.

One officer makes her profile and walks three pieces of the policy:

1. a domestic-abuse report: logged (the safe-to-talk prompt shows), a case opened
   from it, then *Domestic abuse (DASH)…*: the safe-to-talk step first, the DASH
   questions only once it is safe, a score past the MARAC threshold, the MARAC
   referral with its date; then *Who can open this case…*: restricted, with a reason;
2. an ASB Case Review on that case: the request, its acknowledgement, the decision;
3. a not-ASB report: assessed, advice given from the library; a second report by
   the same reporter offers the refer-back, and it is referred back.

Controls with an Alt key are reached with it; the case page's buttons that have
none are found by the name a screen reader hears (AT-SPI) and clicked with the
mouse. What the officer would read is checked the same way, and each main step
is saved to tests/artefacts/e2e-walk-*.png for a person to look at. After the app
has quit, the profile is opened with the app's own Python API to check what was
kept.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import ARTEFACTS
from tests.gui.screen_reader_eyes import ReadingDesktop
from tests.gui.xsession import ROOT, need, x_server

pytestmark = pytest.mark.gui

QUESTION = "ASB Desktop — first start"
PIN_BOX = "ASB Desktop — PIN"
WINDOW = "ASB Desktop — Priya Shah"
PIN = "4821"
CASE_DIALOG = r"{} — ASB-\d\d-\w{{4}}-\d{{4}}"  # a case form's title: what, then the case

#: Read after the app has quit, through the app's own API (the profile's key is in
#: the keyring, so it runs in a session with the same keyring, as the app did).
KEPT = r"""
import json, sys
from pathlib import Path
from asb_desktop.app import open_profile
from asb_desktop.controllers.policy.follow_up import FollowUpController

app = open_profile(Path(sys.argv[1]))
rows = app.reports.list_reports(audit=False).rows
da = next(r for r in rows if r.reporter == "Dana Reed")
case = app.cases.find_by_reference(da.case_reference)
dash = [r for r in case.risk_assessments if r.tool == "dash"]
reviews = FollowUpController(app.unit).case_reviews(case.id)
advice = [app.policy.report_advice(r.id) for r in rows if r.reporter == "Tom Hill"]
print(json.dumps({
    "restricted": case.restricted,
    "dash": [[r.score, r.level, r.marac_referral] for r in dash],
    "reviews": [[str(r.acknowledged_on), str(r.decided_on), r.threshold_met, r.outcome]
                for r in reviews],
    "tom": sorted([[a.title for a in x.given], [str(b.advice_given_on) for b in x.referred]]
                  for x in advice),
}))
"""


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[ReadingDesktop]:
    with x_server(1366, 768) as display:
        d = ReadingDesktop(display, tmp_path / "home")
        try:
            yield d
        finally:
            d.stop()


def _shot(d: ReadingDesktop, name: str) -> None:
    """Saved for a person to look at; a blank screen fails at once."""
    image = d.shot(ARTEFACTS / f"e2e-walk-{name}.png")
    colours = {image.pixel(x, y) for x in range(0, image.width(), 23)
               for y in range(0, image.height(), 23)}
    assert len(colours) > 20, f"e2e-walk-{name}.png looks blank"


def _dialog(d: ReadingDesktop, what: str) -> str:
    """A case form opened over the window, with the keyboard in it."""
    title = CASE_DIALOG.format(re.escape(what))
    wid = d.wait_for(title, timeout=30)
    assert re.fullmatch(title, d.focused()), d.focused()
    return wid


def _back_to(d: ReadingDesktop, tab: str) -> None:
    """Click a tab of the window: the keyboard is in the window again (with no
    window manager on this X server, a closed form leaves it nowhere)."""
    d.click(tab, "page tab")
    assert d.focused() == WINDOW, d.focused()


def _make_profile(d: ReadingDesktop) -> None:
    d.start()
    question = d.wait_for(re.escape(QUESTION))
    d.key("alt+m", "alt+n")  # "Create my own profile", her name
    d.type("Priya Shah")
    d.key("Return")
    d.wait_gone(question)
    box = d.wait_for(re.escape(PIN_BOX))
    d.type(PIN)
    d.key("Tab")
    d.type(PIN)
    d.key("Return")
    d.wait_gone(box)
    d.wait_for(re.escape(WINDOW))
    end = time.monotonic() + 60
    while "The caseload is on screen" not in d.output():
        assert time.monotonic() < end, d.output()
        time.sleep(0.2)


def _log_report(d: ReadingDesktop, category: str, location: str, what: str,
                new: tuple[str, str, str, str, str] | None = None, known: str = "") -> None:
    """Ctrl+N and the doorstep form: a new reporter (name, phone, address,
    postcode) or one already known (found as typed and clicked), today's date,
    where, one category (clicked), what happened."""
    d.key("ctrl+n")
    if new is not None:
        d.key("alt+n", "Tab")  # "A new person", then their given name
        for i, words in enumerate(new):
            if i:
                d.key("Tab")
            d.type(words)
    else:
        d.key("alt+k", "Tab")  # "Someone already known", then the search
        d.type(known)
        found = d.find("People matching the name", "list")
        chosen = f"Chosen: {re.escape(known)}"
        for _ in range(20):  # the search runs as she types; its list fills a moment later
            time.sleep(0.5)
            d.xdotool("mousemove", str(found.box[0] + 60), str(found.box[1] + 10), "click", "1")
            if any(re.match(chosen, n.name) for n in d.screen()):
                break
        d.reads(chosen)
    d.key("alt+i")
    d.type(date.today().strftime("%d/%m/%Y"))
    d.key("alt+l")
    d.type(location)
    d.click(category, "check box")
    d.key("alt+p")  # What happened
    d.type(what)


def _domestic_abuse(d: ReadingDesktop) -> None:
    _log_report(d, "Domestic abuse", "4 Elm Court, Leeds",
                "Her partner shouts at her and threatens her most nights.",
                new=("Dana", "Reed", "07700900123", "4 Elm Court", "LS1 4AB"))
    d.reads("Domestic abuse: safe to talk")  # asked before any domestic-abuse question
    _shot(d, "01-da-report")
    d.key("alt+s")
    d.reads("We have logged your report")
    d.key("alt+o")  # Open a case from this report
    d.reads("High risk, Open, Domestic abuse")
    _shot(d, "02-da-case")

    d.scroll_to("Domestic abuse \\(DASH\\)")  # under Risk assessments, with the suggestion
    d.reads("Domestic abuse on this case: consider restricting who can open it")
    d.click("Domestic abuse \\(DASH\\)")
    dash = _dialog(d, "Domestic abuse (DASH)")
    d.find("Save: try again later", window="Domestic abuse \\(DASH\\)")
    assert not [n for n in d.screen() if n.name == "Yes answers"], \
        "the DASH questions came before the safe-to-talk step"
    d.key("alt+p", "Down")  # Person: Dana Reed
    d.reads("Dana Reed \\(Complainant\\)", window="Domestic abuse \\(DASH\\)")
    d.key("alt+t")  # Safe to talk now
    d.key("alt+u")
    d.type("07700900999")
    d.key("alt+i")
    d.type("weekdays 10am to 2pm")
    d.reads("Ask the 24 DASH questions")  # only now the questions
    _shot(d, "03-safe-to-talk")
    d.key("alt+y", "ctrl+a")
    d.type("15")
    d.reads("High risk. A MARAC referral is due")
    d.key("alt+r")  # MARAC referral made: its date (today) and who made it
    d.find("Date referred", "spin button")
    d.key("alt+b")
    d.type("Priya Shah")
    _shot(d, "04-dash-marac")
    d.key("alt+s")
    d.wait_gone(dash)
    d.reads(r"DASH for Dana Reed: score 15, High · MARAC referral made")
    _shot(d, "05-dash-saved")

    d.click("Who can open this case", scroll=True, up=True)
    who = _dialog(d, "Who can open this case")
    d.reads("This case involves domestic abuse: restricting it is advised")
    assert d.find("Restricted", "check box").checked  # suggested, ticked for her
    d.key("alt+n")
    d.type("The victim asked that only her officer knows the details.")
    _shot(d, "06-restriction")
    d.key("alt+s")
    d.wait_gone(who)
    _shot(d, "07-restricted")


def _case_review(d: ReadingDesktop) -> None:
    d.click("Record a case review request", scroll=True)
    request = _dialog(d, "Record an ASB Case Review request")
    d.key("alt+a", "Down")  # Applicant: Dana Reed
    d.key("alt+n")
    d.type("By phone: she asks for a review of how her reports were handled.")
    _shot(d, "08-review-request")
    d.key("alt+s")
    d.wait_gone(request)
    d.reads("Record the case review decision")

    d.click("Acknowledge the case review request", scroll=True)
    ack = _dialog(d, "Acknowledge the case review request")
    d.reads("Tell the applicant the decision on whether the threshold is met")
    _shot(d, "09-review-acknowledge")
    d.key("alt+a")  # Acknowledge (today)
    d.wait_gone(ack)

    d.click("Record the case review decision", scroll=True)
    decide = _dialog(d, "Record the case review decision")
    d.key("alt+d", "Down")
    d.reads("Threshold met: the case will be reviewed")
    d.key("alt+t")
    d.type("The threshold is met: the ASB panel reviews the case on 14 January.")
    _shot(d, "10-review-decision")
    d.key("alt+r")  # Record decision
    d.wait_gone(decide)
    d.scroll_to("Add the review's recommendations as actions")  # offered once it is met
    _shot(d, "11-review-decided")


def _not_asb(d: ReadingDesktop) -> None:
    _back_to(d, "Reports")
    _log_report(d, "Parking", "14 Oak Road, Leeds",
                "A car is parked across the pavement outside number 14.",
                new=("Tom", "Hill", "07700900456", "12 Oak Road", "LS2 9JT"))
    d.key("alt+s")
    d.reads("We have logged your report")
    d.key("alt+a", "Down", "Down")  # Is it ASB? Not ASB
    d.reads("^Not ASB$")
    d.key("alt+n")
    d.type("Parking between neighbours; no harassment, alarm or distress.")
    d.key("alt+m")  # Save assessment
    d.scroll_to("Assessment saved: Not ASB", "label")
    d.scroll_to("Save advice")
    d.key("alt+l", "Down")  # the library's first entry for parking
    d.reads("Parking disputes")
    _shot(d, "12-advice-chosen")
    d.key("alt+i")  # Save advice
    d.reads("Advice saved. You can make the advice letter now.")
    _shot(d, "13-advice-saved")

    _log_report(d, "Parking", "14 Oak Road, Leeds",
                "The car from number 14 is parked across the pavement again.", known="Tom Hill")
    d.reads("Earlier non-ASB advice")
    _shot(d, "14-refer-back-offered")
    d.key("alt+s")
    d.reads("We have logged your report")
    d.key("alt+a", "Down", "Down", "alt+n")
    d.type("Parking again, as advised before.")
    d.key("alt+m")
    d.scroll_to("Assessment saved: Not ASB", "label")
    d.scroll_to("Refer back to the advice given on .*")
    _shot(d, "15-refer-back-offer")
    d.key("alt+b")  # Refer back to the advice given on DATE
    d.reads("Referred back. Read the response to the reporter, or send the refer-back letter.")
    d.scroll_to("Refer-back letter")
    _shot(d, "16-referred-back")


def _kept(d: ReadingDesktop) -> dict[str, object]:
    cmd = [need("dbus-run-session"), "--", "bash", str(ROOT / ".ci/with-keyring"),
           sys.executable, "-c", KEPT, str(d.profile)]
    done = subprocess.run(cmd, env=d.env, cwd=d.home, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_an_officer_walks_the_policy_from_the_window(desktop: ReadingDesktop) -> None:
    d = desktop
    _make_profile(d)
    _back_to(d, "Cases")
    _domestic_abuse(d)
    _case_review(d)
    _not_asb(d)
    _back_to(d, "Reports")
    d.key("ctrl+q")
    assert d.wait_exit() == 0, d.output()
    assert "Traceback" not in d.output()

    kept = _kept(d)
    assert kept["restricted"] is True
    assert kept["dash"] == [[15, "high", True]]
    today = str(date.today())
    assert kept["reviews"] == [[today, today, True,
                                "The threshold is met: the ASB panel reviews the case on "
                                "14 January."]]
    # His first report has the advice; his second, the refer-back to it.
    assert kept["tom"] == [[[], [today]], [["Parking disputes"], []]]
