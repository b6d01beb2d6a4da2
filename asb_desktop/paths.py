"""Where profiles live, known without importing the store or the controllers
(the command line and the window's first page need this before anything heavy)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DB_NAME = "profile.db"


def default_profile_dir() -> Path:
    env = os.environ.get("ASB_DESKTOP_PROFILE")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("asb-desktop", appauthor=False)) / "profile"


def profile_exists(folder: Path) -> bool:
    return (folder / DB_NAME).exists()
