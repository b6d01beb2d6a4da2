"""Every letter kind and every audience, for a plain, a hate and a domestic-abuse case,
rendered to PNG in ``tests/artefacts/documents`` to be looked at as their readers would."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

from asb_desktop.app import App
from asb_desktop.controllers.documents import OVERRIDE_LETTER, OVERRIDE_SUMMARY, DocumentsController
from asb_desktop.documents.redaction import PanelBrief
from asb_desktop.domain.inputs import AdviceInput, AssessmentInput, ClosureInput, PersonInput
from tests.conftest import FakeClock, noise_report
from tests.documents.conftest import LANDLORD, build_case, pdf_text
from tests.documents.fit_cases import build_da_case, build_hate_case
from tests.security.casefile import colleague

ARTEFACTS = Path(__file__).resolve().parent.parent / "artefacts" / "documents"


def _save(name: str, pdf: bytes) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / f"{name}.pdf").write_bytes(pdf)
    for old in ARTEFACTS.glob(f"{name}-*.png"):
        old.unlink()
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(ARTEFACTS / f"{name}.pdf"),
                        str(ARTEFACTS / name)], check=True)


def test_render_every_letter_and_audience(app: App, clock: FakeClock) -> None:
    boss = DocumentsController(colleague(app, "Pat Lead", "supervisor"), landlord=LANDLORD)
    plain = build_case(app, clock).case
    hate = build_hate_case(app, clock).case
    da = build_da_case(app, clock).case
    boss.record_override(da.id, OVERRIDE_SUMMARY, "Disclosure ordered for the injunction hearing")
    boss.record_override(da.id, OVERRIDE_LETTER, "Agreed at MARAC with the IDVA and police")
    made: dict[str, bytes] = {}
    refs = [plain.reference, hate.reference, da.reference]
    made["panel-pack-marac"] = boss.panel_pack(
        refs, clock.now().date() + timedelta(days=7), marac=True,
        briefs={da.reference: PanelBrief("Threats continue after the injunction",
                                         "Police to share call-outs; IDVA to update on safety")})
    for name, case in (("plain", plain), ("hate", hate), ("da", da)):
        for audience in ("internal", "panel", "perpetrator"):
            made[f"summary-{name}-{audience}"] = boss.case_summary(
                case.id, audience, PanelBrief("Reports continue after a warning", "Police patrols"))
        made[f"letter-{name}-warning"] = boss.letter("warning", case_id=case.id).pdf
        app.cases.close_case(ClosureInput(case.id, outcome="resolved", reason="Behaviour has stopped"))
        made[f"letter-{name}-closure"] = boss.letter("closure", case_id=case.id).pdf

    report = app.reports.log_report(noise_report(new_reporter=PersonInput(
        given_name="Amira", family_name="Okafor", address="14 Larch Close", postcode="LS6 2QT")))
    made["letter-acknowledgement"] = boss.letter("acknowledgement", report_id=report.id).pdf
    app.reports.assess(AssessmentInput(report.id, assessment="not_asb", reason="Everyday living"))
    advice = next(a for a in app.unit.policy.advice if a.key == "everyday_noise")
    app.reports.record_advice(AdviceInput(report.id, advice_key=advice.key, advice_text=advice.text))
    made["letter-non-asb-advice"] = boss.letter("non_asb_advice", report_id=report.id).pdf
    clock.advance(days=3)
    assert report.reporter is not None
    again = app.reports.log_report(noise_report(new_reporter=None, reporter_id=report.reporter.id))
    made["letter-refer-back"] = boss.letter("refer_back", report_id=again.id).pdf
    large = app.reports.log_report(noise_report(new_reporter=PersonInput(
        given_name="Zoë", family_name="Łukasz", address="3 Elm Row", postcode="LS6 1ZZ",
        adjustments=["large_print"])))
    made["letter-acknowledgement-large-print"] = boss.letter("acknowledgement", report_id=large.id).pdf

    for name, pdf in made.items():
        assert pdf_text(pdf)[0].strip(), name
        _save(name, pdf)
    assert len(made) == 1 + 9 + 6 + 4

