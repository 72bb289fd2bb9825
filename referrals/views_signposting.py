"""Work in progress (issue 9): being built now."""

from django.http import Http404


def signposting_list(request, *args, **kwargs):
    raise Http404


def signposting_new(request, *args, **kwargs):
    raise Http404
