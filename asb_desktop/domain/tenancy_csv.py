"""Reading a housing management system's tenancy export (CSV) into checked rows.

Landlords' systems (NEC/Northgate, Civica Cx, MRI Orchard and the like) export
tenancies as CSV with their own headers, in UTF-8 (with or without a byte-order
mark) or, from older Windows installs, Windows-1252, and with UK dates. This
module is pure: it turns the file's text and a column mapping into rows the
import can trust, and into refusals that name the line, the column and the
reason, so an officer can fix the export rather than guess.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from asb_desktop.domain.enums import TenureType

#: What a column can be mapped to, in the order the mapping form shows them.
FIELDS: dict[str, str] = {
    "reference": "Tenancy reference",
    "property_ref": "Property reference",
    "address1": "Address line 1",
    "address2": "Address line 2",
    "address3": "Address line 3",
    "town": "Town",
    "postcode": "Postcode",
    "tenure": "Tenure",
    "start_date": "Start date",
    "end_date": "End date",
    "officer": "Housing officer",
    **{
        f"tenant{n}_{part}": f"Tenant {n} {label}"
        for n in (1, 2, 3)
        for part, label in (("name", "name"), ("given", "first name"), ("family", "surname"),
                            ("dob", "date of birth"), ("phone", "phone"), ("email", "email"))
    },
}

REQUIRED = ("reference", "address1", "tenure", "start_date")
MAX_TENANTS = 3

#: Headers seen in common exports, folded (lower case, letters and digits only).
#: A header maps without a saved mapping only when exactly one column claims a field.
_ALIASES: dict[str, tuple[str, ...]] = {
    "reference": ("tenancyref", "tenancyreference", "tenancyno", "tenancynumber", "tenancyid",
                  "tenancy", "tenancycode", "tenref", "agreementref"),
    "property_ref": ("propertyref", "propertyreference", "propref", "uprn", "propertyid",
                     "propertycode", "placeref", "propertyno"),
    "address1": ("address1", "addressline1", "address", "propertyaddress", "add1", "street"),
    "address2": ("address2", "addressline2", "add2"),
    "address3": ("address3", "addressline3", "add3", "locality", "district"),
    "town": ("town", "city", "towncity", "posttown"),
    "postcode": ("postcode", "postalcode", "pcode", "postcodes"),
    "tenure": ("tenure", "tenuretype", "tenancytype", "agreementtype"),
    "start_date": ("startdate", "tenancystartdate", "tenancystart", "start", "signupdate",
                   "commencementdate"),
    "end_date": ("enddate", "tenancyenddate", "tenancyend", "end", "terminationdate"),
    "officer": ("housingofficer", "officer", "patchofficer", "neighbourhoodofficer"),
    **{
        f"tenant{n}_{part}": tuple(f"{stem}{n}{suffix}" for stem in ("tenant", "lead", "occupant")
                                   for suffix in suffixes)
        + (tuple(f"{s}" for s in suffixes_plain) if n == 1 else ())
        for n in (1, 2, 3)
        for part, suffixes, suffixes_plain in (
            ("name", ("name", "fullname"), ("tenantname", "leadtenant", "tenantfullname")),
            ("given", ("forename", "firstname", "givenname"), ("forename", "firstname")),
            ("family", ("surname", "lastname", "familyname"), ("surname", "lastname")),
            ("dob", ("dob", "dateofbirth", "birthdate"), ("dob", "dateofbirth", "tenantdob")),
            ("phone", ("phone", "telephone", "tel", "mobile"), ("phone", "telephone", "mobile")),
            ("email", ("email", "emailaddress"), ("email", "emailaddress")),
        )
    },
}

#: The words exports use for a tenure, folded, mapped to the profile's tenure types.
TENURES: dict[str, str] = {
    "secure": TenureType.SECURE, "securetenancy": TenureType.SECURE, "sec": TenureType.SECURE,
    "assured": TenureType.ASSURED, "assuredtenancy": TenureType.ASSURED,
    "assuredshorthold": TenureType.ASSURED, "ast": TenureType.ASSURED,
    "starter": TenureType.STARTER, "startertenancy": TenureType.STARTER,
    "assuredshortholdstarter": TenureType.STARTER,
    "introductory": TenureType.INTRODUCTORY, "introductorytenancy": TenureType.INTRODUCTORY,
    "intro": TenureType.INTRODUCTORY,
    "flexible": TenureType.FIXED_TERM, "flexibletenancy": TenureType.FIXED_TERM,
    "fixedterm": TenureType.FIXED_TERM, "fixedtermtenancy": TenureType.FIXED_TERM,
    "licence": TenureType.LICENCE, "license": TenureType.LICENCE,
    "licensee": TenureType.LICENCE, "licencee": TenureType.LICENCE,
    "sharedownership": TenureType.SHARED_OWNERSHIP, "leasehold": TenureType.SHARED_OWNERSHIP,
}


def fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


class UnreadableFile(ValueError):
    """The file is not a CSV this import can read at all (exit 2, nothing imported)."""


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read in: UTF-8 (a byte-order mark is
    dropped), else Windows-1252, which every byte sequence but five decodes."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 with BOM"
    if b"\x00" in data[:4096]:
        raise UnreadableFile("The file is not a CSV text file (it holds binary data).")
    with contextlib.suppress(UnicodeDecodeError):  # not UTF-8: try the Windows code page
        return data.decode("utf-8"), "UTF-8"
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise UnreadableFile("The file is neither UTF-8 nor Windows-1252 text.") from exc


_DATE_FORMS = (
    re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"),  # 07/03/2026, 7.3.2026, 07-03-2026
    re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})$"),  # 07/03/26
)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+)?$")


def parse_uk_date(text: str) -> date | None:
    """dd/mm/yyyy (also with dots or dashes, or a two-digit year) or ISO; blank is None.
    Raises ``ValueError`` with words an officer can act on."""
    text = text.strip()
    if not text:
        return None
    m = _ISO.match(text)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        for form in _DATE_FORMS:
            m = form.match(text)
            if m:
                year = int(m[3])
                if len(m[3]) == 2:
                    year += 2000 if year < 70 else 1900
                return date(year, int(m[2]), int(m[1]))
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None
    raise ValueError(f"{text!r} is not a date like 31/01/2026")


@dataclass(frozen=True)
class TenantRow:
    given_name: str
    family_name: str
    date_of_birth: date | None
    phone: str = ""
    email: str = ""

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p)


@dataclass(frozen=True)
class TenancyRow:
    """One checked row of the export."""

    line: int
    reference: str
    property_ref: str
    address: str
    postcode: str
    tenure: str
    start_date: date
    end_date: date | None
    officer: str
    tenants: tuple[TenantRow, ...]


@dataclass(frozen=True)
class Refusal:
    """A row left out, and why: the line in the file, the column and the reason."""

    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Fields mapped from headers common exports use, where exactly one header
    claims a field and that header claims only one field."""
    claims: dict[str, list[str]] = {}
    for header in headers:
        key = fold(header)
        for name, aliases in _ALIASES.items():
            if key in aliases:
                claims.setdefault(name, []).append(header)
    taken: dict[str, int] = {}
    for heads in claims.values():
        for h in heads:
            taken[h] = taken.get(h, 0) + 1
    out = {name: heads[0] for name, heads in claims.items()
           if len(heads) == 1 and taken[heads[0]] == 1}
    if "tenant1_name" in out and ("tenant1_given" in out or "tenant1_family" in out):
        # A full name and its parts both present: use the parts, they split surnames right.
        del out["tenant1_name"]
    return out


def read_table(text: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header row and the data rows with their line numbers in the file
    (the header is line 1). Blank lines are skipped."""
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:8192], ",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        headers = [h.strip() for h in next(reader)]
    except StopIteration:
        raise UnreadableFile("The file is empty.") from None
    except csv.Error as exc:
        raise UnreadableFile(f"The file is not a CSV file this can read ({exc}).") from exc
    if len([h for h in headers if h]) < 2:
        raise UnreadableFile("The file has no header row of column names.")

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for values in reader:
                if any(v.strip() for v in values):
                    yield reader.line_num, values
        except csv.Error as exc:
            raise UnreadableFile(f"Line {reader.line_num}: {exc}") from exc

    return headers, rows()


def _split_name(full: str) -> tuple[str, str]:
    full = " ".join(full.split())
    if "," in full:  # "SMITH, Jane" as some systems write it
        family, _, given = full.partition(",")
        return given.strip(), family.strip().title() if family.isupper() else family.strip()
    given, _, family = full.rpartition(" ")
    return (given, family) if given else ("", family)


def check_rows(
    headers: list[str], rows: Iterator[tuple[int, list[str]]], mapping: Mapping[str, str],
) -> Iterator[TenancyRow | Refusal]:
    """Each data row checked: a ``TenancyRow`` or a ``Refusal`` naming the
    column (as the file names it) and the reason. A reference seen again with
    a different address is refused; seen again the same, it is skipped."""
    index = {h: i for i, h in enumerate(headers)}
    cols = {f: index[h] for f, h in mapping.items() if h in index}
    seen: dict[str, tuple[str, str]] = {}
    width = len(headers)
    for line, values in rows:
        if len(values) < width:  # a short row: missing trailing cells are blank
            values = values + [""] * (width - len(values))
        cells = {name: values[i].strip() for name, i in cols.items()}
        row = _check(line, cells, mapping)
        if isinstance(row, TenancyRow):
            where = (row.address.lower(), row.postcode)
            before = seen.get(row.reference)
            if before is not None and before != where:
                row = Refusal(line, mapping["reference"],
                              f"tenancy {row.reference} appears earlier in the file "
                              "with a different address")
            elif before is not None:
                continue
            else:
                seen[row.reference] = where
        yield row


def _check(line: int, cells: dict[str, str], mapping: Mapping[str, str]) -> TenancyRow | Refusal:
    def get(name: str) -> str:
        return cells.get(name, "")

    reference = get("reference")
    if not reference:
        return Refusal(line, mapping.get("reference", ""), "the tenancy reference is missing")
    if len(reference) > 40:
        return Refusal(line, mapping["reference"], "the tenancy reference is longer than 40 characters")
    lines = [get(f) for f in ("address1", "address2", "address3", "town")]
    address = ", ".join(p for p in lines if p)
    if not get("address1"):
        return Refusal(line, mapping.get("address1", ""), "the address is missing")
    postcode = " ".join(get("postcode").upper().split())
    if len(postcode) > 10:
        return Refusal(line, mapping.get("postcode", ""), f"{postcode!r} is not a postcode")
    tenure_text = get("tenure")
    tenure = TENURES.get(fold(tenure_text))
    if tenure is None:
        return Refusal(line, mapping.get("tenure", ""),
                       f"{tenure_text!r} is not a tenure this knows" if tenure_text
                       else "the tenure is missing")
    dates: dict[str, date | None] = {}
    for name in ("start_date", "end_date"):
        try:
            dates[name] = parse_uk_date(get(name))
        except ValueError as exc:
            return Refusal(line, mapping.get(name, ""), str(exc))
    start, end = dates["start_date"], dates["end_date"]
    if start is None:
        return Refusal(line, mapping.get("start_date", ""), "the start date is missing")
    if end is not None and end < start:
        return Refusal(line, mapping.get("end_date", ""), "the end date is before the start date")
    tenants: list[TenantRow] = []
    for n in range(1, MAX_TENANTS + 1):
        given, family = get(f"tenant{n}_given"), get(f"tenant{n}_family")
        if not (given or family) and get(f"tenant{n}_name"):
            given, family = _split_name(get(f"tenant{n}_name"))
        if not (given or family):
            continue
        try:
            dob = parse_uk_date(get(f"tenant{n}_dob"))
        except ValueError as exc:
            return Refusal(line, mapping.get(f"tenant{n}_dob", ""), str(exc))
        tenant = TenantRow(given[:120], family[:120], dob, get(f"tenant{n}_phone"),
                           get(f"tenant{n}_email"))
        if all((t.name.lower(), t.date_of_birth) != (tenant.name.lower(), dob) for t in tenants):
            tenants.append(tenant)  # the same person named twice on a row is one tenant
    return TenancyRow(
        line=line, reference=reference, property_ref=get("property_ref"), address=address,
        postcode=postcode, tenure=str(tenure), start_date=start, end_date=end,
        officer=get("officer"), tenants=tuple(tenants),
    )
