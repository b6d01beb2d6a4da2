"""Keyring backends for tests. The OS password store is the edge of the process,
so tests may replace it; a real Secret Service is exercised separately.

``FileKeyring`` serves the whole session, the test process and every child
process a test starts (through ``PYTHON_KEYRING_BACKEND``), so profiles made by
session fixtures or by a child command can be opened anywhere in the run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

#: Where the session's ``FileKeyring`` keeps its entries; set for child processes too.
FILE_ENV = "ASB_TEST_KEYRING_FILE"


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._entries: dict[tuple[str, str], str] = {}

    @property
    def entries(self) -> dict[tuple[str, str], str]:
        return self._load()

    def _load(self) -> dict[tuple[str, str], str]:
        return self._entries

    def _save(self, entries: dict[tuple[str, str], str]) -> None:
        self._entries = entries

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._load()
        entries[(service, username)] = password
        self._save(entries)

    def delete_password(self, service: str, username: str) -> None:
        entries = self._load()
        if entries.pop((service, username), None) is None:
            raise PasswordDeleteError("no such entry")
        self._save(entries)

    def forget_service(self, service: str) -> None:
        self._save({k: v for k, v in self._load().items() if k[0] != service})


class FileKeyring(MemoryKeyring):
    """Entries in a JSON file named by ``ASB_TEST_KEYRING_FILE``, shared with child processes."""

    def _path(self) -> Path:
        return Path(os.environ[FILE_ENV])

    def _load(self) -> dict[tuple[str, str], str]:
        try:
            rows = json.loads(self._path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return {(s, u): p for s, u, p in rows}

    def _save(self, entries: dict[tuple[str, str], str]) -> None:
        tmp = self._path().with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps([[s, u, p] for (s, u), p in entries.items()]), encoding="utf-8")
        os.replace(tmp, self._path())


class NoKeyring(MemoryKeyring):
    """What keyring reports on a machine with no usable password store."""

    priority = 0  # type: ignore[assignment]
