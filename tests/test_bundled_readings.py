"""The bundled accounts read alike for both sides: the same kind of claim is linked to the same
kind of duty whoever makes it, places are named by both names, and a duty is graded on the
accounts that exist for it."""

from __future__ import annotations

import re

from compliance.load.places import bundled_gazetteer
from tests.test_bundled_data import ROWS, TWO_NAMES

# A passage in single quotes is the source's own wording (a quotation or a term one side uses),
# kept as the source gives it.
_QUOTED = re.compile(r"(?<!\w)'[^']*?'(?!\w)")


def test_bundled__claims_give_both_names_of_the_places_incident_ids_name() -> None:
    """The claim printed under each account gives both names of a place Armenian-side and
    Azerbaijani-side sources name differently ('Kalbajar/Karvachar', 'Sotk/Zod', 'Khtsaberd/
    Chaylaggala'), as its location does, outside the passages it quotes: an account of one side
    paraphrased in that side's names alone reads as the library's own naming. Rows such as E032
    ('the Kalbajar and Lachin directions') and N032 ('towards Sotk, Vardenis') named one side's
    places only."""
    gazetteer = bundled_gazetteer()
    problems = []
    for row in ROWS:
        text = _QUOTED.sub(" ", row["notes"])
        folded = text.casefold()
        for place in gazetteer.resolve(text).places:
            for spellings in TWO_NAMES.get(place, ()):
                names = [s.replace("-", " ") for s in spellings]
                if not any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", folded) for n in names):
                    problems.append(f"{row['id']}: {place!r} without {names[0]!r}")
    assert problems == []
