"""Accounts in a published report: each account's full text once, referred to by number elsewhere.

An account bears on up to a dozen obligations and several incidents. Printing its text at each
place made the default report 800 KB; here every account the report cites gets a number (``A1``,
``A2`` … in the report's sorted order) and its full text once, in the numbered evidence section
at the end. Obligations and incident tables give the number, id, grade and effect; incidents keep
their accounts side by side in a short form so a reader still sees who says what.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from compliance.core.events import UNAFFILIATED, UNKNOWN, Event
from compliance.core.version import __version__
from compliance.evaluation.evaluate import ObligationResult
from compliance.render.safe import cell, code, href, is_web_address, link, prose, text
from compliance.views.report import AgreementReport, Incident, Report
from compliance.views.reporters import BasedIn
from compliance.views.summary import Covered, cited_beside, recent_changes, recent_covered, recent_since

SHORT_CLAIM = 140
"""Characters of a claim in an incident's side-by-side table (the full text is in the evidence)."""
DISTRIBUTION = "ceasefire-compliance"


class Accounts:
    """Numbers for the accounts a report cites, in the report's order (first day, then id)."""

    def __init__(self, report: Report) -> None:
        self.events = {e.id: e for e in report.events}
        self.numbers = {e.id: i for i, e in enumerate(report.events, start=1)}
        self.incidents: dict[str, str] = {}
        """Incidents already shown side by side, and where (an incident bears on many articles)."""
        self.based_in = report.reporter_based_in

    def ref(self, event_id: str) -> str:
        """``A12 `E002``` : the number of the full entry, and the id as the JSON has it."""
        return f"A{self.numbers[event_id]} {code(event_id)}"

    def cite(self, event_id: str) -> str:
        """:meth:`ref` for an account the report prints; the id alone for one it does not (an
        account another trust policy's status turns on, listed as evidence under none here)."""
        return self.ref(event_id) if event_id in self.numbers else code(event_id)


def _affiliation(event: Event, based_in: Mapping[str, BasedIn]) -> str:
    """The reporter's affiliation, and where an unaffiliated one is based when the view found it:
    "unaffiliated; based in Azerbaijan"."""
    party = event.reporter_party
    grade = {UNAFFILIATED: "unaffiliated", UNKNOWN: "unknown"}.get(party) or text(party)
    where = based_in.get(event.id)
    return f"{grade}; based in {text(where.name)}" if where else grade


def evidence_lines(r: ObligationResult, accounts: Accounts, total: int) -> list[str]:
    """The accounts an obligation's status rests on: number, id, date, kind, effect, grade and why."""
    if not r.evidence:
        return []
    shown = (
        ""
        if total <= len(r.evidence)
        else f"; {len(r.evidence)} of {total} accounts shown, first by date and the deciding ones"
    )
    out = [f"Evidence for {code(r.id)} ({r.status.value}: {text(r.reason)}{shown}):", ""]
    # Links are explicit references in the event file unless a rule is named.
    # Accounts that share effect, grade, reason and basis share a line: the reason is often the
    # same for dozens of accounts ("reported by RUS, not a side to the conflict").
    groups: dict[tuple[str, str, str, str, str], list[str]] = {}
    for e in r.evidence:
        event = accounts.events[e.event]
        key = (e.effect.value, e.grade.value, e.reason, e.basis, e.note)
        groups.setdefault(key, []).append(f"{accounts.ref(e.event)} {event.when.label()}")
    for (effect, grade, reason, basis, note), refs in groups.items():
        how = "" if basis == "explicit" else f"; rule {text(basis)}"
        extra = f"; {prose(note)}" if note else ""
        out.append(f"- {effect}, **{grade}** ({text(reason)}{how}{extra}): " + ", ".join(refs))
    return [*out, ""]


def incident_tables(incidents: Sequence[Incident], accounts: Accounts, where: str) -> list[str]:
    """Each incident's accounts side by side, in short form, the first time it comes up.

    An incident bears on several articles; later articles name it and say where it is shown.
    The full text of each account is in the evidence section.
    """
    out: list[str] = []
    earlier: list[str] = []
    for incident in incidents:
        if incident.id in accounts.incidents:
            earlier.append(f"{code(incident.id)} ({accounts.incidents[incident.id]})")
            continue
        accounts.incidents[incident.id] = where
        out += [
            f"Incident {code(incident.id)}: accounts side by side (attributed, not adjudicated):",
            "",
            "| Account | Reported by | Affiliation | Actor named | Claim (short) | Deaths claimed |",
            "|---|---|---|---|---|---|",
        ]
        for event in incident.accounts:
            # A blank cell beside "0" reads as a value missing from the table; the account gives none.
            deaths = "not stated" if event.fatalities is None else str(event.fatalities)
            out.append(
                f"| {accounts.ref(event.id)} | {cell(event.reported_by, 120)} "
                f"| {_affiliation(event, accounts.based_in)} | {text(event.actor) if event.actor else 'not stated'} "
                f"| {cell(_one_line(event.notes), SHORT_CLAIM)} | {deaths} |"
            )
        out.append("")
    if earlier:
        out += ["Incidents shown side by side under an earlier article: " + "; ".join(earlier) + ".", ""]
    return out


def _one_line(value: str) -> str:
    return " ".join(value.split())


def address(url: str) -> str:
    """An address printed once, as an autolink (its text is the address), or as text if not http(s)."""
    if not url:
        return "no source address"
    return f"<{href(url)}>" if is_web_address(url) and ">" not in url else link(url, url)


def evidence_section(report: Report) -> list[str]:
    """Every cited account once, numbered, with everything the JSON has about it."""
    beside = len(cited_beside(report))
    # How the number divides, where it is not that of the evidence lines: an account shown only
    # beside others of its incident is listed as evidence of no obligation. Most such bear on
    # none shown (unlinked, say); one past the accounts listed per obligation bears on one, so
    # the line says what holds of both: not listed, not "bearing on none".
    parts = (
        f" ({len(report.events) - beside} listed as evidence of an obligation, and {beside} shown "
        "only beside the other accounts of its incident, not listed as evidence of any obligation)"
        if beside
        else ""
    )
    out = [
        "## Evidence",
        "",
        f"The {len(report.events)} accounts cited above{parts}, each once, in order of date: number, id, "
        "date, kind, reporter (its affiliation; for an unaffiliated reporter, the country the reporter registry "
        "says it is based in, where it says so) and publication date, actor named, place as given, incident, "
        "source, then the claim. Each is a claim attributed to its reporter; the grade given above "
        "says how far the rules rely on it.",
        "",
    ]
    for number, event in enumerate(report.events, start=1):
        head = f"**A{number}** {code(event.id)} · {event.when.label()} · {text(event.kind)} · "
        out += [
            head + _details(event, report.reporter_based_in) + f" · {address(event.source_url)}",
            f"> {prose(event.notes) or '(no notes)'}",
            "",
        ]
    return out


def _details(event: Event, based_in: Mapping[str, BasedIn]) -> str:
    parts = [
        f"{text(event.reported_by)} ({_affiliation(event, based_in)})"
        + (f", published {event.reported_on.isoformat()}" if event.reported_on else ""),
        f"actor named: {text(event.actor) if event.actor else 'not stated'}",
    ]
    if event.target:
        parts.append(f"target: {text(event.target)}")
    if event.involved:
        parts.append("involved: " + ", ".join(text(p) for p in event.involved))
    place = "; ".join(text(p) for p in (event.location, event.admin1) if p)
    parts.append(f"place: {place or 'not stated'}" + (f" ({text(event.country)})" if event.country else ""))
    if event.coordinates is not None:
        c = event.coordinates
        precision = "" if c.precision is None else f", precision {c.precision}"
        parts.append(f"coordinates {c.latitude:.4f}, {c.longitude:.4f}{precision}")
    if event.incident:
        parts.append(f"incident {code(event.incident)}")
    if event.fatalities is not None:
        parts.append(f"deaths claimed: {event.fatalities}")
    return " · ".join(parts)


def recent_lines(agreement: AgreementReport, report: Report) -> list[str]:
    """What changed in the twelve months to the as-of date, from the obligations' histories."""
    changes = recent_changes(agreement, report.as_of)
    since = recent_since(report.as_of).isoformat()
    as_of_label = report.as_of.isoformat()
    # Where the accounts end before the as-of date, "no status changed" may only mean that no
    # account of those months was read: said beside it, so it does not read as calm.
    last = report.accounts_read.last_day.isoformat() if report.accounts_read.last_day else ""
    uncovered = {
        Covered.WHOLLY: "",
        Covered.PARTLY: f"; the accounts read end on {last}",
        Covered.NOT: f"; no account read is dated in this period: the last is dated {last}",
    }[recent_covered(report)]
    if not changes:
        # The same bounds as the list below ("after …, up to …"): "between" left it open whether a
        # change on the first day counted.
        return [f"No status changed after {since} and up to {as_of_label}{uncovered}.", ""]
    out = [f"Changed after {since} and up to {as_of_label}{uncovered}:", ""]
    for c in changes:
        cause = f" ({text(c.cause)})" if c.cause and c.cause != c.after.value else ""
        out.append(
            f"- {c.date.isoformat()} {code(c.obligation)} (art. {text(c.article)}): {c.before.value} → **{c.after.value}**{cause}"
        )
    return [*out, ""]


def trust_dependent_statuses(report: Report, agreement: AgreementReport) -> str:
    """One summary line: this agreement's obligations whose status changes with the trust policy.

    The full table, with the accounts each status turns on, is the section "Statuses that depend
    on whose word one takes"; the summary only names them, so a reader sees at the top where the
    answer depends on whom one believes.
    """
    ids = {r.id for a in agreement.articles for r in a.obligations}
    differing = [t for t in report.by_trust if t.depends and t.obligation in ids]
    if not differing:
        return ""
    parts = [
        f"{code(t.obligation)} (" + ", ".join(f"{s.trust.value}: {s.status.value}" for s in t.statuses) + ")"
        for t in differing
    ]
    return "Depends on whose word one takes: " + "; ".join(parts) + "."


def pictures(images: Sequence[tuple[str, str]], trust: str) -> list[str]:
    """Images written beside the report, by relative path (they travel with it), under a caption
    naming the trust policy their statuses and grades were given under (as their own titles do:
    a picture is often copied without the text around it)."""
    if not images:
        return []
    out = [
        "## Pictures",
        "",
        f"Statuses are those of the report, under the {trust} trust policy, at the end of each "
        "period. Breach accounts are counted whatever their grade, under the bearers of the "
        "obligation they bear on: they are claims attributed to their reporters, not findings of "
        "a breach.",
        "",
    ]
    for alt, path in images:
        out += [f"![{text(alt)}]({path})", ""]
    return out


def version() -> str:
    """The version a report names, so that a reader knows which rules its statuses follow.

    The constant of ``compliance/core/version.py``, not the installed package's metadata:
    ``importlib.metadata`` imports the email package and scans the import path: 25 ms of every
    report, a tenth of one on no accounts. A bare checkout names its own version (it said
    "(version unknown)").
    """
    return __version__


def method_section() -> list[str]:
    """The rules applied, summarised; the full document named in plain text (a report travels)."""
    return [
        "## Method",
        "",
        "Each article is encoded as obligations (who owes what, from when, by when). Events are "
        "linked to obligations by explicit reference in the event file or by documented rules (an "
        "evidence line names the rule; without one, the link is explicit); a link made outside "
        "an obligation's stated area, where that scope is disputed, never confirms anything on "
        "its own. Each account is graded: *confirmed* when it comes from a source not affiliated "
        "with a side, from the bearer's own side, or from the other side acknowledging the "
        "bearer's fulfilment or progress; an opposing "
        "side's account alone is *alleged*, and *contested* when the accused side denies it or "
        "another account of the same act names another actor. Whose word confirms an account is the trust policy (strict, standard or "
        "broad; standard unless the report says otherwise). A breach makes an obligation "
        "*violated*, and a fulfilment makes it *fulfilled*, only on evidence confirmed under that "
        "policy. *Disputed* means that a fulfilment or a breach is claimed but not confirmed under "
        "that policy, whether or not any account contests it: a single uncontested account from a "
        "source the policy does not count as confirming also reads *disputed*. *Complied* (a duty "
        "kept over time, or a prohibition such as the ceasefire) means only that no account read "
        "reports a breach of it while it was in force, under any grade: it is the absence of a "
        'reported breach, not evidence that the duty was kept, and reads "complied, no account" '
        "where no account bears on it at all. Lack of "
        "evidence after a deadline is *overdue*, never *violated*. The other statuses:",
        "",
        "- *not-in-force*: the text, or the condition the duty waits for, has not taken effect yet;",
        "- *pending*: a duty to do something, with no confirmed fulfilment or progress, whose deadline "
        "(if it has one) has not passed;",
        "- *in-progress*: confirmed progress, no fulfilment yet, before the deadline;",
        "- *fulfilled-late*: a confirmed fulfilment after the deadline (the overdue period stays in "
        "the history);",
        "- *indeterminate*: the uncertain date of an account allows several statuses, which are given;",
        "- *terminated* / *superseded*: ended, or replaced by a later text, on a dated and sourced "
        "decision; never a breach;",
        "- *not-assessable*: the clause cannot be checked against events, for the reason shown;",
        "- *unused* / *exercised*: a permission nobody is confirmed to have used, or one with a "
        "confirmed account of its use.",
        "",
        "The PAM-style score (0 not initiated, 1 minimal, 2 intermediate, 3 full) is shown beside "
        "the status, not instead of it.",
        "",
        f"Full rules: docs/obligation-logic.md of {DISTRIBUTION} {version()}.",
        "",
    ]


def sources_section(numbers: Mapping[str, int]) -> list[str]:
    """The addresses numbered S1, S2 … in the text (``numbers``: address -> number), under a line
    saying what the list holds and what it does not: 46 addresses under "Sources" read as every
    source of the report, while each account's own address is printed with it."""
    out = [
        "## Sources",
        "",
        "The addresses cited above as S*n*, in order of first citation: the agreement texts, their "
        "articles and variants, and the later texts that implemented, amended, superseded, ended or "
        "carried them forward. Each account's own source address is given with it under Evidence.",
        "",
    ]
    out += [f"- S{number}: {address(url)}" for url, number in numbers.items()]
    return [*out, ""]
