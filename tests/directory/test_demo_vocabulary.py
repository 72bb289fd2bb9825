"""The demo data says what its services really are, in the vocabulary of issue 8: larders, fridges
and car schemes are in person (not one-to-one), groups that meet fortnightly or on the nth
weekday say so, some support is by appointment, and a few listings do not state a cost."""

from collections import Counter

import pytest
from django.http import QueryDict

from directory.choices import Cost, Frequency
from directory.models import OpeningTime, Service
from directory.search import search_services

pytestmark = pytest.mark.django_db


def test_larders_fridges_and_car_schemes_are_in_person(demo_directory):
    in_person = Service.objects.published().filter(mode_in_person=True)
    slugs = set(in_person.values_list("slug", flat=True))
    assert {
        "whitfield-community-larder",
        "cmfs-carnoustie-larder",
        "cmfs-monifieth-community-fridge",
        "bcl-community-larder",
        "ac-volunteer-car-scheme",
        "hpn-volunteer-drivers",
    } <= slugs
    assert not in_person.filter(slug__contains="larder", mode_one_to_one=True).exists()


def test_openings_come_in_every_frequency(demo_directory):
    counts = Counter(OpeningTime.objects.values_list("frequency", flat=True))
    assert counts[Frequency.WEEKLY] >= 50
    assert counts[Frequency.FORTNIGHTLY] >= 2
    assert counts[Frequency.MONTHLY] >= 10
    assert counts[Frequency.BY_APPOINTMENT] >= 3
    # Notes no longer carry the rhythm the fields now hold.
    assert not OpeningTime.objects.filter(
        note__iregex=r"^(first|second|third|fourth|last) .*of the month"
    ).exists()
    assert not OpeningTime.objects.filter(note__icontains="every second").exists()


def test_a_monthly_group_is_found_on_its_day_and_described_plainly(demo_directory):
    def found_on(day):
        return {service.slug for service in search_services(QueryDict(f"day={day}&q=suicide")).services}

    assert "shbc-after-suicide-group" in found_on("wednesday")
    assert "shbc-after-suicide-group" not in found_on("tuesday") | found_on("thursday")
    [opening] = Service.objects.get(slug="shbc-after-suicide-group").opening_times.all()
    assert opening.describe() == "Last Wednesday of the month 19:00–21:00"


def test_by_appointment_support_claims_no_day(demo_directory):
    booked = Service.objects.filter(opening_times__frequency=Frequency.BY_APPOINTMENT).distinct()
    assert booked.count() >= 3
    days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    on_some_day = {
        service.slug for day in days for service in search_services(QueryDict(f"day={day}&q=debt")).services
    }
    assert "dmat-debt-advice" not in on_some_day


def test_some_costs_are_not_stated_and_free_leaves_them_out(demo_directory):
    unstated = set(Service.objects.filter(cost=Cost.NOT_STATED).values_list("slug", flat=True))
    assert len(unstated) >= 2
    free = {service.slug for service in search_services(QueryDict("free=1&q=cafe")).services}
    assert free and not free & unstated
