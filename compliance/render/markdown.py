"""GitHub-flavoured Markdown a researcher can publish. Formats a :class:`Report`; computes nothing.

Layout: title and data summary; an executive summary per agreement (article × party, PAM
score beside the status, what changed in the last twelve months); the pictures, when written
beside the report; per article the verbatim text with its source, the obligations, the evidence
by account number, conflicting accounts side by side in short form, and status histories; the
record accounting and problems; the method; every cited account once, numbered; the sources.
"""

from __future__ import annotations

from collections.abc import Sequence

from compliance.core.model import Agreement
from compliance.core.vocabulary import Kind, Status
from compliance.evaluation.evaluate import ObligationResult
from compliance.evaluation.rules import DECIDED_BY_THE_TEXTS
from compliance.render.evidence import (
    DISTRIBUTION,
    Accounts,
    evidence_lines,
    evidence_section,
    incident_tables,
    method_section,
    pictures,
    recent_lines,
    sources_section,
    trust_dependent_statuses,
    version,
)
from compliance.render.opening import what_was_read
from compliance.render.problems import problem_table
from compliance.render.relations import done_by
from compliance.render.rollups import bearer_label, pam, pam_label, party_cell, reading_key, status_label
from compliance.render.safe import cell, code, prose, text
from compliance.views.report import AgreementReport, ArticleReport, Report

METHOD_URL = "docs/obligation-logic.md"
"""The rules document, named in plain text (a published report is read far from this repository)."""
MAX_UNLINKED_SHOWN = 10


class _Sources:
    """Numbers source addresses in order of first use, for a list at the end.

    The text says ``S3``; the address itself is printed once, in the list.
    """

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def ref(self, url: str) -> str:
        if not url:
            return "(no source address)"
        number = self.numbers.setdefault(url, len(self.numbers) + 1)
        return f"S{number}"


def render_markdown(report: Report, images: Sequence[tuple[str, str]] = ()) -> str:
    """The report; ``images`` are (alt text, relative path) of pictures written beside it."""
    sources = _Sources()
    accounts = Accounts(report)
    out: list[str] = []
    acc = report.accounting
    out += [
        f"# Compliance report as of {report.as_of.isoformat()}",
        "",
        f"Agreements: {len(report.agreements)}."
        + (
            f" Adopted after {report.as_of.isoformat()} and left out: "
            + ", ".join(text(a.short_title or a.title) for a in report.later)
            + "."
            if report.later
            else ""
        )
        + f" Event records read: {acc.read} "
        f"(linked {acc.linked}, unlinked {acc.unlinked}, rejected {acc.rejected}). "
        f"Problems: {len(report.problems)}."
        + (f" Accounts known on {report.known_on.isoformat()} only." if report.known_on else "")
        # Said where an edition is identified, as the timeline and activity tables say it: the
        # same data read under strict and under standard gives two reports with the same title.
        + f" Trust policy: {report.trust.value}.",
        "",
        *what_was_read(report),
        "Every event is a claim attributed to its source. Where accounts conflict, all are shown "
        "side by side; this report does not decide between them. Statuses follow the rules in "
        f"docs/obligation-logic.md of {DISTRIBUTION} {version()} (summarised under Method). "
        "Accounts are printed in full once, numbered A1, A2 … under Evidence at the end.",
        "",
    ]
    if report.agreements:  # (with no agreement there is no status to read)
        out += reading_key(report)
    for agreement in report.agreements:
        out += _summary(agreement)
        out += recent_lines(agreement, report)
        trust = trust_dependent_statuses(report, agreement)
        if trust:
            out += [trust, ""]
    out += pictures(images, report.trust.value)
    for agreement in report.agreements:
        out += _agreement(agreement, accounts, sources)
    if report.agreements:  # (with no agreement there is no status to compare)
        out += _by_trust(report, accounts)
    out += _accounting(report)
    out += method_section()
    out += evidence_section(report)
    out += sources_section(sources.numbers)
    return "\n".join(out)


def _summary(agreement: AgreementReport) -> list[str]:
    a = agreement.agreement
    parties = [text(p.party) for p in agreement.parties]
    out = [
        f"## Summary: {text(a.short_title)}",
        "",
        *(  # said where the statuses are read, not only in the agreement's section further down
            [f"Not binding ({_words(a.nature.value)}): its obligations are tracked as a benchmark.", ""]
            if not a.binding
            else []
        ),
        f"Overall: **{status_label(agreement.status)}**, PAM score {pam_label(agreement.status)}. "
        + "By bearer: "
        + "; ".join(f"{text(p.party)} {bearer_label(p.status)}" for p in agreement.parties)
        + ".",
        "",
        "| Article | Status | PAM | " + " | ".join(parties) + " |",
        "|---|---|---|" + "---|" * len(parties),
    ]
    for article in agreement.articles:
        cells = [party_cell(article.party_status(p.party)) for p in agreement.parties]
        out.append(
            f"| {cell(article.article.number, 80)}. {cell(article.article.title, 80)} | {status_label(article.status)} "
            f"| {pam_label(article.status)} | " + " | ".join(cells) + " |"
        )
    return [*out, ""]


def _agreement(agreement: AgreementReport, accounts: Accounts, sources: _Sources) -> list[str]:
    a = agreement.agreement
    meta = [  # each a sentence of its own: "Nature: political statement. Dated 2020-11-10. …"
        f"Nature: {_words(a.nature.value)}" + ("" if a.binding else " (not binding; tracked as a benchmark)"),
        f"Dated {a.date.isoformat()}",
        "Signatories: " + ", ".join(map(text, a.signatories)),
        f"Dates read in {text(a.zone_name)} (UTC{a.utc_offset})"
        if a.zone_name
        else f"Dates read in UTC{a.utc_offset}",
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
    if a.status_note:  # where the instrument stands (initialled, not signed): said before its articles
        out += [f"Status of the text: {prose(a.status_note)}", ""]
    if a.note:
        out += [prose(a.note), ""]
    for article in agreement.articles:
        out += _article(a, article, accounts, sources)
    return out


def _words(code_value: str) -> str:
    """A vocabulary value as words in a sentence: "unilateral-proposal" → "unilateral proposal"."""
    return text(code_value.replace("-", " "))


def _article(
    agreement: Agreement, article: ArticleReport, accounts: Accounts, sources: _Sources
) -> list[str]:
    agreement_id, art = agreement.id, article.article
    out = [f"### {text(agreement_id)} · {text(art.number)}. {text(art.title)}", ""]
    if art.text:
        out.append(f"> {text(art.text)}")
        out += [">", f"> — {text(art.text_status)} text, {sources.ref(art.source)}", ""]
    else:
        out += [f"*Text not found.* {sources.ref(art.source)}", ""]
    if art.note:
        out += [f"Note: {prose(art.note)}", ""]
    for variant in art.variants:
        out.append(f"- Variant ({text(variant.label)}): “{text(variant.text)}” {sources.ref(variant.source)}")
    if art.variants:
        out.append("")
    if not article.obligations:  # nothing to assess: say why, and print no empty table
        out += [f"Status: **{status_label(article.status)}**: no obligation is encoded for this article.", ""]
        return out + _lineage(article, sources)
    out += [
        f"Status: **{status_label(article.status)}**, PAM score {pam_label(article.status)}.",
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
        if r.status is Status.COMPLIED and not article.evidence_total(r.id):
            status += ", no account"  # as in the summary (compliance.render.rollups)
        out.append(
            f"| {code(ob.id)} {cell(ob.summary, 240)} | {', '.join(map(text, ob.bearers))} "
            f"| {ob.modality.value}, {ob.kind.value} | {cell(_when(r), 160)} | {status} | {pam(r.pam_score)} |"
        )
    out.append("")
    for r in article.obligations:
        # The encoder's caveat (a disputed scope, a bearer the text does not name) goes with the
        # status it qualifies.
        note = f" Note: {prose(r.obligation.note)}" if r.obligation.note else ""
        out.append(f"- {code(r.id)} {r.status.value}. {_why(r, accounts)}.{note}")
    out.append("")
    out += _disputed_scopes(article, agreement)
    for r in article.obligations:
        out += evidence_lines(r, accounts, article.evidence_total(r.id))
    out += incident_tables(article.incidents, accounts, f"{text(agreement_id)} · {text(art.number)}")
    out += _lineage(article, sources)
    histories = [r for r in article.obligations if len(r.history) > 1]
    if histories:
        out += ["Status history:", ""]
        for r in histories:
            steps = " → ".join(f"{t.date.isoformat()} {t.status.value}" for t in r.history[1:])
            out.append(f"- {code(r.id)}: {steps}")
        out.append("")
    return out


def _disputed_scopes(article: ArticleReport, agreement: Agreement) -> list[str]:
    """Where the sides read an obligation's area differently, what they dispute, once for the
    obligations that share it: the evidence lines say "outside the stated area, scope disputed",
    and a reader must be told which area and why."""
    disputed: dict[str, list[str]] = {}
    for r in article.obligations:
        own = agreement.scope_of(r.obligation)
        if own is not None and own.disputed:
            disputed.setdefault(own.disputed, []).append(code(r.id))
    return [
        line
        for why, ids in disputed.items()
        for line in (f"Scope disputed ({', '.join(ids)}): {prose(why)}", "")
    ]


def _lineage(article: ArticleReport, sources: _Sources) -> list[str]:
    """Relations from later instruments; one line per relation, naming every obligation it reaches.

    Each line starts from the earlier obligation, so it says what the later text did to it
    ("amended by →", :mod:`compliance.render.relations`).

    A later text that reaffirms "all the provisions" relates to every obligation at once: its
    note is printed once, not once per obligation.
    """
    if not article.lineage:
        return []
    groups: dict[tuple[str, str, str, str, str, str], list[str]] = {}
    for step in article.lineage:
        rel = step.relation
        key = (
            done_by(rel.type),
            step.later,
            step.later_agreement,
            rel.date.isoformat(),
            rel.note,
            rel.source,
        )
        groups.setdefault(key, []).append(code(step.earlier))
    out = ["Later instruments:", ""]
    for (kind, later, agreement, day, note, source), earlier in groups.items():
        extra = f" {prose(note)}" if note else ""
        out.append(
            f"- {', '.join(earlier)} {kind} → {code(later)} ({text(agreement)}, {day}).{extra} {sources.ref(source)}"
        )
    return [*out, ""]


def _why(r: ObligationResult, accounts: Accounts) -> str:
    """The deciding rule and the accounts it turned on, by number and id as everywhere else."""
    if not r.deciding and r.rule in DECIDED_BY_THE_TEXTS:
        return f"Why: {text(r.rule)} — {DECIDED_BY_THE_TEXTS[r.rule]}"
    cited = ("accounts " + ", ".join(accounts.cite(a) for a in r.deciding)) if r.deciding else "no account"
    return f"Why: {text(r.rule)} — {cited}"


def _by_trust(report: Report, accounts: Accounts) -> list[str]:
    """The obligations whose status depends on the trust policy, with the accounts each turns on."""
    differing = [t for t in report.by_trust if t.depends]
    out = [
        "## Statuses that depend on whose word one takes",
        "",
        f"This report applies the `{report.trust.value}` trust policy. Under `strict` only the "
        "bearer's own side, an independent source or both sides agreeing confirm an account; "
        "`standard` also accepts a stakeholder's attribution the bearer's side does not deny; "
        "`broad` also one it denies.",
        "",
    ]
    if not differing:
        return [*out, "No status depends on the policy.", ""]
    out += ["| Obligation | strict | standard | broad |", "|---|---|---|---|"]
    for t in differing:
        cells = [
            f"{s.status.value} ({', '.join(accounts.cite(a) for a in s.accounts) if s.accounts else 'no account'})"
            for s in t.statuses
        ]
        out.append(f"| {code(t.obligation)} | " + " | ".join(cells) + " |")
    return [*out, ""]


def _when(r: ObligationResult) -> str:
    parts = []
    if r.deadline is not None:
        parts.append(f"by {r.deadline.isoformat()}")
        if r.deadline_note:
            parts.append(f"({r.deadline_note})")
    if r.term_end is not None:
        parts.append(f"term to {r.term_end.isoformat()}")
        if r.term_end_uncertain and r.term_end_latest is not None:
            # The earliest expiry alone read as a known end, beside a status that is not known.
            parts[-1] += (
                f" or as late as {r.term_end_latest.isoformat()}, depending on when the notice was given"
            )
    if r.obligation.not_formalised:
        parts.append("not formalised: " + r.obligation.not_formalised)
    if parts:
        return " ".join(parts)
    return "continuous" if r.obligation.kind is Kind.MAINTENANCE else "no date"


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
        # Each reason with the first records counted under it: which rows bear on nothing, and why.
        firsts: dict[str, list[str]] = {}
        for record, why in report.why_unlinked.items():
            kept = firsts.setdefault(why, [])
            if len(kept) < MAX_UNLINKED_SHOWN:
                kept.append(record)
        out += ["| Unlinked because | Records | First records |", "|---|---|---|"]
        for reason, count in acc.unlinked_reasons.items():
            shown = ", ".join(code(i) for i in firsts.get(reason, []))
            more = count - len(firsts.get(reason, []))
            out.append(f"| {reason} | {count} | {shown}{f' and {more} more' if shown and more > 0 else ''} |")
        out.append("")
    out += problem_table(report.problems)
    return out
