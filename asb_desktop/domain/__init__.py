"""Entities, enums and pure rules. No I/O and no Qt, so every rule is testable on its own."""
