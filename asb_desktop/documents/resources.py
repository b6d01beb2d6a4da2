"""Where the packaged fonts and letter templates are found at run time.

They live inside the package (``asb_desktop/resources``) rather than in the
repository's top-level ``resources/`` because only the package is installed
(``pyproject.toml`` ships ``resources/**/*`` as package data and Briefcase
bundles ``asb_desktop`` alone): a wheel or an app bundle has no repository
around it. A landlord edits letters in an override folder instead (see
:func:`template_path`), so an upgrade never overwrites their wording.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

PACKAGED = Path(__file__).resolve().parent.parent / "resources"
FONTS = PACKAGED / "fonts"
TEMPLATES = PACKAGED / "templates"


def template_path(name: str, overrides: Sequence[Path] = ()) -> Path:
    """The first folder holding ``name`` wins, so a landlord's copy beats ours."""
    for folder in [*overrides, TEMPLATES]:
        candidate = Path(folder) / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(name)


def logo_path(name: str, overrides: Sequence[Path] = ()) -> Path | None:
    """The landlord's logo from a ``logos`` folder beside the letter templates, or None.

    A missing logo leaves the letterhead as text rather than stopping a letter;
    ``asb-desktop settings`` is where a wrong file name is pointed out.
    """
    try:
        return template_path(f"logos/{Path(name).name}", overrides)
    except FileNotFoundError:
        return None
