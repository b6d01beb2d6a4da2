"""This device's own key pairs: one to sign what it sends, one to receive case keys.

The team key only says "someone who knows the enrolment passphrase wrote
this"; every officer's laptop knows it. To tell one laptop from another, each
device signs its bundles with its own Ed25519 key, whose public half a
supervisor enrols in the share's roster (``roster``), and receives the keys of
restricted cases wrapped for its own X25519 key (``sealing``). The private
halves live where the team key lives: the OS keyring, or, on a laptop without
a usable keyring, inside the encrypted profile (``PROFILE_DEVICE_KEY``), never
on the share.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass

import keyring
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from asb_desktop.store import meta
from asb_desktop.store.unit import Unit
from asb_desktop.sync.errors import KeyMissing
from asb_desktop.sync.keys import PROFILE_KEY, SERVICE

#: Meta row holding the private keys where the keyring could not (local-only, encrypted profile).
PROFILE_DEVICE_KEY = "sync.device_key"


def keyring_user(device_id: str) -> str:
    return f"device-key:{device_id}"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode(), validate=True)


def _raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class PublicKeys:
    """What the share may know of a device: the halves others check and wrap with."""

    sign: bytes
    box: bytes

    @property
    def fingerprint(self) -> str:
        """Twelve characters an officer can read out to a supervisor over the phone,
        so the supervisor enrols the laptop that is really theirs."""
        digest = hashlib.sha256(self.sign + self.box).hexdigest()[:12].upper()
        return "-".join(digest[i : i + 4] for i in range(0, 12, 4))

    def verifier(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.sign)

    def box_key(self) -> X25519PublicKey:
        return X25519PublicKey.from_public_bytes(self.box)


@dataclass(frozen=True)
class DeviceKeys:
    sign: Ed25519PrivateKey
    box: X25519PrivateKey

    @classmethod
    def new(cls) -> DeviceKeys:
        return cls(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    @property
    def public(self) -> PublicKeys:
        return PublicKeys(_raw_public(self.sign.public_key()), _raw_public(self.box.public_key()))

    def encode(self) -> str:
        return json.dumps({"sign": b64(_raw_private(self.sign)), "box": b64(_raw_private(self.box))})

    @classmethod
    def decode(cls, text: str) -> DeviceKeys:
        try:
            d = json.loads(text)
            return cls(Ed25519PrivateKey.from_private_bytes(unb64(d["sign"])),
                       X25519PrivateKey.from_private_bytes(unb64(d["box"])))
        except (ValueError, KeyError, TypeError) as exc:
            raise KeyMissing("This device's own keys are damaged; make it a new device "
                             "on the share (Sync ▸ Team devices).") from exc


def keep(device_id: str, keys: DeviceKeys) -> bool:
    """Into the OS keyring; False when it cannot keep them here (the caller then
    keeps ``keys.encode()`` in the profile under ``PROFILE_DEVICE_KEY``)."""
    try:
        keyring.set_password(SERVICE, keyring_user(device_id), keys.encode())
    except keyring.errors.KeyringError:
        return False
    return True


def load(unit: Unit) -> DeviceKeys | None:
    """This device's keys from the keyring or the profile; None if it has none yet
    (a profile enrolled before devices signed, which makes its keys on next sync)."""
    device_id = unit.actor.device_id
    with unit.store.sessions() as s:
        kept = meta.get(s, PROFILE_DEVICE_KEY)
    if kept:
        return DeviceKeys.decode(kept)
    try:
        text = keyring.get_password(SERVICE, keyring_user(device_id))
    except keyring.errors.KeyringError as exc:
        if _no_keyring_here(unit):
            return None
        # Never "no keys, make new ones" on a keyring that is only locked: that would
        # give the laptop a second identity that the team's roster does not know.
        raise KeyMissing(f"The keyring could not be read ({exc}); unlock it and try again.") from exc
    return DeviceKeys.decode(text) if text else None


def _no_keyring_here(unit: Unit) -> bool:
    """This laptop keeps its team key in the profile because it has no usable keyring."""
    with unit.store.sessions() as s:
        return bool(meta.get(s, PROFILE_KEY))


def ensure(unit: Unit) -> DeviceKeys:
    """This device's keys, made and kept now if it has none."""
    found = load(unit)
    if found is not None:
        return found
    made = DeviceKeys.new()
    if _no_keyring_here(unit) or not keep(unit.actor.device_id, made):
        with unit.store.write_sessions() as s, s.begin():
            meta.put(s, PROFILE_DEVICE_KEY, made.encode())
    return made
