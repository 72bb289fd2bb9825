"""JSON log lines for a log collector: one object per line, with the request's path and status."""

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter


class JsonFormatter(_JsonFormatter):
    """Adds `path`, `method` and `status` to records that carry a request (django.request's
    errors, and RequestLogMiddleware's lines), and never fails on a request it cannot read."""

    def add_fields(self, log_record, record, message_dict):
        super().add_fields(log_record, record, message_dict)
        request = getattr(record, "request", None)
        if request is not None:
            log_record.pop("request", None)
            log_record.setdefault("method", getattr(request, "method", None))
            log_record.setdefault("path", getattr(request, "path", None))
        status = getattr(record, "status_code", None)
        if status is not None:
            log_record.pop("status_code", None)
            log_record.setdefault("status", status)
