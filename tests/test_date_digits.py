"""A date written in another script's digits is that date, or a problem that says so; never a
wrong message about a right date ("'٢٠٢٠-٠١-٠١': January 2020 has 31 days")."""

from __future__ import annotations

from datetime import date

from compliance.core.timeframe import Precision
from compliance.readers.fields import parse_when


def test_dates__arabic_indic_digits_read_as_the_date_they_write() -> None:
    assert parse_when("٢٠٢٠-٠١-٠١") == (date(2020, 1, 1), None, Precision.DAY)
    assert parse_when("2020-01-01") == (date(2020, 1, 1), None, Precision.DAY)
