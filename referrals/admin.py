"""The personal-data audit trail in the Django admin: to read, never to add, change or delete.

People, referrals and signposting records are not in the admin: they are seen through their own
pages, where every view is audited.
"""

from django.contrib import admin

from referrals.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Append-only evidence: no add, change or delete here (nor the bulk delete action)."""

    list_display = ("created", "action", "user", "organisation", "person_uuid", "referral_uuid")
    list_filter = ("action", "created")
    search_fields = ("=person_uuid", "=referral_uuid", "user__email")
    date_hierarchy = "created"
    list_select_related = ("user", "organisation")
    readonly_fields = ("created", "action", "user", "organisation", "person_uuid", "referral_uuid")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
