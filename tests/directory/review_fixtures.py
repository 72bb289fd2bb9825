"""Listings waiting for review, built by hand as the provider area builds them (directory/listings.py):
a published service with its audiences, topics, locations, opening times and areas; a working copy
of it with changes, submitted by a member of staff; and a new listing, submitted by a manager.

Import the fixtures into a test module: `from tests.directory.review_fixtures import *  # noqa`.
"""

import datetime

import pytest
from django.utils import timezone

from directory.choices import Frequency, ServiceStatus
from directory.models import Audience, Service, ServiceAtLocation, Topic
from tests.factories import LocationFactory, OpeningTimeFactory, ServiceAreaFactory, ServiceFactory

__all__ = ["published", "working_copy", "new_listing", "make_working_copy"]


@pytest.fixture
def published(provider_a):
    service = ServiceFactory(
        organisation=provider_a,
        name="Tuesday Tea Group",
        slug="tuesday-tea-group",
        summary="Tea and a chat for people who feel lonely.",
        description="We meet every Tuesday for tea and a chat.",
        offers_emotional=False,
    )
    hall = LocationFactory(organisation=provider_a, name="Hilltown Hall", town="Dundee")
    library = LocationFactory(organisation=provider_a, name="Central Library", town="Dundee")
    service.locations.add(hall, library)
    service.audiences.set(Audience.objects.order_by("slug")[:1])
    service.topics.set(Topic.objects.order_by("slug")[:1])
    OpeningTimeFactory(service=service, location=hall, weekday=1)
    ServiceAreaFactory(service=service)
    return service


def make_working_copy(published, *, submitted_by, **changes):
    """A faithful working copy of `published`, waiting for review, with `changes` to its fields."""
    fields = {name: getattr(published, name) for name in Service.content_field_names()}
    fields.update(changes)
    copy = Service(
        organisation=published.organisation,
        draft_of=published,
        slug=f"{published.slug}-changes-1",
        status=ServiceStatus.PENDING_REVIEW,
        submitted_by=submitted_by,
        submitted_at=timezone.now(),
        **fields,
    )
    copy.full_clean()
    copy.save()
    copy.audiences.set(published.audiences.all())
    copy.topics.set(published.topics.all())
    for link in published.service_at_locations.all():
        ServiceAtLocation.objects.create(service=copy, location_id=link.location_id)
    for opening in published.opening_times.all():
        opening.pk = None
        opening.service = copy
        opening.save()
    for area in published.areas.all():
        area.pk = None
        area.service = copy
        area.save()
    return copy


@pytest.fixture
def working_copy(published, staff_a):
    """Changes: a new name, emotional support added, a Thursday opening added, the library removed."""
    copy = make_working_copy(
        published, submitted_by=staff_a, name="Tuesday and Thursday Tea Group", offers_emotional=True
    )
    OpeningTimeFactory(service=copy, weekday=3, opens=datetime.time(14, 0), closes=datetime.time(16, 0))
    copy.service_at_locations.filter(location__name="Central Library").delete()
    return copy


@pytest.fixture
def new_listing(provider_a, manager_a):
    service = ServiceFactory(
        organisation=provider_a,
        name="Carers' Walking Group",
        slug="carers-walking-group",
        summary="A gentle walk for carers, with a cuppa after.",
        description="Carers meet for a walk on the first Monday of the month.",
        status=ServiceStatus.PENDING_REVIEW,
        last_reviewed=None,
        submitted_by=manager_a,
        submitted_at=timezone.now() - datetime.timedelta(days=2),
        peer_led=True,
    )
    service.audiences.set(Audience.objects.order_by("slug")[:2])
    OpeningTimeFactory(service=service, frequency=Frequency.MONTHLY, week_of_month=1, weekday=0)
    return service
