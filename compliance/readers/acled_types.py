"""ACLED's event types before 2019, crossed onto today's (event_type, sub_event_type) pairs.

ACLED replaced its event types in 2019. Files from before (and tools that still serve them) say
``Battle-No change of territory`` or ``Remote violence`` where a current export says ``Battles`` /
``Armed clash`` or ``Explosions/Remote violence``. Each old type is crossed onto the current pair that
carries its meaning, so the one mapping onto our kinds (``KIND_BY_TYPE`` in ``acled.py``) and the rule
on violent types serve every vintage. An empty sub-event type means the old type is wider than any
one current sub-event type: the pair's ``event_type`` alone decides. Types are matched without
regard to case: the Asia 2015 file writes both ``Violence against civilians`` and
``Violence Against Civilians``. The table is documented in ``docs/event-formats.md``.
"""

from __future__ import annotations

OLD_EVENT_TYPES: dict[str, tuple[str, str]] = {
    "Battle-No change of territory": ("Battles", "Armed clash"),
    "Battle-Government regains territory": ("Battles", "Government regains territory"),
    "Battle-Non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "Battle-Non-state actors overtake territory": ("Battles", "Non-state actor overtakes territory"),
    "Remote violence": ("Explosions/Remote violence", ""),
    "Riots/Protests": ("Protests", ""),
    "Violence against civilians": ("Violence against civilians", ""),
    "Strategic development": ("Strategic developments", ""),
    "Non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
    "Headquarters or base established": ("Strategic developments", "Headquarters or base established"),
}
"""Old ACLED event type → current (event_type, sub_event_type); ``""``: by event_type alone."""

_OLD = {old.casefold(): pair for old, pair in OLD_EVENT_TYPES.items()}


def current_type(event_type: str, sub_event_type: str) -> tuple[str, str]:
    """The current (event_type, sub_event_type) of a row: an old type crossed, any other kept.

    A sub-event type the row gives is kept (``Violence against civilians`` is an old and a current
    type, and today's rows give ``Attack`` or ``Sexual violence`` with it).
    """
    crossed = _OLD.get(event_type.strip().casefold())
    if crossed is None:
        return event_type, sub_event_type
    return crossed[0], sub_event_type or crossed[1]
