"""Work in progress (issue 9): being built now."""

from django.http import Http404


def detail(request, *args, **kwargs):
    raise Http404


def act(request, *args, **kwargs):
    raise Http404


def decline(request, *args, **kwargs):
    raise Http404


def complete(request, *args, **kwargs):
    raise Http404


def contact_attempt(request, *args, **kwargs):
    raise Http404


def post_message(request, *args, **kwargs):
    raise Http404


def refer_on(request, *args, **kwargs):
    raise Http404


def withdraw_consent(request, *args, **kwargs):
    raise Http404
