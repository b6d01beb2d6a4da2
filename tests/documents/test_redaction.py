"""Redaction on the data, before any layout: what each audience's version holds."""

from __future__ import annotations

import pytest

from asb_desktop.documents.redaction import Audience, prepare
from tests.documents.conftest import PROTECTED_CONTACT, PROTECTED_NAMES, Built


def test_internal_keeps_every_detail(built: Built) -> None:
    pc = prepare(built.case, "internal")
    text = repr(pc)
    for value in [*PROTECTED_CONTACT, *PROTECTED_NAMES]:
        assert value in text
    assert pc.risk_assessments is not None
    assert len(pc.chronology) == len(built.case.reports) + len(built.case.contacts)


def test_panel_leaves_out_contact_details_and_names_witnesses_by_role(built: Built) -> None:
    pc = prepare(built.case, Audience.PANEL)
    text = repr(pc)
    for value in PROTECTED_CONTACT:
        assert value not in text, value
    for witness in ("李华", "Ahmed", "Karimi"):
        assert witness not in text, witness
    names: dict[str, list[str]] = {p.role: [] for p in pc.parties}
    for p in pc.parties:
        names[p.role].append(p.name)
    assert names["Witness"] == ["Witness 1", "Witness 2"]
    assert names["Complainant"] == ["Zoë Łukasz"]
    assert "Dmitri Волков" in names["Alleged perpetrator"]
    # The witness statement survives, with the witness named by role.
    assert any(c.text and "Statement taken from Witness" in c.text for c in pc.chronology)
    assert any(c.who.startswith("Witness") for c in pc.chronology)
    # Free text that gave the complainant's address is left out whole, and counted.
    assert any(c.kind == "Contact" and c.text is None for c in pc.chronology)
    assert any("contact note" in line for line in pc.left_out)


def test_perpetrator_version_identifies_no_complainant_or_witness(built: Built) -> None:
    pc = prepare(built.case, "perpetrator")
    text = repr(pc)
    for value in [*PROTECTED_CONTACT, *PROTECTED_NAMES]:
        assert value not in text, value
    assert [p.name for p in pc.parties] == ["Dmitri Волков"]
    contacts = [c for c in pc.chronology if c.kind == "Contact"]
    # Only the two contacts marked shareable appear; the one naming the complainant is withheld.
    assert len(contacts) == 2
    assert sorted(c.text is None for c in contacts) == [False, True]
    # Report descriptions have no shareable flag, so none is printed.
    reports = [c for c in pc.chronology if c.kind == "Report"]
    assert reports and all(c.text and c.text.startswith("Report received") for c in reports)
    assert all(a.description is None for a in pc.actions)
    assert [e.kind for e in pc.evidence] == ["Photo"]
    assert [r.service for r in pc.referrals] == ["Alcohol support service"]
    assert pc.summary is None and pc.risk_assessments is None


def test_unknown_audience_is_refused(built: Built) -> None:
    with pytest.raises(ValueError, match="choose one of internal, panel, perpetrator"):
        prepare(built.case, "press")

