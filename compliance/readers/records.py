"""What every reader yields: one record at a time, accepted or rejected, never lost."""

from __future__ import annotations

from attrs import frozen

from ..events import Event, Origin
from ..problems import Problem, Severity


@frozen
class Record:
    """One input record: the event built from it (``None`` if rejected) and its problems."""

    origin: Origin
    event: Event | None
    problems: tuple[Problem, ...] = ()

    @property
    def rejected(self) -> bool:
        return self.event is None

    @classmethod
    def reject(cls, origin: Origin, field: str, message: str) -> Record:
        return cls(origin, None, (Problem(origin.file, origin.line, field, message, Severity.ERROR),))
