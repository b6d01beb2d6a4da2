"""Setting up a share, enrolling a device on it, and checking it is there.

The marker file is the share's identity: its id, its format version, and what
a device needs to derive and check the team key. A folder without it, or
with another team's, is "not connected", whatever else is in it.
"""

from __future__ import annotations

import base64
import json
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from asb_desktop.sync import keys
from asb_desktop.sync.errors import NotConnected, ShareFault, SyncError
from asb_desktop.sync.transport import DEVICES, MARKER, FolderTransport, ShareFS

KIND = "asb-desktop-share"
#: 1: the team key is derived from the passphrase. 2: the team key is wrapped under a
#: key derived from the passphrase (``wrapped``), so the cost can rise without the
#: team key changing. Older versions of asb-desktop ask to be updated on a format 2 share.
FORMAT = 2
#: scrypt cost for a new share's key (128 MiB, ~0.4 s): OWASP's floor for scrypt. A share
#: made with 2**15 is raised when a laptop next joins it (``raise_cost``).
SCRYPT_N = 2**17
_WRAP = b"asb-desktop team key"


@dataclass(frozen=True)
class Marker:
    share_id: str
    format: int
    salt: bytes
    scrypt_n: int
    check: bytes
    #: The team key encrypted under the passphrase's key (format 2); None: they are one.
    wrapped: bytes | None = None

    def to_bytes(self) -> bytes:
        d = {"kind": KIND, "format": self.format, "share_id": self.share_id,
             "salt": base64.b64encode(self.salt).decode(), "scrypt_n": self.scrypt_n,
             "check": base64.b64encode(self.check).decode()}
        if self.wrapped is not None:
            d["wrapped"] = base64.b64encode(self.wrapped).decode()
        return json.dumps(d, indent=2).encode()

    def team_key(self, passphrase: str) -> bytes | None:
        """The team key, if ``passphrase`` is this share's; None if it is not."""
        derived = keys.derive_key(passphrase, self.salt, self.scrypt_n)
        key = derived
        if self.wrapped is not None:
            try:
                key = AESGCM(derived).decrypt(self.wrapped[:12], self.wrapped[12:], _WRAP)
            except InvalidTag:
                return None
        return key if keys.verify_key(key, self.check) else None


def parse_marker(data: bytes, where: Path) -> Marker:
    try:
        d: Any = json.loads(data)
        if not isinstance(d, dict) or d.get("kind") != KIND:
            raise ValueError("not ours")
        wrapped = d.get("wrapped")
        marker = Marker(str(d["share_id"]), int(d["format"]), base64.b64decode(d["salt"]),
                        int(d["scrypt_n"]), base64.b64decode(d["check"]),
                        base64.b64decode(wrapped) if wrapped else None)
    except (ValueError, KeyError, TypeError) as exc:
        raise NotConnected(
            f"{where} has a damaged or foreign share marker; it is not treated as the team share."
        ) from exc
    if marker.format > FORMAT:
        raise NotConnected(
            f"The share at {where} uses format {marker.format}; update asb-desktop to use it."
        )
    return marker


def read_marker(transport: FolderTransport) -> Marker:
    return parse_marker(transport.read_marker(), transport.root)


@dataclass(frozen=True)
class Enrolled:
    share_id: str
    key: bytes
    shown_passphrase: str | None


def init_share(
    root: Path, passphrase: str | None, device_id: str, device_code: str,
    fs: ShareFS | None = None, scrypt_n: int = SCRYPT_N,
) -> Enrolled:
    """Make ``root`` the team share and enrol this device on it.

    Without a passphrase a random enrolment code is made and returned to be
    shown once; it is never stored anywhere.
    """
    root = Path(root)
    transport = FolderTransport(root, fs)
    if (root / MARKER).exists():
        raise SyncError(f"{root} is already a team share; join it instead.")
    if root.exists() and any(root.iterdir()):
        raise SyncError(f"{root} is not empty; choose an empty folder for the team share.")
    shown = None
    if passphrase is None:
        passphrase = shown = keys.new_passphrase()
    elif len(passphrase.strip()) < 12:
        raise SyncError("The enrolment passphrase must be at least 12 characters.")
    salt = os.urandom(16)
    key = keys.derive_key(passphrase, salt, scrypt_n)
    marker = Marker(str(uuid.uuid4()), 1, salt, scrypt_n, keys.key_check(key))
    try:
        transport.fs.makedirs(root)
        transport.fs.makedirs(root / DEVICES)
    except OSError as exc:
        raise ShareFault(f"{root} cannot be created: {exc.strerror}.") from exc
    transport.write_marker(marker.to_bytes())
    enrol(transport, marker.share_id, key, device_id, device_code)
    return Enrolled(marker.share_id, key, shown)


def join_share(
    root: Path, passphrase: str, device_id: str, device_code: str, fs: ShareFS | None = None,
    scrypt_n: int = SCRYPT_N,
) -> Enrolled:
    """Enrol on the share with its passphrase; a share whose passphrase costs less to
    guess than ``scrypt_n`` is raised to it while the passphrase is at hand."""
    transport = FolderTransport(Path(root), fs)
    marker = read_marker(transport)
    key = marker.team_key(passphrase)
    if key is None:
        raise SyncError("That enrolment passphrase is not this share's. Nothing was changed.")
    enrol(transport, marker.share_id, key, device_id, device_code)
    if marker.scrypt_n < scrypt_n:
        raise_cost(transport, marker, passphrase, key, scrypt_n)
    return Enrolled(marker.share_id, key, None)


def raise_cost(transport: FolderTransport, marker: Marker, passphrase: str, key: bytes,
               scrypt_n: int) -> Marker:
    """Rewrite the marker so the passphrase is checked at ``scrypt_n``, keeping the team
    key itself (every laptop goes on syncing with the key it holds): the key is now
    wrapped under the passphrase's key, derived with a fresh salt at the new cost."""
    salt = os.urandom(16)
    derived = keys.derive_key(passphrase, salt, scrypt_n)
    nonce = os.urandom(12)
    upgraded = Marker(marker.share_id, FORMAT, salt, scrypt_n, keys.key_check(key),
                      nonce + AESGCM(derived).encrypt(nonce, key, _WRAP))
    transport.replace_marker(upgraded.to_bytes())
    return upgraded


def enrol(transport: FolderTransport, share_id: str, key: bytes, device_id: str, code: str) -> None:
    """Record this device on the share; refuse a device code another device holds.

    The caller keeps the key (``keys.keep_key``): where depends on the profile."""
    for other in transport.devices():
        raw = transport.read_enrolment(other)
        if raw is None:
            continue
        try:
            record = json.loads(raw)
        except ValueError:
            continue
        if other != device_id and record.get("device_code") == code:
            raise SyncError(
                f"Another device on this share already uses the case-reference code {code}; "
                "case references would clash. This device was not enrolled."
            )
    if transport.read_enrolment(device_id) is None:
        transport.put_enrolment(
            device_id, json.dumps({"device_id": device_id, "device_code": code}).encode()
        )


@dataclass(frozen=True)
class Probe:
    online: bool
    message: str
    share_id: str | None = None


def probe(root: Path, timeout: float, expect_share: str | None = None,
          fs: ShareFS | None = None) -> Probe:
    """Read the marker in a worker thread; a hung network mount cannot block the caller."""
    result: list[Probe] = []

    def work() -> None:
        try:
            marker = read_marker(FolderTransport(Path(root), fs))
        except NotConnected as exc:
            result.append(Probe(False, str(exc)))
            return
        except Exception as exc:
            result.append(Probe(False, f"{root} is not connected: {exc}"))
            return
        if expect_share and marker.share_id != expect_share:
            result.append(Probe(False, f"{root} is another team's share; not connected."))
        else:
            result.append(Probe(True, "Connected to the team share.", marker.share_id))

    worker = threading.Thread(target=work, name="asb-share-probe", daemon=True)
    worker.start()
    worker.join(timeout)
    if not result:
        return Probe(False, f"The share at {root} did not answer within {timeout:g} s.")
    return result[0]
