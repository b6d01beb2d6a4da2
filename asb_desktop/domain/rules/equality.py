"""Hate incidents by monitored strand, for supervisors (commitment 10).

One report can be perceived as motivated by more than one strand, so the
strand counts may add up to more than the number of reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from asb_desktop.domain.enums import HateStrand


@dataclass(frozen=True)
class StrandCount:
    strand: str
    label: str
    reports: int
    cases: int
    open_cases: int


def strand_summary(
    report_strands: Iterable[Sequence[str]],
    case_strands: Iterable[tuple[Sequence[str], bool]],
) -> list[StrandCount]:
    """Every monitored strand, even at zero, so a gap is visible rather than missing."""
    reports: Counter[str] = Counter()
    for strands in report_strands:
        reports.update(set(strands))
    cases: Counter[str] = Counter()
    open_cases: Counter[str] = Counter()
    for strands, is_open in case_strands:
        cases.update(set(strands))
        if is_open:
            open_cases.update(set(strands))
    return [
        StrandCount(s.value, s.label, reports[s.value], cases[s.value], open_cases[s.value])
        for s in HateStrand
    ]
