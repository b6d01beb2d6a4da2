"""Case summaries, panel packs and letters: built from controller data, redacted
for the caller's audience, and every print, save or export written to the audit log.

Building a document writes nothing (the preview builds and rebuilds freely);
what leaves the app does: :meth:`DocumentsController.record_output` after a
print or a save from the window, or the ``export_*`` methods, which write the
file and its audit row in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from asb_desktop.controllers.access import readable_person, require_case_write_by_id
from asb_desktop.controllers.cases import CasesController
from asb_desktop.controllers.errors import NotFound, UserError
from asb_desktop.controllers.mapping import person_view
from asb_desktop.controllers.reports import ReportsController
from asb_desktop.documents.letters import (
    LetterKind,
    TemplateProblem,
    letter_pdf,
    load_template,
    merge,
    needs_large_print,
)
from asb_desktop.documents.pages import Prepared
from asb_desktop.documents.printable import Audience, audience_of, prepare
from asb_desktop.documents.summary import case_summary_pdf, panel_pack_pdf
from asb_desktop.domain.enums import Category, ClosureOutcome, PartyRole
from asb_desktop.domain.views import CaseDetail, PersonView
from asb_desktop.files import write_atomically
from asb_desktop.store.models import Advice, Person
from asb_desktop.store.unit import Unit

#: How a document left the app; the audit action is ``document.<how>``.
OUTPUTS = ("printed", "saved", "exported")
MAX_PACK = 60


@dataclass(frozen=True)
class LetterDocument:
    pdf: bytes
    kind: LetterKind
    recipient: str
    recipient_role: str
    large_print: bool
    entity: str  # "report" or "case", for the audit row
    entity_id: str


def _audience(value: str | Audience) -> Audience:
    if isinstance(value, Audience):
        return value
    try:
        return audience_of(value)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def _labels(categories: Sequence[str]) -> str:
    names = []
    for c in categories:
        try:
            names.append(Category(c).label.lower())
        except ValueError:
            names.append(c.replace("_", " "))
    return ", ".join(names) or "the behaviour you reported"


class DocumentsController:
    def __init__(
        self, unit: Unit, template_dirs: Sequence[Path] = (), landlord: str = "Your landlord"
    ) -> None:
        """``template_dirs`` are searched before the packaged letter templates
        (the app passes the profile's ``templates`` folder)."""
        self._unit = unit
        self._cases = CasesController(unit)
        self._reports = ReportsController(unit)
        self._template_dirs = [Path(d) for d in template_dirs]
        self._landlord = landlord

    def _prepared(self) -> Prepared:
        return Prepared(self._unit.actor.name, self._unit.today())

    # -- building (no writes) ---------------------------------------------------

    def case_summary(self, case_id: str, audience: str | Audience) -> bytes:
        aud = _audience(audience)
        return case_summary_pdf(prepare(self._cases.get_case(case_id), aud), self._prepared())

    def find_case(self, reference: str) -> CaseDetail:
        return self._cases.find_by_reference(reference)

    def panel_pack(
        self, references: Sequence[str], meeting: date, audience: str | Audience = Audience.PANEL
    ) -> bytes:
        aud = _audience(audience)
        cases = self._pack_cases(references)
        return panel_pack_pdf([prepare(c, aud) for c in cases], meeting, self._prepared())

    def _pack_cases(self, references: Sequence[str]) -> list[CaseDetail]:
        wanted = list(dict.fromkeys(r.strip().upper() for r in references if r.strip()))
        if not wanted:
            raise UserError("Choose at least one case for the panel pack.")
        if len(wanted) > MAX_PACK:
            raise UserError(f"A panel pack holds at most {MAX_PACK} cases.")
        return [self._cases.find_by_reference(r) for r in wanted]

    def letter(
        self,
        kind: str | LetterKind,
        report_id: str | None = None,
        case_id: str | None = None,
        person_id: str | None = None,
    ) -> LetterDocument:
        try:
            k = LetterKind(kind)
        except ValueError:
            raise UserError(
                f"Unknown letter {kind!r}; choose one of {', '.join(x.value for x in LetterKind)}"
            ) from None
        if k.about_report:
            if not report_id:
                raise UserError(f"A {k.label.lower()} letter is about a report: choose the report.")
            recipient, role, fields = self._report_letter(k, report_id)
            entity, entity_id = "report", report_id
        else:
            if not case_id:
                raise UserError(f"A {k.label.lower()} is about a case: choose the case.")
            recipient, role, fields = self._case_letter(k, case_id, person_id)
            entity, entity_id = "case", case_id
        prepared = self._prepared()
        fields |= {
            "recipient_name": recipient.name,
            "recipient_address": ", ".join(x for x in (recipient.address, recipient.postcode) if x),
            "date": prepared.on.strftime("%d %B %Y").lstrip("0"),
            "officer_name": prepared.by,
            "landlord_name": self._landlord,
        }
        large = needs_large_print(recipient)
        try:
            text = load_template(k, large, self._template_dirs)
            merged = merge(k, text, fields, large)
        except TemplateProblem as exc:
            raise UserError(str(exc)) from None
        pdf = letter_pdf(merged, recipient, prepared, self._landlord)
        return LetterDocument(pdf, k, recipient.name, role, large, entity, entity_id)

    def _report_letter(
        self, kind: LetterKind, report_id: str
    ) -> tuple[PersonView, str, dict[str, str]]:
        report = self._reports.get_report(report_id)
        if report.reporter is None:
            raise UserError("This report was made anonymously: there is no one to write to.")
        fields = {
            "report_date": report.received_at.strftime("%d %B %Y").lstrip("0"),
            "categories": _labels(report.categories),
            "acknowledge_by": (
                report.acknowledge_by.strftime("%d %B %Y").lstrip("0") if report.acknowledge_by else ""
            ),
            "case_reference": report.case_reference or "",
        }
        if kind is LetterKind.ACKNOWLEDGEMENT:
            return report.reporter, "reporter", fields
        with self._unit.read() as s:
            query = sa.select(Advice).order_by(Advice.given_at.desc()).limit(1)
            if kind is LetterKind.NON_ASB_ADVICE:
                advice = s.scalar(query.where(Advice.report_id == report_id))
                if advice is None:
                    raise UserError("Record the advice given for this report before writing the letter.")
            else:
                advice = s.scalar(query.where(
                    Advice.person_id == report.reporter.id, Advice.report_id != report_id,
                    Advice.given_at <= report.received_at,
                ))
                if advice is None:
                    raise UserError(
                        "This reporter has had no earlier advice to refer back to; "
                        "send the non-ASB advice letter instead."
                    )
            fields["advice"] = advice.advice_text
            fields["advice_date"] = advice.given_at.strftime("%d %B %Y").lstrip("0")
        return report.reporter, "reporter", fields

    def _case_letter(
        self, kind: LetterKind, case_id: str, person_id: str | None
    ) -> tuple[PersonView, str, dict[str, str]]:
        case = self._cases.get_case(case_id)
        if kind is LetterKind.WARNING:
            roles = {PartyRole.ALLEGED_PERPETRATOR.value}
            missing = "This case has no alleged perpetrator to warn."
        else:
            if case.closed_at is None:
                raise UserError(f"Case {case.reference} is not closed yet.")
            roles = {PartyRole.COMPLAINANT.value, PartyRole.VICTIM.value}
            missing = "This case has no complainant or victim to write to."
        parties = [p for p in case.parties if p.role in roles]
        if person_id:
            parties = [p for p in parties if p.person.id == person_id]
            if not parties:
                with self._unit.read() as s:
                    if s.get(Person, person_id) is None:
                        raise NotFound("That person is no longer in this profile.")
                raise UserError(f"That person is not the right party in case {case.reference} "
                                f"for a {kind.label.lower()}.")
        if not parties:
            raise UserError(missing)
        fields = {
            "case_reference": case.reference,
            "categories": _labels(case.categories),
            "outcome": ClosureOutcome(case.outcome).label.lower() if case.outcome else "",
            "closed_date": case.closed_at.strftime("%d %B %Y").lstrip("0") if case.closed_at else "",
        }
        return parties[0].person, parties[0].role, fields

    def person(self, person_id: str) -> PersonView:
        """A person's details for a letter: refused for someone known only from
        restricted cases this user may not open, as the people screen refuses them."""
        with self._unit.read() as s:
            return person_view(readable_person(s, self._unit.actor, person_id))

    # -- what leaves the app: always audited -------------------------------------

    def record_output(
        self, how: str, document: str, entity: str, entity_id: str | None, audience: str, where: str = ""
    ) -> None:
        """Log a print or save made outside the controller (the preview's buttons)."""
        if how not in OUTPUTS:
            raise ValueError(f"unknown output {how!r}")
        with self._unit.write(f"document.{how}") as tx:
            # Only someone who may open the case could have had its document to print.
            if entity == "case":
                require_case_write_by_id(tx.session, self._unit.actor, entity_id)
            tx.audit(entity, entity_id, _detail(document, audience, how, where))

    def export_summary(self, reference: str, audience: str | Audience, out: Path) -> Path:
        aud = _audience(audience)
        case = self._cases.find_by_reference(reference)
        pdf = case_summary_pdf(prepare(case, aud), self._prepared())
        return self._export(pdf, out, "case", case.id,
                            _detail(f"Case summary {case.reference}", aud.value, "exported", str(out)))

    def export_panel_pack(
        self, references: Sequence[str], meeting: date, out: Path,
        audience: str | Audience = Audience.PANEL,
    ) -> Path:
        aud = _audience(audience)
        cases = self._pack_cases(references)
        pdf = panel_pack_pdf([prepare(c, aud) for c in cases], meeting, self._prepared())
        refs = ", ".join(c.reference for c in cases)
        return self._export(pdf, out, "panel_pack", None, _detail(
            f"Panel pack for {meeting.isoformat()} ({refs})", aud.value, "exported", str(out)))

    def export_letter(self, letter: LetterDocument, out: Path) -> Path:
        return self._export(letter.pdf, out, letter.entity, letter.entity_id, _detail(
            f"{letter.kind.label} letter", f"recipient: {letter.recipient_role}", "exported", str(out)))

    def _export(self, pdf: bytes, out: Path, entity: str, entity_id: str | None, detail: str) -> Path:
        """The file and its audit row together: no audit row, no file left behind."""
        out = Path(out)
        if out.is_dir():
            raise UserError(f"{out} is a folder; give a file name ending in .pdf.")
        if not out.parent.is_dir():
            raise UserError(f"The folder {out.parent} does not exist.")
        written = False
        try:
            with self._unit.write("document.exported") as tx:
                save_output(out, pdf)
                written = True
                tx.audit(entity, entity_id, detail)
        except BaseException:
            if written:
                out.unlink(missing_ok=True)
            raise
        return out


def _detail(document: str, audience: str, how: str, where: str) -> str:
    text = f"{document}; audience {audience}; {how}"
    return f"{text} to {where}" if where else text


def save_output(out: Path, data: bytes) -> None:
    """Write a document or export the officer chose to save, or say plainly why not."""
    try:
        write_atomically(out, data)
    except OSError as exc:
        raise UserError(f"Cannot write {out}: {exc.strerror}.") from None
