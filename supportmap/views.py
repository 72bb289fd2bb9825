from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from directory.choices import ELEMENT_DESCRIPTIONS, STRUCTURE_DESCRIPTIONS, Element, Structure


@require_safe
def home(request):
    elements = [(element, ELEMENT_DESCRIPTIONS[element]) for element in Element]
    return render(request, "home.html", {"elements": elements})


@require_safe
def guide(request):
    return render(
        request,
        "guide.html",
        {
            "elements": [(element, ELEMENT_DESCRIPTIONS[element]) for element in Element],
            "structures": [(structure, STRUCTURE_DESCRIPTIONS[structure]) for structure in Structure],
        },
    )


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # Rendered without a request context: the failure may have come from the context itself.
    # The page says what really happens to the error: it is always logged, and emailed to the
    # site's administrators when ADMINS is set.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"admins_told": bool(settings.ADMINS)}))


def csrf_failure(request, reason=""):
    """A form sent without a valid security token: usually an old page or blocked cookies."""
    return render(request, "403_csrf.html", status=403)
