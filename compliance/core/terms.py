"""A fixed term of a duty: how long it runs, how it renews, and how notice ends it.

Point 4 of the 2020 statement gives the peacekeepers five years, renewed for five-year periods
unless a Party gives notice six months before an expiry; a humanitarian truce may run two months,
or 60 days, and not renew at all. The expiries are computed here once, so that linking (which
stops at the end a text fixes), the status and the history read the same days.
"""

from __future__ import annotations

from datetime import date

from attrs import field, frozen, validators

from compliance.core.timeframe import add_period


def _some_length(term: Term, _attribute: object, _value: int) -> None:
    """A term of no length would expire the day it starts: a year, month or day must be given."""
    if not (term.years or term.months or term.days):
        raise ValueError("a term needs a length: years, months or days (more than 0)")


@frozen
class Term:
    """A fixed term, renewed unless notice is given (point 4: 5 years, renewed for 5-year periods
    unless notice 6 months before an expiry), or not renewed at all (a two-month truce).

    A length is whole years, months and days, counted in that order (:func:`add_period`): a text
    says "5 years", "two months" or "60 days", and each is kept as it is said rather than turned
    into days, which would drift across leap years and months of other lengths.

    Attributes:
        start: first day of the first term (in the agreement's zone).
        years, months, days: length of the first term (together more than nothing).
        renewal_years, renewal_months, renewal_days: length of each automatic renewal (all 0: no
            renewal).
        notice_months, notice_days: notice must be given at least this long before an expiry.
        notice_by: parties whose notice of termination counts.
    """

    start: date
    years: int = field(default=0, validator=validators.ge(0))
    renewal_years: int = field(default=0, validator=validators.ge(0))
    notice_months: int = field(default=0, validator=validators.ge(0))
    notice_by: tuple[str, ...] = ()
    months: int = field(default=0, validator=validators.ge(0))
    days: int = field(default=0, validator=[validators.ge(0), _some_length])
    renewal_months: int = field(default=0, validator=validators.ge(0))
    renewal_days: int = field(default=0, validator=validators.ge(0))
    notice_days: int = field(default=0, validator=validators.ge(0))

    @property
    def first_expiry(self) -> date:
        """The end of the first term (29 February falls to the 28th): one computation for linking,
        the status and the history, so they cannot disagree on the day."""
        return self.expiry(0)

    def expiry(self, renewals: int) -> date:
        """The expiry after ``renewals`` renewals, counted from the start, not from the expiry
        before: a term of a month from 31 January, renewed monthly, expires on 28 (or 29)
        February and then on 31 March, not on 28 March."""
        return add_period(
            self.start,
            self.years + renewals * self.renewal_years,
            self.months + renewals * self.renewal_months,
            self.days + renewals * self.renewal_days,
        )

    @property
    def renews(self) -> bool:
        """Whether the term renews itself at an expiry unless notice is given."""
        return bool(self.renewal_years or self.renewal_months or self.renewal_days)

    def notice_limit(self, expiry: date) -> date:
        """The last day a notice can be given to end the term at ``expiry``."""
        return add_period(expiry, months=-self.notice_months, days=-self.notice_days)

    @property
    def fixed_end(self) -> date | None:
        """The first expiry of a term that does not renew: a day the text alone fixes, so linking
        can read it as it reads an ``[[endings]]`` record. ``None`` for a renewable term, whose end
        depends on notices, which are evidence the evaluation reads after linking."""
        return None if self.renews else self.first_expiry
