"""When a service is open, for the search's "Open now" and "Time of day" filters.

Both are conditions on the service's opening times (an EXISTS over OpeningTime), so they go into
the one candidates query on PostgreSQL and on SQLite alike: no query per service.

- Open now (Europe/London, settings.TIME_ZONE): an opening on today's weekday whose hours
  contain the time now (opens <= now < closes). Weekly openings count every week; fortnightly
  ones only in the weeks they meet, counted in whole fortnights from their first date (the model
  requires that date, so it always knows which weeks), and not before it; monthly ones only on
  their week of the month ("first Tuesday", or "last Friday" in the last seven days of the
  month). "By appointment" never counts: nobody can just turn up.
- Time of day: an opening overlaps the part of the day, on any day (or on the chosen day, when
  the "Open on" filter names one). The parts are half-open: morning before 12:00, afternoon
  12:00 to 17:00, evening from 17:00. So 10:00-12:00 is a morning only and 17:00-19:00 an
  evening only. "By appointment" claims no time, as it claims no day (OpeningTime.claims_a_day).
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time

from django.db.models import DateField, Exists, F, Func, IntegerField, OuterRef, Q, Value
from django.db.models.functions import Mod

from directory.choices import Frequency, WeekOfMonth
from directory.models import OpeningTime

MIDDAY, TEATIME = time(12, 0), time(17, 0)
TIME_OF_DAY_CHOICES = [
    ("morning", "Morning (before 12 noon)"),
    ("afternoon", "Afternoon (12 noon to 5pm)"),
    ("evening", "Evening (after 5pm)"),
]


class DaysSince(Func):
    """Whole days from a date column to a given date: ``day - column``, on both databases."""

    output_field = IntegerField()
    arg_joiner = " - "
    template = "(%(expressions)s)"

    def __init__(self, column: str, day: date):
        super().__init__(Value(day, output_field=DateField()), F(column))

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def weeks_of_month(day: date) -> list[int]:
    """Which WeekOfMonth values a date falls in: the 2nd of a month is the first (1); the 30th
    of a 31-day month is the fifth of its weekday, so only the last (-1)."""
    found = []
    nth = (day.day - 1) // 7 + 1
    if nth in WeekOfMonth.values:
        found.append(nth)
    if day.day + 7 > calendar.monthrange(day.year, day.month)[1]:
        found.append(WeekOfMonth.LAST.value)
    return found


def _scheduled():
    return OpeningTime.objects.filter(service=OuterRef("pk")).exclude(frequency=Frequency.BY_APPOINTMENT)


def open_now_condition(now: datetime) -> Q:
    """Services with an opening that contains `now` (a local time, from timezone.localtime())."""
    today, clock = now.date(), now.time().replace(tzinfo=None)
    in_hours = Q(weekday=today.weekday(), opens__lte=clock, closes__gt=clock)
    this_week = (
        Q(frequency=Frequency.WEEKLY)
        | Q(frequency=Frequency.MONTHLY, week_of_month__in=weeks_of_month(today))
        | Q(frequency=Frequency.FORTNIGHTLY, starts_on__lte=today, fortnight_day=0)
    )
    openings = _scheduled().annotate(fortnight_day=Mod(DaysSince("starts_on", today), Value(14)))
    return Q(Exists(openings.filter(in_hours & this_week)))


def time_of_day_condition(part: str, weekday: int | None = None) -> Q:
    """Services with an opening that overlaps the morning, afternoon or evening."""
    overlaps = {
        "morning": Q(opens__lt=MIDDAY),
        "afternoon": Q(opens__lt=TEATIME, closes__gt=MIDDAY),
        "evening": Q(closes__gt=TEATIME),
    }[part]
    if weekday is not None:
        overlaps &= Q(weekday=weekday)
    return Q(Exists(_scheduled().filter(overlaps)))
