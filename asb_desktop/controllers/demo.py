"""A realistic synthetic caseload for demonstrations, training and benchmarks.

It goes through a controller like any other write: each batch is one
transaction with its audit row and change rows, so a demo profile syncs and
checks like a real one. Rows are inserted with bulk Core statements (the ORM
would take minutes for 20,000 cases) and their change rows are written here
in the same transaction. Demo data only ever goes into a profile created as a
demo (``meta.demo = 1``); the command line refuses a real profile.

The demo is the first thing a new user sees, so it has to read true to an
officer: ages agree with vulnerabilities, hate strands with the words of the
report, a complainant's reports come from their own home over weeks, nobody
offers mediation in domestic abuse, tenants live at the address visited and
an address always has the same postcode.
"""

from __future__ import annotations

import enum
import json
import random
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from asb_desktop.controllers import demo_data as D
from asb_desktop.controllers.errors import UserError
from asb_desktop.domain.case_summary import parties_summary
from asb_desktop.domain.enums import (
    Category,
    ClosureOutcome,
    InterventionKind,
    RiskLevel,
    Role,
)
from asb_desktop.domain.references import case_reference
from asb_desktop.domain.risk import proposed_risk
from asb_desktop.domain.rules.dates import add_months
from asb_desktop.domain.visits import ASB_TERMS, post_tenancy_visit_due
from asb_desktop.domain.workdays import add_working_days
from asb_desktop.store import meta
from asb_desktop.store.capture import to_json
from asb_desktop.store.models import (
    Action,
    Base,
    Case,
    CaseParty,
    Contact,
    Evidence,
    Intervention,
    Person,
    Property,
    Referral,
    Report,
    RiskAssessment,
    Tenancy,
    TenancyMember,
    TenancyVisit,
    User,
)
from asb_desktop.store.unit import Unit

BATCH = 500
_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_LIMBS = ["harassment_alarm_distress", "nuisance_occupation", "housing_related_nuisance"]
_ORDER = [User, Person, Property, Tenancy, TenancyMember, TenancyVisit, Case, Report,
          CaseParty, Action, Contact, Intervention, Evidence, Referral, RiskAssessment]

#: The demo profile's own user, by role: what the command line and the first-start
#: dialog pass to ``create_profile(folder, DEMO_USER[role], role, demo=True)``.
DEMO_USER: dict[str, str] = {Role.OFFICER.value: "Demo Officer",
                             Role.SUPERVISOR.value: "Demo Supervisor"}

#: A supervisor demo user leads one case in this many, so "My cases" is not empty
#: while most of the caseload belongs to the team they review.
SUPERVISOR_SHARE = 10

_OVER_75 = "Lives alone, aged over 75"
_VULNERABILITIES = ["Anxiety and depression", "Uses a wheelchair", _OVER_75]

#: Mediation puts the victim in a room with the person harming them: never offered
#: for domestic abuse or hate, whatever the rest of the ladder says.
_NO_MEDIATION = {Category.DOMESTIC_ABUSE.value, Category.HATE_INCIDENT.value}
_DA_ACTIONS = ["Agree a safe way and time to make contact", "Complete a DASH risk checklist",
               "Refer to the domestic abuse outreach service", "Update the victim",
               "Discuss a sanctuary scheme and target hardening",
               "Liaise with the police domestic abuse team"]
_DA_INTERVENTIONS = [InterventionKind.CIVIL_INJUNCTION, InterventionKind.NOSP]


@dataclass(frozen=True)
class _Home:
    """An invented address; the postcode follows from street and number, as a real one
    does, so neighbours share it and the same address never has two."""

    street: int
    number: int

    @property
    def address(self) -> str:
        return f"{self.number} {D.STREETS[self.street]}, {D.TOWN}"

    @property
    def postcode(self) -> str:
        block = (self.number - 1) // 10  # about ten doors to a postcode unit
        return (f"EB{self.street % 9 + 1} {self.street // 9 + 1}"
                f"{_LETTERS[block % len(_LETTERS)]}"
                f"{_LETTERS[(self.street * 7 + block) % len(_LETTERS)]}")


def _home(rng: random.Random, avoid: tuple[int, ...] = ()) -> _Home:
    streets = [i for i in range(len(D.STREETS)) if i not in avoid]
    return _Home(rng.choice(streets), rng.randint(1, 120))


def _birth_date(rng: random.Random, today: date, over_75: bool) -> date:
    """Someone described as over 75 was already over 75 when the oldest demo case
    opened (two years back); everyone else is an adult well under 75."""
    age = rng.randint(77, 94) if over_75 else rng.randint(18, 72)
    return add_months(today, -12 * age) - timedelta(days=rng.randint(0, 364))


def _report_times(rng: random.Random, opened: datetime, count: int, until: datetime) -> list[datetime]:
    """The first report shortly before the case was opened from it, later ones days or
    weeks apart in waking hours; none after ``until`` (now, or the case's closure)."""
    times = [opened - timedelta(minutes=rng.randint(10, 120))]
    while len(times) < count:
        day = times[-1].date() + timedelta(days=rng.randint(2, 21))
        nxt = datetime.combine(day, time(8)) + timedelta(minutes=rng.randint(0, 12 * 60))
        if nxt > until:
            break
        times.append(nxt)
    return times


@dataclass
class DemoSummary:
    cases: int = 0
    reports: int = 0
    visits: int = 0


@dataclass
class _Batch:
    rows: dict[type, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, model: type, **values: Any) -> str:
        self.rows.setdefault(model, []).append(values)
        return str(values["id"])


class DemoController:
    def __init__(self, unit: Unit) -> None:
        self._unit = unit
        self._change_ids = _DemoRandom(0)  # ascending change ids, as the rows' own

    def fill(
        self, cases: int, seed: int = 1, progress: Callable[[int, int], None] | None = None
    ) -> DemoSummary:
        with self._unit.read() as s:
            if meta.get(s, "demo") != "1":
                raise UserError("Demo data only goes into a demo profile, never a real one.")
        rng = _DemoRandom(seed)
        summary = DemoSummary()
        team = self._ensure_officers(rng)
        me = self._unit.actor.user_id
        supervisor = self._unit.actor.is_supervisor
        # A supervisor leads a few cases and does no tenancy visits; an officer is one of the team.
        visitors = team if supervisor else [me, *team]
        today = self._unit.today()
        done = 0
        while done < cases:
            n = min(BATCH, cases - done)
            batch = _Batch()
            for i in range(n):
                if supervisor:
                    lead = me if (done + i) % SUPERVISOR_SHARE == 0 else rng.choice(team)
                else:
                    lead = rng.choice(visitors)
                summary.reports += self._case(batch, rng, lead, today)
            for _ in range(max(1, n // 4)):
                self._tenancy(batch, rng, visitors, today)
                summary.visits += 1
            self._write(batch, f"Demo caseload: {n} synthetic cases")
            done += n
            summary.cases += n
            if progress:
                progress(done, cases)
        return summary

    # -- generation -------------------------------------------------------

    def _ensure_officers(self, rng: random.Random) -> list[str]:
        """The demo user's colleagues (officers only), added once; a demo officer also
        gets a supervisor, a demo supervisor is that supervisor."""
        with self._unit.read() as s:
            existing = {u.name: u.id for u in s.scalars(sa.select(User))}
        batch = _Batch()
        ids = []
        names = list(D.OFFICERS)
        if not self._unit.actor.is_supervisor:
            names.append(D.SUPERVISOR)
        for name in names:
            if name in existing:
                uid = existing[name]
            else:
                uid = batch.add(User, id=_uid(rng), name=name,
                                role="supervisor" if name == D.SUPERVISOR else "officer",
                                active=True, created_at=self._unit.now())
            if name != D.SUPERVISOR:
                ids.append(uid)
        if batch.rows:
            self._write(batch, "Demo colleagues added")
        return ids

    def _person(
        self, b: _Batch, rng: random.Random, when: datetime, today: date, home: _Home,
        vulnerable: bool,
    ) -> str:
        given, family = rng.choice(D.GIVEN), rng.choice(D.FAMILY)
        adjustments: list[str] = []
        if vulnerable and rng.random() < 0.5:
            adjustments = rng.sample(["interpreter", "large_print", "text_not_calls",
                                      "support_worker_present"], k=1)
        vulnerability = rng.choice(_VULNERABILITIES) if vulnerable else ""
        return b.add(
            Person, id=_uid(rng), given_name=given, family_name=family,
            date_of_birth=_birth_date(rng, today, over_75=vulnerability == _OVER_75),
            phone=f"07700 900{rng.randint(0, 999):03d}",
            email=f"{given.lower()}.{family.lower()}@example.com".replace(" ", "").replace("'", ""),
            address=home.address, postcode=home.postcode,
            contact_preferences=rng.choice(["", "Phone after 5pm", "Text first", "Email only"]),
            vulnerabilities=vulnerability,
            adjustments=adjustments,
            adjustment_notes="Polish interpreter" if "interpreter" in adjustments else "",
            language="", equality={}, created_at=when, created_by=None,
        )

    def _case(self, b: _Batch, rng: random.Random, officer: str, today: date) -> int:
        cats = [c for c, _w, _d in D.CATEGORY_MIX]
        weights = [w for _c, w, _d in D.CATEGORY_MIX]
        category = rng.choices(cats, weights)[0]
        hate = category == Category.HATE_INCIDENT.value
        strands = [rng.choice(D.STRAND_FOR_HATE)] if hate else []
        descriptions = (D.HATE_PHRASES[strands[0]] if hate
                        else dict((c, d) for c, _w, d in D.CATEGORY_MIX)[category])
        domestic = category == Category.DOMESTIC_ABUSE.value
        opened = datetime.combine(today - timedelta(days=rng.randint(1, 730)),
                                  datetime.min.time()) + timedelta(hours=rng.randint(8, 17))
        # The alleged perpetrator lives on another street than the complainant and any
        # witness, so their printed address never carries a protected person's postcode.
        home = _home(rng)
        their_home = _home(rng, avoid=(home.street,))
        complainant = self._person(b, rng, opened, today, home, vulnerable=rng.random() < 0.2)
        perpetrator = self._person(b, rng, opened, today, their_home, vulnerable=False)
        witness = (self._person(b, rng, opened, today, _home(rng, avoid=(their_home.street,)),
                                False) if rng.random() < 0.3 else None)
        risk = proposed_risk([Category(category)], hate)
        case_id = _uid(rng)
        now = self._unit.clock.now()
        age = (today - opened.date()).days
        closed = age > 180 and rng.random() < 0.8
        closed_at = opened + timedelta(days=rng.randint(30, min(age, 400))) if closed else None
        story = rng.choice(descriptions)
        n_reports = rng.choices(range(1, 10), [10, 10, 12, 12, 12, 12, 12, 10, 10])[0]
        received_times = _report_times(rng, opened, n_reports, min(now, closed_at or now))
        for i, received in enumerate(received_times):
            b.add(
                Report, id=_uid(rng), received_at=received,
                channel=rng.choice(["phone", "email", "online_form", "in_person", "home_visit"]),
                reporter_id=complainant, anonymous=False,
                incident_date=received.date() - timedelta(days=rng.randint(0, 6)),
                incident_time=f"{rng.randint(0, 23):02d}:{rng.choice(['00', '15', '30', '45'])}",
                location=home.address,
                property_id=None, categories=[category], hate_incident=hate,
                hate_strands=strands, description=story if i == 0 else rng.choice(descriptions),
                assessment="asb", asb_limb=rng.choice(_LIMBS),
                assessment_reason="Conduct persistent and capable of causing nuisance",
                assessed_at=min(received + timedelta(hours=4), now), assessed_by=officer,
                proposed_risk=risk.value, risk_level=risk.value, risk_reason="",
                acknowledge_by=add_working_days(received.date(), 2),
                case_id=case_id, visit_id=None, created_at=received, created_by=officer,
            )
        for person, role in ((complainant, "complainant"), (perpetrator, "alleged_perpetrator"),
                             (witness, "witness")):
            if person:
                b.add(CaseParty, id=_uid(rng), case_id=case_id, person_id=person, role=role,
                      added_at=opened)
        actions = _DA_ACTIONS if domestic else [
            a for a in D.ACTIONS if category not in _NO_MEDIATION or "mediation" not in a.lower()]
        next_due = None
        for _ in range(rng.randint(1, 4)):
            due = opened.date() + timedelta(days=rng.randint(5, 120))
            done = closed or (due < today and rng.random() < 0.7)
            b.add(Action, id=_uid(rng), case_id=case_id, description=rng.choice(actions),
                  owner_id=officer, due_date=due, status="done" if done else "open",
                  completed_on=min(due, today) if done else None, created_at=opened)
            if not done:
                next_due = due if next_due is None else min(next_due, due)
        for _ in range(rng.randint(1, 5)):
            at = opened + timedelta(days=rng.randint(0, max(1, min(age, 200))))
            b.add(Contact, id=_uid(rng), case_id=case_id, person_id=complainant,
                  at=min(at, datetime.combine(today, datetime.min.time())),
                  method=rng.choice(["phone", "home_visit", "email"]),
                  direction="outgoing", summary=rng.choice(D.CONTACTS),
                  victim_update=rng.random() < 0.6, shareable=rng.random() < 0.3,
                  created_by=officer)
        if rng.random() < 0.4:
            self._intervention(b, rng, case_id, perpetrator, category, opened)
        if rng.random() < 0.5:
            b.add(Evidence, id=_uid(rng), case_id=case_id, kind=rng.choice(
                ["diary_sheet", "photo", "recording", "statement"]),
                description="Diary sheets returned by the complainant",
                captured_on=opened.date() + timedelta(days=rng.randint(1, 30)), file_name="",
                sha256="", shareable=False, created_at=opened)
        if rng.random() < 0.3:
            services = [s for s in D.SERVICES
                        if category not in _NO_MEDIATION or "mediation" not in s.lower()]
            b.add(Referral, id=_uid(rng), case_id=case_id, person_id=complainant,
                  kind=rng.choice(["referral", "signposting"]), service=rng.choice(services),
                  made_on=opened.date() + timedelta(days=2), notes="")
        if rng.random() < 0.75:
            b.add(RiskAssessment, id=_uid(rng), case_id=case_id, person_id=complainant,
                  tool="asb_matrix", assessed_on=opened.date() + timedelta(days=1),
                  score={"high": 18, "medium": 10, "low": 4}[risk.value], level=risk.value,
                  answers={}, marac_referral=False, assessed_by=officer)
        b.add(
            Case, id=case_id, reference="", summary=story,
            status="closed" if closed else "open", risk_level=risk.value, risk_rank=risk.rank,
            risk_reason="", restricted=domestic, lead_officer_id=officer,
            lead_agency="Police" if risk == RiskLevel.HIGH else "",
            partner_agencies=rng.sample(D.AGENCIES, k=rng.randint(0, 2)),
            categories=[category], hate_incident=hate, hate_strands=strands,
            parties_summary="",  # filled in _write from the parties
            next_action_due=None if closed else next_due, opened_at=opened, closed_at=closed_at,
            outcome=rng.choice(list(ClosureOutcome)).value if closed else None,
            closure_reason="Behaviour stopped after intervention" if closed else "",
            satisfaction=rng.randint(1, 5) if closed and rng.random() < 0.6 else None,
            satisfaction_comment="", created_by=officer,
        )
        return len(received_times)

    def _intervention(
        self, b: _Batch, rng: random.Random, case_id: str, perpetrator: str, category: str,
        opened: datetime,
    ) -> None:
        """A step on the ladder that fits the case: in domestic abuse, legal protection
        agreed with the police; never mediation where it would put the victim at risk."""
        if category == Category.DOMESTIC_ABUSE.value:
            kind = rng.choice(_DA_INTERVENTIONS)
            reason, before = "Protects the victim; agreed with the police", "Safety planning"
        else:
            kinds = [k for k in list(InterventionKind)[:6]
                     if category not in _NO_MEDIATION or k != InterventionKind.MEDIATION]
            kind = rng.choice(kinds)
            reason, before = "Behaviour continued after earlier advice", "Advice and a visit"
        start = opened.date() + timedelta(days=rng.randint(7, 60))
        b.add(Intervention, id=_uid(rng), case_id=case_id, person_id=perpetrator,
              kind=kind.value, started_on=start,
              expires_on=start + timedelta(days=182) if kind == InterventionKind.ABC else None,
              review_on=start + timedelta(days=28), notes="",
              proportionate_reason=reason, tried_before=before, created_at=opened)

    def _tenancy(self, b: _Batch, rng: random.Random, officers: list[str], today: date) -> None:
        """A new tenancy and its post-tenancy visit; the tenant lives at the property."""
        start = today - timedelta(days=rng.randint(0, 365))
        when = datetime.combine(start, datetime.min.time())
        home = _home(rng)
        tenant = self._person(b, rng, when, today, home, vulnerable=rng.random() < 0.15)
        prop = b.add(Property, id=_uid(rng), address=home.address, postcode=home.postcode,
                     created_at=when)
        tenancy = b.add(Tenancy, id=_uid(rng), reference="",  # numbered in _write
                        property_id=prop, tenure_type=rng.choice(["starter", "assured", "secure"]),
                        start_date=start, end_date=None, created_at=when)
        b.add(TenancyMember, id=_uid(rng), tenancy_id=tenancy, person_id=tenant, role="tenant")
        due = post_tenancy_visit_due(start)
        done = due < today and rng.random() < 0.8
        items = list(ASB_TERMS)
        b.add(TenancyVisit, id=_uid(rng), tenancy_id=tenancy, kind="post_tenancy",
              status="done" if done else "due", due_date=due,
              visit_date=due + timedelta(days=rng.randint(-5, 10)) if done else None,
              officer_id=rng.choice(officers), present="Tenant" if done else "",
              checklist=rng.sample(items, k=rng.randint(4, len(items))) if done else [],
              acknowledged=done, acknowledged_by="Tenant" if done else "", notes="",
              created_at=when)

    # -- writing ------------------------------------------------------------

    def _write(self, batch: _Batch, detail: str) -> None:
        with self._unit.write("demo.filled") as tx:
            s = tx.session
            code = meta.get(s, "device_code") or "DEMO"
            self._number(s, batch, code)
            s.flush()
            conn = s.connection()
            raw = conn.connection.driver_connection
            assert raw is not None
            dialect = conn.dialect
            hlc, device, user = self._unit.stamp, self._unit.actor.device_id, self._unit.actor.user_id
            changes: list[tuple[Any, ...]] = []
            for model in _ORDER:
                rows = batch.rows.get(model)
                if not rows:
                    continue
                table = Base.metadata.tables[model.__tablename__]  # type: ignore[attr-defined]
                _insert(raw, dialect, table, rows)
                name = table.name
                for row in rows:
                    fields = {k: v for k, v in row.items() if k != "id"}
                    changes.append((self._change_ids.next_id(), name, row["id"], "upsert",
                                    json.dumps(fields, default=_json_value), hlc(), device, user, 0))
            raw.executemany(
                "INSERT INTO changes (change_id, entity, entity_id, op, fields, hlc, device_id, "
                "user_id, pushed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", changes)
            tx.audit("demo", None, detail)

    @staticmethod
    def _number(s: Any, batch: _Batch, code: str) -> None:
        """Case and tenancy references from the profile's own sequences and device
        code, and each case's parties summary by the rule every writer uses.

        References are counted, never drawn at random: at 100,000 cases random
        nine-digit tenancy numbers collided. The device code keeps them apart
        from another demo device's on the same share."""
        names = {p["id"]: p for p in batch.rows.get(Person, [])}
        parties: dict[str, list[tuple[str, str, str]]] = {}
        for cp in sorted(batch.rows.get(CaseParty, []), key=lambda r: (r["person_id"], r["role"])):
            person = names.get(cp["person_id"])
            if person is not None:
                parties.setdefault(cp["case_id"], []).append(
                    (cp["role"], person["given_name"], person["family_name"]))
        sequences: dict[int, int] = {}
        for case in batch.rows.get(Case, []):
            year = case["opened_at"].year
            if year not in sequences:
                sequences[year] = int(meta.get(s, f"case_seq:{year}", "0") or 0)
            sequences[year] += 1
            case["reference"] = case_reference(year, code, sequences[year])
            case["parties_summary"] = parties_summary(parties.get(case["id"], []))
        for year, seq in sequences.items():
            meta.put(s, f"case_seq:{year}", str(seq))
        tenancies = batch.rows.get(Tenancy, [])
        if tenancies:
            seq = int(meta.get(s, "demo_tenancy_seq", "0") or 0)
            for tenancy in tenancies:
                seq += 1
                tenancy["reference"] = f"T-{code}-{seq:06d}"
            meta.put(s, "demo_tenancy_seq", str(seq))


def _json_value(value: Any) -> Any:
    """What ``store.capture.to_json`` makes of the values JSON has no type for."""
    if isinstance(value, (date, datetime, enum.Enum)):
        return to_json(value)
    raise TypeError(f"{type(value).__name__} is not a demo value")


def _insert(raw: Any, dialect: sa.Dialect, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Rows straight to the DB-API cursor, each value stored as SQLAlchemy would
    store it (its column type's own bind processor), so the ORM reads them back
    alike. Going through ``session.execute`` spent more time compiling parameters
    than SQLite spent writing. Column defaults are not applied here, so every demo
    row sets every column that has one."""
    missing = [c.name for c in table.columns if c.name not in rows[0] and c.default is not None]
    if missing:  # a new column with a default: the demo must set it, as the ORM would
        raise ValueError(f"demo rows for {table.name} lack {', '.join(missing)}")
    columns = [table.c[k] for k in rows[0]]
    procs = [c.type.bind_processor(dialect) for c in columns]
    keys = [c.name for c in columns]
    marks = ", ".join("?" for _ in keys)
    values = (
        tuple(v if p is None or v is None else p(v) for p, v in zip(procs, map(row.__getitem__, keys),
                                                                   strict=True))
        for row in rows
    )
    raw.executemany(f"INSERT INTO {table.name} ({', '.join(keys)}) VALUES ({marks})", values)


class _DemoRandom(random.Random):
    """Seeded, so a seed repeats the same caseload. Ids are a salt drawn per fill
    followed by a counter: filling a demo profile again (or another one) never
    reuses an id, and one fill's ids ascend, so every index keyed by them is
    appended to instead of written at random places (most of a 100,000-case
    fill's time went to those scattered writes)."""

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        salt = str(uuid.UUID(int=secrets.randbits(64) << 64, version=4))
        self.id_prefix = salt[:19]  # the salted half, with the version-4 digit
        self.id_count = 0

    def next_id(self) -> str:
        """As ``str(uuid.UUID(int=salt << 64 | count, version=4))``, without
        building a UUID object per row (a tenth of a fill's Python time)."""
        self.id_count += 1
        low = f"{0x8000_0000_0000_0000 | self.id_count:016x}"  # the RFC 4122 variant bits
        return f"{self.id_prefix}{low[:4]}-{low[4:]}"


def _uid(rng: random.Random) -> str:
    if isinstance(rng, _DemoRandom):
        return rng.next_id()
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))
