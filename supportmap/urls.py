from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from supportmap import views

urlpatterns = [
    path("", views.home, name="home"),
    path("guide/", views.guide, name="guide"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("directory.urls")),
]

handler404 = "supportmap.views.page_not_found"
handler500 = "supportmap.views.server_error"
