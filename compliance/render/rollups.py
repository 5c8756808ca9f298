"""How a roll-up reads in the Markdown report: its status with the counts that qualify it, and
its PAM score with how many obligations that score rests on. Formats a :class:`RollUp`; computes
nothing.

A bare word would claim more than the roll-up found. "fulfilled" for an agreement one of whose
four obligations is fulfilled and three cannot be assessed reads as if the four were fulfilled,
and "PAM score 3" as full implementation of the four, when it is the score of one
(docs/obligation-logic.md, "Roll-ups" and "PAM-style score").
"""

from __future__ import annotations

from compliance.core.vocabulary import Status
from compliance.evaluation.rollup import SEVERITY, RollUp
from compliance.render.safe import text
from compliance.views.report import Report

LEFT_OVER = frozenset({Status.NOT_IN_FORCE, Status.SUPERSEDED, Status.TERMINATED, Status.NOT_ASSESSABLE})
"""The statuses a roll-up takes only when no obligation of the group is in force (``rollup.SEVERITY``)."""
NOT_BINDING = LEFT_OVER - {Status.NOT_ASSESSABLE}
"""The statuses of an obligation known not to be in force: not yet, replaced, or ended."""


def status_label(roll: RollUp) -> str:
    """ "violated (1 of 4)", naming the obligations the status does not speak for, and saying
    "no account" where ``complied`` rests on none: "complied (4 of 4, no account)".

    A group none of whose obligations is in force, in more than one way, reads so, with how many
    are in each way, the rolled-up status first: "none in force (1 not-in-force, 6 terminated)"
    for Russia's seven duties of 2020. "not-in-force (1 of 7; 6 terminated)" led with the one
    duty not yet in force and read as Russia's standing under the whole statement. Any other
    status that counts only because nothing else is left names the rest ("not-in-force (1 of 3;
    2 not-assessable)"); any status names the obligations that are not assessable: "fulfilled
    (1 of 4; 3 not-assessable)". Those are not less severe than the status shown, as ended or
    not-yet-binding ones are; nobody can tell what they are, so the status holds for the others
    only.
    """
    if len(roll.counts) > 1 and all(s in NOT_BINDING for s, _ in roll.counts):
        # The counts come in the order of severity, so the rolled-up status comes first.
        return "none in force (" + ", ".join(f"{n} {s.value}" for s, n in roll.counts) + ")"
    worst = roll.count(roll.status)
    suffix = ", ".join(
        part for part in (f"{worst} of {roll.total}" if roll.total > 1 else "", _silent(roll)) if part
    )
    named = [
        (s, n)
        for s, n in roll.counts
        if s is not roll.status and (roll.status in LEFT_OVER or s is Status.NOT_ASSESSABLE)
    ]
    if named:
        suffix += "; " + ", ".join(f"{n} {s.value}" for s, n in named)
    return f"{roll.status.value} ({suffix})" if suffix else roll.status.value


def _silent(roll: RollUp) -> str:
    """ "no account" (or "3 with no account") beside ``complied`` read off no data at all.

    Only ``complied`` says it: the one status in a bearer's favour that the absence of accounts
    gives (``fulfilled`` needs a confirmed account; ``pending`` and ``overdue`` already say that
    none was reported).
    """
    if roll.status is not Status.COMPLIED or not roll.no_account:
        return ""
    return (
        "no account" if roll.no_account == roll.count(roll.status) else f"{roll.no_account} with no account"
    )


def pam(score: int | None) -> str:
    """A PAM score, or "–" where there is none."""
    return "–" if score is None else str(score)


def pam_base(roll: RollUp) -> str:
    """ "from 1 obligation" when some obligations of the group cannot be assessed; else "".

    Their score is missing for want of a method, not because none is due (a permission's use is
    no implementation, a duty not in force has nothing to implement yet): the mean of the others
    is then no score of the group, and says how many it rests on.
    """
    if roll.pam_score is None or not roll.count(Status.NOT_ASSESSABLE):
        return ""
    return f"from {roll.scored} obligation{'' if roll.scored == 1 else 's'}"


def pam_label(roll: RollUp) -> str:
    """The roll-up's score with its base where it needs one: "3 (from 1 obligation)", "2", "–"."""
    base = pam_base(roll)
    return f"{pam(roll.pam_score)} ({base})" if base else pam(roll.pam_score)


def bearer_pam(roll: RollUp) -> str:
    """A bearer's score in the summary line, inside its parentheses: "3", "3, from 1 obligation"."""
    base = pam_base(roll)
    return f"{pam(roll.pam_score)}, {base}" if base else pam(roll.pam_score)


def bearer_label(roll: RollUp) -> str:
    """A bearer's roll-up as the summary line of the report gives it, after the party's id:
    "none in force (1 not-in-force, 6 terminated) (PAM 2)". Public (``compliance.bearer_label``)
    so that a program printing a party's standing words it as the report does, counts included:
    the bare status, "not-in-force", would read as Russia's state under the 2020 statement when
    six of its seven duties have ended."""
    return f"{status_label(roll)} (PAM {bearer_pam(roll)})"


def party_cell(roll: RollUp | None) -> str:
    """A bearer's cell in an article's summary row: "fulfilled (3)", "fulfilled (3, from 1
    obligation)", "complied, no account (3)"."""
    if roll is None:
        return "–"
    silent = _silent(roll)
    return f"{roll.status.value}{', ' + silent if silent else ''} ({bearer_pam(roll)})"


def reading_key(report: Report) -> list[str]:
    """What the summaries' words, counts, scores and codes mean, said before the first table.

    The summaries come first and the method last: without this key a reader met "violated (3
    of 26; 1 not-assessable)", "PAM score 2 (from 21 obligations)", "disputed (2)" in a party's
    column and ids such as ``NK`` some two thousand lines before they were explained, or never.
    """
    first = ", ".join(s.value for s in SEVERITY if s not in LEFT_OVER)
    last = ", ".join(s.value for s in SEVERITY if s in LEFT_OVER)
    out = [
        "## How to read this report",
        "",
        "- **Status of a group.** An agreement, an article or a party has the most severe status "
        f"among the obligations it covers, in this order: {first}; and only when none of those is "
        f'left: {last}. "violated (n of m)" says that n of its m obligations have that status; '
        'after a semicolon come those it does not speak for ("; k not-assessable"). "none in '
        'force (1 not-in-force, 6 terminated)": none of its obligations is in force, and how many '
        "are in each of those statuses, the group's status first. Each status is defined under "
        "Method, after the articles.",
        "- **PAM score.** The Peace Accords Matrix implementation scale, beside the status and never "
        "instead of it: 0 not initiated, 1 minimal, 2 intermediate, 3 full. A group's score is the "
        'mean of its obligations\' scores, rounded down; "(from n obligations)" says how many it '
        'rests on when some cannot be assessed; "–" means no score (not in force, not assessable, '
        "a permission).",
        "- **Summary tables.** One row per article: its status and PAM score, then one column per "
        "party that bears an obligation of the agreement, with the status of what that party bears "
        'under the article and, in parentheses, its PAM score; "–" where it bears nothing there.',
        f"- **Grades and trust.** Each account is graded *confirmed*, *alleged* or *contested*; the "
        f"trust policy (here `{report.trust.value}`) says whose word confirms one. Both are "
        'explained under Method; "Statuses that depend on whose word one takes" lists what another '
        "policy would change.",
        "- **Obligation tables.** *Kind* gives what the text requires (an *obligation* to act, a "
        "*prohibition*, a *permission*) and its shape in time (*achievement*: done once; "
        "*maintenance*: kept up while in force; *punctual*: one act at one time). *Deadline / "
        'term*: "by" the deadline in force, "term to" the end of a fixed term (the earliest and '
        'the latest it can be, when the date of a notice leaves it uncertain), "continuous" for a '
        'duty kept up, "no date", or "not formalised" with why the clause cannot be checked.',
        "- **Evidence lines.** Each starts with what the accounts claim about the obligation: "
        "*fulfils*, *breaches*, *progress* (a step towards fulfilment, not fulfilment) or "
        "*relevant* (bears on it without claiming either); then the grade and, in parentheses, why "
        "that grade, and the link rule where a rule, not the event file, made the link.",
        "- **References.** A*n* is the *n*th account under Evidence, followed by its id in the "
        'event file; an id alone, in a grade\'s reason ("corroborated by …", "denied in …") or a '
        "change's cause (\"progress reported in …\"), is an account's id in the event file, listed "
        "under Evidence beside its number. S*n* is the *n*th address under Sources.",
        "- **Dates of changes.** In a status history and in the changes of the last twelve months, "
        "each date is the first day on which a report as of that day gives the status that "
        "follows it.",
    ]
    if report.parties:
        out.append(
            "- **Parties.** " + "; ".join(f"{text(i)}: {text(name)}" for i, name in report.parties) + "."
        )
    return [*out, ""]
