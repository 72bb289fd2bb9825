"""Reads for the public directory pages. Each returns a queryset scoped to what the public may see."""

from django.db.models import Prefetch

from directory.models import Location, Organisation, Service


def services_for_list():
    """Published services with what a result card shows, in a fixed number of queries."""
    return (
        Service.objects.published()
        .select_related("organisation")
        .prefetch_related(
            Prefetch("locations", queryset=Location.objects.only("id", "town", "postcode")), "opening_times"
        )
        .order_by("name", "pk")
    )


def service_detail_queryset():
    return (
        Service.objects.published()
        .select_related("organisation")
        .prefetch_related("locations", "opening_times__location", "areas", "audiences", "topics")
    )


def organisations_visible():
    return Organisation.objects.with_published_services()


def services_of_organisation(organisation: Organisation):
    return services_for_list().filter(organisation=organisation)
