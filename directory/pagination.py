"""Pagination that answers a bad `page` parameter with a clear message instead of an error."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator


@dataclass
class PageResult:
    page: Page | None
    paginator: Paginator
    error: str = ""
    status: int = 200


def parse_page_number(params) -> tuple[int, str]:
    """The requested page number, or 1 and a message when `page` is not a whole number from 1."""
    raw = params.get("page", "1").strip() or "1"
    if not raw.isdigit() or int(raw) < 1:
        return 1, f"“{raw[:20]}” is not a page number."
    return int(raw), ""


def beyond_the_end(number: int, pages: int) -> str:
    return f"There is no page {number}: these results have {pages} page{'s' if pages != 1 else ''}."


def paginate(request, queryset, per_page: int) -> PageResult:
    paginator = Paginator(queryset, per_page)
    number, error = parse_page_number(request.GET)
    if error:
        return PageResult(None, paginator, error, 400)
    if number > paginator.num_pages:
        return PageResult(None, paginator, beyond_the_end(number, paginator.num_pages), 404)
    return PageResult(paginator.page(number), paginator)
