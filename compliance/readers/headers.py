"""Header rows of event files: column names as the readers compare them, and which dataset a header is.

Real exports differ in spelling, not in meaning. ACLED's Asia 2015 file writes ``EVENT_ID_CNTY``; a
file written by pandas starts with an unnamed index column; an HDX download carries a second row of
HXL hashtags (``#event+code``) under the header. So names are compared without regard to case and
surrounding blanks, a leading unnamed column is ignored, and a tag row is skipped. A header is taken
for ACLED's or UCDP's when it has several of that dataset's distinctive columns, so that a header
that lacks a required column is reported once, as such, instead of being read as our format and
rejecting every row for four missing fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

PANDAS_INDEX = frozenset({"", "unnamed: 0"})
"""How pandas names its index column when it writes a CSV file (and when it reads one back)."""

ACLED_DISTINCTIVE = frozenset({
    "event_id_cnty", "event_id_no_cnty", "event_date", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "ally_actor_1", "inter1", "actor2", "assoc_actor_2",
    "ally_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "iso3", "gwno", "admin2",
    "admin3", "geo_precision", "source_scale",
})  # fmt: skip
"""Columns of ACLED exports of any vintage that our format does not have."""

UCDP_DISTINCTIVE = frozenset({
    "relid", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id",
    "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article",
    "source_office", "source_date", "source_headline", "source_original", "where_prec",
    "where_coordinates", "where_description", "adm_1", "adm_2", "geom_wkt", "priogrid_gid",
    "country_id", "event_clarity", "date_prec", "date_start", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "gwnoa", "gwnob",
})  # fmt: skip
"""Columns of UCDP GED that our format does not have (not ``id``, ``date_end``, ``best``, ``year`` …)."""

ID_COLUMNS = {"acled": "event_id_cnty"}
"""The column that gives an account's id, in a dataset that does not call it ``id`` as our
format, UCDP GED's CSV and UCDP's API do."""

LOOKS_LIKE = 3
"""This many distinctive columns make a header a dataset's header, complete or not."""


def column_name(cell: str) -> str:
    """The name a reader compares: no byte-order mark, no surrounding blanks, lower case."""
    return cell.lstrip("\ufeff").strip().casefold()


def header_names(cells: Sequence[str]) -> list[str]:
    """Names of a header row; a leading unnamed column (a pandas index) becomes ``""``: ignored."""
    names = [column_name(cell) for cell in cells]
    if len(names) > 1 and names[0] in PANDAS_INDEX:
        names[0] = ""
    return names


def duplicates(names: Iterable[str]) -> list[str]:
    """Each name given more than once, named once, in the order of its second appearance."""
    seen: set[str] = set()
    repeated: dict[str, None] = {}
    for name in names:
        if name in seen:
            repeated[name] = None
        seen.add(name)
    repeated.pop("", None)
    return list(repeated)


def dataset_of(names: Iterable[str]) -> str | None:
    """``"acled"``, ``"ucdp"`` or ``None`` (our format), from the header's column names."""
    present = set(names)
    acled = len(present & ACLED_DISTINCTIVE)
    ucdp = len(present & UCDP_DISTINCTIVE)
    if "event_id_cnty" in present or (acled >= LOOKS_LIKE and acled >= ucdp):
        return "acled"
    if {"date_prec", "side_a", "side_b", "type_of_violence"} <= present or ucdp >= LOOKS_LIKE:
        return "ucdp"
    return None


def is_tag_row(row: Sequence[str]) -> bool:
    """An HXL hashtag row (``,#event+code,,#date+occurred,…``): every filled cell is a ``#`` tag.

    The caller leaves out the cell of a leading unnamed column: pandas, reading an HDX file and
    writing it again, makes the tag row its row ``0`` (``0,,#event+code,…``).
    """
    filled = [cell.strip() for cell in row if cell.strip()]
    return bool(filled) and all(cell.startswith("#") and " " not in cell for cell in filled)
