"""The public API checks its arguments where they enter: a wrong one fails at once, saying what is
allowed, and never gives another answer without a word nor a traceback from deep inside.

Each entry point is called the way a user calls it (``compliance.Report.build``,
``compliance.timeline`` …). The refusals happen before any evaluation, so the cases are cheap.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

import pytest

import compliance
from compliance.cli import main
from compliance.cli.arguments import parser
from compliance.core.vocabulary import Status, Trust
from compliance.evaluation.evaluate import Prepared
from compliance.testing import laws
from compliance.views.activity import activity, count_activity

LEDGER = compliance.build_ledger()
AS_OF = date(2025, 12, 31)
START = date(2021, 1, 1)
FACILITATE = "pr2022-3-facilitate-arm"
"""Armenia's facilitation of the EU mission (Prague 2022, point 3), on the EU's word: disputed under
strict, fulfilled under standard and broad, so its grade depends on the policy."""
KNOWN = ", ".join(a.id for a in LEDGER.agreements)


def _prepared() -> Prepared:
    return Prepared.of(LEDGER.agreements, LEDGER.events, LEDGER.links, None, LEDGER.placed_outside)


TRUST_ENTRIES: dict[str, Callable[[object], object]] = {
    "evaluate": lambda t: compliance.evaluate(
        LEDGER.agreements, LEDGER.events, LEDGER.links, LEDGER.parties, AS_OF, trust=t
    ),
    "evaluate_ledger": lambda t: compliance.evaluate_ledger(LEDGER, AS_OF, trust=t),
    "Prepared.evaluate": lambda t: _prepared().evaluate(LEDGER.parties, AS_OF, t),
    "Prepared.evaluate_policies": lambda t: _prepared().evaluate_policies(LEDGER.parties, AS_OF, (t,)),
    "Report.build": lambda t: compliance.Report.build(LEDGER, AS_OF, trust=t),
    "Report.build_with_evidence": lambda t: compliance.Report.build_with_evidence(LEDGER, AS_OF, trust=t),
    "timeline": lambda t: compliance.timeline(LEDGER, START, AS_OF, "year", trust=t),
    "diff": lambda t: compliance.diff(LEDGER, START, AS_OF, trust=t),
    "activity": lambda t: activity(LEDGER, START, AS_OF, "year", trust=t),
    "count_activity": lambda t: count_activity(
        LEDGER, compliance.evaluate_ledger(LEDGER, AS_OF), START, "year", trust=t
    ),
}


# --------------------------------------------------------------------------- trust


@pytest.mark.parametrize("value", ["bogus", "STRICT", "Strict", " strict", "", None, 1])
@pytest.mark.parametrize("entry", sorted(TRUST_ENTRIES))
def test_api_trust__an_unknown_policy_is_refused_naming_the_three(entry: str, value: object) -> None:
    """An unknown policy dropped every account whose grade depends on the policy: under
    ``trust="bogus"`` the new-route plan read overdue, which no policy gives, and the report's
    renderers crashed on the stored string. Now it is a ValueError naming the policies."""
    with pytest.raises(ValueError, match=r"^trust: expected one of 'strict', 'standard', 'broad'"):
        TRUST_ENTRIES[entry](value)


@pytest.mark.parametrize("policy", list(Trust))
def test_api_trust__the_lowercase_name_is_the_policy(policy: Trust) -> None:
    """``trust="strict"`` (the command line's spelling) is ``Trust.STRICT``: the same statuses, and a
    report that stores the member and renders in both formats."""
    by_name = compliance.evaluate_ledger(LEDGER, AS_OF, trust=policy.value)
    assert by_name == compliance.evaluate_ledger(LEDGER, AS_OF, trust=policy)
    report = compliance.Report.build(LEDGER, AS_OF, trust=policy.value)
    assert report.trust is policy
    assert report == compliance.Report.build(LEDGER, AS_OF, trust=policy)
    assert compliance.render_markdown(report).startswith("# Compliance report")
    assert compliance.render_json(report).startswith("{")


def test_api_trust__the_policy_decides_and_no_name_gives_another_answer() -> None:
    """The statuses the three policies give the facilitation of the EU mission, and nothing else."""
    statuses = {
        t: compliance.evaluate_ledger(LEDGER, AS_OF, trust=t.value).result(FACILITATE).status for t in Trust
    }
    assert statuses == {
        Trust.STRICT: Status.DISPUTED,
        Trust.STANDARD: Status.FULFILLED,
        Trust.BROAD: Status.FULFILLED,
    }


# --------------------------------------------------------------------------- agreement ids

IDS_ENTRIES: dict[str, Callable[[object], object]] = {
    "Report.build": lambda ids: compliance.Report.build(LEDGER, AS_OF, ids),
    "Report.build_with_evidence": lambda ids: compliance.Report.build_with_evidence(LEDGER, AS_OF, ids)[0],
    "timeline": lambda ids: compliance.timeline(LEDGER, START, AS_OF, "year", ids),
    "diff": lambda ids: compliance.diff(LEDGER, START, AS_OF, ids),
    "activity": lambda ids: activity(LEDGER, START, AS_OF, "year", ids),
    "count_activity": lambda ids: count_activity(
        LEDGER, compliance.evaluate_ledger(LEDGER, AS_OF), START, "year", ids
    ),
}


@pytest.mark.parametrize("entry", sorted(IDS_ENTRIES))
def test_api_agreement_ids__a_string_is_that_one_id(entry: str) -> None:
    """``"trilateral-2021-01"`` is that agreement, as a single path is that one file: taken as a
    list of ids it matched any id it is part of."""
    build = IDS_ENTRIES[entry]
    assert build("trilateral-2021-01") == build(["trilateral-2021-01"])
    assert build("trilateral-2021-01") != build(())


@pytest.mark.parametrize(
    ("ids", "unknown"),
    [
        ("trilateral-2020-01", "trilateral-2020-01"),
        (["trilateral-2020", "no-such"], "no-such"),
        (("2020",), "2020"),
        ("", ""),
    ],
    ids=["typo-as-str", "one-of-two", "substring", "empty"],
)
@pytest.mark.parametrize("entry", sorted(IDS_ENTRIES))
def test_api_agreement_ids__an_unknown_id_is_refused_naming_the_known(
    entry: str, ids: object, unknown: str
) -> None:
    """An id no agreement has is a ValueError naming it and the known ids (the command line's
    message), where it gave another agreement's report or an empty one."""
    expected = f"unknown agreement {unknown} (known: {KNOWN})"
    with pytest.raises(ValueError, match=f"^{re.escape(expected)}$"):
        IDS_ENTRIES[entry](ids)


@pytest.mark.parametrize("entry", sorted(IDS_ENTRIES))
def test_api_agreement_ids__none_is_every_agreement(entry: str) -> None:
    """``None`` means every agreement, as ``()`` does (``Report.build`` raised a TypeError)."""
    assert IDS_ENTRIES[entry](None) == IDS_ENTRIES[entry](())


@pytest.mark.parametrize(
    ("ids", "said"),
    [
        (date(2022, 1, 1), "got a date (2022-01-01); give known_on by name"),
        (42, "got int"),
        ([1], "got an id of type int: 1"),
        (["trilateral-2020", None], "got an id of type NoneType: None"),
    ],
    ids=["date", "int", "list-of-int", "none-in-list"],
)
@pytest.mark.parametrize("entry", sorted(IDS_ENTRIES))
def test_api_agreement_ids__another_kind_of_value_is_a_type_error(entry: str, ids: object, said: str) -> None:
    """``Report.build(ledger, as_of, date(2022, 1, 1))`` puts a date where the agreement ids go (the
    third argument): a TypeError saying so, not "'datetime.date' is not iterable"."""
    with pytest.raises(
        TypeError, match=r"^agreement_ids: expected an agreement id or a list of ids, "
    ) as exc:
        IDS_ENTRIES[entry](ids)
    assert said in str(exc.value)


@pytest.mark.parametrize("command", ["report", "timeline", "activity", "diff"])
def test_api_agreement_ids__the_command_line_gives_the_same_message(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line refuses an unknown ``--agreement`` with the API's message, exit 2."""
    period = (
        ["--as-of", "2023-01-01"] if command == "report" else ["--from", "2021-01-01", "--to", "2022-01-01"]
    )
    code = main([command, *period, "--agreement", "trilateral-2020", "--agreement", "nope"])
    assert code == 2
    assert f"compliance: unknown agreement nope (known: {KNOWN})\n" in capsys.readouterr().err


# --------------------------------------------------------------------------- dates

DATE_ENTRIES: dict[tuple[str, str], Callable[[object], object]] = {
    ("evaluate", "as_of"): lambda d: compliance.evaluate(
        LEDGER.agreements, LEDGER.events, LEDGER.links, LEDGER.parties, d
    ),
    ("evaluate", "known_on"): lambda d: compliance.evaluate(
        LEDGER.agreements, LEDGER.events, LEDGER.links, LEDGER.parties, AS_OF, d
    ),
    ("evaluate_ledger", "as_of"): lambda d: compliance.evaluate_ledger(LEDGER, d),
    ("evaluate_ledger", "known_on"): lambda d: compliance.evaluate_ledger(LEDGER, AS_OF, d),
    ("Report.build", "as_of"): lambda d: compliance.Report.build(LEDGER, d),
    ("Report.build", "known_on"): lambda d: compliance.Report.build(LEDGER, AS_OF, known_on=d),
    ("Report.build_with_evidence", "as_of"): lambda d: compliance.Report.build_with_evidence(LEDGER, d)[0],
    ("timeline", "start"): lambda d: compliance.timeline(LEDGER, d, AS_OF, "year"),
    ("timeline", "end"): lambda d: compliance.timeline(LEDGER, START, d, "year"),
    ("diff", "before"): lambda d: compliance.diff(LEDGER, d, AS_OF),
    ("diff", "after"): lambda d: compliance.diff(LEDGER, START, d),
    ("activity", "start"): lambda d: activity(LEDGER, d, AS_OF, "year"),
    ("activity", "end"): lambda d: activity(LEDGER, START, d, "year"),
    ("activity", "known_on"): lambda d: activity(LEDGER, START, AS_OF, "year", known_on=d),
    ("count_activity", "start"): lambda d: count_activity(
        LEDGER, compliance.evaluate_ledger(LEDGER, AS_OF), d, "year"
    ),
    ("Lineage.build", "as_of"): lambda d: compliance.Lineage.build(LEDGER, FACILITATE, d),
}
ENTRY_IDS = [f"{entry}-{name}" for entry, name in DATE_ENTRIES]


@pytest.mark.parametrize(
    ("value", "error", "said"),
    [
        (date(9999, 12, 31), ValueError, "year 9999 is outside 1900–2100"),
        (date(1899, 12, 31), ValueError, "year 1899 is outside 1900–2100"),
        ("2101-01-01", ValueError, "year 2101 is outside 1900–2100"),
        (datetime(2023, 6, 30, 12), TypeError, "give a date, not a date-time"),
        ("2023-6-30", ValueError, "expected a date YYYY-MM-DD, got '2023-6-30'"),
        ("20230630", ValueError, "expected a date YYYY-MM-DD, got '20230630'"),
        ("2023-06-30T00:00", ValueError, "expected a date YYYY-MM-DD"),
        ("yesterday", ValueError, "expected a date YYYY-MM-DD, got 'yesterday'"),
        ("2023-02-30", ValueError, "not a calendar date: '2023-02-30': February 2023 has 28 days"),
        (20230630, TypeError, "expected a date or a string YYYY-MM-DD, got int"),
    ],
    ids=[
        "9999",
        "1899",
        "2101-text",
        "datetime",
        "short",
        "basic",
        "date-time-text",
        "word",
        "30-feb",
        "int",
    ],
)
@pytest.mark.parametrize(("entry", "name"), list(DATE_ENTRIES), ids=ENTRY_IDS)
def test_api_dates__a_bad_day_is_refused_naming_the_argument(
    entry: str, name: str, value: object, error: type[Exception], said: str
) -> None:
    """Dates outside the command line's 1900–2100, date-times and text that is not ``YYYY-MM-DD``
    are refused with the argument's name: they gave ``OverflowError``, a ``TypeError`` from the time
    arithmetic ("can only concatenate str"), or a date-time silently read as its day."""
    with pytest.raises(error, match=f"^{name}: ") as exc:
        DATE_ENTRIES[entry, name](value)
    assert said in str(exc.value)


@pytest.mark.parametrize(("entry", "name"), list(DATE_ENTRIES), ids=ENTRY_IDS)
def test_api_dates__iso_text_is_that_day(entry: str, name: str) -> None:
    """``"2023-06-30"`` gives what ``date(2023, 6, 30)`` gives (the 30th is a day every entry takes
    in each place)."""
    day = date(2023, 6, 30)
    assert DATE_ENTRIES[entry, name](day.isoformat()) == DATE_ENTRIES[entry, name](day)


def test_api_dates__the_report_keeps_the_day_not_the_text() -> None:
    """A report built from text holds dates, which the renderers and views need."""
    report = compliance.Report.build(LEDGER, "2023-06-30", known_on="2023-06-01")
    assert (report.as_of, report.known_on) == (date(2023, 6, 30), date(2023, 6, 1))
    assert compliance.render_json(report) == compliance.render_json(
        compliance.Report.build(LEDGER, date(2023, 6, 30), known_on=date(2023, 6, 1))
    )


@pytest.mark.parametrize("text", ["1899-12-31", "1900-01-01", "2100-12-31", "2101-01-01"])
def test_api_dates__the_api_and_the_command_line_take_the_same_years(text: str) -> None:
    """One pair of bounds (``core.timeframe``): the API takes a day exactly when ``--as-of`` does."""
    from compliance.core.arguments import as_day

    try:
        parser().parse_args(["report", "--as-of", text])
        by_cli = True
    except SystemExit:
        by_cli = False
    try:
        as_day(text, "as_of")
        by_api = True
    except ValueError:
        by_api = False
    assert by_api == by_cli == (text[:4] in ("1900", "2100"))


@pytest.mark.parametrize(
    "text", ["20230630", "2023-W26-5", "2023181", "2023-6-30", "2023-02-30", "2023-06-30"]
)
def test_api_dates__the_command_line_takes_the_texts_the_api_takes(text: str, capsys) -> None:
    """One rule for a day's text: ``--as-of 20230630`` (and the week date ``2023-W26-5``) was read
    as 30 June 2023 while the API refused it, and ``2023-02-30`` was refused as not YYYY-MM-DD.
    The command line now gives the API's message after the option's name."""
    from compliance.core.arguments import as_day

    try:
        as_day(text, "as_of")
        said = None
    except ValueError as exc:
        said = str(exc).removeprefix("as_of: ")
    try:
        parser().parse_args(["report", "--as-of", text])
        by_cli = None
    except SystemExit:
        by_cli = capsys.readouterr().err.splitlines()[-1]
    assert (said is None) == (by_cli is None) == (text == "2023-06-30")
    if said is not None:
        assert by_cli == f"compliance report: error: argument --as-of: {said}"


def test_api_dates__the_laws_still_evaluate_past_2100() -> None:
    """``compliance.testing`` probes days around an encoding's own dates, which may lie past the
    years the API takes (a term may run to 2150): its laws evaluate there without the edge check."""
    laws.check_all(LEDGER.agreements, LEDGER.parties, [], date(2101, 6, 30))


# --------------------------------------------------------------------------- periods


@pytest.mark.parametrize("every", ["monthly", "Month", "months", "", None])
@pytest.mark.parametrize("entry", ["timeline", "activity"])
def test_api_every__an_unknown_period_is_refused_naming_the_four(entry: str, every: object) -> None:
    """``every="monthly"`` gave a bare ``KeyError: 'monthly'``: a ValueError naming what is taken."""
    call = {"timeline": compliance.timeline, "activity": activity}[entry]
    with pytest.raises(ValueError, match=r"^every: expected one of week, month, quarter, year, got "):
        call(LEDGER, START, AS_OF, every)


# --------------------------------------------------------------------------- results


def test_api_result__an_unknown_obligation_is_a_key_error_that_names_it() -> None:
    """``Evaluation.result("nope")`` gave a bare ``KeyError('nope')``; it is still a KeyError (callers
    catch that), now saying what is wrong."""
    evaluation = compliance.evaluate_ledger(LEDGER, AS_OF)
    with pytest.raises(KeyError, match=r"'nope' is not an obligation of the evaluated agreements"):
        evaluation.result("nope")
