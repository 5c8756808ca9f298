"""``compliance``: the command line. Parse the arguments, build one view, render it, return an exit code.

Exit codes: 0 success (input problems are listed in the output and on stderr); 1 with
``--strict`` when there are errors, or when input cannot be read at all; 2 for usage errors.
Problems go to stderr as ``file:line: field: message``.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from compliance.core.problems import InputError, Problem, Severity
from compliance.linking.ledger import Ledger, build_ledger
from compliance.render.json import render_json
from compliance.render.markdown import render_markdown
from compliance.render.tables import (
    agreements_json,
    agreements_text,
    diff_json,
    diff_markdown,
    lineage_json,
    lineage_markdown,
    timeline_csv,
    timeline_json,
    timeline_markdown,
)
from compliance.views.agreements import AgreementListing
from compliance.views.lineage import Lineage
from compliance.views.report import Report
from compliance.views.timeline import diff, timeline
from compliance.views.validation import Validation


def _date(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None
    if not 1900 <= day.year <= 2100:
        raise argparse.ArgumentTypeError(f"{text}: dates from 1900 to 2100 are supported")
    return day


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="compliance",
        description="Track compliance with ceasefire and peace agreements.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--agreement",
            action="append",
            default=[],
            metavar="ID",
            help="agreement id (repeatable; default: all)",
        )
        p.add_argument(
            "--agreement-file",
            action="append",
            type=Path,
            default=None,
            metavar="PATH",
            help="agreement TOML file instead of the bundled ones (repeatable)",
        )
        p.add_argument(
            "--events",
            action="append",
            type=Path,
            default=None,
            metavar="PATH",
            help="event file: our CSV, JSON Lines or ACLED CSV (repeatable; default: the bundled dataset)",
        )
        p.add_argument("--strict", action="store_true", help="exit 1 if any input problem is found")
        p.add_argument(
            "--output", type=Path, metavar="PATH", help="write to a file instead of standard output"
        )

    p = sub.add_parser("agreements", help="list agreements, articles and obligations")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--agreement-file", action="append", type=Path, default=None, metavar="PATH")
    p.add_argument("--output", type=Path, metavar="PATH")
    p.add_argument("--strict", action="store_true")

    p = sub.add_parser("validate", help="check agreement files (.toml) and event files; exit 1 on problems")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")

    p = sub.add_parser("report", help="compliance report as of a date")
    inputs(p)
    p.add_argument("--as-of", type=_date, default=None, metavar="DATE", help="default: today (UTC)")
    p.add_argument(
        "--known-on", type=_date, default=None, metavar="DATE", help="only accounts reported by this date"
    )
    p.add_argument("--format", choices=("markdown", "json"), default="markdown")

    p = sub.add_parser("timeline", help="status per obligation and article per period")
    inputs(p)
    p.add_argument("--from", dest="start", type=_date, required=True, metavar="DATE")
    p.add_argument("--to", dest="end", type=_date, required=True, metavar="DATE")
    p.add_argument("--every", choices=("week", "month", "quarter", "year"), default="month")
    p.add_argument("--format", choices=("markdown", "json", "csv"), default="markdown")

    p = sub.add_parser("diff", help="findings new, changed, carried over and resolved between two dates")
    inputs(p)
    p.add_argument("--from", dest="start", type=_date, required=True, metavar="DATE")
    p.add_argument("--to", dest="end", type=_date, required=True, metavar="DATE")
    p.add_argument("--format", choices=("markdown", "json"), default="markdown")
    p = sub.add_parser("lineage", help="an obligation's chain through later instruments, and its standing")
    p.add_argument("obligation", metavar="OBLIGATION-ID")
    p.add_argument("--as-of", type=_date, default=None, metavar="DATE", help="default: today (UTC)")
    p.add_argument("--agreement-file", action="append", type=Path, default=None, metavar="PATH")
    p.add_argument("--events", action="append", type=Path, default=None, metavar="PATH")
    p.add_argument("--format", choices=("markdown", "json"), default="markdown")
    p.add_argument("--output", type=Path, metavar="PATH")
    p.add_argument("--strict", action="store_true")
    p.set_defaults(agreement=[])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # A run builds many long-lived immutable objects and no reference cycles that matter: the
    # cyclic collector only re-scans them (a third of the run time on large inputs).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if gc_was_enabled:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    try:
        return int(_COMMANDS[args.command](args))
    except InputError as exc:
        print(f"compliance: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"compliance: {exc}", file=sys.stderr)
        return 2


def _emit(args: argparse.Namespace, text: str) -> None:
    if getattr(args, "output", None):
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _finish(args: argparse.Namespace, problems: Sequence[Problem]) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    return 1 if errors and getattr(args, "strict", False) else 0


def _ledger(args: argparse.Namespace) -> Ledger:
    ledger = build_ledger(args.agreement_file, args.events)
    unknown = [a for a in args.agreement if a not in {x.id for x in ledger.agreements}]
    if unknown:
        known = ", ".join(a.id for a in ledger.agreements)
        raise ValueError(f"unknown agreement {', '.join(unknown)} (known: {known})")
    return ledger


def _cmd_agreements(args: argparse.Namespace) -> int:
    listing = AgreementListing.load(args.agreement_file)
    _emit(args, agreements_json(listing) if args.format == "json" else agreements_text(listing))
    return _finish(args, listing.problems)


def _cmd_validate(args: argparse.Namespace) -> int:
    result = Validation.run(args.files)
    acc = result.accounting
    if acc is not None:
        print(
            f"events: read {acc.read}, linked {acc.linked}, unlinked {acc.unlinked}, rejected {acc.rejected}",
            file=sys.stderr,
        )
        if acc.unlinked_reasons:
            why = ", ".join(f"{reason} {count}" for reason, count in acc.unlinked_reasons.items())
            print(f"unlinked: {why}", file=sys.stderr)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    errors = len(result.errors)
    print(f"{errors} error(s), {len(result.problems) - errors} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def _cmd_report(args: argparse.Namespace) -> int:
    ledger = _ledger(args)
    as_of = args.as_of or datetime.now(UTC).date()
    report = Report.build(ledger, as_of, args.agreement, args.known_on)
    _emit(args, render_json(report) if args.format == "json" else render_markdown(report))
    return _finish(args, ledger.problems)


def _cmd_timeline(args: argparse.Namespace) -> int:
    ledger = _ledger(args)
    if args.end < args.start:
        raise ValueError("--to is before --from")
    result = timeline(ledger, args.start, args.end, args.every, args.agreement)
    render = {"markdown": timeline_markdown, "json": timeline_json, "csv": timeline_csv}[args.format]
    _emit(args, render(result))
    return _finish(args, ledger.problems)


def _cmd_diff(args: argparse.Namespace) -> int:
    ledger = _ledger(args)
    if args.end < args.start:
        raise ValueError("--to is before --from")
    changes = diff(ledger, args.start, args.end, args.agreement)
    render = diff_json if args.format == "json" else diff_markdown
    _emit(args, render(changes, args.start.isoformat(), args.end.isoformat()))
    return _finish(args, ledger.problems)


def _cmd_lineage(args: argparse.Namespace) -> int:
    ledger = _ledger(args)
    as_of = args.as_of or datetime.now(UTC).date()
    try:
        lineage = Lineage.build(ledger, args.obligation, as_of)
    except ValueError as exc:
        raise ValueError(f"{exc} (see `compliance agreements`)") from None
    _emit(args, lineage_json(lineage) if args.format == "json" else lineage_markdown(lineage))
    return _finish(args, ledger.problems)


_COMMANDS = {
    "agreements": _cmd_agreements,
    "validate": _cmd_validate,
    "report": _cmd_report,
    "timeline": _cmd_timeline,
    "diff": _cmd_diff,
    "lineage": _cmd_lineage,
}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
