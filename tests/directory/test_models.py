"""The directory's data rules: each is refused by the database itself, and explained by clean()."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from directory.choices import AreaKind, Capacity, ServiceStatus
from directory.models import Location, Organisation, Postcode, Service, ServiceArea
from directory.postcodes import InvalidPostcode, normalise_postcode
from tests.factories import (
    LocationFactory,
    OpeningTimeFactory,
    OrganisationFactory,
    ServiceAreaFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


def assert_database_refuses(constraint_name, queryset, **bad_values):
    """An UPDATE that breaks a rule fails in the database, naming the rule's constraint."""
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        queryset.update(**bad_values)
    assert constraint_name in str(caught.value)


@pytest.mark.parametrize(
    ("constraint", "bad_values"),
    [
        (
            "service_offers_at_least_one_element",
            {"offers_friendship": False, "offers_emotional": False},
        ),
        ("service_has_a_delivery_mode", {"mode_group": False}),
        ("service_has_an_access_route", {"self_referral": False}),
        ("service_age_min_not_above_max", {"age_min": 30, "age_max": 20}),
        ("service_age_max_plausible", {"age_max": 150}),
        ("service_structure_valid", {"structure": "casual"}),
        ("service_status_valid", {"status": "live"}),
        ("service_capacity_valid", {"capacity": "busy"}),
        ("service_cost_valid", {"cost": "expensive"}),
        ("service_waiting_weeks_only_for_waiting_list", {"capacity": Capacity.OPEN, "waiting_weeks": 4}),
        ("service_published_has_last_reviewed", {"last_reviewed": None}),
    ],
)
def test_database_refuses_a_service_that_breaks_a_rule(constraint, bad_values):
    service = ServiceFactory(offers_emotional=True)
    assert_database_refuses(constraint, Service.objects.filter(pk=service.pk), **bad_values)


def test_a_waiting_list_may_give_its_wait_in_weeks():
    service = ServiceFactory(capacity=Capacity.WAITING_LIST, waiting_weeks=6)
    service.full_clean()
    assert Service.objects.get(pk=service.pk).waiting_weeks == 6


def test_clean_explains_each_service_rule_in_plain_words():
    service = ServiceFactory.build(
        organisation=OrganisationFactory(),
        offers_friendship=False,
        mode_group=False,
        self_referral=False,
        age_min=40,
        age_max=18,
        capacity=Capacity.FULL,
        waiting_weeks=3,
        last_reviewed=None,
    )
    with pytest.raises(ValidationError) as caught:
        service.full_clean()
    errors = caught.value.message_dict
    assert errors["offers_friendship"] == ["Choose at least one element of support."]
    assert errors["mode_in_person"] == ["Choose at least one way the service is delivered."]
    assert errors["self_referral"] == ["Say how people can get to the service."]
    assert errors["age_max"] == ["The youngest age cannot be above the oldest age."]
    assert errors["waiting_weeks"] == ["Give a waiting time only when the service has a waiting list."]
    assert errors["last_reviewed"] == ["A published service needs the date it was last checked."]


def test_clean_says_the_oldest_age_must_be_120_or_under():
    ServiceFactory.build(organisation=OrganisationFactory(), age_max=120).full_clean()
    service = ServiceFactory.build(organisation=OrganisationFactory(), age_max=121)
    with pytest.raises(ValidationError) as caught:
        service.full_clean()
    assert caught.value.message_dict == {"age_max": ["The oldest age must be 120 or under."]}


def test_a_draft_service_needs_no_checked_date():
    service = ServiceFactory.build(
        organisation=OrganisationFactory(), status=ServiceStatus.DRAFT, last_reviewed=None
    )
    service.full_clean()
    service.save()
    assert service.pk is not None


def test_service_reports_its_elements_and_modes_in_domain_order():
    service = ServiceFactory(offers_material=True, offers_emotional=True, mode_phone=True)
    assert [element.value for element in service.elements] == ["friendship", "emotional", "material"]
    assert [mode.value for mode in service.delivery_modes] == ["group", "phone"]


def test_published_returns_only_published_services():
    published = ServiceFactory()
    ServiceFactory(status=ServiceStatus.DRAFT, last_reviewed=None)
    ServiceFactory(status=ServiceStatus.PENDING_REVIEW)
    ServiceFactory(status=ServiceStatus.ARCHIVED)
    assert list(Service.objects.published()) == [published]


def test_offering_any_matches_services_with_any_chosen_element():
    friendship = ServiceFactory(name="A")
    material = ServiceFactory(name="B", offers_friendship=False, offers_material=True)
    ServiceFactory(name="C", offers_friendship=False, offers_meaning=True)
    assert list(Service.objects.offering_any(["friendship", "material"]).order_by("name")) == [
        friendship,
        material,
    ]


@pytest.mark.parametrize("number", ["SC012345", "sc 012345"])
def test_organisation_accepts_an_oscr_charity_number(number):
    organisation = OrganisationFactory.build(charity_number=number)
    organisation.full_clean()
    assert organisation.charity_number == "SC012345"


@pytest.mark.parametrize("number", ["SC12345", "SC0123456", "12345678", "XC012345"])
def test_organisation_rejects_a_malformed_charity_number(number):
    organisation = OrganisationFactory.build(charity_number=number)
    with pytest.raises(ValidationError) as caught:
        organisation.full_clean()
    assert "SC followed by six digits" in str(caught.value)


def test_database_refuses_a_malformed_charity_number_and_unknown_kind():
    organisation = OrganisationFactory()
    queryset = Organisation.objects.filter(pk=organisation.pk)
    assert_database_refuses("organisation_charity_number_oscr_format", queryset, charity_number="SC12")
    assert_database_refuses("organisation_kind_valid", queryset, kind="club")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("dd4 7aa", "DD4 7AA"), (" DD47AA ", "DD4 7AA"), ("ph1  5aa", "PH1 5AA"), ("EC1A1BB", "EC1A 1BB")],
)
def test_postcodes_are_normalised(typed, stored):
    assert normalise_postcode(typed) == stored


@pytest.mark.parametrize("typed", ["", "DD4", "not a postcode", "DD4 7AAA", "12345"])
def test_malformed_postcodes_are_refused_with_a_plain_message(typed):
    with pytest.raises(InvalidPostcode, match="looks like DD4 7AA"):
        normalise_postcode(typed)


def test_location_clean_normalises_the_postcode_and_checks_coordinates():
    location = LocationFactory.build(organisation=OrganisationFactory(), postcode="dd1 4hn")
    location.full_clean()
    assert location.postcode == "DD1 4HN"

    location.latitude = None
    with pytest.raises(ValidationError) as caught:
        location.full_clean()
    assert caught.value.message_dict["longitude"] == ["Give both latitude and longitude, or neither."]


def test_database_refuses_bad_locations():
    location = LocationFactory()
    queryset = Location.objects.filter(pk=location.pk)
    assert_database_refuses("location_postcode_normalised", queryset, postcode="dd1 4hn")
    assert_database_refuses("location_latitude_range", queryset, latitude=95)
    assert_database_refuses("location_longitude_range", queryset, longitude=-190)
    assert_database_refuses("location_lat_lng_together", queryset, latitude=None)


def test_hidden_addresses_show_only_town_and_district():
    location = LocationFactory(hide_exact_address=True, address_1="4 Private Road", postcode="DD4 7AA")
    assert location.public_address_lines == ["Dundee", "DD4"]


def test_opening_time_must_open_before_it_closes():
    opening = OpeningTimeFactory.build(
        service=ServiceFactory(), opens=datetime.time(14, 0), closes=datetime.time(9, 0)
    )
    with pytest.raises(ValidationError) as caught:
        opening.full_clean()
    assert caught.value.message_dict["closes"] == ["Opening time must be before closing time."]
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        opening.save()
    assert "opening_time_opens_before_closes" in str(refused.value)


def test_service_area_code_must_match_its_kind():
    service = ServiceFactory()
    national = ServiceArea(service=service, kind=AreaKind.SCOTLAND, code="S12000042", name="Scotland")
    with pytest.raises(ValidationError):
        national.full_clean()
    council = ServiceArea(service=service, kind=AreaKind.COUNCIL, code="", name="Dundee City")
    with pytest.raises(ValidationError):
        council.full_clean()

    area = ServiceAreaFactory(service=service)
    assert_database_refuses(
        "service_area_code_matches_kind", ServiceArea.objects.filter(pk=area.pk), code="DUNDEE"
    )
    with pytest.raises(IntegrityError) as duplicate, transaction.atomic():
        ServiceAreaFactory(service=service)
    assert "service_area_unique" in str(duplicate.value) or "UNIQUE" in str(duplicate.value)


def test_database_refuses_a_postcode_out_of_range_or_untidy():
    with pytest.raises(IntegrityError), transaction.atomic():
        Postcode.objects.create(postcode="dd4 7aa", latitude=56.4, longitude=-2.9)
    with pytest.raises(IntegrityError), transaction.atomic():
        Postcode.objects.create(postcode="DD4 7AA", latitude=91, longitude=-2.9)


def test_each_record_has_a_stable_uuid():
    first, second = ServiceFactory(), ServiceFactory()
    assert first.uuid != second.uuid
    assert Service.objects.get(pk=first.pk).uuid == first.uuid
