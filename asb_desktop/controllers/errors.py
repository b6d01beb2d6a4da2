"""The errors controllers raise for the user to read.

Anything else escaping a controller is a bug: the front end logs it with a
traceback and shows "something went wrong".
"""

from __future__ import annotations

from asb_desktop.domain.errors import UserError as UserError  # re-exported: the controllers' base
from asb_desktop.domain.permissions import NotPermitted


class ValidationError(UserError):
    """Bad input, with one message per field (the GOV.UK error-summary pattern)."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("There is a problem: " + "; ".join(self.errors.values()))


class NotFound(UserError):
    pass


class PermissionDenied(NotPermitted):
    """Refused by a rule about who may do what (the store's guard raises the base)."""


class PassphraseNotRight(UserError):
    """The profile's passphrase was mistyped; a front end may simply ask again."""


class Problems:
    """Collects field messages while a controller validates, then raises once."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def require(self, field: str, value: object, message: str) -> None:
        if value is None or (isinstance(value, str) and not value.strip()) or value == []:
            self.add(field, message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)
