"""The guard in the window: an officer is told to ask a supervisor; a supervisor is asked
for the reason, the override is audited and the preview is built; the panel brief dialog."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from asb_desktop.app import App
from asb_desktop.controllers.documents import DocumentsController
from asb_desktop.documents.guard import OverrideNeeded
from asb_desktop.gui.common import document_prompts
from asb_desktop.gui.common.document_prompts import OverrideDialog, PanelBriefDialog
from asb_desktop.gui.common.preview import PreviewDialog, case_summary_dialog
from tests.conftest import ARTEFACTS, FakeClock
from tests.documents.conftest import LANDLORD, audit_rows, pdf_text
from tests.documents.fit_cases import Made, build_da_case
from tests.security.casefile import colleague


@pytest.fixture
def da(app: App, clock: FakeClock) -> Made:
    return build_da_case(app, clock)


def _perpetrator_preview(qtbot: QtBot, docs: DocumentsController, made: Made) -> PreviewDialog:
    dialog = case_summary_dialog(None, docs, made.case.id, made.case.reference)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.audience.setCurrentIndex(dialog.audience.findData("perpetrator"))
    return dialog


def test_an_officer_is_told_to_ask_a_supervisor(
    qtbot: QtBot, da: Made, docs: DocumentsController, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(document_prompts, "ask_override", lambda _p, e: asked.append(str(e)) or "")
    dialog = _perpetrator_preview(qtbot, docs, da)
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: "Only a supervisor" in dialog.status.text(), timeout=15000)
    assert asked == [] and not dialog.save_button.isEnabled()


def test_a_supervisor_gives_a_reason_and_the_preview_is_built(
    qtbot: QtBot, app: App, da: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    boss = DocumentsController(colleague(app, "Pat Lead", "supervisor"), landlord=LANDLORD)
    monkeypatch.setattr(document_prompts, "ask_override",
                        lambda _p, _e: "Disclosure ordered by the county court")
    dialog = _perpetrator_preview(qtbot, boss, da)
    with qtbot.waitSignal(dialog.preview_ready, timeout=20000):
        dialog.preview_button.click()
    assert dialog._pdf is not None and "Mark Price" in " ".join(pdf_text(dialog._pdf))
    (row,) = [r for r in audit_rows(app) if r.action == "document.override"]
    assert "county court" in row.detail


def test_the_prompts_as_they_look(qtbot: QtBot, da: Made) -> None:
    refusal = OverrideNeeded(
        f"Case {da.case.reference} involves domestic abuse: a case summary for the alleged "
        "perpetrator could tell them what the victim reported and when, and put the victim at "
        "risk. Record an override with your reason to make it.", da.case.reference, True)
    override = OverrideDialog(None, refusal)
    qtbot.addWidget(override)
    assert not override.record.isEnabled()
    override.reason.setPlainText("Disclosure ordered by the county court")
    assert override.record.isEnabled()
    override.show()
    brief = PanelBriefDialog(None, [da.case.reference, "ASB-26-ABCD-0002"])
    qtbot.addWidget(brief)
    brief.why[da.case.reference].setText("Risk rising: two reports in a week")
    brief.ask[da.case.reference].setText("Police to share call-out history")
    brief.show()
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    override.grab().save(str(ARTEFACTS / "override-dialog.png"))
    brief.grab().save(str(ARTEFACTS / "panel-brief-dialog.png"))
    briefs = brief.briefs()
    assert list(briefs) == [da.case.reference]
    assert briefs[da.case.reference].ask == "Police to share call-out history"
