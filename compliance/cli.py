"""``compliance``: the command line. Parses arguments, runs the pipeline, writes output.

Exit codes: 0 success (input problems are listed in the output and on stderr); 1 with
``--strict`` when there are errors, or when input cannot be read at all; 2 for usage errors.
Problems go to stderr as ``file:line: field: message``.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from compliance.core.problems import InputError, Problem, Severity


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


def _ledger(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from compliance.linking.ledger import build_ledger

    ledger = build_ledger(args.agreement_file, args.events)
    unknown = [a for a in args.agreement if a not in {x.id for x in ledger.agreements}]
    if unknown:
        known = ", ".join(a.id for a in ledger.agreements)
        raise ValueError(f"unknown agreement {', '.join(unknown)} (known: {known})")
    return ledger


def _cmd_agreements(args: argparse.Namespace) -> int:
    from compliance.linking.ledger import load_agreements, load_registries
    from compliance.load.converter import converter

    parties, _, problems = load_registries()
    agreements, more = load_agreements(args.agreement_file, parties)
    if args.format == "json":
        data = {
            "schema": "ceasefire-compliance/agreements/1",
            "agreements": converter.unstructure(list(agreements)),
        }
        _emit(args, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    else:
        lines: list[str] = []
        for a in agreements:
            lines.append(
                f"{a.id}: {a.short_title} ({a.nature.value}, {a.date.isoformat()}; {len(a.articles)} articles, {len(a.obligations)} obligations)"
            )
            for article in a.articles:
                lines.append(f"  {article.number}. {article.title} [{article.text_status}]")
                for ob in a.obligations_of(article.number):
                    due = f" by {ob.deadline.isoformat()}" if ob.deadline else ""
                    lines.append(
                        f"     - {ob.id} ({', '.join(ob.bearers)}; {ob.modality.value}, {ob.kind.value}{due}): {ob.summary}"
                    )
        _emit(args, "\n".join(lines) + "\n")
    return _finish(args, problems + more)


def _registry_kind(path: Path) -> str | None:
    """``parties`` or ``reporters`` for the registry files, by their top-level table name."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:20000]
    except OSError:
        return None
    for kind in ("parties", "reporters"):
        if f"[[{kind}]]" in head:
            return kind
    return None


def _cmd_validate(args: argparse.Namespace) -> int:
    from compliance.linking.ledger import assemble, load_agreements, load_registries, reporter_resolver
    from compliance.load.agreement_files import load_parties_file, load_reporters_file
    from compliance.readers import read_event_file

    parties, reporters, problems = load_registries()
    toml = [f for f in args.files if f.suffix.lower() == ".toml"]
    others = [f for f in args.files if f.suffix.lower() != ".toml"]
    registries = [f for f in toml if _registry_kind(f)]
    for path in registries:
        problems += (load_parties_file if _registry_kind(path) == "parties" else load_reporters_file)(path)[1]
    toml = [f for f in toml if f not in registries]
    agreements, more = load_agreements(toml or None, parties)
    problems += more
    if others:
        resolve = reporter_resolver(reporters)
        records = [r for f in sorted(others, key=str) for r in read_event_file(f, parties.resolve, resolve)]
        ledger = assemble(agreements, parties, records)
        problems += ledger.problems
        acc = ledger.accounting
        print(
            f"events: read {acc.read}, linked {acc.linked}, unlinked {acc.unlinked}, rejected {acc.rejected}",
            file=sys.stderr,
        )
    for problem in sorted(set(problems)):
        print(problem, file=sys.stderr)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    print(f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def _cmd_report(args: argparse.Namespace) -> int:
    from compliance.render.json import render_json
    from compliance.render.markdown import render_markdown
    from compliance.views.report import Report

    ledger = _ledger(args)
    as_of = args.as_of or datetime.now(UTC).date()
    report = Report.build(ledger, as_of, args.agreement, args.known_on)
    _emit(args, render_json(report) if args.format == "json" else render_markdown(report))
    return _finish(args, ledger.problems)


def _cmd_timeline(args: argparse.Namespace) -> int:
    from compliance.render.tables import timeline_csv, timeline_json, timeline_markdown
    from compliance.views.timeline import timeline

    ledger = _ledger(args)
    result = timeline(ledger, args.start, args.end, args.every, args.agreement)
    render = {"markdown": timeline_markdown, "json": timeline_json, "csv": timeline_csv}[args.format]
    _emit(args, render(result))
    return _finish(args, ledger.problems)


def _cmd_diff(args: argparse.Namespace) -> int:
    from compliance.render.tables import diff_json, diff_markdown
    from compliance.views.timeline import diff

    ledger = _ledger(args)
    changes = diff(ledger, args.start, args.end, args.agreement)
    render = diff_json if args.format == "json" else diff_markdown
    _emit(args, render(changes, args.start.isoformat(), args.end.isoformat()))
    return _finish(args, ledger.problems)


def _cmd_lineage(args: argparse.Namespace) -> int:
    from compliance.evaluation.evaluate import evaluate
    from compliance.render.tables import lineage_json, lineage_markdown
    from compliance.views.lineage import backward, forward

    ledger = _ledger(args)
    known = {o.id for a in ledger.agreements for o in a.obligations}
    if args.obligation not in known:
        raise ValueError(f"unknown obligation {args.obligation!r} (see `compliance agreements`)")
    as_of = args.as_of or datetime.now(UTC).date()
    evaluation = evaluate(ledger.agreements, ledger.events, ledger.links, ledger.parties, as_of)
    statuses = {r.id: (r.agreement, r.status) for r in evaluation.results}
    before = backward(ledger.agreements, args.obligation)
    after = forward(ledger.agreements, args.obligation)
    render = lineage_json if args.format == "json" else lineage_markdown
    _emit(args, render(args.obligation, as_of, before, after, statuses))
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
