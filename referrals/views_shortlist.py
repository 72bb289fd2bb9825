"""Work in progress (issue 9): being built now."""

from django.http import Http404


def shortlist(request, *args, **kwargs):
    raise Http404


def add(request, *args, **kwargs):
    raise Http404


def remove(request, *args, **kwargs):
    raise Http404


def clear(request, *args, **kwargs):
    raise Http404


def email(request, *args, **kwargs):
    raise Http404


def refer(request, *args, **kwargs):
    raise Http404
