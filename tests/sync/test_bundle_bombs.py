"""Bundles made to hurt the reader: any enrolled laptop (a stolen one, say, before
a supervisor removes it) can sign one, so a laptop must meet a nesting bomb, a
decompression bomb or an oversized file with one clear "held back" line, never a
traceback, and keep applying everyone else's."""

from __future__ import annotations

import json
import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from asb_desktop.store import meta
from asb_desktop.sync import bundle as wire
from asb_desktop.sync import device_keys, keys
from asb_desktop.sync.device_keys import DeviceKeys
from tests.conftest import noise_report
from tests.sync.conftest import Device, count


def _seal(payload: bytes, key: bytes, share_id: str, device: str, seq: int, prev: str,
          count_: int, signer: DeviceKeys) -> bytes:
    """A bundle exactly as ``bundle.encode`` writes one, around any payload bytes,
    signed by the sending laptop's own enrolled key."""
    header = json.dumps({"share": share_id, "device": device, "seq": seq, "prev": prev,
                         "deps": {}, "count": count_}, sort_keys=True,
                        separators=(",", ":")).encode()
    prefix = wire.MAGIC + bytes([wire.VERSION]) + struct.pack(">I", len(header)) + header
    nonce = os.urandom(12)
    body = prefix + nonce + AESGCM(key).encrypt(nonce, payload, prefix)
    return body + signer.sign.sign(body)


def _nesting_bomb() -> bytes:
    deep = "[" * 200_000 + "]" * 200_000
    head = '{"c":"x","e":"reports","i":"y","o":"upsert","f":{"description":'
    change = head + deep + '},"h":"0","d":"z","u":null,"b":{}}'
    return zlib.compress(f"[{change}]".encode())


def _shallow_but_nested() -> bytes:
    value: object = "deep"
    for _ in range(40):
        value = [value]
    change = {"c": "x", "e": "reports", "i": "y", "o": "upsert", "f": {"description": value},
              "h": "0", "d": "z", "u": None, "b": {}}
    return zlib.compress(json.dumps([change]).encode())


def _size_bomb() -> bytes:
    inflater = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    parts = [inflater.compress(b"[")]
    parts += [inflater.compress(chunk) for _ in range(300)]  # 300 MB of spaces
    parts.append(inflater.compress(b"]") + inflater.flush())
    return b"".join(parts)


@pytest.mark.parametrize(("make", "words"), [
    (_nesting_bomb, "nests its values deeper"),
    (_shallow_but_nested, "nests its values deeper"),
    (_size_bomb, "larger than any bundle asb-desktop writes once unpacked"),
])
def test_a_bomb_is_held_back_in_one_line_and_the_rest_applies(
    team: list[Device], share: Path, make: Callable[[], bytes], words: str,
) -> None:
    a, b, c = team
    with a.app.unit.read() as s:
        share_id = meta.get(s, "sync.share_id") or ""
    key = keys.load_key(share_id)
    device = a.app.unit.actor.device_id
    folder = share / "devices" / device
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{1:010d}.asbb").write_bytes(_seal(make(), key, share_id, device, 1, "", 1,
                                                             device_keys.ensure(a.app.unit)))
    c.app.reports.log_report(noise_report(description="From the supervisor's laptop"))
    assert c.sync.sync_now().pushed_changes > 0  # C meets the bomb too, and still sends
    report = b.sync.sync_now()
    assert len(report.quarantined) == 1
    assert words in report.quarantined[0] and "\n" not in report.quarantined[0]
    assert count(b.app, "reports") == 1  # C's report arrived all the same
    assert any(words in reason for reason in b.sync.status(1).held_back)


def test_an_oversized_file_is_not_read(team: list[Device], share: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, _ = team
    a.app.reports.log_report(noise_report())
    a.sync.sync_now()
    monkeypatch.setattr(wire, "MAX_BUNDLE_BYTES", 100)
    report = b.sync.sync_now()
    assert len(report.quarantined) == 1 and "larger than any bundle" in report.quarantined[0]
    monkeypatch.undo()
    assert b.sync.sync_now().complete and count(b.app, "reports") == 1
