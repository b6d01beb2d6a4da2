"""Every capability the controllers offer is reachable from the window, or
is named here with the reason it is not.

The list is found, not kept by hand: each public method of each controller
class in ``asb_desktop.controllers`` must be called (or handed to the work
lane) somewhere in ``asb_desktop/gui/``. What belongs only to the command
line or to the controllers themselves, and what the window does not offer
yet, is in ``NOT_IN_THE_WINDOW`` with a one-line reason; the test also fails
when a name there has reached the window, so the list only shrinks.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import asb_desktop.controllers as controllers
import asb_desktop.domain as domain

GUI = Path(controllers.__file__).parent.parent / "gui"

NOT_IN_THE_WINDOW: dict[str, str] = {
    # Inside the controllers, or behind a method the window does call.
    "bootstrap": "internal: the first write of a new profile, made by create_profile",
    "check": "internal: LockPinController behind ProfileController.check_lock_pin",
    "set_pin": "internal: LockPinController behind ProfileController.set_lock_pin",
    "pin_hash": "internal: LockPinController behind ProfileController.lock_pin_hash",
    "collect": "internal: what a subject access export holds, read by its export methods",
    "csv_text": "internal: the CSV the export methods write",
    "landlord": "internal: who letters come from, read as a document is built",
    "override_needed": "internal to documents, and the command line's --override prompt",
    "add_person": "the window adds a new person with add_party(new=…), one write with the role",
    "get_person": "the window shows people with their case or from find_people, never alone",
    # Command-line only.
    "archive": "command line: a sync administrator's tidy-up of the team share",
    "open_case_obligations": "command line: every case's targets at once (`policy due`)",
    "find_case": "command line: a case by reference for `asb letter` and `asb summary`",
    "export_summary": "command line: the window prints summaries through its own preview",
    "export_letter": "command line: the window prints and saves letters through the preview",
    "export_visit_pack": "command line: the Tenancy visits tab prints packs through the preview",
    # The rest of the policy, still to come to the window.
    "questionnaire": "a risk assessment is kept on a case, so intake shows the proposed risk; "
                     "the case's form lists questionnaires() with their questions",
}


def controller_methods() -> dict[str, list[str]]:
    """Method name -> the controller classes that offer it."""
    found: dict[str, list[str]] = {}
    for info in pkgutil.walk_packages(controllers.__path__, controllers.__name__ + "."):
        module = importlib.import_module(info.name)
        for cls_name, cls in inspect.getmembers(module, inspect.isclass):
            if not cls_name.endswith("Controller") or cls.__module__ != module.__name__:
                continue
            for name, member in vars(cls).items():
                if name.startswith("_") or not (inspect.isfunction(member)
                                                or isinstance(member, property)):
                    continue
                found.setdefault(name, []).append(cls_name)
    return found


def gui_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(GUI.rglob("*.py")))


def data_fields() -> set[str]:
    """Field names of the domain's records (``offer.refer_back`` is advice text,
    not ``PolicyController.refer_back``): such a name counts only when called."""
    names: set[str] = set()
    for info in pkgutil.walk_packages(domain.__path__, domain.__name__ + "."):
        for _n, cls in inspect.getmembers(importlib.import_module(info.name), inspect.isclass):
            if dataclasses.is_dataclass(cls):
                names.update(f.name for f in dataclasses.fields(cls))
    return names


def unreached() -> dict[str, list[str]]:
    """Called, or handed on as a callable (``ops.run(policy.services, …)``,
    ``audit.view_case if … else …``); a record's field of the same name is not a call."""
    text, fields = gui_text(), data_fields()
    out = {}
    for name, owners in controller_methods().items():
        n = re.escape(name)
        ways = [rf"\.{n}\s*\(", rf"run\(\s*[\w.]+\.{n}\s*[,)]", rf"\.{n}\s+if\b",
                rf"\belse\s+[\w.]+\.{n}\b"]
        if name not in fields:
            ways.append(rf"\.{n}\s*[,)]")
        if not any(re.search(way, text) for way in ways):
            out[name] = owners
    return out


def test_every_controller_method_is_in_the_window_or_named_with_a_reason() -> None:
    missing = {f"{'/'.join(owners)}.{name}" for name, owners in unreached().items()
               if name not in NOT_IN_THE_WINDOW}
    assert not missing, f"not called from gui/ and not in NOT_IN_THE_WINDOW: {sorted(missing)}"


def test_the_list_holds_only_what_the_window_still_lacks() -> None:
    methods, gone = controller_methods(), unreached()
    stale = {name for name in NOT_IN_THE_WINDOW if name not in methods or name not in gone}
    assert not stale, f"in the window now, or no longer a controller method: {sorted(stale)}"
    assert all(reason.strip() for reason in NOT_IN_THE_WINDOW.values())
