from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from supportmap import views

urlpatterns = [
    path("", views.home, name="home"),
    path("guide/", views.guide, name="guide"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Account pages: sign-up, email verification, password reset, second factor (accounts/urls.py).
    path("accounts/", include("accounts.urls")),
    # Listing your service: what happens, a new organisation or a claim on one (accounts/urls_onboarding.py).
    path("", include("accounts.urls_onboarding")),
    # The provider area: an organisation's services, members and invitations.
    path("my-organisation/", include("directory.urls_manage")),
    # The directory editors' queue: new and changed listings, problem reports, claims.
    path("review/claims/", include("accounts.urls_claims")),
    path("review/problems/", include("directory.urls_problems")),
    path("review/", include("directory.urls_review")),
    path("admin/", admin.site.urls),
    # Referrals (issue 9): the referral forms first, as they sit under /services/<slug>/.
    path("", include("referrals.urls_refer")),
    path("referrals/", include("referrals.urls")),
    path("people/", include("referrals.urls_people")),
    path("shortlist/", include("referrals.urls_shortlist")),
    path("", include("directory.urls")),
]

handler404 = "supportmap.views.page_not_found"
handler500 = "supportmap.views.server_error"
