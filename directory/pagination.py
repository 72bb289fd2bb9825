"""Pagination that answers a bad `page` parameter with a clear message instead of an error."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator


@dataclass
class PageResult:
    page: Page | None
    paginator: Paginator
    error: str = ""
    status: int = 200


def paginate(request, queryset, per_page: int) -> PageResult:
    paginator = Paginator(queryset, per_page)
    raw = request.GET.get("page", "1").strip() or "1"
    if not raw.isdigit() or int(raw) < 1:
        return PageResult(None, paginator, f"“{raw[:20]}” is not a page number.", 400)
    number = int(raw)
    if number > paginator.num_pages:
        pages = paginator.num_pages
        return PageResult(
            None,
            paginator,
            f"There is no page {number}: these results have {pages} page{'s' if pages != 1 else ''}.",
            404,
        )
    return PageResult(paginator.page(number), paginator)
