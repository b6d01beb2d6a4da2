"""The command line's sync commands and the connectivity probe."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from asb_desktop.cli.main import main
from asb_desktop.sync.share import probe
from asb_desktop.sync.transport import LocalFS
from tests.conftest import noise_report
from tests.sync.conftest import Device, count, open_devices


@pytest.fixture
def devices(template_profiles: list[Path], tmp_path: Path) -> list[Device]:
    found = open_devices(template_profiles, tmp_path)
    for d in found:
        d.app.close()  # the command line opens each profile itself
    return found


def test_share_init_join_and_sync_from_the_command_line(
    devices: list[Device], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a, b, _ = (d.app.folder for d in devices)
    share = tmp_path / "share"
    assert main(["--profile", str(a), "share", "init", str(share), "--generate"]) == 0
    out = capsys.readouterr().out
    code = out.strip().splitlines()[-1].strip()
    assert "shown once" in out and len(code) == 29
    monkeypatch.setenv("ASB_SHARE_PASSPHRASE", code)
    assert main(["--profile", str(b), "share", "join", str(share)]) == 0
    # B waits for A (the laptop that set the share up) to enrol it.
    assert main(["--profile", str(a), "share", "devices"]) == 0
    listed = capsys.readouterr().out
    waiting = next(line for line in listed.splitlines() if "Waiting to be enrolled" in line)
    assert "Ben Officer" in waiting
    assert main(["--profile", str(a), "share", "enrol", waiting.split()[0]]) == 0
    assert "Enrolled Ben Officer's laptop" in capsys.readouterr().out
    assert main(["--profile", str(a), "sync"]) == 0
    assert main(["--profile", str(b), "sync"]) == 0
    assert "received" in capsys.readouterr().out
    assert main(["--profile", str(b), "share", "status"]) == 0
    assert "Connected to the team share" in capsys.readouterr().out
    # A bundle damaged on the share: synced, but held back, exit 1.
    from asb_desktop.app import open_profile

    app = open_profile(a)
    app.reports.log_report(noise_report())
    app.close()
    assert main(["--profile", str(a), "sync"]) == 0
    bundle = next((share / "devices").glob("*/0000000002.asbb"))
    good = bundle.read_bytes()
    bundle.write_bytes(good[:-5])
    assert main(["--profile", str(b), "sync"]) == 1
    assert "held back" in capsys.readouterr().err
    bundle.write_bytes(good)
    # The share gone: exit 3 and a plain message.
    shutil.move(share, tmp_path / "away")
    assert main(["--profile", str(b), "sync"]) == 3
    assert "not connected" in capsys.readouterr().err
    shutil.move(tmp_path / "away", share)
    assert main(["--profile", str(b), "sync"]) == 0
    app = open_profile(b)
    assert count(app, "reports") == 1
    app.close()


class HangingFS(LocalFS):
    """A network mount that stopped answering."""

    def __init__(self) -> None:
        self.release = threading.Event()

    def read(self, path: Path) -> bytes:
        self.release.wait(10)
        return super().read(path)


def test_probe_gives_up_on_a_share_that_does_not_answer(tmp_path: Path) -> None:
    fs = HangingFS()
    start = time.monotonic()
    found = probe(tmp_path, 0.3, fs=fs)
    assert time.monotonic() - start < 2
    assert not found.online and "did not answer within 0.3 s" in found.message
    fs.release.set()
    assert not probe(tmp_path, 2).online  # an empty folder: not connected


def test_sync_runs_by_itself_once_the_share_answers_again(
    template_profiles: list[Path], tmp_path: Path
) -> None:
    a, b, _ = open_devices(template_profiles, tmp_path)
    share = tmp_path / "share"
    a.sync.init_share(share, "a long enough passphrase")
    b.sync.join_share(share, "a long enough passphrase")
    a.app.reports.log_report(noise_report())
    shutil.move(share, tmp_path / "unplugged")
    assert a.sync.sync_if_reachable(0.5) is None
    assert a.sync.status(0.5).unsent_changes > 0
    shutil.move(tmp_path / "unplugged", share)
    report = a.sync.sync_if_reachable(0.5)
    assert report is not None and report.pushed_changes > 0
    assert a.sync.status(0.5).unsent_changes == 0
    b_report = b.sync.sync_if_reachable(0.5)
    assert b_report is not None and count(b.app, "reports") == 1
    a.app.close()
    b.app.close()
