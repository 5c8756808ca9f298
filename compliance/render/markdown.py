"""GitHub-flavoured Markdown a researcher can publish. Formats a :class:`Report`; computes nothing.

Layout: title and data summary; a summary table per agreement (article × party, PAM score
beside the status); per article the verbatim text with its source, the obligations, the
evidence with graded, numbered sources, conflicting accounts side by side, and status
histories; a Mermaid timeline; the record accounting and problems; the method; the sources.
"""

from __future__ import annotations

from compliance.core.events import UNAFFILIATED, UNKNOWN, Event
from compliance.core.vocabulary import Kind, Status
from compliance.evaluation.evaluate import ObligationResult
from compliance.evaluation.rollup import RollUp
from compliance.render.safe import cell, code, link, text
from compliance.views.report import AgreementReport, ArticleReport, Incident, Report

METHOD_URL = "docs/obligation-logic.md"
MAX_UNLINKED_SHOWN = 50
MAX_PROBLEMS_SHOWN = 200


class _Sources:
    """Numbers source addresses in order of first use, for a list at the end."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def ref(self, url: str) -> str:
        if not url:
            return "(no source address)"
        number = self.numbers.setdefault(url, len(self.numbers) + 1)
        return link(f"S{number}", url)


def render_markdown(report: Report) -> str:
    sources = _Sources()
    events = {e.id: e for e in report.events}
    out: list[str] = []
    acc = report.accounting
    out += [
        f"# Compliance report as of {report.as_of.isoformat()}",
        "",
        f"Agreements: {len(report.agreements)}. Event records read: {acc.read} "
        f"(linked {acc.linked}, unlinked {acc.unlinked}, rejected {acc.rejected}). "
        f"Problems: {len(report.problems)}."
        + (f" Accounts known on {report.known_on.isoformat()} only." if report.known_on else ""),
        "",
        "Every event is a claim attributed to its source. Where accounts conflict, all are shown "
        "side by side; this report does not decide between them. Statuses follow the rules in "
        f"[{METHOD_URL}]({METHOD_URL}).",
        "",
    ]
    for agreement in report.agreements:
        out += _summary(agreement)
    for agreement in report.agreements:
        out += _agreement(agreement, events, sources)
    out += _timeline(report)
    out += _accounting(report)
    out += _method()
    out += ["## Sources", ""]
    for url, number in sources.numbers.items():
        out.append(f"- S{number}: {link(url, url)}")
    out.append("")
    return "\n".join(out)


def _status(roll: RollUp) -> str:
    worst = roll.count(roll.status)
    suffix = f" ({worst} of {roll.total})" if roll.total > 1 else ""
    return f"{roll.status.value}{suffix}"


def _pam(score: int | None) -> str:
    return "–" if score is None else str(score)


def _summary(agreement: AgreementReport) -> list[str]:
    a = agreement.agreement
    parties = [p.party for p in agreement.parties]
    out = [
        f"## Summary: {text(a.short_title)}",
        "",
        f"Overall: **{_status(agreement.status)}**, PAM score {_pam(agreement.status.pam_score)}. "
        + "By bearer: "
        + "; ".join(
            f"{p.party} {_status(p.status)} (PAM {_pam(p.status.pam_score)})" for p in agreement.parties
        )
        + ".",
        "",
        "| Article | Status | PAM | " + " | ".join(parties) + " |",
        "|---|---|---|" + "---|" * len(parties),
    ]
    for article in agreement.articles:
        cells = [_party_cell(article.party_status(party)) for party in parties]
        out.append(
            f"| {article.article.number}. {cell(article.article.title, 80)} | {_status(article.status)} "
            f"| {_pam(article.status.pam_score)} | " + " | ".join(cells) + " |"
        )
    return [*out, ""]


def _party_cell(roll: RollUp | None) -> str:
    return "–" if roll is None else f"{roll.status.value} ({_pam(roll.pam_score)})"


def _agreement(agreement: AgreementReport, events: dict[str, Event], sources: _Sources) -> list[str]:
    a = agreement.agreement
    meta = [
        f"Nature: {a.nature.value}" + ("" if a.binding else " (not binding; tracked as a benchmark)"),
        f"dated {a.date.isoformat()}",
        "signatories: " + ", ".join(a.signatories),
        f"dates read in {text(a.zone_name or 'UTC')} (UTC{a.utc_offset})",
    ]
    if a.pax_id is not None:
        meta.append(f"PA-X AgtId {a.pax_id}")
    out = [
        f"## {text(a.short_title)}",
        "",
        f"*{text(a.title)}*",
        "",
        ". ".join(meta) + ". Text: " + ", ".join(sources.ref(u) for u in a.sources) + ".",
        "",
    ]
    if a.note:
        out += [text(a.note), ""]
    for article in agreement.articles:
        out += _article(a.id, article, events, sources)
    return out


def _article(
    agreement_id: str, article: ArticleReport, events: dict[str, Event], sources: _Sources
) -> list[str]:
    art = article.article
    out = [f"### {text(agreement_id)} · {art.number}. {text(art.title)}", ""]
    if art.text:
        out.append(f"> {text(art.text)}")
        out += [">", f"> — {art.text_status} text, {sources.ref(art.source)}", ""]
    else:
        out += [f"*Text not found.* {sources.ref(art.source)}", ""]
    if art.note:
        out += [f"Note: {text(art.note)}", ""]
    for variant in art.variants:
        out.append(f"- Variant ({text(variant.label)}): “{text(variant.text)}” {sources.ref(variant.source)}")
    if art.variants:
        out.append("")
    out += [
        f"Status: **{_status(article.status)}**, PAM score {_pam(article.status.pam_score)}.",
        "",
        "| Obligation | Bearer | Kind | Deadline / term | Status | PAM |",
        "|---|---|---|---|---|---|",
    ]
    for r in article.obligations:
        ob = r.obligation
        status = r.status.value
        if r.status is Status.INDETERMINATE:
            status += " (" + " or ".join(s.value for s in r.possible) + ")"
        if r.breach_on_record and r.status in (Status.FULFILLED, Status.FULFILLED_LATE):
            status += ", breach on record"
        out.append(
            f"| `{ob.id}` {cell(ob.summary, 240)} | {', '.join(ob.bearers)} "
            f"| {ob.modality.value}, {ob.kind.value} | {cell(_when(r), 160)} | {status} | {_pam(r.pam_score)} |"
        )
    out.append("")
    for r in article.obligations:
        out += _evidence(r, events, sources, article.evidence_total(r.id))
    for incident in article.incidents:
        out += _incident(incident, sources)
    if article.lineage:
        out += ["Later instruments:", ""]
        for step in article.lineage:
            rel = step.relation
            note = f" {text(rel.note)}" if rel.note else ""
            out.append(
                f"- `{step.earlier}` {rel.type.value} → `{step.later}` ({step.later_agreement}, "
                f"{rel.date.isoformat()}).{note} {sources.ref(rel.source)}"
            )
        out.append("")
    histories = [r for r in article.obligations if len(r.history) > 1]
    if histories:
        out += ["Status history:", ""]
        for r in histories:
            steps = " → ".join(f"{t.date.isoformat()} {t.status.value}" for t in r.history[1:])
            out.append(f"- `{r.id}`: {steps}")
        out.append("")
    return out


def _when(r: ObligationResult) -> str:
    parts = []
    if r.deadline is not None:
        parts.append(f"by {r.deadline.isoformat()}")
        if r.deadline_note:
            parts.append(f"({r.deadline_note})")
    if r.term_end is not None:
        parts.append(f"term to {r.term_end.isoformat()}")
    if r.obligation.not_formalised:
        parts.append("not formalised: " + r.obligation.not_formalised)
    if parts:
        return " ".join(parts)
    return "continuous" if r.obligation.kind is Kind.MAINTENANCE else "no date"


def _evidence(r: ObligationResult, events: dict[str, Event], sources: _Sources, total: int) -> list[str]:
    if not r.evidence:
        return []
    shown = (
        ""
        if total <= len(r.evidence)
        else f"; {len(r.evidence)} of {total} accounts shown, first by date and the deciding ones"
    )
    out = [f"Evidence for `{r.id}` ({r.status.value}: {text(r.reason)}{shown}):", ""]
    for e in r.evidence:
        event = events[e.event]
        how = "explicit reference" if e.basis == "explicit" else f"rule {e.basis}"
        note = f"; {text(e.note)}" if e.note else ""
        out.append(
            f"- {event.when.label()} · {code(event.id)} {event.kind} — {e.effect.value}, "
            f"**{e.grade.value}** ({text(e.reason)}; {how}{note}) — "
            f"{text(event.reported_by)}: {text(_short(event.notes))} {sources.ref(event.source_url)}"
        )
    return [*out, ""]


def _short(value: str, limit: int = 400) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _affiliation(party: str) -> str:
    return {UNAFFILIATED: "unaffiliated", UNKNOWN: "unknown"}.get(party, party)


def _incident(incident: Incident, sources: _Sources) -> list[str]:
    out = [
        f"Accounts of incident {code(incident.id)}, side by side (attributed, not adjudicated):",
        "",
        "| Account | Date | Reported by | Affiliation | Actor named | Claim | Deaths claimed | Source |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for event in incident.accounts:
        deaths = "" if event.fatalities is None else str(event.fatalities)
        out.append(
            f"| {code(event.id)} {event.kind} | {event.when.label()} | {cell(event.reported_by, 120)} "
            f"| {_affiliation(event.reporter_party)} | {event.actor or 'not stated'} "
            f"| {cell(event.notes)} | {deaths or ' '} | {sources.ref(event.source_url)} |"
        )
    return [*out, ""]


def _timeline(report: Report) -> list[str]:
    """A Mermaid gantt of deadlines, terms and status periods; ids and dates only, never event text."""
    out = [
        "## Timeline",
        "",
        "```mermaid",
        "gantt",
        "    dateFormat YYYY-MM-DD",
        f"    title Status periods to {report.as_of.isoformat()}",
    ]
    for agreement in report.agreements:
        for article in agreement.articles:
            rows = []
            for r in article.obligations:
                steps = list(r.history[1:]) or list(r.history)
                for i, step in enumerate(steps):
                    start = max(step.date, agreement.agreement.date)
                    end = steps[i + 1].date if i + 1 < len(steps) else report.as_of
                    days = max(1, (end - start).days)
                    tag = (
                        "crit, "
                        if step.status in (Status.VIOLATED, Status.OVERDUE)
                        else ("active, " if step.status in (Status.DISPUTED, Status.INDETERMINATE) else "")
                    )
                    rows.append(f"    {r.id} {step.status.value} : {tag}{start.isoformat()}, {days}d")
                if r.deadline is not None:
                    rows.append(f"    {r.id} deadline : milestone, {r.deadline.isoformat()}, 0d")
            if rows:
                out.append(f"    section {agreement.agreement.id} {article.article.number}")
                out += rows
    return [*out, "```", ""]


def _accounting(report: Report) -> list[str]:
    acc = report.accounting
    out = [
        "## Records",
        "",
        "| Read | Linked | Unlinked | Rejected |",
        "|---|---|---|---|",
        f"| {acc.read} | {acc.linked} | {acc.unlinked} | {acc.rejected} |",
        "",
    ]
    if acc.unlinked_reasons:
        out += ["| Unlinked because | Records |", "|---|---|"]
        out += [f"| {reason} | {count} |" for reason, count in acc.unlinked_reasons.items()]
        out.append("")
    if report.unlinked:
        shown = ", ".join(code(i) for i in report.unlinked[:MAX_UNLINKED_SHOWN])
        more = len(report.unlinked) - MAX_UNLINKED_SHOWN
        out += [
            f"Unlinked records (kept, bearing on no obligation): {shown}"
            + (f" and {more} more." if more > 0 else "."),
            "",
        ]
    if report.problems:
        out += ["### Problems", "", "| File | Line | Field | Severity | Message |", "|---|---|---|---|---|"]
        for p in report.problems[:MAX_PROBLEMS_SHOWN]:
            out.append(
                f"| {cell(p.file, 200)} | {p.line} | {cell(p.field, 80)} | {p.severity.value} | {cell(p.message)} |"
            )
        more = len(report.problems) - MAX_PROBLEMS_SHOWN
        if more > 0:
            out.append(f"\n{more} more problems are listed in the JSON report.")
        out.append("")
    return out


def _method() -> list[str]:
    return [
        "## Method",
        "",
        "Each article is encoded as obligations (who owes what, from when, by when). Events are "
        "linked to obligations by explicit reference or by documented rules. An account is "
        "*confirmed* when it comes from a source not affiliated with a side, from the bearer's own "
        "side, or against the reporter's interest; an opposing side's account alone is *alleged*, "
        "and *contested* when another account of the incident contradicts it. A breach makes an "
        "obligation *violated* only on confirmed evidence; otherwise it is *disputed*. Lack of "
        "evidence after a deadline is *overdue*, never *violated*. The PAM-style score (0 not "
        "initiated, 1 minimal, 2 intermediate, 3 full) is shown beside the status, not instead of "
        f"it. Full rules: [{METHOD_URL}]({METHOD_URL}).",
        "",
    ]
