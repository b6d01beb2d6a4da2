"""What is on the app's screen now, read through AT-SPI as a screen reader reads it.

Run by ``tests/gui/test_policy_walk_e2e.py`` with Debian's own Python (pyatspi
is the system package ``python3-pyatspi``) on the app's own D-Bus session. It
prints one JSON list: every showing node of every window of the app, with its
role, name, description, states and the part of it that is visible on screen
(its box clipped by the boxes of everything it sits in, so a button scrolled
out of its pane has no visible part) and whether all of it is. The test clicks the middle of that
visible part with a real mouse, and reads the names to check what the officer
would read. It changes nothing in the app.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import pyatspi  # type: ignore[import-not-found]

APP = "ASB Desktop"
#: Roles whose children are rows of data, read through the table itself.
DATA = ("table", "tree table", "list")
Box = tuple[int, int, int, int]  # left, top, right, bottom


def clip(a: Box, b: Box) -> Box:
    return max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])


def walk(node: Any, window: str, within: Box, out: list[dict[str, Any]]) -> None:
    try:
        states = node.getState()
        role = node.getRoleName()
        e = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    except Exception:  # a node that went away while being read
        return
    if not states.contains(pyatspi.STATE_SHOWING):
        return
    if role in ("frame", "dialog"):
        window = node.name or ""
    own = (e.x, e.y, e.x + e.width, e.y + e.height)
    here = clip(within, own)
    if role not in ("frame", "dialog") and (here[2] <= here[0] or here[3] <= here[1]):
        return  # scrolled out of sight, or no size
    out.append({
        "window": window, "role": role, "name": node.name or "",
        "description": node.description or "",
        "box": list(here), "whole": here == own,
        "focused": states.contains(pyatspi.STATE_FOCUSED),
        "checked": states.contains(pyatspi.STATE_CHECKED),
        "enabled": states.contains(pyatspi.STATE_ENABLED),
    })
    if role in DATA:
        return
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            walk(child, window, here, out)


def main() -> None:
    end = time.monotonic() + 30
    while True:
        desktop = pyatspi.Registry.getDesktop(0)
        apps = [desktop.getChildAtIndex(i) for i in range(desktop.childCount)]
        app = next((a for a in apps if a is not None and a.name == APP and a.childCount), None)
        if app is not None or time.monotonic() > end:
            break
        time.sleep(0.3)
    out: list[dict[str, Any]] = []
    if app is not None:
        everywhere = (-(10**6), -(10**6), 10**6, 10**6)
        for i in range(app.childCount):
            child = app.getChildAtIndex(i)
            if child is not None:
                walk(child, "", everywhere, out)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
