"""The team key: derived from the enrolment passphrase, kept in the OS keyring.

The key never touches the profile or the share. Every device of a team
derives the same key from the same passphrase and the share's salt, so a
device can enrol without any key being copied around; a key check value in
the marker tells a wrong passphrase apart from a damaged bundle.
"""

from __future__ import annotations

import base64
import os
import secrets

import keyring
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from asb_desktop.sync.errors import KeyMissing, SyncError

SERVICE = "asb-desktop"
KEY_BYTES = 32
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
