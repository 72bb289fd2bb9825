"""Work in progress (issue 9): being built now."""

from django.http import Http404


def sent_list(request, *args, **kwargs):
    raise Http404


def inbox(request, *args, **kwargs):
    raise Http404


def update_capacity(request, *args, **kwargs):
    raise Http404
