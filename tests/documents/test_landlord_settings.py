"""The landlord's details in settings.toml, as ``asb-desktop settings`` shows and checks them."""

from __future__ import annotations

from pathlib import Path

import pytest

from asb_desktop.cli.main import main
from asb_desktop.domain.settings import load_policy


def test_settings_show_the_landlord_and_what_letters_still_need(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "settings.toml").write_text(
        '[landlord]\nname = "Larch Housing"\naddress = "2 Mill Lane\\nEastbrook"\n'
        'email = "asb@larch.example.org"\nlogo = "larch.png"\n', "utf-8")
    assert main(["settings", "--folder", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "name       Larch Housing" in out and "address    2 Mill Lane Eastbrook" in out
    assert "phone      (not set)" in out
    assert "until these are set: phone, complaints" in out
    assert "The logo larch.png is not in" in out
    landlord = load_policy(tmp_path).landlord
    assert landlord.address_lines == ("2 Mill Lane", "Eastbrook")
    assert "Housing Ombudsman" in landlord.ombudsman  # the default route when none is worded


def test_a_landlord_key_of_the_wrong_type_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "settings.toml").write_text("[landlord]\nphone = 1234\n", "utf-8")
    assert main(["settings", "--folder", str(tmp_path)]) == 2
    assert "[landlord]: phone: must be text" in capsys.readouterr().err
