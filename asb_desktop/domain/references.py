"""Human case references that are unique across devices without a server.

A reference is ``ASB-<yy>-<device code>-<sequence>``, e.g. ``ASB-26-K7QM-0042``.
The device code is drawn at random when a profile is created (Crockford
base32, so it reads aloud over a phone without O/0 or I/1 confusion) and the
sequence is per device, so two laptops offline on the same day can never issue
the same reference. Sync refuses to enrol a device whose code is already taken.
"""

from __future__ import annotations

import re
import secrets

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
DEVICE_CODE_LENGTH = 4
_PATTERN = re.compile(r"^ASB-(\d{2})-([0-9A-HJKMNP-TV-Z]{4})-(\d{4,})$")


def new_device_code() -> str:
    return "".join(secrets.choice(CROCKFORD) for _ in range(DEVICE_CODE_LENGTH))


def case_reference(year: int, device_code: str, sequence: int) -> str:
    if sequence < 1:
        raise ValueError("case sequence starts at 1")
    return f"ASB-{year % 100:02d}-{device_code}-{sequence:04d}"


def is_case_reference(text: str) -> bool:
    return bool(_PATTERN.match(text.strip().upper()))
