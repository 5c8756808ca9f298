"""How a relation between two texts reads from the earlier obligation's side.

A relation's type is what the *later* text does to the earlier obligation (docs/report-schema.md,
``type``): the Washington declaration of 2025 *amends* point 9 of 2020. The report and
``compliance lineage`` print each relation starting from the earlier obligation, with an arrow to
the later text, so the verb must be passive there: "`ts2020-9-fsb-control-rus` amended by →
`wd2025-3-nakhchivan-link-arm`". Written "amends →", the line says the 2020 clause amends the
2025 one. The JSON keeps the type as the file states it, beside ``earlier`` and ``later``.
"""

from __future__ import annotations

from compliance.core.vocabulary import RelationType

_DONE_BY: dict[RelationType, str] = {
    RelationType.IMPLEMENTS: "implemented by",
    RelationType.AMENDS: "amended by",
    RelationType.SUPERSEDES: "superseded by",
    RelationType.TERMINATES: "terminated by",
    RelationType.CARRIES_FORWARD: "carried forward by",
}


def done_by(kind: RelationType) -> str:
    """What the later text did to the earlier obligation, read from the earlier one: "amended by"."""
    return _DONE_BY[kind]
