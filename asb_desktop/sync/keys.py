"""The team key: derived from the enrolment passphrase, kept in the OS keyring.

Every device of a team derives the same key from the same passphrase and the
share's salt, so a device can enrol without any key being copied around; a key
check value in the marker tells a wrong passphrase apart from a damaged bundle.
The key never touches the share.

Where the OS keyring cannot hold it (a laptop whose profile runs on a
passphrase because it has no usable keyring), the key is kept inside the
encrypted profile instead (``PROFILE_KEY``, a local-only meta row): it is then
exactly as safe as the case data it protects, and such a laptop can sync.
Without this, it could open its profile but never sync.
"""

from __future__ import annotations

import base64
import os
import secrets

import keyring
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from asb_desktop.store import meta
from asb_desktop.store.unit import Unit
from asb_desktop.sync.errors import KeyMissing, SyncError

SERVICE = "asb-desktop"
KEY_BYTES = 32
#: Meta row holding the team key in the profile where the keyring could not.
PROFILE_KEY = "sync.team_key"
_CHECK_TEXT = b"asb-desktop team key check"


def keyring_user(share_id: str) -> str:
    return f"team-key:{share_id}"


def new_passphrase() -> str:
    """A random enrolment code, shown once, in groups an officer can read out."""
    raw = base64.b32encode(secrets.token_bytes(15)).decode().rstrip("=")
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def derive_key(passphrase: str, salt: bytes, n: int) -> bytes:
    normalised = " ".join(passphrase.split()).encode()
    return Scrypt(salt=salt, length=KEY_BYTES, n=n, r=8, p=1).derive(normalised)


def key_check(key: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, _CHECK_TEXT, b"key-check")


def verify_key(key: bytes, check: bytes) -> bool:
    try:
        return AESGCM(key).decrypt(check[:12], check[12:], b"key-check") == _CHECK_TEXT
    except (InvalidTag, ValueError):
        return False


def store_key(share_id: str, key: bytes) -> None:
    try:
        keyring.set_password(SERVICE, keyring_user(share_id), base64.b64encode(key).decode())
    except keyring.errors.KeyringError as exc:
        raise SyncError(
            f"The team key could not be saved in this computer's keyring: {exc}"
        ) from exc


def load_key(share_id: str) -> bytes:
    try:
        text = keyring.get_password(SERVICE, keyring_user(share_id))
    except keyring.errors.KeyringError as exc:
        raise KeyMissing(f"The keyring could not be read ({exc}); unlock it and try again.") from exc
    if not text:
        raise KeyMissing(
            "This device holds no key for the team share. Join the share again with "
            "the team's enrolment passphrase."
        )
    key = base64.b64decode(text)
    if len(key) != KEY_BYTES:
        raise KeyMissing("The team key in the keyring is damaged; join the share again.")
    return key


def keep_in_keyring(share_id: str, key: bytes) -> bool:
    """Try the OS keyring; False when it cannot keep the key here, and the caller
    then keeps it in the profile (``profile_entry``) in its own write."""
    try:
        store_key(share_id, key)
    except SyncError:
        return False
    return True


def profile_entry(share_id: str, key: bytes) -> str:
    """The ``PROFILE_KEY`` meta value: which share, and its key."""
    return f"{share_id}:{base64.b64encode(key).decode()}"


def team_key(unit: Unit, share_id: str) -> bytes:
    """The team key for ``share_id``: from the keyring, or from the profile where
    the keyring could not keep it (or cannot be read on this laptop now)."""
    with unit.store.sessions() as s:
        kept = meta.get(s, PROFILE_KEY) or ""
    owner, _, text = kept.partition(":")
    try:
        return load_key(share_id)
    except KeyMissing:
        if owner != share_id or not text:
            raise
    key = base64.b64decode(text)
    if len(key) != KEY_BYTES:
        raise KeyMissing("The team key kept in this profile is damaged; join the share again.")
    return key
