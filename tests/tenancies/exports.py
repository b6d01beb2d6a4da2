"""Housing-system exports written as real CSV files, the way officers receive them."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

HEADERS = ["Tenancy Ref", "Property Ref", "Address Line 1", "Address Line 2", "Town", "Postcode",
           "Tenure Type", "Tenancy Start Date", "Tenancy End Date", "Tenant 1 Forename",
           "Tenant 1 Surname", "Tenant 1 DOB", "Tenant 1 Phone", "Tenant 2 Name", "Tenant 2 DOB"]


def row(ref: str, start: date, *, tenure: str = "Starter", end: date | None = None,
        address: str = "12 Larch Close", postcode: str = "LS6 2QT", given: str = "Amira",
        family: str = "Okafor", dob: str = "14/07/1988", phone: str = "07700 900123",
        second: str = "", second_dob: str = "") -> list[str]:
    """One tenancy as the export writes it: UK dates, free-text tenure."""
    return [ref, "P-" + ref, address, "", "Leeds", postcode, tenure, start.strftime("%d/%m/%Y"),
            end.strftime("%d/%m/%Y") if end else "", given, family, dob, phone, second,
            second_dob]


def write(path: Path, rows: list[list[str]], encoding: str = "utf-8", bom: bool = False,
          headers: list[str] = HEADERS) -> Path:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    data = out.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def many(path: Path, count: int, start: date) -> Path:
    """``count`` tenancies, starts spread back over twenty years."""
    rows = [row(f"TN{i:06d}", start - timedelta(days=(i * 37) % 7300),
                address=f"{i % 400 + 1} Rowan Court", given=f"Jo{i}", family="Tenant",
                dob=f"{i % 28 + 1:02d}/{i % 12 + 1:02d}/{1950 + i % 50}")
            for i in range(count)]
    return write(path, rows)
