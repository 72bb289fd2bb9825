"""Public directory pages. Every query starts from what the public may see (published services)."""

from django.shortcuts import get_object_or_404, render

from directory import selectors
from directory.choices import ELEMENT_DESCRIPTIONS, Element
from directory.filters import ServiceFilter
from directory.pagination import paginate

SERVICES_PER_PAGE = 20


def service_list(request):
    filterset = ServiceFilter(request.GET or None, queryset=selectors.services_for_list())
    status = 200
    if filterset.is_bound and not filterset.is_valid():
        # Show what is wrong beside the filters, and the results of the filters that were fine.
        status = 400
    result = paginate(request, filterset.qs, SERVICES_PER_PAGE)
    context = {
        "filter": filterset,
        "form": filterset.form,
        "page_obj": result.page,
        "paginator": result.paginator,
        "page_error": result.error,
        "query_string": _query_without_page(request),
    }
    return render(request, "directory/service_list.html", context, status=max(status, result.status))


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


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
            "other_elements": [element for element in Element if element not in service.elements],
        },
    )


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


def organisation_detail(request, slug):
    organisation = get_object_or_404(selectors.organisations_visible(), slug=slug)
    return render(
        request,
        "directory/organisation_detail.html",
        {"organisation": organisation, "services": selectors.services_of_organisation(organisation)},
    )
