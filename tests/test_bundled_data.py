"""The bundled, sourced dataset: valid, sourced, covering every article, with both sides' accounts."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import agreements as bundled
from compliance.linking.ledger import build_ledger

LEDGER = build_ledger()
ROWS = list(csv.DictReader(Path(bundled.EVENTS_FILE).read_text(encoding="utf-8").splitlines()))


def test_bundled__validates_with_zero_problems() -> None:
    """The bundled agreements and events load with no problem at all and nothing rejected."""
    assert LEDGER.problems == ()
    assert LEDGER.accounting.rejected == 0
    assert LEDGER.accounting.read == len(ROWS) >= 60


def test_bundled__every_row_has_a_web_source_address() -> None:
    """Every bundled account has an http(s) source address."""
    assert all(row["source_url"].startswith(("https://", "http://")) for row in ROWS)


def test_bundled__every_article_of_both_core_agreements_has_a_linked_event() -> None:
    """Every point of the 2020 statement and every 2022 principle has at least one linked event."""
    linked_obligations = {link.obligation for link in LEDGER.links}
    for agreement in LEDGER.agreements:
        if agreement.id not in ("trilateral-2020", "five-principles-2022"):
            continue
        for article in agreement.articles:
            ids = {o.id for o in agreement.obligations_of(article.number)}
            assert ids & linked_obligations, (agreement.id, article.number)


def test_bundled__disputed_clashes_have_each_sides_account() -> None:
    """The July 2021, November 2021, September 2022 and February 2024 clashes have accounts from both sides."""
    by_incident: dict[str, set[str]] = {}
    for event in LEDGER.events:
        if event.incident:
            by_incident.setdefault(event.incident, set()).add(event.reporter_party)
    for month in ("2021-07", "2021-11", "2022-09", "2024-02"):
        sides = set().union(
            *(parties for incident, parties in by_incident.items() if incident.startswith(month))
        )
        assert {"ARM", "AZE"} <= sides, month


def test_bundled__ids_are_unique_and_kinds_vary() -> None:
    """Ids are unique; the dataset is not a single kind of event."""
    assert len({row["id"] for row in ROWS}) == len(ROWS)
    assert len(Counter(row["kind"] for row in ROWS)) >= 15


def test_bundled__no_account_says_the_parties_agreed_a_new_route_plan_and_points_7_and_8_are_in_progress() -> (
    None
):
    """As of 2026-11-22: the plan for the new Lachin/Berdzor route, 'as agreed by the Parties'
    (Azerbaijan and Armenia, as point 1 defines them). Russia's foreign ministry reported on
    14 Sep 2022 'a common understanding' on when the new road would begin to operate, and that the
    peacekeepers had moved to a temporary road and would move to the new route by 1 Apr 2023 (N031):
    an understanding on a date and a move still to come, not a plan agreed by the Parties nor the
    relocation to the new route, so it is relevant to both and fulfils neither. No account says the
    Parties agreed a plan: the plan is overdue from 11 Nov 2023 under every policy, and the
    relocation, due only once the plan exists, waits for it until the contingent's withdrawal ended
    it. Returns and exchanges are under way."""
    from compliance.core.vocabulary import Effect, Status, Trust
    from compliance.evaluation.evaluate import evaluate

    links = {(link.event, link.obligation): link.effect for link in LEDGER.links}
    for duty in ("ts2020-6-new-route-plan", "ts2020-6-redeploy-rus"):
        assert links[("N031", duty)] is Effect.RELEVANT, duty
    assert links[("N081", "ts2020-6-new-route-plan")] is Effect.RELEVANT
    for trust in Trust:
        evaluation = evaluate(
            LEDGER.agreements, LEDGER.events, LEDGER.links, LEDGER.parties, date(2026, 11, 22), trust=trust
        )
        plan = evaluation.result("ts2020-6-new-route-plan")
        assert [(t.date, t.status) for t in plan.history[1:]] == [
            (date(2020, 11, 10), Status.PENDING),
            (date(2023, 11, 11), Status.OVERDUE),
        ], trust
        relocation = evaluation.result("ts2020-6-redeploy-rus")
        assert [t.status for t in relocation.history] == [Status.NOT_IN_FORCE, Status.TERMINATED], trust
    evaluation = evaluate(LEDGER.agreements, LEDGER.events, LEDGER.links, LEDGER.parties, date(2026, 11, 22))
    for duty in ("ts2020-7-return", "ts2020-8-exchange-aze", "ts2020-8-exchange-arm"):
        assert evaluation.result(duty).status is Status.IN_PROGRESS, duty


def _linked(ledger: object = None) -> set[tuple[str, str]]:
    return {(link.event, link.obligation) for link in (ledger or LEDGER).links}


def test_bundled__an_advance_across_the_karabakh_line_of_contact_is_no_breach_of_each_others_borders() -> (
    None
):
    """Principle 1 of 2022 and paragraph 2 of Prague 2022 concern each state's internationally
    recognised territory. Russia's and the Karabakh Armenian authorities' accounts of an Azerbaijani
    advance across the line of contact near Mount Saribaba, Shusha/Shushi region (N095, N096,
    25 March 2023), stay evidence for point 1 of 2020, not for these duties; an account of an
    incursion at the interstate border (N051, Hakari bridge and Tegh) still bears on Prague's."""
    linked = _linked()
    for event in ("N095", "N096"):
        assert (event, "ts2020-1-positions-aze") in linked
        for duty in ("p2022-1-recognition-aze", "pr2022-2-recognition-aze"):
            assert (event, duty) not in linked, (event, duty)
    assert ("N051", "pr2022-2-recognition-aze") in linked


def test_bundled__recognition_duties_are_scoped_alike_for_both_states() -> None:
    """The same incursion rule reads the same way for either bearer: an advance inside the former
    NKAO links to neither state's recognition duty, one at the interstate border to the actor's."""
    from tests.support import ledger_from_csv, rows

    src = "https://example.org/a"
    text = rows(
        f"K1,2023-01-10,,border-incursion,AZE,Shusha/Shushi,Reuters,none,{src},,,",
        f"K2,2023-01-10,,border-incursion,ARM,Khankendi/Stepanakert,Reuters,none,{src},,,",
        f'B1,2023-01-10,,border-incursion,AZE,"Sotk, Gegharkunik",Reuters,none,{src},,,',
        f'B2,2023-01-10,,border-incursion,ARM,"Tovuz district",Reuters,none,{src},,,',
    )
    later = rows(  # the same accounts after the peace agreement was initialled (Article I)
        f"K3,2025-09-10,,border-incursion,AZE,Shusha/Shushi,Reuters,none,{src},,,",
        f"K4,2025-09-10,,border-incursion,ARM,Khankendi/Stepanakert,Reuters,none,{src},,,",
        f'B3,2025-09-10,,border-incursion,AZE,"Sotk, Gegharkunik",Reuters,none,{src},,,',
        f'B4,2025-09-10,,border-incursion,ARM,"Tovuz district",Reuters,none,{src},,,',
    )
    linked = _linked(ledger_from_csv(text)) | _linked(ledger_from_csv(later))
    for side, inside, border in (("aze", "K1", "B1"), ("arm", "K2", "B2")):
        for duty in (f"p2022-1-recognition-{side}", f"pr2022-2-recognition-{side}"):
            assert (inside, duty) not in linked, (inside, duty)
            assert (border, duty) in linked, (border, duty)
    for side, inside, border in (("aze", "K3", "B3"), ("arm", "K4", "B4")):
        assert (inside, f"pa2025-1-recognition-{side}") not in linked, inside
        assert (border, f"pa2025-1-recognition-{side}") in linked, border


def test_bundled__fighting_across_the_karabakh_line_of_contact_is_outside_principle_3() -> None:
    """Principle 3 of 2022 concerns force between the two states. Azerbaijan's and the Karabakh
    Armenian forces' accounts of the fighting of 3 August 2022 at Girkhgiz and Saribaba, 'in the
    Lachin direction' (E048, N028), stay evidence for point 1 of 2020 and do not link to it by rule:
    Azerbaijan's duty is violated from the border fighting of 13 September 2022 (Armenia's account,
    N032, corroborated by Azerbaijan's own account of its response measures, N114)."""
    from datetime import date

    from compliance.core.vocabulary import Status
    from compliance.evaluation.evaluate import evaluate

    linked = _linked()
    for event in ("E048", "N028"):
        assert (event, "p2022-3-non-use-of-force-aze") not in linked, event
    assert ("N028", "ts2020-1-ceasefire-aze") in linked
    # Azerbaijan's account of fire in the Lachin/Berdzor district on 23 April 2023, which its source
    # reports as border gunfire, is placed at the border by its location, not by the district.
    assert ("N048", "s2021-4-border-stability") in linked
    result = evaluate(
        LEDGER.agreements, LEDGER.events, LEDGER.links, LEDGER.parties, date(2026, 11, 22)
    ).result("p2022-3-non-use-of-force-aze")
    changes = [(t.date, t.status) for t in result.history[1:]]
    assert changes == [
        (date(2022, 3, 14), Status.COMPLIED),
        (date(2022, 9, 13), Status.VIOLATED),
    ]
    assert result.deciding == ("N032",)


def test_bundled__sochi_2022_point_4_is_scoped_as_principle_3() -> None:
    """Sochi 2022 point 4 resolves issues 'on the basis of mutual recognition of sovereignty,
    territorial integrity and inviolability of borders': scoped as principle 3, Russia's account of
    the shooting near Stepanakert/Khankendi of 5 March 2023 (N047) and the accounts of the operation
    of 19-20 September 2023 stay evidence for point 1 of 2020, not for it; Nerkin Hand (E102, N067)
    still is. Azerbaijan's duty is disputed from the Tegh clash of 11 April 2023, violated from
    13 February 2024, as principle 3's from its own date."""
    from datetime import date

    from compliance.core.vocabulary import Status
    from compliance.evaluation.evaluate import evaluate

    linked = _linked()
    for event in ("N046", "N047", "N095", "N096", "E084", "N054", "N055", "N056"):
        assert (event, "s2022-4-non-use-of-force-aze") not in linked, event
    assert ("E088", "s2022-4-non-use-of-force-arm") not in linked
    for event in ("E102", "N067"):
        assert (event, "s2022-4-non-use-of-force-aze") in linked, event
    result = evaluate(
        LEDGER.agreements, LEDGER.events, LEDGER.links, LEDGER.parties, date(2026, 11, 22)
    ).result("s2022-4-non-use-of-force-aze")
    assert [(t.date, t.status) for t in result.history[1:]] == [
        (date(2022, 10, 31), Status.COMPLIED),
        (date(2023, 4, 11), Status.DISPUTED),
        (date(2024, 2, 13), Status.VIOLATED),
    ]


def test_bundled__no_account_can_have_happened_after_it_was_reported() -> None:
    """An account's date is when what it reports happened, known to a day, a month or an interval
    whose end is the last possible day: never a day after the account was published. A duration
    (a blockade, a mission of two weeks) is said in the notes, not in ``date_end``: Armenia's
    account of the blocking of the Lachin corridor from 12 December 2022 (E060) is dated that day."""
    late = sorted(
        e.id for e in LEDGER.events if e.reported_on is not None and e.when.last_day > e.reported_on
    )
    assert late == []
    [blocked] = [e for e in LEDGER.events if e.id == "E060"]
    assert (blocked.when.first_day, blocked.when.last_day) == (date(2022, 12, 12), date(2022, 12, 12))


def test_bundled__the_lachin_corridor_guarantee_is_disputed_from_the_first_day_of_the_blocking() -> None:
    """From 12 December 2022 Armenia's account of the blocking (E060), denied by Azerbaijan (N040),
    makes Azerbaijan's point 6 guarantee disputed, with no period in which its date is uncertain.
    Azerbaijan's account of its checkpoint near the Hakari bridge (N049), linked to the guarantee
    as relevant, confirms the act, not Armenia's claim that it breaches the guarantee (N050), so it
    does not corroborate it (docs/obligation-logic.md, "Corroboration of the claim, not only of the
    act"): under the standard policy the guarantee is violated from Russia's foreign ministry's
    account of the blocking (N041, 23 June 2023), not from the checkpoint (23 April 2023), and
    disputed again once Azerbaijan's foreign ministry denied it (N104, 15-16 July 2023)."""
    from compliance.core.vocabulary import Status
    from compliance.evaluation.evaluate import evaluate

    result = evaluate(
        LEDGER.agreements, LEDGER.events, LEDGER.links, LEDGER.parties, date(2026, 11, 22)
    ).result("ts2020-6-safe-movement-aze")
    assert [(t.date, t.status) for t in result.history[1:]] == [
        (date(2020, 11, 10), Status.COMPLIED),
        (date(2022, 12, 12), Status.DISPUTED),
        (date(2023, 6, 23), Status.VIOLATED),
        (date(2023, 7, 15), Status.DISPUTED),
    ]
    assert "N041" in result.deciding


def test_bundled__the_deployment_began_on_10_november_and_was_reported_complete_on_20_november() -> None:
    """Russia's account that the deployment began at 06:00 Moscow time on 10 November 2020 (E002) is
    progress, not completion; its Defence Minister reported completion on 20 November (N102), on a
    day between the start and the report. Armenia's withdrawal, due when the deployment is complete
    (point 4, 'in parallel'), is therefore not plainly overdue from 11 November: due on a day from
    10 to 20 November, it is in progress or overdue until 20 November, and overdue from the 21st."""
    from compliance.core.vocabulary import Status
    from compliance.evaluation.evaluate import evaluate

    effects = {(link.event, link.obligation): link.effect.value for link in LEDGER.links}
    assert effects[("E002", "ts2020-3-deployment-rus")] == "progress"
    assert effects[("N102", "ts2020-3-deployment-rus")] == "fulfils"
    evaluation = evaluate(LEDGER.agreements, LEDGER.events, LEDGER.links, LEDGER.parties, date(2026, 11, 22))
    deployment = evaluation.result("ts2020-3-deployment-rus")
    assert [(t.date, t.status) for t in deployment.history[1:3]] == [
        (date(2020, 11, 10), Status.INDETERMINATE),
        (date(2020, 11, 20), Status.FULFILLED),
    ]
    withdrawal = evaluation.result("ts2020-4-withdrawal-arm")
    assert [(t.date, t.status) for t in withdrawal.history[1:]] == [
        (date(2020, 11, 10), Status.IN_PROGRESS),
        (date(2020, 11, 11), Status.INDETERMINATE),
        (date(2020, 11, 21), Status.OVERDUE),
        (date(2020, 12, 13), Status.DISPUTED),
    ]


# Places named in incident ids that Armenian-side and Azerbaijani-side sources name differently:
# the two principal names of each (spellings of one name grouped), as the gazetteer gives them.
TWO_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Berdzor": (("berdzor",), ("lachin",)),
    "Chankatagh": (("chankatagh",), ("dzhanyatag", "janyatag")),
    "Chaylaggala": (("chaylaggala",), ("khtsaberd",)),
    "Farrukh": (("farrukh",), ("parukh",)),
    "Hin Tagher": (("hin-tagher",), ("kohne-taghlar",)),
    "Garagol": (("garagol", "qaragol"), ("sev-lich",)),
    "Kalbajar": (("kalbajar", "kelbajar"), ("karvachar",)),
    "Khankendi": (("khankendi",), ("stepanakert",)),
    "Lisagor": (("lisagor", "lysogor"), ("turshsu",)),
    "Shusha": (("shusha",), ("shushi",)),
    "Syunik": (("syunik",), ("zangezur",)),
}
# Places named in incident ids with one name in both sides' usage, an international name, or the
# official name of a town in Armenia (docs/event-formats.md, "Place names").
ONE_NAME = {
    "Aghali", "Aghdam", "Baku", "Brussels", "Gazakh", "Gegharkunik", "Hadrut", "Hakari bridge",
    "Karabakh", "Lachin corridor", "Moscow", "Nerkin Hand", "Prague", "Sadarak", "Saribaba", "Sochi",
    "Sotk", "TRIPP", "Tegh", "Vardenis", "Washington", "Yeraskh",
}  # fmt: skip


def test_bundled__incident_ids_give_both_names_of_a_place_or_neither() -> None:
    """An incident id heads the accounts of an incident in reports: a place with an Armenian-side
    and an Azerbaijani-side name appears in it under both (Khankendi/Stepanakert, Hin Tagher/Kohne
    Taghlar, Khtsaberd/Chaylaggala ...), never under one side's name alone. Every place an id names
    is classified here, so a new id naming a new place is looked at."""
    import re

    from compliance.load.places import bundled_gazetteer

    gazetteer = bundled_gazetteer()
    problems = []
    for incident in sorted({e.incident for e in LEDGER.events if e.incident}):
        for place in gazetteer.resolve(incident.replace("-", " ")).places:
            if place in ONE_NAME:
                continue
            if place not in TWO_NAMES:
                problems.append(f"{incident}: classify {place!r}")
                continue
            for spellings in TWO_NAMES[place]:
                if not any(re.search(rf"(?<![a-z0-9]){s}(?![a-z0-9])", incident) for s in spellings):
                    problems.append(f"{incident}: {place!r} without {spellings[0]!r}")
    assert problems == []


def test_bundled__locations_give_both_names_of_the_places_incident_ids_name() -> None:
    """The location of an account gives both names of such a place, as docs/event-formats.md asks
    ('Hin Tagher/Kohne Taghlar and Khtsaberd/Chaylaggala, Hadrut area')."""
    import re

    from compliance.load.places import bundled_gazetteer

    gazetteer = bundled_gazetteer()
    problems = []
    for row in ROWS:
        text = row["location"].casefold()
        for place in gazetteer.resolve(row["location"]).places:
            for spellings in TWO_NAMES.get(place, ()):
                names = [s.replace("-", " ") for s in spellings]
                if not any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text) for n in names):
                    problems.append(f"{row['id']}: {row['location']!r} without {names[0]!r}")
    assert problems == []


def test_bundled__an_ending_reads_on_after_terminated_on_a_date_by() -> None:
    """A status reads "terminated on 2024-06-12 by the early withdrawal …": an ending's ``by``
    continues that sentence, so it starts in lower case ("by Early withdrawal" did not)."""
    endings = [e for a in LEDGER.agreements for e in a.endings]
    assert endings
    assert [e.by for e in endings if not e.by[:1].islower()] == []


def test_bundled__a_deadline_worded_before_in_one_version_says_how_it_is_read() -> None:
    """Where one wording of an article says 'before' the day an obligation takes as its deadline
    (the official Azerbaijani English of point 2 of 2020: 'before 20 November 2020'; the Armenian
    says 'by'), reading the deadline as inclusive is a choice between versions, and the
    handovers took place on the deadline day itself. The obligation's deadline note says so, so
    that 'fulfilled by the deadline' is not read as the only wording."""
    problems = []
    for agreement in LEDGER.agreements:
        for obligation in agreement.obligations:
            if obligation.deadline is None:
                continue
            article = agreement.article(obligation.article)
            assert article is not None
            day = obligation.deadline
            spelled = (f"{day.day} {day:%B} {day.year}", f"{day:%B} {day.day}, {day.year}")
            wordings = (article.text, *(v.text for v in article.variants))
            worded_before = any(f"before {s}" in w for w in wordings for s in spelled)
            if worded_before and "before" not in obligation.deadline_note:
                problems.append(obligation.id)
    assert problems == []
