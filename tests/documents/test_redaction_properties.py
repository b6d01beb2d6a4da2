"""Property: however officers write free text, protected details do not survive redaction."""

from __future__ import annotations

import re
from datetime import date, datetime

from hypothesis import example, given, settings
from hypothesis import strategies as st

from asb_desktop.documents.redaction import prepare
from asb_desktop.domain.views import (
    ActionView,
    CaseDetail,
    ContactView,
    EvidenceView,
    PartyView,
    PersonView,
    ReferralView,
    ReportRow,
)

PEOPLE = {
    "complainant": PersonView("p1", "Zoë Łukasz", phone="07700 900461", email="zoe.l@example.org",
                              address="14 Larch Close, Eastbrook", postcode="LS6 2QT"),
    "victim": PersonView("p2", "Oluwaseun Adébáyọ̀", phone="0113 496 0000",
                         email="ADEBAYO@example.com", address="Flat 9, Rowan Court", postcode="LS6 4RW"),
    "witness": PersonView("p3", "李华", phone="07700 900872", email="li.hua@example.net",
                          address="2 Birch Walk", postcode="LS6 1AB"),
}
PERPETRATOR = PersonView("p4", "Dmitri Volkov", address="Flat 3, 12 Larch Close", postcode="LS6 2QU")
FILLER = ["loud music", "door slammed", "shouting", "late at night", "said that", "visited",
          "on the stairs", "called", "reported", "again", "neighbour", "and", "the"]


@st.composite
def mention(draw: st.DrawFn) -> str:
    person = draw(st.sampled_from(list(PEOPLE.values())))
    kind = draw(st.sampled_from(["name", "family", "phone", "email", "address", "postcode"]))
    value = {
        "name": person.name,
        "family": person.name.split()[-1],
        "phone": person.phone,
        "email": person.email,
        "address": person.address.split(",")[0],
        "postcode": person.postcode,
    }[kind]
    if kind == "phone":
        sep = draw(st.sampled_from(["", " ", "-", "  "]))
        value = sep.join(value.split())
    else:
        value = draw(st.sampled_from([value, value.upper(), value.lower(), value.replace(" ", "  ")]))
    return value


texts = st.lists(st.one_of(st.sampled_from(FILLER), mention()), min_size=1, max_size=8).map(" ".join)


def _case(report_texts: list[str], contact_texts: list[tuple[str, bool]], evidence: list[tuple[str, bool]],
          notes: str, action: str) -> CaseDetail:
    parties = tuple(PartyView(f"cp{i}", role, p) for i, (role, p) in enumerate(PEOPLE.items()))
    parties += (PartyView("cp9", "alleged_perpetrator", PERPETRATOR),)
    when = datetime(2026, 3, 1, 10)
    return CaseDetail(
        id="c1", reference="ASB-26-TEST-0001", summary=notes, status="open", risk_level="high",
        restricted=False, lead_officer=None, lead_agency="", partner_agencies=(), categories=("noise",),
        hate_strands=(), opened_at=when, closed_at=None, outcome=None, closure_reason=notes,
        satisfaction=None, next_action_due=None, parties=parties,
        reports=tuple(
            ReportRow(f"r{i}", when, "Zoë Łukasz", t, ("noise",), False, "asb", "high", None, t)
            for i, t in enumerate(report_texts)
        ),
        actions=(ActionView("a1", action, "Sam Officer", date(2026, 3, 9), "open", None, False),),
        evidence=tuple(
            EvidenceView(f"e{i}", "photo", t, date(2026, 3, 1), t[:20], "", s)
            for i, (t, s) in enumerate(evidence)
        ),
        contacts=tuple(
            ContactView(f"k{i}", when, person.name, "phone", "outgoing", t, False, s)
            for i, ((t, s), person) in enumerate(
                zip(contact_texts, [*PEOPLE.values(), PERPETRATOR] * 3, strict=False))
        ),
        referrals=(ReferralView("f1", "referral", "Zoë Łukasz", "Victim Support", None, notes),),
    )


def _leaks(text: str, names: bool) -> list[str]:
    folded = " ".join(text.casefold().split())
    digits = re.sub(r"\D", "", text)
    found = []
    for p in PEOPLE.values():
        for value in (p.email, p.address.split(",")[0], p.postcode):
            if " ".join(value.casefold().split()) in folded:
                found.append(value)
        if re.sub(r"\D", "", p.phone) in digits:
            found.append(p.phone)
        if names and (p.name.casefold() in folded or p.name.split()[-1].casefold() in folded):
            found.append(p.name)
    return found


@settings(max_examples=150, deadline=None)
# A file name cut at 20 characters keeps 10 of a protected phone's 11 digits.
@example(reports=["loud music"], contacts=[], evidence=[("said that 07700900461", False)],
         notes="李华", action="loud music")
@given(
    reports=st.lists(texts, min_size=1, max_size=4),
    contacts=st.lists(st.tuples(texts, st.booleans()), max_size=6),
    evidence=st.lists(st.tuples(texts, st.booleans()), max_size=3),
    notes=texts,
    action=texts,
)
def test_no_protected_detail_survives(
    reports: list[str], contacts: list[tuple[str, bool]], evidence: list[tuple[str, bool]],
    notes: str, action: str,
) -> None:
    case = _case(reports, contacts, evidence, notes, action)
    assert _leaks(repr(prepare(case, "perpetrator")), names=True) == []
    panel = repr(prepare(case, "panel"))
    assert _leaks(panel, names=False) == []
    assert "李华" not in panel  # the witness is named by role
