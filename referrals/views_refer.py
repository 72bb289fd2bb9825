"""Work in progress (issue 9): being built now."""

from django.http import Http404


def refer(request, *args, **kwargs):
    raise Http404


def self_refer(request, *args, **kwargs):
    raise Http404


def self_refer_sent(request, *args, **kwargs):
    raise Http404


def edit_draft(request, *args, **kwargs):
    raise Http404
