"""Agreement files: the documented example, every malformed case, and round-trips."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.core.model import Agreement, Amendment, Article, Ending, LinkRule, Obligation, Term, Variant
from compliance.core.problems import Severity
from compliance.core.vocabulary import EVENT_KINDS, ActorRelation, Effect, EndType, Kind, Modality, Nature
from compliance.linking.ledger import load_agreements
from compliance.load.agreement_files import load_agreement_text, load_parties_file
from compliance.load.checks import check_agreements
from compliance.load.converter import converter
from tests.support import AGREEMENTS, PARTIES
from tests.toml_writer import agreement_to_toml

ROOT = Path(__file__).parent.parent
DOC = (ROOT / "docs" / "agreement-format.md").read_text(encoding="utf-8")
EXAMPLE = re.search(r"```toml\n(.*?)```", DOC, re.S).group(1)  # type: ignore[union-attr]


def problems_of(text: str) -> list[str]:
    agreement, problems = load_agreement_text(text, "bad.toml")
    if agreement is not None:
        problems = check_agreements([(agreement, "bad.toml", text)], PARTIES)
    return [str(p) for p in problems]


def test_example__the_documented_example_loads_without_problems() -> None:
    """The complete example in docs/agreement-format.md is a valid agreement file."""
    agreement, problems = load_agreement_text(EXAMPLE, "example.toml")
    assert problems == []
    assert agreement is not None
    assert check_agreements([(agreement, "example.toml", EXAMPLE)], PARTIES) == []
    assert [o.id for o in agreement.obligations] == [
        "ex-1-ceasefire-arm",
        "ex-2-district",
        "ex-2-term",
        "ex-2-size",
    ]


def test_bundled__both_agreements_load_with_9_and_5_articles_and_sources() -> None:
    """The bundled 2020 statement has 9 articles, the 2022 principles 5, each with a source."""
    by_id = {a.id: a for a in AGREEMENTS}
    assert len(by_id["trilateral-2020"].articles) == 9
    assert len(by_id["five-principles-2022"].articles) == 5
    assert len(by_id["trilateral-2020"].obligations) >= 20
    for agreement in AGREEMENTS:
        for article in agreement.articles:
            assert article.source.startswith("https://") or article.source.startswith("http://")
            assert article.text or article.text_status == "not-found"


def replace(old: str, new: str) -> str:
    assert old in EXAMPLE, old
    return EXAMPLE.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            replace('summary = "Armenia observes the ceasefire."\n', ""),
            r"bad.toml:\d+: \$.obligations\[0\].summary: required key missing",
        ),
        (
            replace("pax_id = 2324", 'pax_id = "2324"'),
            r"bad.toml:\d+: \$.pax_id: expected an integer, got a string",
        ),
        (
            replace("deadline = 2020-11-20 ", "deadlines = 2020-11-20 "),
            r"bad.toml:\d+: \$.obligations\[1\]: unknown key\(s\): deadlines",
        ),
        (
            replace("deadline = 2020-11-20 ", 'deadline = "20 Nov 2020" '),
            r"\$.obligations\[1\].deadline: expected a date YYYY-MM-DD, got '20 Nov 2020'",
        ),
        (
            replace('id = "ex-2-term"', 'id = "ex-2-district"'),
            r"\$.obligations\[2\].id: duplicate obligation id 'ex-2-district'",
        ),
        (
            replace('obligation = "ex-2-district", note', 'obligation = "ex-9", note'),
            r"depends_on\[0\].obligation: depends on unknown obligation 'ex-9'",
        ),
        (
            replace('kinds = ["armed-clash", "shelling"]', 'kinds = ["armed-clash", "skirmish"]'),
            r"\$.obligations\[0\].rules\[0\].kinds\[1\]: unknown event kind 'skirmish'",
        ),
        (
            replace('kind = "maintenance"  ', 'kind = "sometimes"  '),
            r"\$.obligations\[0\].kind: 'sometimes' is not one of: achievement, maintenance, punctual",
        ),
        (
            replace(
                'bearers = ["ARM"]\nbeneficiaries = ["AZE"]\nmonitors',
                'bearers = ["XYZ"]\nbeneficiaries = ["AZE"]\nmonitors',
            ),
            r"\$.obligations\[0\].bearers\[0\]: unknown party 'XYZ'",
        ),
        (
            replace('article = "2"\nsummary = "Armenia returns', 'article = "7"\nsummary = "Armenia returns'),
            r"\$.obligations\[1\].article: unknown article '7'",
        ),
        (replace('utc_offset = "+03:00"', 'utc_offset = "Moscow"'), r"expected a UTC offset like \+03:00"),
        ("id = [unclosed", r"bad.toml:1: -: not valid TOML"),
    ],
    ids=[
        "missing-key",
        "wrong-type",
        "unknown-key",
        "bad-date",
        "duplicate-obligation-id",
        "unknown-dependency",
        "unknown-event-kind",
        "bad-enum",
        "unknown-party",
        "unknown-article",
        "bad-offset",
        "not-toml",
    ],
)
def test_malformed__each_case_gives_its_problem(text: str, expected: str) -> None:
    """A malformed file gives a problem naming file, line, key path and what was expected."""
    found = problems_of(text)
    assert any(re.search(expected, p) for p in found), found


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ('"20201120"', "expected a date YYYY-MM-DD, got '20201120'"),
        ('"2020-W47-5"', "expected a date YYYY-MM-DD, got '2020-W47-5'"),
        ('"2020-11-31"', "not a calendar date: '2020-11-31': November 2020 has 30 days"),
        ('"0000-11-20"', "year 0 is outside 1900–2100"),
    ],
)
def test_malformed__a_date_written_as_text_is_yyyy_mm_dd(written: str, expected: str) -> None:
    """A deadline written as text is read only as YYYY-MM-DD, as the format says: "20201120" and
    the week date "2020-W47-5" were read as 20 November 2020 (``date.fromisoformat`` takes both),
    and "0000-11-20" and "2020-11-31" were said to be not YYYY-MM-DD, which they are."""
    agreement, problems = load_agreement_text(
        replace("deadline = 2020-11-20 ", f"deadline = {written} "), "bad.toml"
    )
    assert agreement is None
    assert [p.message for p in problems if p.field == "$.obligations[1].deadline"] == [expected]


def test_malformed__all_problems_are_reported_at_once() -> None:
    """Three independent mistakes give three problems, not one."""
    text = EXAMPLE.replace("pax_id = 2324", 'pax_id = "x"').replace(
        'kind = "maintenance"  ', 'kind = "x"  ', 1
    )
    text = text.replace("deadline = 2020-11-20 ", "deadline = 7 ")
    assert len(problems_of(text)) == 3


def test_malformed__line_numbers_point_at_the_key() -> None:
    """The line given is the line of the offending key."""
    text = replace("deadline = 2020-11-20 ", 'deadline = "soon" ')
    (problem,) = problems_of(text)
    line = int(problem.split(":")[1])
    assert text.splitlines()[line - 1].startswith("deadline")


def test_round_trip__bundled_agreements_through_converter_and_toml() -> None:
    """Every bundled agreement survives unstructure/structure and writing/reading TOML."""
    for agreement in AGREEMENTS:
        assert converter.structure(converter.unstructure(agreement), Agreement) == agreement
        loaded, problems = load_agreement_text(agreement_to_toml(agreement), "round-trip.toml")
        assert problems == []
        assert loaded == agreement


text_values = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)
slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True)
days = st.dates(date(1990, 1, 1), date(2040, 12, 31))
urls = st.from_regex(r"https://[a-z]{1,10}\.org/[a-z0-9]{0,10}", fullmatch=True)
parties = st.sampled_from(["ARM", "AZE", "RUS", "TUR"])


@st.composite
def agreements(draw: st.DrawFn) -> Agreement:
    """Agreements with cross-field consistency (articles exist, ids unique)."""
    numbers = draw(
        st.lists(st.from_regex(r"[1-9][0-9]?", fullmatch=True), min_size=1, max_size=4, unique=True)
    )
    articles = tuple(
        Article(
            n,
            draw(text_values),
            draw(text_values),
            draw(urls),
            draw(st.sampled_from(["verbatim", "partial", "quoted"])),
            tuple(
                Variant(draw(text_values), draw(urls), draw(text_values))
                for _ in range(draw(st.integers(0, 2)))
            ),
        )
        for n in numbers
    )
    ids = draw(st.lists(slugs, min_size=1, max_size=4, unique=True))
    obligations = tuple(
        Obligation(
            id=i,
            article=draw(st.sampled_from(numbers)),
            summary=draw(text_values),
            bearers=tuple(draw(st.lists(parties, min_size=1, max_size=2, unique=True))),
            modality=draw(st.sampled_from(Modality)),
            kind=draw(st.sampled_from(Kind)),
            in_force=draw(days),
            deadline=draw(st.none() | days),
            deadline_note=draw(text_values),
            term=draw(
                st.none()
                | st.builds(
                    Term, days, st.integers(1, 10), st.integers(0, 10), st.integers(0, 12), st.tuples(parties)
                )
            ),
            rules=tuple(
                draw(
                    st.lists(
                        st.builds(
                            LinkRule,
                            slugs,
                            st.lists(st.sampled_from(EVENT_KINDS), min_size=1, max_size=3).map(tuple),
                            st.sampled_from(Effect),
                            actors=st.lists(st.sampled_from(ActorRelation), min_size=1, max_size=2).map(
                                tuple
                            ),
                            targets=st.lists(st.sampled_from(ActorRelation), min_size=1, max_size=2).map(
                                tuple
                            ),
                            places=st.lists(text_values, max_size=2).map(tuple),
                        ),
                        max_size=2,
                    )
                )
            ),
            not_formalised=draw(text_values),
            note=draw(text_values),
        )
        for i in ids
    )
    return Agreement(
        id=draw(slugs),
        title=draw(text_values),
        short_title=draw(text_values),
        date=draw(days),
        nature=draw(st.sampled_from(Nature)),
        signatories=tuple(draw(st.lists(parties, max_size=3))),
        utc_offset=draw(st.sampled_from(["+03:00", "+04:00", "-05:30", "+00:00"])),
        sources=(draw(urls),),
        articles=articles,
        obligations=obligations,
        pax_id=draw(st.none() | st.integers(1, 10**6)),
        binding=draw(st.booleans()),
        amendments=tuple(
            Amendment(draw(st.sampled_from(ids)), draw(days), draw(days), draw(urls))
            for _ in range(draw(st.integers(0, 2)))
        ),
        endings=tuple(
            Ending(draw(days), draw(st.sampled_from(EndType)), draw(text_values), draw(urls))
            for _ in range(draw(st.integers(0, 1)))
        ),
    )


@given(agreements())
def test_round_trip__any_agreement_through_the_converter(agreement: Agreement) -> None:
    """structure(unstructure(x)) == x for generated agreements."""
    assert converter.structure(converter.unstructure(agreement), Agreement) == agreement


@given(agreements())
def test_round_trip__any_agreement_through_the_file_format(agreement: Agreement) -> None:
    """Writing an agreement as TOML and reading it back gives the same agreement."""
    loaded, problems = load_agreement_text(agreement_to_toml(agreement), "generated.toml")
    assert problems == []
    assert loaded == agreement


# --------------------------------------------------------------------------- ids given in several files

OTHER_DEADLINE = replace("deadline = 2020-11-20 ", "deadline = 2020-11-12 ")


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_duplicate_agreement_id__every_copy_is_left_out_whatever_the_file_order(tmp_path: Path) -> None:
    """Two files giving one agreement id (with different deadlines): neither is used, in either
    order, and each gets a problem naming both places. Keeping the first would make the statuses
    depend on the order of --agreement-file."""
    a = _write(tmp_path, "a.toml", EXAMPLE)
    b = _write(tmp_path, "b.toml", OTHER_DEADLINE)
    ab, ab_problems = load_agreements([a, b], PARTIES)
    ba, ba_problems = load_agreements([b, a], PARTIES)
    assert ab == ba == ()
    assert ab_problems == ba_problems
    line = next(i for i, text in enumerate(EXAMPLE.splitlines(), 1) if text.startswith("id = "))
    message = (
        f"duplicate agreement id 'example-2020', given in 2 files ({a}:{line}, {b}:{line}): "
        "every file that gives it is left out"
    )
    assert [str(p) for p in ab_problems if "agreement id" in p.message] == [
        f"{a}:{line}: $.id: {message}",
        f"{b}:{line}: $.id: {message}",
    ]
    assert all(p.severity is Severity.ERROR for p in ab_problems)
    assert not [p for p in ab_problems if "obligation id" in p.message]  # the agreement's problem says it


def test_duplicate_obligation_id__in_two_agreements_leaves_both_files_out(tmp_path: Path) -> None:
    """One obligation id in two agreements of different ids: both files are left out, in either order."""
    a = _write(tmp_path, "a.toml", EXAMPLE)
    b = _write(tmp_path, "b.toml", EXAMPLE.replace('id = "example-2020"', 'id = "example-2021"', 1))
    for paths in ([a, b], [b, a]):
        loaded, problems = load_agreements(paths, PARTIES)
        assert loaded == ()
        shared = [str(p) for p in problems if "duplicate obligation id 'ex-2-district'" in p.message]
        assert len(shared) == 2
        assert all(f"given 2 times ({a}:" in p and f", {b}:" in p for p in shared)


def test_duplicate_obligation_id__within_one_file_names_both_places() -> None:
    """An obligation id used twice in one file: both obligations have a problem naming both lines."""
    text = replace('id = "ex-2-term"', 'id = "ex-2-district"')
    found = [p for p in problems_of(text) if "duplicate" in p]
    assert len(found) == 2
    assert [p.split(": ")[1] for p in found] == ["$.obligations[1].id", "$.obligations[2].id"]
    first, second = (i for i, line in enumerate(text.splitlines(), 1) if line == 'id = "ex-2-district"')
    assert [p.split(": ")[0] for p in found] == [f"bad.toml:{first}", f"bad.toml:{second}"]
    assert all(f"given 2 times (bad.toml:{first}, bad.toml:{second})" in p for p in found)


def test_same_agreement_file_given_twice__is_read_once(tmp_path: Path) -> None:
    """The same path given twice is one file: it is read once, not a duplicate of itself."""
    a = _write(tmp_path, "a.toml", EXAMPLE)
    loaded, problems = load_agreements([a, a], PARTIES)
    assert [x.id for x in loaded] == ["example-2020"]
    assert problems == []


def test_same_agreement_file_under_two_paths__is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One file named as a.toml, by its absolute path and through a link is one file, not three
    copies of one id (which would leave it out); the first place names it."""
    a = _write(tmp_path, "a.toml", EXAMPLE)
    (tmp_path / "link.toml").symlink_to(a)
    monkeypatch.chdir(tmp_path)
    loaded, problems = load_agreements([Path("a.toml"), a, tmp_path / "link.toml", Path("./a.toml")], PARTIES)
    assert [x.id for x in loaded] == ["example-2020"]
    assert problems == []
    other = _write(tmp_path, "b.toml", EXAMPLE)  # a copy is another file: both are left out
    loaded, problems = load_agreements([Path("a.toml"), other], PARTIES)
    assert loaded == ()
    assert any("duplicate agreement id 'example-2020'" in p.message for p in problems)


def test_duplicate_agreement_id__report_is_the_same_in_either_order_and_strict_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line: byte-identical reports for either order; --strict makes the duplicate fatal."""
    from compliance.cli import main

    a = _write(tmp_path, "a.toml", EXAMPLE)
    b = _write(tmp_path, "b.toml", OTHER_DEADLINE)
    events = _write(tmp_path, "none.csv", "id,date,kind,reported_by\n")
    outputs = []
    for first, second in ((a, b), (b, a)):
        args = ["report", "--agreement-file", str(first), "--agreement-file", str(second)]
        code = main([*args, "--events", str(events), "--as-of", "2021-01-01", "--format", "json"])
        outputs.append((code, *capsys.readouterr()))
        assert main([*args, "--events", str(events), "--as-of", "2021-01-01", "--strict"]) == 1
        capsys.readouterr()
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == 0
    assert "duplicate agreement id 'example-2020'" in outputs[0][2]


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ('kinds = ["armed-clash", "shelling"]', "kinds = []", "$.obligations[0].rules[0].kinds"),
        ('actors = ["bearer"]', "actors = []", "$.obligations[0].rules[0].actors"),
        (
            'bearers = ["ARM"]\nbeneficiaries = ["AZE"]\nmonitors',
            "bearers = []\nmonitors",
            "$.obligations[0].bearers",
        ),
    ],
    ids=["no-kinds", "no-actors", "no-bearers"],
)
def test_malformed__an_empty_list_that_leaves_nothing_to_match_is_an_error_at_its_key(
    old: str, new: str, path: str
) -> None:
    """A rule listing no event kind, or no actor relation, matches no account; an obligation needs a bearer."""
    text = replace(old, new)
    agreement, problems = load_agreement_text(text, "bad.toml")
    assert agreement is None
    [problem] = problems
    assert problem.field == path
    assert text.splitlines()[problem.line - 1].startswith(new.split("\n")[0])


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "in_force = 2020-11-10T00:00:00+03:00",
            "in_force = 2020-11-09T23:59:00+03:00",
            ["$.obligations[0].in_force: in force from 2020-11-09, before the agreement's date 2020-11-10"],
        ),
        (
            "in_force = 2020-11-10\ndeadline = 2020-11-20 ",
            "in_force = 2020-11-01\ndeadline = 2020-11-05 ",
            [
                "$.obligations[1].in_force: in force from 2020-11-01, before the agreement's date 2020-11-10",
                "$.obligations[1].deadline: deadline 2020-11-05 is before the agreement's date 2020-11-10",
            ],
        ),
        ("in_force = 2020-11-10T00:00:00+03:00", "in_force = 2020-11-09T21:00:00+00:00", []),
    ],
    ids=["instant-before", "date-and-deadline-before", "same-instant-in-utc"],
)
def test_before_the_text__an_obligation_in_force_before_its_agreement_is_an_error(
    old: str, new: str, expected: list[str]
) -> None:
    """A text cannot be kept or broken before it exists: entry into force (in the agreement's zone)
    or a deadline before the agreement's date is an error at that key's line."""
    text = replace(old, new)
    agreement, problems = load_agreement_text(text, "bad.toml")
    assert problems == []
    assert agreement is not None
    found = check_agreements([(agreement, "bad.toml", text)], PARTIES)
    assert len(found) == len(expected), found
    for problem, start in zip(found, expected, strict=True):
        assert f"{problem.field}: {problem.message}".startswith(start)
        assert "a text cannot be kept or broken before it exists" in problem.message
        assert problem.severity is Severity.ERROR
        key = problem.field.rsplit(".", 1)[1]
        assert text.splitlines()[problem.line - 1].startswith(f"{key} = ")


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ('utc_offset = "+03:00"', 'utc_offset = "+15:00"', "$.utc_offset"),
        ('utc_offset = "+03:00"', 'utc_offset = "Moscow"', "$.utc_offset"),
        (
            'text = "A complete ceasefire is declared."\nsource = "https://example.org/statement"',
            'text = "A complete ceasefire is declared."\nsource = "ftp://example.org/statement"',
            "$.articles[0].source",
        ),
        ('source = "https://example.org/other"', 'source = "other"', "$.articles[0].variants[0].source"),
        ('source = "https://example.org/extension"', 'source = "mail"', "$.amendments[0].source"),
        ('source = "https://example.org/later"', 'source = "mail"', "$.endings[0].source"),
    ],
    ids=[
        "offset-out-of-range",
        "offset-malformed",
        "article-source",
        "variant-source",
        "amendment-source",
        "ending-source",
    ],
)
def test_malformed__a_bad_value_is_named_by_its_key_and_line(old: str, new: str, path: str) -> None:
    """A UTC offset out of range or a source that is not http(s): the key path and the key's line, not the table's."""
    text = replace(old, new)
    agreement, problems = load_agreement_text(text, "bad.toml")
    assert agreement is None
    [problem] = problems
    assert problem.field == path
    assert text.splitlines()[problem.line - 1].startswith(new.split("\n")[-1])


def test_malformed__a_bad_party_id_is_named_by_its_key_and_line(tmp_path: Path) -> None:
    """A party id that is not upper-case is reported at `$.parties[1].id`, on its line."""
    registry = tmp_path / "parties.toml"
    registry.write_text(
        '[[parties]]\nid = "AAA"\nname = "A"\n\n[[parties]]\nname = "B"\nid = "bbb"\n', encoding="utf-8"
    )
    parties, problems = load_parties_file(registry)
    assert parties is None
    [problem] = problems
    assert (problem.line, problem.field) == (7, "$.parties[1].id")


def test_unknown_key__the_problem_names_the_line_of_the_key() -> None:
    """A misspelt key is reported on its own line: in ``[scope]`` it was line 0, in an obligation
    the obligation's first line, and a long obligation left the reader to search for it."""
    text = (ROOT / "agreements" / "sochi-2021.toml").read_text(encoding="utf-8")
    in_scope = text.replace("[scope]\n", "[scope]\narea = ['x']\n", 1)
    start = text.index("[[obligations]]")
    after_summary = text.index("\n", text.index("summary", start)) + 1
    in_obligation = text[:after_summary] + "dedline = 2021-01-01\n" + text[after_summary:]
    for broken, key, field in ((in_scope, "area", "$.scope"), (in_obligation, "dedline", "$.obligations[0]")):
        _, problems = load_agreement_text(broken, "x.toml")
        [problem] = problems
        assert (problem.field, problem.message) == (field, f"unknown key(s): {key} (check the spelling)")
        assert broken.splitlines()[problem.line - 1].startswith(f"{key} = ")
