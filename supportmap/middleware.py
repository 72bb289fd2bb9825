"""Site-wide middleware: one log line per request."""

import logging
import time

logger = logging.getLogger("supportmap.requests")


class RequestLogMiddleware:
    """Log every request's method, path, status and duration, once it has been answered.

    The query string is left out: a search can hold what a person typed about themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        duration_ms = round((time.monotonic() - started) * 1000, 1)
        logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={"request": request, "status_code": response.status_code, "duration_ms": duration_ms},
        )
        return response
