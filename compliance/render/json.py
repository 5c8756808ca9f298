"""The JSON twin of the Markdown report: schema ``ceasefire-compliance/report/1``.

Documented in docs/report-schema.md. Ids are stable across editions so two reports can be
compared. Keys are sorted and the output is byte-identical for the same inputs.
"""

from __future__ import annotations

from typing import Any

from compliance.core.model import Agreement
from compliance.core.vocabulary import Grade
from compliance.evaluation.evaluate import Evidence, ObligationResult
from compliance.evaluation.rollup import RollUp
from compliance.load.converter import converter
from compliance.render.evidence import DISTRIBUTION, version
from compliance.render.indented import dumps
from compliance.render.problems import problem_dicts
from compliance.views.lineage import Step
from compliance.views.report import SCHEMA, Report, TrustStatuses


def _roll(roll: RollUp) -> dict[str, Any]:
    return {
        "status": roll.status.value,
        "pam_score": roll.pam_score,
        "counts": {s.value: n for s, n in roll.counts},
    }


def _obligation(
    r: ObligationResult, total: int, by_trust: TrustStatuses | None, agreement: Agreement
) -> dict[str, Any]:
    """One obligation of ``agreement``."""
    ob = r.obligation
    own = agreement.scope_of(ob)
    return {
        "why": converter.unstructure(r.why),
        "status_by_trust": {s.trust.value: s.status.value for s in by_trust.statuses} if by_trust else None,
        "id": ob.id,
        "summary": ob.summary,
        "bearers": list(ob.bearers),
        "beneficiaries": list(ob.beneficiaries),
        "modality": ob.modality.value,
        "kind": ob.kind.value,
        "status": r.status.value,
        "possible_statuses": [s.value for s in r.possible],
        "reason": r.reason,
        "pam_score": r.pam_score,
        "deadline": r.deadline.isoformat() if r.deadline else None,
        "deadline_note": r.deadline_note or None,
        "term_end": r.term_end.isoformat() if r.term_end else None,
        "term_end_latest": r.term_end_latest.isoformat() if r.term_end_latest else None,
        "not_formalised": ob.not_formalised or None,
        "note": ob.note or None,
        "scope_disputed": (own.disputed or None) if own is not None else None,
        "breach_on_record": r.breach_on_record,
        "evidence_total": total,
        "evidence_by_grade": {grade.value: r.evidence_count(grade) for grade in Grade},
        "evidence": [_evidence(e) for e in r.evidence],
        "history": [
            {
                "date": t.date.isoformat() if i else None,  # the first entry holds from the start
                "status": t.status.value,
                "possible_statuses": [s.value for s in t.possible],
                "cause": t.cause,
            }
            for i, t in enumerate(r.history)
        ],
    }


def _evidence(e: Evidence) -> dict[str, Any]:
    """One account as ``report/1`` lists it. The day it is read from (``read_from``) and whether
    it is, or may be, after a term's end (``after_end``, ``maybe_after_end``) are left out: the
    counts per period use them, the report gives each account's own date in ``events``, and the
    reason says the others."""
    data: dict[str, Any] = converter.unstructure(e)
    data.pop("read_from", None)  # (omitted when None: defaults are)
    data.pop("after_end", None)  # (its reason says it: "dated after the term expired on …")
    data.pop("maybe_after_end", None)  # ("dated when the term may already have expired …")
    return {**data, "note": e.note or None, "before_in_force": e.before_in_force}


def report_dict(report: Report) -> dict[str, Any]:
    """The report as plain data (what ``render_json`` serialises)."""
    by_trust = {t.obligation: t for t in report.by_trust}
    return {
        "schema": SCHEMA,
        # The rules the statuses follow, as the Markdown names them ("of ceasefire-compliance 0.1.0").
        "generator": f"{DISTRIBUTION} {version()}",
        "trust": report.trust.value,
        "as_of": report.as_of.isoformat(),
        "known_on": report.known_on.isoformat() if report.known_on else None,
        "later_agreements": [
            {"id": a.id, "title": a.title, "date": a.date.isoformat()} for a in report.later
        ],
        "agreements": [
            {
                "id": a.agreement.id,
                "title": a.agreement.title,
                "short_title": a.agreement.short_title,
                "date": a.agreement.date.isoformat(),
                "signatories": list(a.agreement.signatories),
                "note": a.agreement.note or None,
                "status_note": a.agreement.status_note or None,
                "nature": a.agreement.nature.value,
                "binding": a.agreement.binding,
                "pax_id": a.agreement.pax_id,
                **_roll(a.status),
                "parties": [{"party": p.party, "name": p.name, **_roll(p.status)} for p in a.parties],
                "articles": [
                    {
                        "number": art.article.number,
                        "title": art.article.title,
                        "text": art.article.text,
                        "text_status": art.article.text_status,
                        "source": art.article.source,
                        "note": art.article.note or None,
                        "variants": [
                            {"label": v.label, "text": v.text, "source": v.source}
                            for v in art.article.variants
                        ],
                        **_roll(art.status),
                        "obligations": [
                            _obligation(r, art.evidence_total(r.id), by_trust.get(r.id), a.agreement)
                            for r in art.obligations
                        ],
                        "incidents": [
                            {"id": i.id, "accounts": [e.id for e in i.accounts]} for i in art.incidents
                        ],
                        "lineage": [lineage_step(st) for st in art.lineage],
                    }
                    for art in a.articles
                ],
            }
            for a in report.agreements
        ],
        "events": [_event(e, report) for e in report.events],
        "parties": [{"id": i, "name": name} for i, name in report.parties],
        "unlinked": list(report.unlinked),
        "why_unlinked": dict(report.why_unlinked),
        # unlinked_reasons is always present (an empty object when nothing is unlinked).
        "accounting": {
            **converter.unstructure(report.accounting),
            "unlinked_reasons": dict(report.accounting.unlinked_reasons),
        },
        "linked_in_report": converter.unstructure(report.linked_in_report),
        "accounts_read": {
            key: day.isoformat() if day else None
            for key, day in (
                ("first_day", report.accounts_read.first_day),
                ("last_day", report.accounts_read.last_day),
                ("last_reported_on", report.accounts_read.last_reported_on),
            )
        },
        # One object per cause (file, field, message, severity), with its count and first lines.
        "problems": problem_dicts(report.problems),
    }


def lineage_step(step: Step) -> dict[str, Any]:
    """One relation of a chain: the relation as its file states it, with the ends the chain reached."""
    data: dict[str, Any] = converter.unstructure(step.relation)
    data.update(
        earlier=step.earlier,
        later=step.later,
        agreement=step.later_agreement,
        note=step.relation.note or None,
    )
    return data


def _event(event: Any, report: Report) -> dict[str, Any]:
    """One account, with the country its unaffiliated reporter is based in where the view found
    it; left out otherwise, as every unset key of an account is."""
    data: dict[str, Any] = converter.unstructure(event)
    data.pop("origin", None)
    where = report.reporter_based_in.get(event.id)
    if where is not None:
        data["reporter_based_in"] = where.code
    return data


def render_json(report: Report) -> str:
    """The report as indented JSON with sorted keys (``render.indented``: json.dumps's text, faster)."""
    return dumps(report_dict(report)) + "\n"
