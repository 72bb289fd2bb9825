"""Helpers for the provider-area tests: the listing form's POST data, as a browser would send it."""

from __future__ import annotations


def listing_post(**overrides) -> dict:
    """A good new listing with no places and no opening times; override any field or row."""
    data = {
        "name": "Tuesday Tea and Talk",
        "summary": "A weekly drop-in for people who feel lonely.",
        "description": "Come for tea, a chat and company. No need to book.",
        "offers_friendship": "on",
        "structure": "informal",
        "mode_in_person": "on",
        "cost": "free",
        "languages": "English",
        "self_referral": "on",
        "capacity": "open",
        "place-TOTAL_FORMS": "0",
        "place-INITIAL_FORMS": "0",
        "opening-TOTAL_FORMS": "0",
        "opening-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def opening_row(index: int, **fields) -> dict:
    row = {"frequency": "weekly", "weekday": "1", "opens": "10:00", "closes": "12:00", **fields}
    return {f"opening-{index}-{name}": value for name, value in row.items()}


def place_row(index: int, **fields) -> dict:
    row = {
        "name": "Hilltown Hall",
        "address_1": "2 Hill Street",
        "town": "Dundee",
        "postcode": "dd3 7ab",
        **fields,
    }
    return {f"place-{index}-{name}": value for name, value in row.items()}
