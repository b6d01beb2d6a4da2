"""Case summaries, panel packs and letters: built from controller data, redacted
for the caller's audience, and every print, save or export written to the audit log.

Building a document writes nothing (the preview builds and rebuilds freely);
what leaves the app does: :meth:`DocumentsController.record_output` after a
print or a save from the window, or the ``export_*`` methods, which write the
file and its audit row in one transaction.

The domestic-abuse guard (``documents.guard``) is applied here, so the window,
the command line and panel packs obey it alike: anything for the alleged
perpetrator of a domestic-abuse or restricted case is refused with
:class:`OverrideNeeded` until a supervisor records an override with a reason
(:meth:`DocumentsController.record_override`, audited), and a pack that needs
a second thought (a domestic-abuse case outside MARAC, a past meeting date)
raises :class:`ConfirmationNeeded` until the caller passes those points back
in ``confirm``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from asb_desktop.controllers.access import readable_person, require_case_write_by_id
from asb_desktop.controllers.cases import CasesController
from asb_desktop.controllers.errors import NotFound, UserError
from asb_desktop.controllers.mapping import person_view
from asb_desktop.controllers.reports import ReportsController
from asb_desktop.documents import wording
from asb_desktop.documents.guard import (
    ConfirmationNeeded,
    OverrideNeeded,
    PackCheck,
    needs_override,
    pack_points,
    refusal,
    same_home,
    shared_homes,
)
from asb_desktop.documents.letters import (
    Addressing,
    LetterKind,
    TemplateProblem,
    letter_pdf,
    load_template,
    merge,
    needs_large_print,
    reflow,
)
from asb_desktop.documents.pages import Prepared
from asb_desktop.documents.redaction import Audience, PanelBrief, audience_of, prepare, safe_categories
from asb_desktop.documents.summary import case_summary_pdf, panel_pack_pdf
from asb_desktop.domain.enums import ClosureOutcome, PartyRole
from asb_desktop.domain.landlord import DEMO_LANDLORD, Landlord
from asb_desktop.domain.permissions import NotPermitted, is_supervisor
from asb_desktop.domain.views import CaseDetail, PersonView
from asb_desktop.domain.workdays import add_working_days
from asb_desktop.files import write_atomically
from asb_desktop.store import meta
from asb_desktop.store.models import Advice, Person, ReferBack
from asb_desktop.store.unit import Unit

__all__ = ["ConfirmationNeeded", "DocumentsController", "LetterDocument", "OverrideNeeded"]

#: How a document left the app; the audit action is ``document.<how>``.
OUTPUTS = ("printed", "saved", "exported")
MAX_PACK = 60
#: What an override is for: the perpetrator's summary, or a letter to him.
OVERRIDE_SUMMARY = "summary"
OVERRIDE_LETTER = "letter"
_OVERRIDE_WORDS = {OVERRIDE_SUMMARY: "a case summary", OVERRIDE_LETTER: "a letter"}


@dataclass(frozen=True)
class LetterDocument:
    pdf: bytes
    kind: LetterKind
    recipient: str
    recipient_role: str
    large_print: bool
    entity: str  # "report" or "case", for the audit row
    entity_id: str
    address_withheld: bool = False  # a home shared with the victim: not printed, deliver by hand

    @property
    def recipient_label(self) -> str:
        """The recipient's role in words ("alleged perpetrator"), never the stored value."""
        try:
            return PartyRole(self.recipient_role).label.lower()
        except ValueError:
            return self.recipient_role.replace("_", " ")


def _audience(value: str | Audience) -> Audience:
    if isinstance(value, Audience):
        return value
    try:
        return audience_of(value)
    except ValueError as exc:
        raise UserError(str(exc)) from None


class DocumentsController:
    def __init__(
        self, unit: Unit, template_dirs: Sequence[Path] = (), landlord: Landlord | None = None
    ) -> None:
        """``template_dirs`` are searched before the packaged letter templates
        (the app passes the profile's ``templates`` folder); ``landlord``
        replaces the settings' ``[landlord]`` (tests, scripts)."""
        self._unit = unit
        self._cases = CasesController(unit)
        self._reports = ReportsController(unit)
        self._template_dirs = [Path(d) for d in template_dirs]
        self._landlord = landlord
        # Overrides recorded through this controller: (case id, what) -> reason.
        self._overrides: dict[tuple[str, str], str] = {}

    def _prepared(self) -> Prepared:
        return Prepared(self._unit.actor.name, self._unit.today())

    def landlord(self) -> Landlord:
        """Who letters come from; a real profile without the details is told what to fill in."""
        if self._landlord is not None:
            return self._landlord
        landlord = self._unit.policy.landlord
        missing = landlord.missing()
        if not missing:
            return landlord
        with self._unit.read() as s:
            demo = meta.get(s, "demo") == "1"
        if demo:
            return DEMO_LANDLORD
        raise UserError(
            "Letters need the landlord's details, and these are not set: " + ", ".join(missing)
            + ". Fill them in under [landlord] in settings.toml in the profile folder, then "
            "check them with 'asb-desktop settings'."
        )

    # -- the guard ---------------------------------------------------------------

    def override_needed(self, case: CaseDetail, what: str) -> bool:
        """Whether ``what`` for this case's alleged perpetrator still needs an override."""
        return needs_override(case) and (case.id, what) not in self._overrides

    def record_override(self, case_id: str, what: str, reason: str) -> None:
        """A supervisor's decision that ``what`` may be made for the alleged perpetrator.

        Audited with the reason; an officer is refused, however good the reason.
        """
        if what not in _OVERRIDE_WORDS:
            raise ValueError(f"unknown override {what!r}")
        reason = " ".join(reason.split())
        if not is_supervisor(self._unit.actor.role):
            raise NotPermitted("Only a supervisor can override the domestic-abuse guard.")
        if len(reason) < 10:
            raise UserError("Give the reason for the override in a sentence: it goes in the audit log.")
        case = self._cases.get_case(case_id)
        with self._unit.write("document.override") as tx:
            require_case_write_by_id(tx.session, self._unit.actor, case_id)
            tx.audit("case", case_id, f"Override: {_OVERRIDE_WORDS[what]} for the alleged perpetrator "
                                      f"of {case.reference} allowed. Reason: {reason}")
        self._overrides[(case_id, what)] = reason

    def _guard(self, case: CaseDetail, what: str) -> None:
        if self.override_needed(case, what):
            raise refusal(case, _OVERRIDE_WORDS[what], is_supervisor(self._unit.actor.role))

    def _prepare(self, case: CaseDetail, aud: Audience, brief: PanelBrief | None = None) -> bytes:
        if aud is Audience.PERPETRATOR:
            self._guard(case, OVERRIDE_SUMMARY)
        return case_summary_pdf(prepare(case, aud, brief), self._prepared())

    # -- building (no writes) ---------------------------------------------------

    def case_summary(
        self, case_id: str, audience: str | Audience, brief: PanelBrief | None = None
    ) -> bytes:
        return self._prepare(self._cases.get_case(case_id), _audience(audience), brief)

    def find_case(self, reference: str) -> CaseDetail:
        return self._cases.find_by_reference(reference)

    def panel_pack(
        self, references: Sequence[str], meeting: date, audience: str | Audience = Audience.PANEL,
        marac: bool = False, confirm: Collection[str] = (),
        briefs: Mapping[str, PanelBrief] | None = None,
    ) -> bytes:
        """The pack; :class:`ConfirmationNeeded` names what must be confirmed first."""
        return self._pack(references, meeting, _audience(audience), marac, confirm, briefs or {})[0]

    def _pack(
        self, references: Sequence[str], meeting: date, aud: Audience, marac: bool,
        confirm: Collection[str], briefs: Mapping[str, PanelBrief],
    ) -> tuple[bytes, list[CaseDetail]]:
        cases = self._pack_cases(references)
        points = [p for p in pack_points(cases, PackCheck(marac, meeting, self._unit.today()))
                  if p[0] not in confirm]
        if points:
            raise ConfirmationNeeded(points)
        if aud is Audience.PERPETRATOR:
            for case in cases:
                self._guard(case, OVERRIDE_SUMMARY)
        wanted = {k.strip().upper(): v for k, v in briefs.items()}
        printable = [prepare(c, aud, wanted.get(c.reference)) for c in cases]
        return panel_pack_pdf(printable, meeting, self._prepared()), cases

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
            to, role, fields = self._report_letter(k, report_id)
            entity, entity_id = "report", report_id
        else:
            if not case_id:
                raise UserError(f"A {k.label.lower()} is about a case: choose the case.")
            to, role, fields = self._case_letter(k, case_id, person_id)
            entity, entity_id = "case", case_id
        # Asked after the report or case is found, so a wrong id is reported as that.
        landlord = self.landlord()
        prepared = self._prepared()
        recipient = to.recipient
        fields |= {
            "case_review": wording.case_review(self._unit.policy.case_review, landlord),
            "recipient_name": recipient.name,
            "recipient_address": ", ".join(x for x in (recipient.address, recipient.postcode) if x)
            if to.show_address else "",
            "date": wording.long_date(prepared.on),
            "officer_name": prepared.by,
            "landlord_name": landlord.name,
            "landlord_phone": landlord.phone,
            "landlord_email": landlord.email,
            "landlord_contact": landlord.contact_line,
            "complaints": wording.complaints(landlord),
            "ombudsman": landlord.ombudsman,
        }
        large = needs_large_print(recipient)
        try:
            text = load_template(k, large, self._template_dirs)
            merged = merge(k, text, fields, large)
        except TemplateProblem as exc:
            raise UserError(str(exc)) from None
        pdf = letter_pdf(merged, k, to, prepared, landlord, self._template_dirs)
        return LetterDocument(pdf, k, recipient.name, role, large, entity, entity_id,
                              address_withheld=not to.show_address)

    def _report_letter(self, kind: LetterKind, report_id: str) -> tuple[Addressing, str, dict[str, str]]:
        report = self._reports.get_report(report_id)
        reporter = report.reporter
        if reporter is None:
            raise UserError("This report was made anonymously: there is no one to write to.")
        policy = self._unit.policy
        target = wording.contact_target(
            report.received_at.date(), policy.targets.first_contact(report.risk_level),
            self._unit.today())
        fields = {
            "report_date": wording.long_date(report.received_at.date()),
            "categories": safe_categories(report.categories, for_perpetrator=False),
            "contact_by": wording.long_date(target.by),
            "acknowledge_by": wording.long_date(target.by),
            "contact_days": str(target.days),
            "late_note": target.late_note,
            "case_reference": report.case_reference or "",
            "support": wording.support(
                policy.services, "victim", hate=bool(report.hate_strands),
                abuse="domestic_abuse" in report.categories),
        }
        to = Addressing(reporter, reference=report.case_reference or "", role="reporter")
        if kind is LetterKind.ACKNOWLEDGEMENT:
            return to, "reporter", fields
        with self._unit.read() as s:
            query = sa.select(Advice).order_by(Advice.given_at.desc()).limit(1)
            if kind is LetterKind.NON_ASB_ADVICE:
                advice = s.scalar(query.where(Advice.report_id == report_id))
                if advice is None:
                    raise UserError("Record the advice given for this report before writing the letter.")
            else:
                # The advice the officer referred back to, when recorded; else the latest.
                advice = s.scalar(
                    sa.select(Advice).join(ReferBack, ReferBack.advice_id == Advice.id)
                    .where(ReferBack.report_id == report_id)
                    .order_by(ReferBack.given_at.desc()).limit(1)
                ) or self._earlier_advice(s, report_id, reporter, report.received_at)
            fields["advice"] = reflow(advice.advice_text)
            fields["advice_date"] = wording.long_date(advice.given_at.date())
            fields["advice_to"] = "you" if advice.person_id == reporter.id else "someone in your household"
        return to, "reporter", fields

    def _earlier_advice(
        self, s: Session, report_id: str, reporter: PersonView, received: datetime
    ) -> Advice:
        """Earlier advice to this reporter, or to someone at the same home: never to a stranger."""
        query = (
            sa.select(Advice, Person).join(Person, Person.id == Advice.person_id)
            .where(Advice.report_id != report_id, Advice.given_at <= received)
            .order_by(Advice.given_at.desc())
        )
        if reporter.postcode:
            query = query.where(sa.or_(Advice.person_id == reporter.id, Person.postcode == reporter.postcode))
        else:
            query = query.where(Advice.person_id == reporter.id)
        for advice, person in s.execute(query.limit(50)):
            if advice.person_id == reporter.id or same_home(reporter, person_view(person)):
                return advice
        raise UserError(
            "This reporter, and their household, have had no earlier advice to refer back to; "
            "send the non-ASB advice letter instead."
        )

    def _case_letter(
        self, kind: LetterKind, case_id: str, person_id: str | None
    ) -> tuple[Addressing, str, dict[str, str]]:
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
        party = parties[0]
        to_perpetrator = party.role == PartyRole.ALLEGED_PERPETRATOR.value
        if to_perpetrator:
            self._guard(case, OVERRIDE_LETTER)
        policy = self._unit.policy
        fields = {
            "case_reference": case.reference,
            "categories": safe_categories(case.categories, for_perpetrator=to_perpetrator),
            "outcome": ClosureOutcome(case.outcome).label.lower() if case.outcome else "",
            "closed_date": wording.long_date(case.closed_at.date()) if case.closed_at else "",
            "closure_reason": wording.sentence(case.closure_reason) or "Not recorded.",
            "incidents": wording.incidents(case.reports, for_perpetrator=to_perpetrator),
            "next_steps": self._next_steps(case),
            "support": wording.support(
                policy.services, "alleged_perpetrator" if to_perpetrator else "victim",
                hate=bool(case.hate_strands), abuse=needs_override(case)),
        }
        show = not (to_perpetrator and party.person.id in shared_homes(case))
        to = Addressing(party.person, show_address=show, reference=case.reference,
                        role=PartyRole(party.role).label.lower())
        return to, party.role, fields

    def _next_steps(self, case: CaseDetail) -> str:
        """When the landlord will look at the case again, from the policy's update target."""
        today = self._unit.today()
        by = add_working_days(today, self._unit.policy.targets.victim_update(case.risk_level))
        reviews = [i.review_on for i in case.interventions if i.review_on and i.review_on >= today]
        if reviews:
            by = min(reviews)
        return (f"we will keep in touch with the people affected and check how things are by "
                f"{wording.long_date(by)}.")

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

    def export_summary(
        self, reference: str, audience: str | Audience, out: Path, brief: PanelBrief | None = None
    ) -> Path:
        aud = _audience(audience)
        case = self._cases.find_by_reference(reference)
        pdf = self._prepare(case, aud, brief)
        return self._export(pdf, out, "case", case.id,
                            _detail(f"Case summary {case.reference}", aud.value, "exported", str(out)))

    def export_panel_pack(
        self, references: Sequence[str], meeting: date, out: Path,
        audience: str | Audience = Audience.PANEL, marac: bool = False,
        confirm: Collection[str] = (), briefs: Mapping[str, PanelBrief] | None = None,
    ) -> Path:
        aud = _audience(audience)
        pdf, cases = self._pack(references, meeting, aud, marac, confirm, briefs or {})
        refs = ", ".join(c.reference for c in cases)
        return self._export(pdf, out, "panel_pack", None, _detail(
            f"Panel pack for {meeting.isoformat()} ({refs})", aud.value, "exported", str(out)))

    def export_letter(self, letter: LetterDocument, out: Path) -> Path:
        return self._export(letter.pdf, out, letter.entity, letter.entity_id, _detail(
            f"{letter.kind.label} letter", f"recipient: {letter.recipient_label}", "exported", str(out)))

    def _export(self, pdf: bytes, out: Path, entity: str, entity_id: str | None, detail: str) -> Path:
        return export_with_audit(self._unit, pdf, Path(out), entity, entity_id, detail, ".pdf")


def export_with_audit(unit: Unit, data: bytes, out: Path, entity: str, entity_id: str | None,
                      detail: str, ending: str) -> Path:
    """The file and its audit row together: no audit row, no file left behind.
    ``ending`` is what the file name should end in, for the message about a folder."""
    if out.is_dir():
        raise UserError(f"{out} is a folder; give a file name ending in {ending}.")
    if not out.parent.is_dir():
        raise UserError(f"The folder {out.parent} does not exist.")
    written = False
    try:
        with unit.write("document.exported") as tx:
            save_output(out, data)
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
