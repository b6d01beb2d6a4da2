"""The bundle file: one push's changes, encrypted, authenticated and chained.

Layout (all integers big-endian)::

    b"ASBB" | version (1 byte) | header length (4 bytes) | header JSON
    | nonce (12 bytes) | AES-GCM ciphertext of the zlib-compressed payload JSON
    | Ed25519 signature of everything before it (64 bytes; version 2 only)

The header is in clear so a reader can check, before decrypting, that the
bundle claims the right share, device and sequence number; it is bound to the
ciphertext as associated data, so editing it breaks authentication. Any cut,
flipped bit or swapped file therefore fails as a whole: nothing is applied
from a bundle that does not verify.

The team key proves only that a member of the team wrote a bundle; the
signature says which device did (its key is on the share's roster, see
``roster``), so each change in it can be checked against what that device's
user may do. Version 1 bundles (unsigned, from before the roster) are read
only where the caller allows them.

A bundle is read defensively even once it verifies (anyone with the team key
can make one): its file size, its size once decompressed and the nesting depth
of its values are capped, and breaking any cap is one clear "held back" line,
never a traceback or a laptop running out of memory.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import zlib
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from asb_desktop.sync.device_keys import DeviceKeys, PublicKeys
from asb_desktop.sync.errors import BundleRejected

MAGIC = b"ASBB"
VERSION = 2
#: The unsigned format written before devices had their own keys.
UNSIGNED = 1
SIGNATURE = 64
_FIXED = len(MAGIC) + 1 + 4
_MAX_HEADER = 64 * 1024
#: A push writes at most 5,000 changes per bundle; a few hundred kilobytes is usual,
#: so these caps leave room for long report texts and stop a bomb well before memory.
MAX_BUNDLE_BYTES = 64 * 1024 * 1024
MAX_PAYLOAD_BYTES = 256 * 1024 * 1024
#: Deepest nesting a change's values may have (fields hold lists of strings at most).
MAX_DEPTH = 8


@dataclass(frozen=True)
class WireChange:
    """One change as it travels: the change row plus the stamps its author had seen."""

    change_id: str
    entity: str
    entity_id: str
    op: str
    fields: dict[str, Any]
    hlc: str
    device_id: str
    user_id: str | None
    bases: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"c": self.change_id, "e": self.entity, "i": self.entity_id, "o": self.op,
                "f": self.fields, "h": self.hlc, "d": self.device_id, "u": self.user_id,
                "b": self.bases}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> WireChange:
        return cls(str(d["c"]), str(d["e"]), str(d["i"]), str(d["o"]), dict(d["f"]),
                   str(d["h"]), str(d["d"]), d["u"], dict(d["b"]))


@dataclass(frozen=True)
class Bundle:
    share_id: str
    device_id: str
    seq: int
    prev: str
    deps: dict[str, int]
    changes: list[WireChange]
    #: Restricted cases' changes, sealed per case (``sealing.Section.to_json``), and case
    #: keys wrapped for the laptops allowed to open them (``sealing.Grant.to_json``).
    sections: list[dict[str, str]] = field(default_factory=list)
    grants: list[dict[str, str]] = field(default_factory=list)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def encode(bundle: Bundle, key: bytes, signer: DeviceKeys | None) -> bytes:
    """The bundle file, signed by ``signer`` (None only to write the old unsigned
    format, which the benchmark uses as its baseline and tests use as an old device)."""
    header = json.dumps(
        {"share": bundle.share_id, "device": bundle.device_id, "seq": bundle.seq,
         "prev": bundle.prev, "deps": bundle.deps, "count": len(bundle.changes)},
        sort_keys=True, separators=(",", ":"),
    ).encode()
    version = UNSIGNED if signer is None else VERSION
    prefix = MAGIC + bytes([version]) + struct.pack(">I", len(header)) + header
    rows: Any = [c.to_json() for c in bundle.changes]
    if bundle.sections or bundle.grants:
        rows = {"c": rows, "s": bundle.sections, "g": bundle.grants}
    payload = zlib.compress(json.dumps(rows, separators=(",", ":")).encode(), 6)
    nonce = os.urandom(12)
    body = prefix + nonce + AESGCM(key).encrypt(nonce, payload, prefix)
    return body if signer is None else body + signer.sign.sign(body)


def version_of(data: bytes) -> int | None:
    return data[4] if len(data) > 4 and data[:4] == MAGIC else None


def _depth(value: Any, limit: int) -> bool:
    """True when ``value`` nests no deeper than ``limit`` (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if level > limit:
            return False
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return True


def _inflate(payload: bytes, where: str) -> bytes:
    """Decompress at most ``MAX_PAYLOAD_BYTES``: a small file can hold a huge bomb."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(payload, MAX_PAYLOAD_BYTES)
    except zlib.error as exc:
        raise BundleRejected(f"The {where} has a damaged payload.") from exc
    if inflater.unconsumed_tail or not inflater.eof:
        raise BundleRejected(
            f"The {where} is larger than any bundle asb-desktop writes once unpacked "
            f"(over {MAX_PAYLOAD_BYTES // (1024 * 1024)} MB); it was not read."
        )
    return out


def decode(data: bytes, key: bytes, share_id: str, device_id: str, seq: int, prev: str,
           signed_by: PublicKeys | None = None, unsigned_ok: bool = True) -> Bundle:
    """Verify everything, then decrypt; raise ``BundleRejected`` with the reason.

    ``signed_by`` is the sending device's enrolled key: a signed bundle must
    verify against it. None where the share has no roster yet (the team key is
    then all there is to check). ``unsigned_ok`` says whether an old unsigned
    bundle may still be read from this device at this number.
    """
    where = f"bundle {seq} from device {device_id[:8]}"
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleRejected(
            f"The {where} is larger than any bundle asb-desktop writes "
            f"({len(data) // (1024 * 1024)} MB); it was not read."
        )
    if len(data) < _FIXED or data[:4] != MAGIC:
        raise BundleRejected(f"The {where} is not a bundle file (damaged or truncated).")
    if data[4] not in (VERSION, UNSIGNED):
        raise BundleRejected(
            f"The {where} has format version {data[4]}, which this version of asb-desktop "
            "cannot read; update asb-desktop on this device."
        )
    if data[4] == UNSIGNED and not unsigned_ok:
        raise BundleRejected(
            f"The {where} is not signed, and that device's bundles must be: it was not "
            "written by that laptop as enrolled (or was written by an old copy of asb-desktop)."
        )
    signature = b""
    if data[4] == VERSION:
        data, signature = data[:-SIGNATURE], data[-SIGNATURE:]
        if len(data) < _FIXED:
            raise BundleRejected(f"The {where} is truncated.")
    (hlen,) = struct.unpack(">I", data[5:9])
    if hlen > _MAX_HEADER or len(data) < _FIXED + hlen + 12 + 16:
        raise BundleRejected(f"The {where} is truncated.")
    prefix = data[: _FIXED + hlen]
    try:
        header = json.loads(prefix[_FIXED:])
    except ValueError as exc:
        raise BundleRejected(f"The {where} has a damaged header.") from exc
    if not isinstance(header, dict):
        raise BundleRejected(f"The {where} has a damaged header.")
    if header.get("share") != share_id:
        raise BundleRejected(f"The {where} belongs to another team's share.")
    if header.get("device") != device_id or header.get("seq") != seq:
        raise BundleRejected(
            f"The {where} claims to be bundle {header.get('seq')} of device "
            f"{str(header.get('device'))[:8]}: a copied or replayed file."
        )
    if header.get("prev") != prev:
        raise BundleRejected(
            f"The {where} does not follow the previous bundle from that device "
            "(a replayed or substituted file)."
        )
    if signature and signed_by is not None:
        try:
            signed_by.verifier().verify(signature, data)
        except InvalidSignature as exc:
            raise BundleRejected(
                f"The {where} failed its integrity check: it is not signed by that device's "
                "enrolled key (truncated, damaged, tampered with, or written by another laptop)."
            ) from exc
    nonce = data[_FIXED + hlen : _FIXED + hlen + 12]
    try:
        payload = AESGCM(key).decrypt(nonce, data[_FIXED + hlen + 12 :], prefix)
    except InvalidTag as exc:
        raise BundleRejected(
            f"The {where} failed its integrity check (truncated, damaged or tampered with)."
        ) from exc
    text = _inflate(payload, where)
    try:
        rows = json.loads(text)
    except RecursionError as exc:
        raise BundleRejected(f"The {where} nests its values deeper than any bundle "
                             "asb-desktop writes; it was not read.") from exc
    except ValueError as exc:
        raise BundleRejected(f"The {where} has a damaged payload.") from exc
    if not isinstance(rows, list | dict) or not _depth(rows, MAX_DEPTH + 3):
        raise BundleRejected(f"The {where} nests its values deeper than any bundle "
                             "asb-desktop writes; it was not read.")
    try:
        parts = rows if isinstance(rows, dict) else {"c": rows}
        changes = [WireChange.from_json(r) for r in parts["c"]]
        sections = [{str(k): str(v) for k, v in dict(x).items()} for x in parts.get("s", [])]
        grants = [{str(k): str(v) for k, v in dict(x).items()} for x in parts.get("g", [])]
        deps = {str(k): int(v) for k, v in dict(header.get("deps", {})).items()}
    except (ValueError, KeyError, TypeError) as exc:
        raise BundleRejected(f"The {where} has a damaged payload.") from exc
    if len(changes) != header.get("count"):
        raise BundleRejected(f"The {where} holds a different number of changes than it says.")
    return Bundle(share_id, device_id, seq, prev, deps, changes, sections, grants)


def peek_seq(data: bytes) -> int | None:
    """The sequence number a bundle claims, without the key (for diagnostics only)."""
    try:
        (hlen,) = struct.unpack(">I", data[5:9])
        return int(json.loads(data[_FIXED : _FIXED + hlen])["seq"])
    except (ValueError, KeyError, TypeError, struct.error):
        return None
