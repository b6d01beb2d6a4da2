"""The ASB-terms checklist for sign-up and post-tenancy visits (commitment 3).

Each item is a term of the tenancy that relates to ASB; the officer ticks what
was explained so that expectations and consequences are clear and recorded.
"""

from __future__ import annotations

from datetime import date, timedelta

ASB_TERMS: dict[str, str] = {
    "definition": "What counts as anti-social behaviour, including hate incidents and domestic abuse",
    "household_visitors": "The tenant is responsible for the behaviour of their household and visitors",
    "noise_nuisance": "Noise and nuisance: what is reasonable everyday living and what is not",
    "harassment_hate": "Harassment and hate incidents will not be tolerated",
    "how_to_report": "How to report ASB, and what happens after a report",
    "support": "Support available, including for domestic abuse",
    "consequences": "Consequences of breach: warnings, ABCs, injunctions, possession",
}

#: A post-tenancy (settling-in) visit is due this many days after sign-up.
POST_TENANCY_VISIT_AFTER_DAYS = 42


def post_tenancy_visit_due(start: date) -> date:
    return start + timedelta(days=POST_TENANCY_VISIT_AFTER_DAYS)
