"""Timeline, diff, lineage and agreements-listing tables as Markdown, text, CSV and JSON. Formatting only."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date

from compliance.core.model import Agreement, Obligation
from compliance.core.terms import Term
from compliance.core.vocabulary import Status, Trust
from compliance.load.converter import converter
from compliance.render.json import lineage_step
from compliance.render.relations import done_by
from compliance.render.safe import code, link, prose, spreadsheet_row, text
from compliance.views.agreements import AgreementListing, EntryIntoForce
from compliance.views.lineage import Lineage, Step
from compliance.views.timeline import FINDINGS, Change, Timeline


def timeline_markdown(t: Timeline) -> str:
    """The table under a title and a line saying what a column and an **article** row are."""
    title = [
        f"# Status by {t.every}, periods ending {t.dates[0].isoformat()} to {t.dates[-1].isoformat()}",
        "",
        f"Trust policy: {t.trust.value}.{_known_on(t.known_on)} Each column is the status at the end of the period ending on "
        "its date. An **article** row gives the article's status: the most severe among its "
        "obligations (violated first; not-in-force, superseded, terminated and not-assessable only "
        "when nothing else is left).",
        "",
    ]
    head = "| Agreement | Article | Obligation | " + " | ".join(d.isoformat() for d in t.dates) + " |"
    rule = "|---|---|---|" + "---|" * len(t.dates)
    rows = [
        f"| {text(r.agreement)} | {text(r.article)} | {code(r.obligation) if r.obligation else '**article**'} | "
        + " | ".join(s.value for s in r.statuses)
        + " |"
        for r in t.rows
    ]
    return "\n".join([*title, head, rule, *rows]) + "\n"


def timeline_csv(t: Timeline) -> str:
    """One row per article roll-up and obligation: the ids, the trust policy, then one status
    column per date.

    Every row names its policy, as the report's CSV rows do: timelines written under ``strict``
    and ``standard`` and put into one table could not be told apart by anything in their rows.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["agreement", "article", "obligation", "trust", "known_on", *(d.isoformat() for d in t.dates)]
    )
    policy, known = t.trust.value, t.known_on.isoformat() if t.known_on else ""
    for r in t.rows:
        writer.writerow(
            spreadsheet_row(
                [r.agreement, r.article, r.obligation or "", policy, known, *(s.value for s in r.statuses)]
            )
        )
    return out.getvalue()


def timeline_json(t: Timeline) -> str:
    data = {"schema": "ceasefire-compliance/timeline/1", **converter.unstructure(t)}
    data["known_on"] = (
        t.known_on.isoformat() if t.known_on else None
    )  # (null too, as diff and activity give it)
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


ORDER = ("new", "changed", "carried-over", "resolved", "ended")


MEANING = {
    "new": "not a finding at the first date, a finding at the second",
    "changed": "a finding at both dates, with another status",
    "carried-over": "a finding at both dates, with the same status",
    "resolved": "a finding at the first date and no longer one at the second, not because it ended",
    "ended": "a finding at the first date whose obligation was terminated or superseded by the "
    "second, the finding never settled",
}
"""What each category says, printed under the title: the headings alone are jargon."""


def _known_on(day: date | None) -> str:
    """What a table says of the accounts it read when they were limited to those reported by a day."""
    return "" if day is None else f" Only accounts reported by {day.isoformat()} are read."


def diff_markdown(
    changes: Sequence[Change], before: str, after: str, trust: Trust, known_on: date | None = None
) -> str:
    names = [f"*{s.value}*" for s in Status if s in FINDINGS]
    findings = ", ".join(names[:-1]) + f" or {names[-1]}"
    lines = [
        f"# Findings: {before} → {after}",
        "",
        f"Statuses under the {trust.value} trust policy.{_known_on(known_on)} "
        f"A finding is an obligation whose status is {findings}. "
        + "; ".join(f"*{c.capitalize()}*: {MEANING[c]}" for c in ORDER)
        + ".",
        "",
    ]
    for category in ORDER:
        mine = [c for c in changes if c.category == category]
        lines += [f"## {category.capitalize()} ({len(mine)})", ""]
        if mine:
            lines += ["| Obligation | Article | Before | After |", "|---|---|---|---|"]
            lines += [
                # "trilateral-2020 · 1", as the report's article headings name an article: with a
                # space alone, "five-principles-2022 3" read as one more number of the id.
                f"| {code(c.obligation)} | {text(c.agreement)} · {text(c.article)} | {c.before.value} | {c.after.value} |"
                for c in mine
            ]
        else:
            lines.append("None.")
        lines.append("")
    return "\n".join(lines)


def diff_json(
    changes: Sequence[Change], before: str, after: str, trust: Trust, known_on: date | None = None
) -> str:
    data = {
        "schema": "ceasefire-compliance/diff/2",
        "from": before,
        "to": after,
        "trust": trust.value,
        "known_on": known_on.isoformat() if known_on else None,
        "findings": {
            category: [
                {k: v for k, v in converter.unstructure(c).items() if k != "category"}
                for c in changes
                if c.category == category
            ]
            for category in ORDER
        },
    }
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


def _status_of(node: str, statuses: Mapping[str, tuple[str, Status]]) -> str:
    found = statuses.get(node)
    return f"{found[1].value} ({text(found[0])})" if found else "a whole agreement"


def _own_status(lineage: Lineage) -> str:
    """The obligation's status, or why it has none: its text did not exist yet at the date."""
    if lineage.unadopted is not None:
        agreement, adopted = lineage.unadopted
        return f"none, its text ({text(agreement)}) was adopted later, on {adopted.isoformat()}"
    return _status_of(lineage.obligation, lineage.statuses)


def lineage_markdown(lineage: Lineage) -> str:
    obligation, as_of, statuses = lineage.obligation, lineage.as_of, lineage.statuses
    before, after = lineage.before, lineage.after
    lines = [
        f"# Lineage of {code(obligation)}",
        "",
        f"Status as of {as_of.isoformat()} under the {lineage.trust.value} trust policy: {_own_status(lineage)}.",
        "",
    ]
    for title, steps in (("From earlier instruments", before), ("Through later instruments", after)):
        lines += [f"## {title}", ""]
        if not steps:
            lines.append("None recorded.")
        for step in steps:
            rel = step.relation
            lines.append(
                f"- {rel.date.isoformat()}: {code(step.earlier)} {done_by(rel.type)} → {code(step.later)} "
                f"({text(step.later_agreement)}); now {_status_of(step.later, statuses)}. "
                f"{link('source', rel.source)}" + (f" {prose(rel.note)}" if rel.note else "")
            )
        lines.append("")
    return "\n".join(lines)


def lineage_json(lineage: Lineage) -> str:
    obligation, as_of, statuses = lineage.obligation, lineage.as_of, lineage.statuses
    before, after = lineage.before, lineage.after

    def steps(items: Sequence[Step]) -> list[dict[str, object]]:
        return [
            {**lineage_step(s), "later_status": statuses[s.later][1].value if s.later in statuses else None}
            for s in items
        ]

    data = {
        "schema": "ceasefire-compliance/lineage/1",
        "obligation": obligation,
        "as_of": as_of.isoformat(),
        "trust": lineage.trust.value,
        "status": statuses[obligation][1].value if obligation in statuses else None,
        "from": steps(before),
        "to": steps(after),
    }
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


def agreements_text(listing: AgreementListing) -> str:
    """One line per agreement, article and obligation, indented."""
    lines: list[str] = []
    for item in listing.listed:
        a = item.agreement
        entry = _listed_entry(item.entry)
        lines.append(
            f"{a.id}: {a.short_title} ({a.nature.value}, {a.date.isoformat()}{'; ' + entry if entry else ''}; "
            f"{len(a.articles)} articles, {len(a.obligations)} obligations)"
        )
        for article in a.articles:
            lines.append(f"  {article.number}. {article.title} [{article.text_status}]")
            for ob in a.obligations_of(article.number):
                due = _listed_deadline(a, ob) + (f", {_listed_term(ob.term)}" if ob.term is not None else "")
                own = _listed_entry(item.own_entry(ob))
                due += f", {own}" if own else ""
                lines.append(
                    f"     - {ob.id} ({', '.join(ob.bearers)}; {ob.modality.value}, {ob.kind.value}{due}): {ob.summary}"
                )
    return "\n".join(lines) + "\n"


def _listed_entry(entry: EntryIntoForce | None) -> str:
    """ "in force from 2020-11-10 00:00 Moscow time (UTC+03:00)" where the text sets an hour
    (named with the zone it is read in), "in force from 2020-11-12" for a day, nothing for none."""
    if entry is None:
        return ""
    if entry.hour is None:
        return f"in force from {entry.day.isoformat()}"
    hour = f"{entry.hour:%H:%M}" + (f":{entry.hour:%S}" if entry.hour.second else "")
    zone = f"{entry.zone_name} (UTC{entry.utc_offset})" if entry.zone_name else f"UTC{entry.utc_offset}"
    return f"in force from {entry.day.isoformat()} {hour} {zone}"


def _listed_deadline(agreement: Agreement, ob: Obligation) -> str:
    """The deadline as the text states it, then each amendment in date order ("by 2020-11-15,
    amended on 2020-11-15 to 2020-11-25"). The listing is of the texts, with no as-of date, so it
    gives the stated day and every change of it: the stated day alone read as the deadline after
    an amendment had moved it, while a report gives the amended one."""
    amended = agreement.amendments_of(ob.id)
    due = f" by {ob.deadline.isoformat()}" if ob.deadline else ""
    changes = [f"on {m.date.isoformat()} to {m.deadline.isoformat()}" for m in amended]
    if changes:
        due += ("," if due else "") + " amended " + ", ".join(changes)
    return due


def _listed_term(term: Term) -> str:
    """A fixed term as the text sets it ("term of 5 years from 2020-11-10, renewed for 5 years
    unless ARM or AZE gives notice 6 months before an expiry"): the listing said nothing of it,
    so a two-month truce read like a duty without end."""
    out = f"term of {_length(term.years, term.months, term.days)} from {term.start.isoformat()}"
    if not term.renews:
        return out + ", not renewed"
    out += f", renewed for {_length(term.renewal_years, term.renewal_months, term.renewal_days)} unless "
    out += f"{' or '.join(term.notice_by)} gives notice" if term.notice_by else "notice is given"
    if term.notice_months or term.notice_days:
        out += f" {_length(0, term.notice_months, term.notice_days)} before an expiry"
    return out


def _length(years: int, months: int, days: int) -> str:
    parts = [(years, "year"), (months, "month"), (days, "day")]
    return " ".join(f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n) or "0 days"


def agreements_json(listing: AgreementListing) -> str:
    """The agreements as their files say, through the one converter."""
    data = {
        "schema": "ceasefire-compliance/agreements/1",
        "agreements": converter.unstructure(list(listing.agreements)),
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
