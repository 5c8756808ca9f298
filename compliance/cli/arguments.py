"""The command line's arguments: every command, flag and its help, in one place."""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from compliance.core.problems import visible
from compliance.core.vocabulary import Trust

_LAST_PART = re.compile("|".join(re.escape(s) for s in (os.sep, os.altsep) if s))


def _date(text: str) -> date:
    """A date option's day, by the API's rule (:func:`compliance.core.arguments.as_day`).

    ``date.fromisoformat`` alone also takes ``20240101`` and the week date ``2024-W01-1``, which
    the API refuses, and said of ``2024-02-30`` only that it expected YYYY-MM-DD, which it is.
    """
    from compliance.core.arguments import as_day  # (the agreement model, which --help does not need)

    try:
        return as_day(text, "")
    except ValueError as exc:
        message = str(exc).removeprefix(": ")
        if repr(text) not in message:  # "year 9999 is outside 1900–2100" names no value: say which
            message = f"{message} (got {text!r})"
        raise argparse.ArgumentTypeError(message) from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {value}")
    return value


_EMPTY_PATH = "an empty file name (an unset shell variable?)"


def input_file(text: str) -> Path:
    """A file to read. An empty name is refused: ``Path("")`` is ``.``, so ``--events "$FILE"`` with
    ``FILE`` unset said "compliance: .: cannot read: a directory", naming no file the user gave."""
    if not text:
        raise argparse.ArgumentTypeError(_EMPTY_PATH)
    return Path(text)


def _output_file(text: str) -> Path | None:
    """The ``--output`` path, refused when its last part is empty or ``.`` (``out/``, ``out/.``);
    ``None`` (standard output) for ``-``, as ``--events -`` reads standard input. ``-`` wrote a
    file named ``-`` and pictures named ``--heatmap.svg`` beside it (``./-`` still names that file).

    ``Path`` drops that part: ``keep.csv/`` would name the file ``keep.csv`` and replace it, and
    ``newdir/`` would create a file ``newdir`` (and a report's pictures beside it). A name written
    as a directory's is not a file to write; a directory named without the slash is refused when
    the output is written.
    """
    if text == "-":
        return None
    if not text:
        raise argparse.ArgumentTypeError(_EMPTY_PATH)
    parts = _LAST_PART.split(text)
    if len(parts) > 1 and parts[-1] in ("", "."):
        raise argparse.ArgumentTypeError(f"cannot write {visible(text)}: not a file name")
    return Path(text)


GAZETTEER_HELP = (
    "gazetteer TOML ([[areas]], [[places]]) instead of the bundled one: the areas agreement scopes "
    "name and the places accounts are placed by (an agreement of another conflict)"
)


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line, read as ``parser().parse_args`` reads it, except that ``validate`` takes
    its files before, between and after its options (``validate reporters.toml --parties
    parties.toml agreement.toml``): argparse leaves the files after an option unread, and
    ``parse_intermixed_args`` does not take sub-commands."""
    command_line = parser()
    args, rest = command_line.parse_known_args(argv)
    if args.command == "validate":
        files = [item for item in rest if item == "-" or not item.startswith("-")]  # ("-": standard input)
        if "" in files:
            command_line.error(f"argument FILE: {_EMPTY_PATH}")
        args.files += map(Path, files)
        rest = [item for item in rest if item not in files]
    if rest:
        command_line.error(f"unrecognized arguments: {' '.join(rest)}")
    return args


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="compliance",
        description="Track compliance with ceasefire and peace agreements.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def registries(p: argparse.ArgumentParser, gazetteer: str = GAZETTEER_HELP) -> None:
        p.add_argument(
            "--parties",
            type=input_file,
            default=None,
            metavar="FILE",
            help="party registry TOML instead of the bundled one (an agreement of another conflict)",
        )
        p.add_argument(
            "--reporters",
            type=input_file,
            default=None,
            metavar="FILE",
            help="reporter registry TOML instead of the bundled one",
        )
        p.add_argument("--gazetteer", type=input_file, default=None, metavar="FILE", help=gazetteer)

    def trust(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--trust",
            type=Trust,
            choices=list(Trust),
            default=Trust.STANDARD,
            help="whose word confirms an account: strict, standard (default) or broad (docs/obligation-logic.md)",
        )

    def inputs(p: argparse.ArgumentParser) -> None:
        registries(p)
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
            type=input_file,
            default=None,
            metavar="PATH",
            help="agreement TOML file instead of the bundled ones (repeatable)",
        )
        p.add_argument(
            "--events",
            action="append",
            type=input_file,
            default=None,
            metavar="PATH",
            help="event file: our CSV, JSON Lines, ACLED or UCDP; - reads standard input (repeatable; default: the bundled dataset, unless --parties names another registry)",
        )
        p.add_argument(
            "--strict",
            action="store_true",
            help="exit 1, writing nothing but the problems, if any input error is found",
        )
        trust(p)
        p.add_argument(
            "--output",
            type=_output_file,
            metavar="PATH",
            help="write to a file instead of standard output (-: standard output)",
        )

    p = sub.add_parser("agreements", help="list agreements, articles and obligations")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--agreement-file", action="append", type=input_file, default=None, metavar="PATH")
    p.add_argument("--output", type=_output_file, metavar="PATH")
    p.add_argument("--strict", action="store_true")
    registries(p)

    p = sub.add_parser(
        "validate",
        help="check agreement, registry and gazetteer files (.toml) and event files; exit 1 on errors "
        "(a registry or gazetteer among the files, the only one of its kind, is used for the others)",
    )
    p.add_argument("files", nargs="+", type=input_file, metavar="FILE")
    registries(p)

    p = sub.add_parser("report", help="compliance report as of a date")
    inputs(p)
    p.add_argument("--as-of", type=_date, default=None, metavar="DATE", help="default: today (UTC)")
    p.add_argument(
        "--known-on", type=_date, default=None, metavar="DATE", help="only accounts reported by this date"
    )
    p.add_argument(
        "--format",
        choices=("markdown", "json", "csv"),
        default="markdown",
        help="markdown (default), json, or csv: one row per obligation (docs/report-schema.md)",
    )

    p = sub.add_parser("timeline", help="status per obligation and article per period")
    inputs(p)
    p.add_argument("--from", dest="start", type=_date, required=True, metavar="DATE")
    p.add_argument("--to", dest="end", type=_date, required=True, metavar="DATE")
    p.add_argument("--every", choices=("week", "month", "quarter", "year"), default="month")
    p.add_argument(
        "--known-on", type=_date, default=None, metavar="DATE", help="only accounts reported by this date"
    )
    p.add_argument("--format", choices=("markdown", "json", "csv", "svg"), default="markdown")

    p = sub.add_parser(
        "activity", help="accounts and incidents per period, obligation, side, effect and grade"
    )
    inputs(p)
    p.add_argument("--from", dest="start", type=_date, required=True, metavar="DATE")
    p.add_argument("--to", dest="end", type=_date, required=True, metavar="DATE")
    p.add_argument("--every", choices=("week", "month", "quarter", "year"), default="month")
    p.add_argument(
        "--known-on", type=_date, default=None, metavar="DATE", help="only accounts reported by this date"
    )
    p.add_argument("--format", choices=("markdown", "json", "csv"), default="markdown")

    p = sub.add_parser(
        "diff", help="findings new, changed, carried over, resolved and ended between two dates"
    )
    inputs(p)
    p.add_argument("--from", dest="start", type=_date, required=True, metavar="DATE")
    p.add_argument("--to", dest="end", type=_date, required=True, metavar="DATE")
    p.add_argument(
        "--known-on", type=_date, default=None, metavar="DATE", help="only accounts reported by this date"
    )
    p.add_argument("--format", choices=("markdown", "json"), default="markdown")
    p = sub.add_parser("lineage", help="an obligation's chain through later instruments, and its standing")
    p.add_argument("obligation", metavar="OBLIGATION-ID")
    p.add_argument(
        "--as-of",
        type=_date,
        default=None,
        metavar="DATE",
        help="statuses and the relations that hold by this date; default: today (UTC)",
    )
    p.add_argument("--agreement-file", action="append", type=input_file, default=None, metavar="PATH")
    p.add_argument("--events", action="append", type=input_file, default=None, metavar="PATH")
    p.add_argument("--format", choices=("markdown", "json"), default="markdown")
    p.add_argument("--output", type=_output_file, metavar="PATH")
    p.add_argument("--strict", action="store_true")
    trust(p)
    registries(p)
    p.set_defaults(agreement=[])

    p = sub.add_parser(
        "check",
        help="check agreement encodings: static checks, reachable statuses with witnesses, the laws (needs the testing extra)",
    )
    p.add_argument(
        "files",
        nargs="*",
        type=input_file,
        metavar="FILE.toml",
        help="agreement files (default: the bundled ones)",
    )
    p.add_argument(
        "--agreement",
        action="append",
        default=[],
        metavar="ID",
        help="check only this agreement (repeatable)",
    )
    p.add_argument(
        "--examples",
        type=_positive,
        default=None,
        metavar="N",
        help="generated examples per obligation (bounds the time)",
    )
    p.add_argument(
        "--seed", type=int, default=0, metavar="S", help="seed of the generated examples (default 0)"
    )
    p.add_argument("--format", choices=("markdown", "json"), default="markdown")
    p.add_argument("--output", type=_output_file, metavar="PATH")
    registries(
        p,
        f"{GAZETTEER_HELP}; rule place names are looked up in it (without it: in the bundled one, "
        "for the bundled agreements only)",
    )
    return parser
