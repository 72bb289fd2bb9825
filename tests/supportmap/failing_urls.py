"""The site's URLs plus one that fails, to see what a server error does."""

from django.urls import path

from supportmap.urls import urlpatterns as site_urlpatterns


def fails(request):
    raise RuntimeError("a planted failure")


urlpatterns = [path("fails/", fails), *site_urlpatterns]

handler404 = "supportmap.views.page_not_found"
handler500 = "supportmap.views.server_error"
