from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm

from accounts.second_factor import second_factor_reset
from supportmap.models import SignInEvent, User


class EmailUserCreationForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")


class EmailUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = EmailUserChangeForm
    add_form = EmailUserCreationForm
    ordering = ("email",)
    list_display = (
        "email",
        "full_name",
        "site_role",
        "email_verified_at",
        "is_staff",
        "is_active",
        "last_login",
    )
    list_filter = ("site_role", "is_staff", "is_superuser", "is_active", "groups")
    actions = ["reset_second_factor"]
    search_fields = ("email", "full_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal details", {"fields": ("full_name", "email_verified_at")}),
        (
            "Permissions",
            {"fields": ("site_role", "is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )

    @admin.action(description="Reset second factor (remove their app and backup codes)")
    def reset_second_factor(self, request, queryset):
        """For someone who has lost both their app and their backup codes: they set up a new app
        at their next sign-in. Check who is asking before you do this."""
        people = list(queryset)
        for user in people:
            second_factor_reset(user=user)
        self.message_user(
            request,
            f"Second factor reset for {len(people)} account{'s' if len(people) != 1 else ''}: "
            "they will set up a new app when they next sign in.",
            messages.SUCCESS,
        )


@admin.register(SignInEvent)
class SignInEventAdmin(admin.ModelAdmin):
    """The sign-in log, read only: it is evidence, so nobody edits it here."""

    list_display = ("created", "kind", "email", "user", "ip_address")
    list_filter = ("kind", "created")
    search_fields = ("email", "ip_address")
    date_hierarchy = "created"
    list_select_related = ("user",)
    readonly_fields = ("created", "kind", "email", "user", "ip_address")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
