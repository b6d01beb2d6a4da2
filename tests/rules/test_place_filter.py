"""The quick SQL filter for "about the same place" never misses a report the exact
address comparison would count (a missed complaint is a missed case review)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from asb_desktop.controllers.policy.facts import about
from asb_desktop.domain.rules.places import address_key
from asb_desktop.store.models import Base, Report

ENGINE = sa.create_engine("sqlite://")
Base.metadata.create_all(ENGINE, tables=[Base.metadata.tables[t] for t in ("users", "people", "properties",
                                                                           "cases", "tenancies",
                                                                           "tenancy_visits", "reports")])

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789éß", min_size=1, max_size=8)
separators = st.sampled_from([" ", ", ", ". ", " - ", "/", "  "])


def retype(parts: list[str], seps: list[str], upper: list[bool]) -> str:
    out = []
    for i, part in enumerate(parts):
        shout = upper[i % len(upper)]
        out.append("".join(c.upper() if shout and c.isascii() else c for c in part))
        out.append(seps[i % len(seps)])
    return "".join(out)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(words, min_size=1, max_size=5),
    st.lists(separators, min_size=1, max_size=3),
    st.lists(separators, min_size=1, max_size=3),
    st.lists(st.booleans(), min_size=1, max_size=3),
    st.lists(st.tuples(st.lists(words, min_size=1, max_size=4), separators), max_size=4),
)
def test_filter_is_a_superset_of_exact_matches(
    parts: list[str], seps_a: list[str], seps_b: list[str], upper: list[bool],
    others: list[tuple[list[str], str]],
) -> None:
    typed = retype(parts, seps_a, [False])
    variant = retype(parts, seps_b, upper)
    locations = [variant] + [sep.join(o) for o, sep in others]
    with ENGINE.begin() as conn:
        conn.execute(sa.delete(Report))
        conn.execute(sa.insert(Report), [
            dict(id=f"r{i}", received_at=datetime(2026, 3, 2), channel="phone", location=loc,
                 categories=[], hate_strands=[], created_at=datetime(2026, 3, 2))
            for i, loc in enumerate(locations)
        ])
        place = address_key(typed)
        condition = about(set(), {place})
        assert condition is not None
        found = {loc for (loc,) in conn.execute(sa.select(Report.location).where(condition))}
    exact = {loc for loc in locations if address_key(loc) == place}
    assert variant in exact
    assert exact <= found
