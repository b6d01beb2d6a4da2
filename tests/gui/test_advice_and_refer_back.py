"""Not ASB, from the Reports tab: the officer records the advice given from
the landlord's library (the words editable), makes the advice letter from
the same preview as summaries; a later report from the same reporter or
household offers "Refer back to the advice given on DATE" with the
refer-back letter, or a decline with a reason; a neighbour reporting the
same place is never told what someone else was advised. Repeat not-ASB
reporters are listed from the Reports tab."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.controllers.errors import UserError
from asb_desktop.domain.inputs import AssessmentInput, PersonInput
from asb_desktop.gui.common.form_support import reveal
from asb_desktop.gui.main_window import MainWindow
from asb_desktop.gui.reports.advice_section import AdviceSection
from asb_desktop.gui.reports.repeats_dialog import RepeatsDialog
from tests.conftest import FakeClock, noise_report
from tests.core.support import audit_rows
from tests.gui.conftest import settle
from tests.gui.test_access_keys import clashes
from tests.gui.test_accessibility import unnamed
from tests.gui.test_letters_in_window import (
    chooser_of,
    lettered,
    pdf_text,
    previewed,
    render,
    saved,
    shoot,
    show_report,
)

__all__ = ["lettered"]  # the profile with a landlord, shared with the letters tests

EDITED = "They also asked about quieter flooring: we will send the mediation leaflet."


def _assess_not_asb(window: MainWindow, qtbot: QtBot, reason: str) -> AdviceSection:
    panel = window.reports_tab.panel
    panel.assessment.setCurrentIndex(panel.assessment.findData("not_asb"))
    panel.reason.setPlainText(reason)
    panel.assess_button.click()
    settle(qtbot, window)
    section = panel.advice
    assert section is not None
    qtbot.waitUntil(section.isVisible)
    return section


def _not_asb(app: App, report_id: str) -> None:
    app.reports.assess(AssessmentInput(report_id, assessment="not_asb", reason="Everyday living"))


def test_advice_from_the_library_edited_saved_and_sent_as_a_letter(
    lettered: App, make_window: Callable[[App], MainWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    report = lettered.reports.log_report(noise_report(description="Footsteps from upstairs"))
    window = make_window(lettered)
    show_report(window, qtbot)
    section = window.reports_tab.panel.advice
    assert section is not None and not section.isVisible()  # not assessed yet
    section = _assess_not_asb(window, qtbot, "Everyday household noise")
    assert section.give_box.isVisible() and not section.refer_box.isVisible()
    assert section.library.itemData(1) == "everyday_noise"  # the entries for noise first

    # Bad: nothing chosen from the library.
    section.save_button.click()
    settle(qtbot, window)
    assert section.errors.message("advice_key") == "Choose the advice from the library"
    # Bad: the entry chosen, then every word of it deleted.
    section.library.setCurrentIndex(section.library.findData("everyday_noise"))
    assert section.text.toPlainText().startswith("The noise you describe")
    section.text.clear()
    section.save_button.click()
    settle(qtbot, window)
    assert section.errors.message("advice_text") == "Enter the advice given"
    assert lettered.policy.report_advice(report.id).given == ()

    # Good: the library's words, with a sentence the officer added.
    section.library.setCurrentIndex(0)
    section.library.setCurrentIndex(section.library.findData("everyday_noise"))
    section.text.setPlainText(section.text.toPlainText() + " " + EDITED)
    section.save_button.click()
    settle(qtbot, window)
    assert section.errors.summary.isHidden()
    given = lettered.policy.report_advice(report.id).given
    assert [(g.advice_key, g.title) for g in given] == [("everyday_noise", "Everyday household noise")]
    assert given[0].text.endswith(EDITED)
    assert "Everyday household noise" in section.record.text() and EDITED in section.record.text()
    assert not section.give_box.isVisible() and section.advice_letter_button.isVisible()
    assert unnamed(window.reports_tab.panel)[0] == []
    shoot(window, "advice-given")  # type: ignore[arg-type]

    # The advice letter, in the preview, saved and audited against the report.
    section.advice_letter_button.click()
    chooser = chooser_of(window.reports_tab.panel, qtbot)
    assert chooser.current_kind().value == "non_asb_advice"
    preview = previewed(chooser, window, qtbot)
    out = tmp_path / "advice.pdf"
    saved(preview, out, qtbot)
    text = pdf_text(out)
    assert "not anti-social behaviour" in text and EDITED in text
    render(out, "letter-non-asb-advice")
    last = audit_rows(lettered)[-1]
    assert (last.action, last.entity_id) == ("document.saved", report.id)


def test_unchanged_library_advice_is_recorded_as_the_library_has_it(
    lettered: App, make_window: Callable[[App], MainWindow], qtbot: QtBot
) -> None:
    report = lettered.reports.log_report(noise_report(categories=["parking"]))
    window = make_window(lettered)
    show_report(window, qtbot)
    section = _assess_not_asb(window, qtbot, "A parking dispute on a public road")
    assert section.library.itemData(1) == "parking"
    section.library.setCurrentIndex(1)
    section.save_button.click()
    settle(qtbot, window)
    given = lettered.policy.report_advice(report.id).given
    library = next(a for a in lettered.unit.policy.advice if a.key == "parking")
    assert [g.text for g in given] == [library.text.strip()]


def test_a_repeat_is_referred_back_or_declined_and_never_about_someone_else(
    lettered: App, clock: FakeClock, make_window: Callable[[App], MainWindow], qtbot: QtBot,
    tmp_path: Path,
) -> None:
    first = lettered.reports.log_report(noise_report(description="Footsteps from upstairs"))
    _not_asb(lettered, first.id)
    lettered.policy.give_advice(first.id, "everyday_noise")
    assert first.reporter is not None
    clock.advance(days=20)
    # A neighbour at another home complains about the same flat: not Amira's household.
    neighbour = lettered.reports.log_report(noise_report(new_reporter=PersonInput(
        given_name="Lee", family_name="Stone", address="20 Oak Street", postcode="LS6 8XY")))
    clock.advance(minutes=5)
    again = lettered.reports.log_report(noise_report(new_reporter=None,
                                                     reporter_id=first.reporter.id))
    clock.advance(minutes=5)
    partner = lettered.reports.log_report(noise_report(new_reporter=PersonInput(
        given_name="Sam", family_name="Okafor", address="14 Larch Close", postcode="LS6 2QT")))
    window = make_window(lettered)

    # The neighbour: assessed not ASB, and offered nothing about Amira's advice.
    show_report(window, qtbot, 2)
    assert window.reports_tab.panel.report is not None
    assert window.reports_tab.panel.report.id == neighbour.id
    section = _assess_not_asb(window, qtbot, "Everyday noise again")
    settle(qtbot, window)
    assert section.state is not None and section.state.offers == ()
    assert not section.refer_box.isVisible() and section.give_box.isVisible()
    advice_id = lettered.policy.report_advice(first.id).given[0].id
    with pytest.raises(UserError, match="outside this reporter's household"):
        lettered.policy.refer_back(neighbour.id, advice_id)

    # Amira again: the offer, a decline refused without a reason, then the refer-back.
    show_report(window, qtbot, 1)
    assert window.reports_tab.panel.report is not None
    assert window.reports_tab.panel.report.id == again.id
    section = _assess_not_asb(window, qtbot, "Same everyday noise as before")
    assert section.refer_box.isVisible()
    assert section.refer_button.accessibleName() == "Refer back to the advice given on 02 Mar 2026"
    assert "Advice was given to this reporter on 02 Mar 2026" in section.offer_text.text()
    section.decline_button.click()
    settle(qtbot, window)
    assert section.errors.message("decline_reason") == "Give the reason for not referring back"
    section.refer_button.click()
    settle(qtbot, window)
    assert not section.refer_box.isVisible()
    assert "Referred back" in section.record.text() and "still applies" in section.record.text()
    assert section.refer_letter_button.isVisible()
    shoot(window, "refer-back-given")  # type: ignore[arg-type]
    section.refer_letter_button.click()
    chooser = chooser_of(window.reports_tab.panel, qtbot)
    preview = previewed(chooser, window, qtbot)
    out = tmp_path / "refer-back.pdf"
    saved(preview, out, qtbot)
    text = pdf_text(out)
    assert "On 2 March 2026 we wrote to you" in text and "still applies" in text
    render(out, "letter-refer-back")
    preview.reject()

    # Sam, of Amira's household: offered, and declined with a reason for the audit log.
    show_report(window, qtbot, 0)
    assert window.reports_tab.panel.report is not None
    assert window.reports_tab.panel.report.id == partner.id
    section = _assess_not_asb(window, qtbot, "Noise again, reported by the partner")
    assert "someone in the reporter's household" in section.offer_text.text()
    section.decline_reason.setText("This time it is late at night and aimed at them")
    assert clashes(window, window.reports_tab) == {}  # offer, advice form and letter at once
    reveal(section.decline_button)
    shoot(window, "refer-back-offered")  # type: ignore[arg-type]
    section.decline_button.click()
    settle(qtbot, window)
    assert not section.refer_box.isVisible()
    assert "late at night and aimed at them" in section.record.text()
    assert any(r.action == "advice.refer_back_declined" and r.entity_id == partner.id
               and r.detail.endswith("declined: This time it is late at night and aimed at them")
               for r in audit_rows(lettered))


def test_repeat_not_asb_reporters_are_listed_and_the_latest_opens(
    lettered: App, clock: FakeClock, make_window: Callable[[App], MainWindow], qtbot: QtBot
) -> None:
    first = lettered.reports.log_report(noise_report())
    assert first.reporter is not None
    _not_asb(lettered, first.id)
    clock.advance(days=3)
    latest = lettered.reports.log_report(noise_report(new_reporter=None,
                                                      reporter_id=first.reporter.id))
    _not_asb(lettered, latest.id)
    window = make_window(lettered)
    tab = window.reports_tab
    assert tab.repeats_button.isVisible()
    tab.repeats_button.click()
    settle(qtbot, window)
    dialog = tab.repeats
    assert isinstance(dialog, RepeatsDialog) and dialog.isVisible()
    def cell(row: int, column: int) -> str:
        item = dialog.table.item(row, column)
        return item.text() if item is not None else ""

    cells = [cell(r, 0) for r in range(dialog.table.rowCount())]
    assert "Reporter: Amira Okafor" in cells
    dialog.table.selectRow(cells.index("Reporter: Amira Okafor"))
    assert cell(dialog.table.currentRow(), 1) == "2"
    shoot(dialog, "repeat-not-asb")
    assert unnamed(dialog)[0] == []
    dialog.open_button.click()
    settle(qtbot, window)
    assert not dialog.isVisible()
    assert tab.panel.report is not None and tab.panel.report.id == latest.id
