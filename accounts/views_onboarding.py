"""How charities and colleagues arrive: "List your service", a new organisation or a claim on one,
and accepting an invitation to join an organisation."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def list_your_service(request):
    """What happens when you list a service, in plain English, for anyone."""
    return render(request, "onboarding/list_your_service.html")
