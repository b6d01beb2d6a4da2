"""Opening an encrypted profile (key derivation included) against an unencrypted one.

Run: make bench, or .venv/bin/python bench/open_profile.py [--quick] (target: encrypted open <= 300 ms).
Uses the OS keyring when one answers (``make bench`` starts gnome-keyring where it
is installed); otherwise an in-memory stand-in, and says so.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import keyring

from asb_desktop.app import DB_NAME, create_profile, open_profile
from asb_desktop.security.keys import PASSPHRASE_ENV, ProfileKeys, keyring_usable
from asb_desktop.store.engine import open_engine
from asb_desktop.store.migrate import upgrade
from tests.keyrings import MemoryKeyring, NoKeyring

ROUNDS = 7


def _median_ms(fn: object) -> float:
    times = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def report() -> None:
    backend = keyring.get_keyring()
    where = f"OS keyring ({type(backend).__module__})"
    if not keyring_usable(backend):
        backend, where = MemoryKeyring(), "in-memory stand-in: no OS keyring here"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        keyring_keys = ProfileKeys(backend=backend)
        create_profile(root / "k", "Sam Officer", "officer", keys=keyring_keys).close()
        os.environ[PASSPHRASE_ENV] = "bench passphrase long enough"
        phrase_keys = ProfileKeys(backend=NoKeyring())
        create_profile(root / "p", "Sam Officer", "officer", keys=phrase_keys).close()
        del os.environ[PASSPHRASE_ENV]

        plain = root / "plain"
        plain.mkdir()
        store = open_engine(plain / DB_NAME, None)
        upgrade(store, None)
        store.close()

        def open_plain() -> None:
            s = open_engine(plain / DB_NAME, None)
            upgrade(s, None)
            with s.sessions() as session:
                session.connection().exec_driver_sql("SELECT count(*) FROM sqlite_master").all()
            s.close()

        def open_keyring() -> None:
            open_profile(root / "k", keys=keyring_keys).close()

        def open_phrase() -> None:
            os.environ[PASSPHRASE_ENV] = "bench passphrase long enough"
            try:
                open_profile(root / "p", keys=phrase_keys).close()
            finally:
                del os.environ[PASSPHRASE_ENV]

        open_plain(), open_keyring(), open_phrase()  # warm imports
        print(f"unencrypted store open + schema check : {_median_ms(open_plain):7.1f} ms")
        print(f"encrypted, key from keyring          : {_median_ms(open_keyring):7.1f} ms   [{where}]")
        print(f"encrypted, key by scrypt passphrase  : {_median_ms(open_phrase):7.1f} ms")
        print(f"(median of {ROUNDS}; target <= 300 ms for an encrypted open)")
        keyring_keys.forget(root / "k")


if __name__ == "__main__":
    if "--quick" in sys.argv[1:]:  # one round: checks the bench runs, the figure means little
        ROUNDS = 1
    report()
