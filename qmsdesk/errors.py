"""Errors a user can meet, carrying messages in the user's language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    field: str  # the model attribute the message belongs to; "" for the record as a whole
    message: str


class QmsError(Exception):
    """An error whose message is meant for the user (no traceback needed)."""


class ValidationError(QmsError):
    """One or more fields were refused. `errors` lists them; `by_field()` groups them for a form."""

    def __init__(self, errors: list[FieldError] | FieldError | str, field: str = "") -> None:
        if isinstance(errors, str):
            errors = [FieldError(field, errors)]
        elif isinstance(errors, FieldError):
            errors = [errors]
        self.errors: list[FieldError] = list(errors)
        super().__init__("；".join(e.message for e in self.errors))

    @property
    def fields(self) -> list[str]:
        return [e.field for e in self.errors]

    def by_field(self) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for e in self.errors:
            grouped.setdefault(e.field, []).append(e.message)
        return grouped


class PeriodLockedError(ValidationError):
    """An edit inside a month that has been submitted."""


class NotFoundError(QmsError):
    """A record asked for by id does not exist (or was deleted)."""


class DatabaseError(QmsError):
    """The database file cannot be opened, upgraded, backed up or restored."""


class Collector:
    """Collects field errors so a service can report all of a form's problems at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

    def check(self, condition: bool, field: str, message: str) -> None:
        if not condition:
            self.add(field, message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)
