"""Likely duplicates of a person about to be recorded, within the organisation that will hold them.

A likely duplicate has the same name and date of birth (names compared without regard to case or
spacing: "robert  mcperson" is "Robert McPerson"), or the same CHI number. The query uses the
(organisation, date_of_birth) and (organisation, chi_number) indexes; names are compared here.
"""

from __future__ import annotations

import datetime

from django.db.models import Q

from referrals.models import Person

MAX_SHOWN = 5


def same_name(first: str, second: str) -> bool:
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def likely_duplicates(
    organisation, *, name: str, date_of_birth: datetime.date | None = None, chi_number: str = ""
) -> list[Person]:
    match = Q()
    if date_of_birth is not None:
        match |= Q(date_of_birth=date_of_birth)
    if chi_number:
        match |= Q(chi_number=chi_number)
    if not match:
        return []
    candidates = Person.objects.filter(match, organisation=organisation, anonymised_at__isnull=True).order_by(
        "-created"
    )
    found = [
        person
        for person in candidates[:200]
        if (chi_number and person.chi_number == chi_number)
        or (
            date_of_birth is not None
            and person.date_of_birth == date_of_birth
            and same_name(person.name, name)
        )
    ]
    return found[:MAX_SHOWN]
