"""Public directory pages. Every query starts from what the public may see (published services)."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from directory import crisis, selectors
from directory.choices import ELEMENT_DESCRIPTIONS
from directory.pagination import paginate
from directory.search import search_services


@require_safe
def service_list(request):
    result = search_services(request.GET)
    context = {
        "result": result,
        "form": result.filterset.form,
        "page_obj": result.page,
        "paginator": result.page.paginator if result.page else None,
        "query_string": _query_without_page(request),
        "page_error": result.page_error,
        # Read from what was sent, not the cleaned form: a search too long to run still counts.
        "show_crisis_help": crisis.search_suggests_risk(request.GET),
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
    return render(request, "directory/service_list.html", context, status=result.status)


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_safe
def service_detail(request, slug):
    service = get_object_or_404(selectors.service_detail_queryset(), slug=slug)
    return render(
        request,
        "directory/service_detail.html",
        {
            "service": service,
            "element_descriptions": [
                (element, ELEMENT_DESCRIPTIONS[element]) for element in service.elements
            ],
        },
    )


@require_safe
def organisation_list(request):
    result = paginate(request, selectors.organisations_visible(), 50)
    return render(
        request,
        "directory/organisation_list.html",
        {
            "page_obj": result.page,
            "paginator": result.paginator,
            "page_error": result.error,
            "query_string": "",
        },
        status=result.status,
    )


@require_safe
def organisation_detail(request, slug):
    organisation = get_object_or_404(selectors.organisations_visible(), slug=slug)
    return render(
        request,
        "directory/organisation_detail.html",
        {"organisation": organisation, "services": selectors.services_of_organisation(organisation)},
    )
