"""One function per command: build one view from the parsed arguments, render it, return an exit code.

Each command imports the views and renderers it uses when it runs: ``compliance --help`` and a
JSON report do not load the timeline, lineage or picture code they never call (start-up is paid
by every command; see docs/performance.md). Each command adds what it builds (the ledger, its view)
to ``built``: ``cli.run_process`` holds them until the process ends, which frees them all at once,
instead of freeing millions of objects one by one as the command returns (docs/performance-log.md,
step 60).
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from attrs import evolve

from compliance.cli.output import (
    emit,
    emit_with_pictures,
    finish,
    pictures_beside,
    with_gazetteer_hint,
    with_registry_hint,
)
from compliance.core.problems import InputError, Problem, Severity, in_order

if TYPE_CHECKING:
    from collections.abc import Callable

    from compliance.linking.ledger import Accounting, Ledger


def _ledger(args: argparse.Namespace, built: list[object]) -> Ledger:
    """The ledger of the run's inputs, also added to ``built`` (``cli.run_process`` keeps it to the end)."""
    from compliance.core.arguments import agreement_ids
    from compliance.linking.ledger import BUNDLED, build_ledger

    # The bundled accounts are coded with the bundled parties: read with another registry (a new
    # conflict's), each would be an "unknown party" error about data the user never gave.
    events = args.events if args.events is not None or args.parties is None else []
    # Every command reads the ledger through an evaluation: the accounts it cannot read (linked
    # to nothing, in no incident) are counted but not kept. ``--known-on`` is given here once: the
    # ledger reads ACLED's revisions of a row as known then and records the date, which every
    # evaluation of it takes (``Ledger.known_on_for``).
    ledger = build_ledger(
        args.agreement_file,
        events,
        args.parties,
        args.reporters,
        args.gazetteer,
        keep_unlinked=False,
        known_on=getattr(args, "known_on", None),
    )
    agreement_ids(args.agreement, ledger.agreements)  # an unknown one: the API's message, exit 2
    if events == []:
        note = Problem(
            f"{BUNDLED}/events.csv",
            0,
            "-",
            "not read: the bundled accounts go with the bundled party registry, not the one --parties "
            "names; give --events to read accounts",
            Severity.WARNING,
        )
        ledger = evolve(ledger, problems=tuple(in_order([*ledger.problems, note])))
    built.append(ledger)
    return ledger


def _ledger_over_period(args: argparse.Namespace, built: list[object]) -> Ledger:
    """The ledger for a command that covers ``--from`` to ``--to``, once the period makes sense."""
    if args.end < args.start:
        raise ValueError("--to is before --from")
    if getattr(args, "every", None) is not None:  # refused before the (long) reading of the events
        from compliance.views.timeline import too_many_periods

        too_many = too_many_periods(args.start, args.end, args.every)
        if too_many is not None:
            raise ValueError(f"{too_many}; use a longer --every or a shorter range")
    return _ledger(args, built)


def _cmd_agreements(args: argparse.Namespace, built: list[object]) -> int:
    from compliance.render.tables import agreements_json, agreements_text
    from compliance.views.agreements import AgreementListing

    listing = AgreementListing.load(args.agreement_file, args.parties, args.reporters, args.gazetteer)
    built.append(listing)
    render = agreements_json if args.format == "json" else agreements_text
    return finish(args, listing.problems, lambda: emit(args, render(listing)))


def _cmd_validate(args: argparse.Namespace, built: list[object]) -> int:
    from compliance.render.problems import problem_lines, unlinked_lines
    from compliance.views.validation import Validation

    result = Validation.run(args.files, args.parties, args.reporters, args.gazetteer)
    built.append(result)
    if result.accounting is not None:
        _print_accounting(result.accounting)
        for line in unlinked_lines(result.unlinked):  # which rows each reason counts
            print(line, file=sys.stderr)
    for line in problem_lines(with_registry_hint(args, with_gazetteer_hint(result.problems))):
        print(line, file=sys.stderr)
    errors = len(result.errors)
    print(f"{errors} error(s), {len(result.problems) - errors} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def _print_accounting(acc: Accounting) -> None:
    """Where the records read went, on standard error: ``validate`` prints it, and so do the
    commands whose output has no place for it (a timeline, an activity table, a diff, a lineage,
    the report's CSV rows).

    Their tables count only the accounts that bear on them: an ACLED export of 600 rows, every
    one dated before the agreement or outside its area, gave an empty table and nothing else, so
    nothing said that the rows were read, nor why none bore on it. The report carries the same
    counts in its own text.
    """
    print(
        f"events: read {acc.read}, linked {acc.linked}, unlinked {acc.unlinked}, rejected {acc.rejected}",
        file=sys.stderr,
    )
    if acc.unlinked_reasons:
        why = ", ".join(f"{reason} {count}" for reason, count in acc.unlinked_reasons.items())
        print(f"unlinked: {why}", file=sys.stderr)


def _finish_with_accounting(args: argparse.Namespace, ledger: Ledger, deliver: Callable[[], None]) -> int:
    """:func:`finish`, then the accounting of the events read (:func:`_print_accounting`)."""
    code = finish(args, ledger.problems, deliver)
    _print_accounting(ledger.accounting)
    return code


def _cmd_report(args: argparse.Namespace, built: list[object]) -> int:
    from compliance.render.json import render_json
    from compliance.render.markdown import render_markdown
    from compliance.render.report_rows import report_csv
    from compliance.views.report import Report

    ledger = _ledger(args, built)
    as_of = args.as_of or datetime.now(UTC).date()
    pictures = pictures_beside(args)
    if pictures is None:  # JSON, or standard output or a device: pictures would have nowhere to go
        report = Report.build(ledger, as_of, args.agreement, trust=args.trust)
        built.append(report)
        render = {"json": render_json, "csv": report_csv}.get(args.format, render_markdown)
        if args.format == "csv":  # one row per obligation: no place for the records read
            return _finish_with_accounting(args, ledger, lambda: emit(args, render(report)))
        return finish(args, ledger.problems, lambda: emit(args, render(report)))
    from compliance.render.svg import breaches_svg, heatmap_svg
    from compliance.views.activity import count_activity
    from compliance.views.pictures import breach_counts, heatmap_of_report, report_span

    # The breaches picture counts every account the report's evaluation lists in report.
    report, evaluation = Report.build_with_evidence(ledger, as_of, args.agreement, trust=args.trust)
    built += (report, evaluation)
    heatmap, breaches = pictures

    def write_with_pictures() -> None:
        """Render the pictures and the report and write all three; only when the run is not fatal."""
        # The pictures go beside the report and are embedded by relative path: they travel with it.
        start, _, _ = report_span(report)
        counts = count_activity(ledger, evaluation, start.replace(day=1), "month", args.agreement, args.trust)
        images = (
            ("Status of each obligation over time (heatmap)", heatmap.name),
            ("Breach accounts per month, bearer and grade", breaches.name),
        )
        beside = (
            (heatmap, heatmap_svg(heatmap_of_report(report))),
            (breaches, breaches_svg(breach_counts(counts))),
        )
        emit_with_pictures(args, render_markdown(report, images), beside)  # all three, or none

    return finish(args, ledger.problems, write_with_pictures)


def _cmd_timeline(args: argparse.Namespace, built: list[object]) -> int:
    from compliance.render.tables import timeline_csv, timeline_json, timeline_markdown
    from compliance.views.timeline import timeline

    ledger = _ledger_over_period(args, built)
    result = timeline(ledger, args.start, args.end, args.every, args.agreement, trust=args.trust)
    built.append(result)
    if args.format == "svg":
        from compliance.render.svg import heatmap_svg
        from compliance.views.pictures import heatmap_of_timeline

        return _finish_with_accounting(
            args, ledger, lambda: emit(args, heatmap_svg(heatmap_of_timeline(result)))
        )
    render = {"markdown": timeline_markdown, "json": timeline_json, "csv": timeline_csv}[args.format]
    return _finish_with_accounting(args, ledger, lambda: emit(args, render(result)))


def _cmd_activity(args: argparse.Namespace, built: list[object]) -> int:
    from compliance.render.activity import activity_csv, activity_json, activity_markdown
    from compliance.views.activity import activity

    ledger = _ledger_over_period(args, built)
    result = activity(ledger, args.start, args.end, args.every, args.agreement, args.trust)
    built.append(result)
    render = {"markdown": activity_markdown, "json": activity_json, "csv": activity_csv}[args.format]
    return _finish_with_accounting(args, ledger, lambda: emit(args, render(result)))


def _cmd_diff(args: argparse.Namespace, built: list[object]) -> int:
    from compliance.render.tables import diff_json, diff_markdown
    from compliance.views.timeline import diff

    ledger = _ledger_over_period(args, built)
    changes = diff(ledger, args.start, args.end, args.agreement, trust=args.trust)
    built.append(changes)
    render = diff_json if args.format == "json" else diff_markdown
    return _finish_with_accounting(
        args,
        ledger,
        lambda: emit(
            args, render(changes, args.start.isoformat(), args.end.isoformat(), args.trust, ledger.known_on)
        ),
    )


def _cmd_lineage(args: argparse.Namespace, built: list[object]) -> int:
    from compliance.render.tables import lineage_json, lineage_markdown
    from compliance.views.lineage import Lineage

    ledger = _ledger(args, built)
    as_of = args.as_of or datetime.now(UTC).date()
    try:
        lineage = Lineage.build(ledger, args.obligation, as_of, trust=args.trust)
    except ValueError as exc:
        raise ValueError(f"{exc} (see `compliance agreements`)") from None
    built.append(lineage)
    render = lineage_json if args.format == "json" else lineage_markdown
    return _finish_with_accounting(args, ledger, lambda: emit(args, render(lineage)))


def _cmd_check(args: argparse.Namespace, built: list[object]) -> int:
    try:  # the testing extra brings Hypothesis; the other commands do not need it
        from compliance.render.check import check_json, check_markdown
        from compliance.testing.check import Check
        from compliance.testing.explore import DEFAULT_EXAMPLES
    except ImportError as exc:
        raise InputError(str(exc)) from None
    result = Check.load(
        args.files or None,
        only=args.agreement,
        parties_path=args.parties,
        reporters_path=args.reporters,
        gazetteer=args.gazetteer,
        examples=args.examples or DEFAULT_EXAMPLES,
        seed=args.seed,
    )
    built.append(result)
    emit(args, check_json(result) if args.format == "json" else check_markdown(result))
    for problem in with_registry_hint(args, with_gazetteer_hint(result.problems)):
        print(problem, file=sys.stderr)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for counterexample in result.counterexamples:
        print(f"law counterexample: {counterexample.message}", file=sys.stderr)
    errors = sum(p.severity is Severity.ERROR for p in result.problems)
    warnings = len(result.problems) - errors + len(result.warnings)
    if not result.agreements:
        print("no agreement loaded: no law was run", file=sys.stderr)
    print(
        f"{len(result.obligations)} obligation(s) checked; {errors} error(s), {warnings} warning(s); "
        f"{len(result.counterexamples)} law counterexample(s)",
        file=sys.stderr,
    )
    # A file with an error is left out unchecked: a run that checked less than it was given fails.
    return 1 if result.counterexamples or errors or not result.obligations else 0


COMMANDS = {
    "agreements": _cmd_agreements,
    "validate": _cmd_validate,
    "report": _cmd_report,
    "timeline": _cmd_timeline,
    "activity": _cmd_activity,
    "diff": _cmd_diff,
    "lineage": _cmd_lineage,
    "check": _cmd_check,
}
