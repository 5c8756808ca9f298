"""The closed vocabularies the agreement files, event files and reports share.

Kept as plain string tuples (documented in ``docs/event-kinds.md`` and
``docs/obligation-logic.md``) so files stay human-editable and look-ups stay dictionary-cheap.
"""

from __future__ import annotations

from enum import StrEnum


class Modality(StrEnum):
    """Deontic force of an obligation."""

    OBLIGATION = "obligation"
    PROHIBITION = "prohibition"
    PERMISSION = "permission"


class Kind(StrEnum):
    """Temporal shape of an obligation (Governatori's achievement / maintenance / punctual)."""

    ACHIEVEMENT = "achievement"
    MAINTENANCE = "maintenance"
    PUNCTUAL = "punctual"


class Effect(StrEnum):
    """What an account claims about an obligation."""

    FULFILS = "fulfils"
    BREACHES = "breaches"
    PROGRESS = "progress"
    RELEVANT = "relevant"


class Grade(StrEnum):
    """How far the evaluator may rely on one account (see docs/obligation-logic.md)."""

    CONFIRMED = "confirmed"
    ALLEGED = "alleged"
    CONTESTED = "contested"


class Status(StrEnum):
    """The status vocabulary, exactly as documented."""

    NOT_IN_FORCE = "not-in-force"
    PENDING = "pending"
    IN_PROGRESS = "in-progress"
    FULFILLED = "fulfilled"
    FULFILLED_LATE = "fulfilled-late"
    OVERDUE = "overdue"
    COMPLIED = "complied"
    VIOLATED = "violated"
    DISPUTED = "disputed"
    INDETERMINATE = "indeterminate"
    TERMINATED = "terminated"
    SUPERSEDED = "superseded"
    NOT_ASSESSABLE = "not-assessable"
    UNUSED = "unused"
    EXERCISED = "exercised"


class Trust(StrEnum):
    """Whose word confirms an account (docs/obligation-logic.md, "Trust policies").

    The answer to "was it breached?" can depend on whom one believes; the policy makes that
    choice explicit and the report shows where it changes a status.
    """

    STRICT = "strict"
    STANDARD = "standard"
    BROAD = "broad"


class Nature(StrEnum):
    """Legal nature of an instrument: it changes how much its 'obligations' bind."""

    TREATY = "treaty"
    POLITICAL_STATEMENT = "political-statement"
    UNILATERAL_PROPOSAL = "unilateral-proposal"
    JOINT_DECLARATION = "joint-declaration"
    INITIALLED_DRAFT = "initialled-draft"
    MEMORANDUM = "memorandum"


class ActorRelation(StrEnum):
    """How the actor an account names relates to an obligation's bearers (for link rules)."""

    BEARER = "bearer"
    ALIGNED = "aligned"
    OPPOSED = "opposed"
    THIRD_PARTY = "third-party"
    UNKNOWN = "unknown"
    ANY = "any"


class DependencyType(StrEnum):
    """How one obligation's timing hangs on another's."""

    PARALLEL = "parallel"
    AFTER = "after"


class RelationType(StrEnum):
    """How a later instrument bears on an earlier obligation or agreement."""

    IMPLEMENTS = "implements"
    AMENDS = "amends"
    SUPERSEDES = "supersedes"
    TERMINATES = "terminates"
    CARRIES_FORWARD = "carries-forward"


class EndType(StrEnum):
    """How an obligation stops applying."""

    TERMINATED = "terminated"
    SUPERSEDED = "superseded"


EVENT_KINDS: tuple[str, ...] = (
    "armed-clash",
    "shelling",
    "ceasefire-violation",
    "border-incursion",
    "territory-handover",
    "troop-withdrawal",
    "troop-presence",
    "peacekeeper-deployment",
    "peacekeeper-withdrawal",
    "monitoring-centre-opened",
    "monitoring-centre-closed",
    "checkpoint-established",
    "road-blocked",
    "road-reopened",
    "route-opened",
    "refugee-return",
    "displacement",
    "prisoner-release",
    "prisoner-exchange",
    "remains-returned",
    "detention",
    "transport-talks",
    "transport-link-opened",
    "border-delimitation",
    "territorial-claim",
    "threat-of-force",
    "diplomatic-relations",
    "agreement-signed",
    "notice-of-termination",
    "deadline-extension",
    "denial",
    "statement",
    "court-order",
    "humanitarian-access",
    "protest",
    "other",
)
EVENT_KIND_SET: frozenset[str] = frozenset(EVENT_KINDS)
