"""Hybrid logical clock.

Sync merges ordinary fields last-writer-wins, so edits need an order that
survives laptops whose wall clocks are wrong. An HLC follows the wall clock
when it can, never runs backwards when the wall clock jumps back, and after
seeing a remote stamp always issues later ones. Stamps are fixed-width strings
so they sort as text in SQLite and compare as text in Python.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

_WALL_DIGITS = 13
_COUNTER_DIGITS = 6


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    device: str

    def encode(self) -> str:
        return f"{self.wall_ms:0{_WALL_DIGITS}d}.{self.counter:0{_COUNTER_DIGITS}d}.{self.device}"

    @classmethod
    def decode(cls, text: str) -> Stamp:
        wall, counter, device = text.split(".", 2)
        if len(wall) != _WALL_DIGITS or len(counter) != _COUNTER_DIGITS or not device:
            raise ValueError(f"not a clock stamp: {text!r}")
        return cls(int(wall), int(counter), device)


class HybridClock:
    """Issues strictly increasing stamps for one device. Thread-safe."""

    def __init__(self, device: str, last: Stamp | None = None) -> None:
        self._device = device
        self._wall = last.wall_ms if last else 0
        self._counter = last.counter if last else 0
        self._lock = threading.Lock()

    def now(self, physical_ms: int) -> Stamp:
        with self._lock:
            if physical_ms > self._wall:
                self._wall, self._counter = physical_ms, 0
            else:
                self._counter += 1
            return Stamp(self._wall, self._counter, self._device)

    def observe(self, remote: Stamp, physical_ms: int) -> None:
        """Move past a stamp seen from another device, so our next edit sorts after it."""
        with self._lock:
            wall = max(self._wall, remote.wall_ms, physical_ms)
            if wall == self._wall == remote.wall_ms:
                counter = max(self._counter, remote.counter)
            elif wall == self._wall:
                counter = self._counter
            elif wall == remote.wall_ms:
                counter = remote.counter
            else:
                counter = -1
            self._wall, self._counter = wall, counter
