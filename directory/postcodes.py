"""UK postcodes: tidy what people type into the one form the Postcode table stores."""

import re

# Outward code (area, district, optional sub-district letter) then inward code (sector digit, unit).
FULL_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
POSTCODE_DB_PATTERN = r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$"


class InvalidPostcode(ValueError):
    pass


def normalise_postcode(raw: str) -> str:
    """Return 'DD4 7AA' for ' dd47aa ' and friends; raise InvalidPostcode for anything else."""
    squashed = re.sub(r"\s+", "", raw or "").upper()
    match = FULL_POSTCODE.match(squashed)
    if not match:
        raise InvalidPostcode(
            f"“{(raw or '').strip()}” is not a full UK postcode. A postcode looks like DD4 7AA."
        )
    return f"{match.group(1)} {match.group(2)}"
