"""The profile's database key: random and kept in the OS keyring, or derived
from a passphrase where no keyring can be used. Never a plaintext fallback.

Beside the database sits ``profile.keyinfo``: a small JSON file that says how
the key is held (``keyring`` with the entry's name, or ``passphrase`` with the
scrypt salt and cost). It holds nothing secret; without it, or without the
keyring entry or passphrase it points to, the profile cannot be opened and the
officer is told why.

A passphrase record comes in two shapes. Older profiles (``check`` present)
used the scrypt output itself as the database key, at N=2**15. Newer ones
(``wrapped`` present) keep a random database key sealed (AES-GCM) under a key
stretched from the passphrase at N=2**17 or more. Because the database key is
sealed rather than derived, an old record is upgraded the next time the right
passphrase is typed by sealing the *same* key under the new cost: the database
is never re-keyed and cannot be lost half-way. The cost is stored in the record,
so each profile opens with the cost it was written with.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.errors
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from keyring.backend import KeyringBackend

from asb_desktop.files import make_private
from asb_desktop.security.keyinfo import KEYINFO_NAME as KEYINFO_NAME
from asb_desktop.security.keyinfo import PASSPHRASE_ENV as PASSPHRASE_ENV
from asb_desktop.security.keyinfo import SERVICE as SERVICE
from asb_desktop.security.keyinfo import KeyInfoDamaged as KeyInfoDamaged
from asb_desktop.security.keyinfo import ProfileKeyError as ProfileKeyError
from asb_desktop.security.keyinfo import read_info, write_info

KEY_BYTES = 32
#: scrypt cost for new and upgraded records: 128 MiB and ~0.4 s here, so a guesser
#: with a copied folder pays that per guess. Records below it are upgraded.
SCRYPT_N = 2**17
#: What profiles made before the upgrade used; kept only to describe them.
LEGACY_SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
MIN_PASSPHRASE = 10

#: Called with the reason a passphrase is needed; returns the passphrase typed.
AskPassphrase = Callable[[str], str]


class KeyUnavailable(ProfileKeyError):
    """No key can be had: no keyring, no passphrase, or the entry is gone."""


class WrongPassphrase(ProfileKeyError):
    """The passphrase typed is not the profile's: worth asking again, unlike a
    damaged file, which no retyping can fix."""


WRONG_PASSPHRASE = "That passphrase is not right. Nothing has been changed."
_CHECK_LABEL = b"asb-desktop profile passphrase check v1"


def passphrase_check(key: bytes) -> str:
    """A value kept beside the salt that tells a mistyped passphrase from a damaged
    file. It gives a guesser nothing the encrypted file does not: each guess still
    costs a full scrypt derivation, and a raw key cannot be recovered from it."""
    return hmac.new(key, _CHECK_LABEL, hashlib.sha256).hexdigest()


PASSPHRASE_REASON = "This profile is protected by a passphrase."
NO_KEYRING_REASON = (
    "This computer has no usable password store (keyring), so the profile's "
    "encryption key cannot be kept there. A passphrase protects the profile instead; "
    "it is needed every time the profile is opened."
)


def keyring_usable(backend: KeyringBackend) -> bool:
    """A backend that would silently fail or store in plain text is not usable."""
    name = type(backend).__module__ + "." + type(backend).__name__
    if name.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return False
    if "plaintext" in name.lower():
        return False
    try:
        return float(backend.priority) > 0  # type: ignore[arg-type]
    except Exception:
        return False


def derive_key(passphrase: str, salt: bytes, n: int = SCRYPT_N,
               r: int = SCRYPT_R, p: int = SCRYPT_P) -> bytes:
    kdf = Scrypt(salt=salt, length=KEY_BYTES, n=n, r=r, p=p)
    return kdf.derive(passphrase.encode("utf-8"))


_WRAP_LABEL = b"asb-desktop profile key sealed v2"


def seal_key(passphrase: str, key: bytes) -> dict[str, object]:
    """A passphrase record holding ``key`` sealed under the passphrase at today's
    cost. The AES-GCM tag also tells a mistyped passphrase from the right one."""
    return _seal(passphrase, key)[0]


def _seal(passphrase: str, key: bytes) -> tuple[dict[str, object], bytes]:
    salt = secrets.token_bytes(16)
    kek = derive_key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(kek).encrypt(nonce, key, _WRAP_LABEL)
    info: dict[str, object] = {"mode": "passphrase", "kdf": "scrypt", "salt": salt.hex(),
                               "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                               "wrapped": (nonce + sealed).hex()}
    return info, kek


def _unseal(kek: bytes, wrapped: bytes) -> bytes | None:
    try:
        return AESGCM(kek).decrypt(wrapped[:12], wrapped[12:], _WRAP_LABEL)
    except InvalidTag:
        return None


@dataclass
class ProfileKeys:
    """Makes and finds profile keys; the composition root's key provider.

    ``backend`` defaults to the OS keyring; ``ask_passphrase`` is how a front
    end asks the officer (the window shows a dialog, the command line prompts).
    ``ASB_DESKTOP_PASSPHRASE`` serves unattended use and is weaker: the
    passphrase sits in the process environment.
    """

    backend: KeyringBackend | None = None
    ask_passphrase: AskPassphrase | None = None
    #: How many times ``ask_passphrase`` is asked before a wrong passphrase is
    #: refused. The window asks once per job and re-asks itself on WrongPassphrase.
    passphrase_tries: int = 1

    def _backend(self) -> KeyringBackend:
        return self.backend if self.backend is not None else keyring.get_keyring()

    def _passphrase(self, reason: str) -> str:
        env = os.environ.get(PASSPHRASE_ENV)
        if env:
            return env
        if self.ask_passphrase is None:
            raise KeyUnavailable(
                f"{reason} Set {PASSPHRASE_ENV} for unattended use, or open the "
                "profile from the app so it can ask."
            )
        return self.ask_passphrase(reason)

    def passphrase_reason(self, folder: Path) -> str | None:
        """Why a passphrase will be needed to open or create the profile in ``folder``,
        or None when the keyring (or ``ASB_DESKTOP_PASSPHRASE``) will do. Front ends
        call this first so they can ask on their own thread, before the slow work."""
        if os.environ.get(PASSPHRASE_ENV):
            return None
        info_path = Path(folder) / KEYINFO_NAME
        if info_path.exists():
            info = read_info(info_path)
            return PASSPHRASE_REASON if info.get("mode") == "passphrase" else None
        return None if keyring_usable(self._backend()) else NO_KEYRING_REASON

    def new_key(self, folder: Path) -> bytes:
        """A key for a new profile, stored before the database exists."""
        info_path = Path(folder) / KEYINFO_NAME
        if info_path.exists():
            raise ProfileKeyError(f"{info_path} already exists; the profile folder is not empty.")
        backend = self._backend()
        if keyring_usable(backend):
            key = secrets.token_bytes(KEY_BYTES)
            entry = str(uuid.uuid4())
            try:
                backend.set_password(SERVICE, entry, key.hex())
            except keyring.errors.KeyringError as exc:
                raise KeyUnavailable(
                    f"The password store refused the profile's key ({exc}). Unlock it and try again."
                ) from exc
            info: dict[str, object] = {"mode": "keyring", "service": SERVICE, "entry": entry}
        else:
            phrase = self._passphrase(NO_KEYRING_REASON)
            if len(phrase) < MIN_PASSPHRASE:
                raise KeyUnavailable(
                    f"The passphrase must be at least {MIN_PASSPHRASE} characters long."
                )
            key = secrets.token_bytes(KEY_BYTES)
            info = seal_key(phrase, key)
        write_info(info_path, info)
        return key

    def key_for(self, folder: Path) -> bytes:
        """The key of an existing profile, or a clear refusal; never a guess."""
        info_path = Path(folder) / KEYINFO_NAME
        if not info_path.exists():
            raise KeyUnavailable(
                f"The profile in {folder} has no {KEYINFO_NAME} file, so its key cannot be "
                "found. Nothing has been changed."
            )
        make_private(info_path)  # records from before files were made owner-only
        info = read_info(info_path)
        if info.get("mode") == "keyring":
            try:
                stored = self._backend().get_password(str(info["service"]), str(info["entry"]))
            except keyring.errors.KeyringError as exc:
                raise KeyUnavailable(
                    f"The password store could not be read ({exc}). Unlock it and try again."
                ) from exc
            if not stored:
                raise KeyUnavailable(
                    "The profile's key is not in this computer's password store (keyring); "
                    "it may have been removed or the profile copied from another computer. "
                    "Nothing has been changed."
                )
            try:
                return bytes.fromhex(stored)
            except ValueError as exc:
                raise KeyUnavailable("The profile's key in the password store is damaged.") from exc
        if info.get("mode") == "passphrase":
            try:
                salt = bytes.fromhex(str(info["salt"]))
                n = int(str(info["n"]))
                r = int(str(info.get("r", SCRYPT_R)))
                p = int(str(info.get("p", SCRYPT_P)))
                wrapped = bytes.fromhex(str(info["wrapped"])) if "wrapped" in info else None
            except (KeyError, ValueError) as exc:
                raise KeyInfoDamaged(f"{info_path} is damaged; the key cannot be derived.") from exc
            phrase, key = self._derive_checked(salt, (n, r, p), wrapped, info.get("check"))
            if phrase is not None and n < SCRYPT_N:
                self._upgrade(info_path, info, phrase, key)
            return key
        raise KeyInfoDamaged(f"{info_path} is damaged; it does not say how the key is kept.")

    def _derive_checked(self, salt: bytes, cost: tuple[int, int, int], wrapped: bytes | None,
                        check: object) -> tuple[str | None, bytes]:
        """The key from the passphrase, asked again (up to ``passphrase_tries``
        times in all) while it is not the right one. Returns the passphrase too
        when it is known to be right, so an old record can be upgraded; records
        with neither a seal nor a check are left for the database to refuse."""
        n, r, p = cost
        reason = PASSPHRASE_REASON
        for _ in range(max(1, self.passphrase_tries)):
            phrase = self._passphrase(reason)
            stretched = derive_key(phrase, salt, n, r, p)
            if wrapped is not None:
                key = _unseal(stretched, wrapped)
                if key is not None:
                    return phrase, key
            elif not isinstance(check, str):
                return None, stretched
            elif hmac.compare_digest(passphrase_check(stretched), check):
                return phrase, stretched
            if os.environ.get(PASSPHRASE_ENV):
                break  # the same value would only be read again
            reason = f"{WRONG_PASSPHRASE} Try again."
        raise WrongPassphrase(WRONG_PASSPHRASE)

    def _upgrade(self, info_path: Path, old: dict[str, object], phrase: str,
                 key: bytes) -> None:
        """Seal the same key under today's cost, check the new record gives it back,
        then swap it in whole (written atomically). If any step fails the old
        record stays and still opens the profile: an upgrade may wait, a key may
        never be lost."""
        info, kek = _seal(phrase, key)
        try:
            write_info(info_path, info)
        except OSError:
            return  # written atomically: the old record is still there, whole
        try:
            gives_key_back = _unseal(kek, bytes.fromhex(str(read_info(info_path)["wrapped"]))) == key
        except (KeyError, ValueError, ProfileKeyError):
            gives_key_back = False
        if not gives_key_back:
            write_info(info_path, old)

    def forget(self, folder: Path) -> None:
        """Remove the key of a profile whose creation failed, so nothing is left behind."""
        info_path = Path(folder) / KEYINFO_NAME
        if not info_path.exists():
            return
        try:
            info = read_info(info_path)
            if info.get("mode") == "keyring":
                self._backend().delete_password(str(info["service"]), str(info["entry"]))
        except (ProfileKeyError, keyring.errors.KeyringError):
            pass  # best effort: the record below is removed whatever the store says
        info_path.unlink()

