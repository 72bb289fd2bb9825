"""Pagination that answers a bad `page` parameter with a clear message instead of an error."""

import re
from dataclasses import dataclass

from django.core.paginator import Page, Paginator


@dataclass
class PageResult:
    page: Page | None
    paginator: Paginator
    error: str = ""
    status: int = 200


# ASCII digits only: str.isdigit() also accepts "²", "①" and Arabic-Indic digits, which int()
# then refuses. Six digits are more pages than any list has, and keep int() cheap.
PAGE_NUMBER = re.compile(r"[0-9]{1,6}")


def parse_page_number(params) -> tuple[int, str]:
    """The requested page number, or 1 and a message when `page` is not one whole number from 1."""
    values = params.getlist("page")
    if len(values) > 1:
        return 1, "The address asks for more than one page. Choose one page number."
    raw = (values[0] if values else "").strip() or "1"
    if not PAGE_NUMBER.fullmatch(raw) or int(raw) < 1:
        shown = raw[:20] + ("…" if len(raw) > 20 else "")
        return 1, f"“{shown}” is not a page number. Page numbers are whole numbers from 1."
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
