"""The Community Health Index (CHI) number: Scotland's 10-digit patient identifier.

Its first six digits are the date of birth (DDMMYY), the next three a serial number (the ninth
digit is even for women, odd for men; nothing here reads it), and the tenth a modulus 11 check
digit over the first nine, weighted 10 down to 2. A check digit that would be 10 is never issued.

`validate_chi(raw)` returns the ten digits from what someone typed ("140348 123 4" and
"140-348-1234" are fine) or raises ValidationError with one plain message per kind of mistake.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError

_SEPARATORS = re.compile(r"[\s-]+")


def check_digit(first_nine: str) -> int | None:
    """The modulus 11 check digit of nine digits, or None when no valid CHI number can start so."""
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, range(10, 1, -1), strict=True))
    digit = 11 - total % 11
    if digit == 11:
        return 0
    if digit == 10:
        return None
    return digit


def chi_date(chi: str) -> tuple[int, int, int] | None:
    """(day, month, two-digit year) of a CHI number's first six digits, if they are a real date
    in some century (29 February counts only in a year that has one, 2000 included)."""
    day, month, year = int(chi[0:2]), int(chi[2:4]), int(chi[4:6])
    for century in (2000, 1900):
        try:
            datetime.date(century + year, month, day)
        except ValueError:
            continue
        return day, month, year
    return None


def validate_chi(raw: str) -> str:
    chi = _SEPARATORS.sub("", raw or "")
    if not chi.isdigit():
        raise ValidationError(
            "A CHI number has only digits: check it for letters or other characters.", code="chi_not_digits"
        )
    if len(chi) != 10:
        raise ValidationError(f"A CHI number has 10 digits; this one has {len(chi)}.", code="chi_length")
    if chi_date(chi) is None:
        raise ValidationError(
            f"A CHI number starts with the date of birth as DDMMYY, and {chi[:6]} is not a real date. "
            "Check the first six digits.",
            code="chi_date",
        )
    if check_digit(chi[:9]) != int(chi[9]):
        raise ValidationError(
            "This is not a valid CHI number: its last digit (the check digit) does not match the "
            "others. Check it for a mistyped or swapped digit.",
            code="chi_check_digit",
        )
    return chi


def matches_date_of_birth(chi: str, date_of_birth: datetime.date) -> bool:
    return chi[:6] == date_of_birth.strftime("%d%m%y")
