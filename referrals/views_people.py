"""Work in progress (issue 9): being built now."""

from django.http import Http404


def detail(request, *args, **kwargs):
    raise Http404


def edit(request, *args, **kwargs):
    raise Http404


def export(request, *args, **kwargs):
    raise Http404
