from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from directory.models import (
    ELEMENT_FIELDS,
    MODE_FIELDS,
    Audience,
    Location,
    OpeningTime,
    Organisation,
    Postcode,
    ProblemReport,
    SearchTerm,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Topic,
)

# Websites typed without a scheme are taken as https, as Django 6 will do by default.
URL_AS_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class LocationInline(admin.StackedInline):
    model = Location
    extra = 0


class ServiceInline(admin.TabularInline):
    model = Service
    fields = ("name", "structure", "status", "capacity", "last_reviewed")
    show_change_link = True
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "charity_number", "updated")
    list_filter = ("kind",)
    search_fields = ("name", "charity_number", "other_registration", "email")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("uuid", "created", "updated")
    formfield_overrides = URL_AS_HTTPS
    inlines = [LocationInline, ServiceInline]


class ServiceAtLocationInline(admin.TabularInline):
    model = ServiceAtLocation
    autocomplete_fields = ("location",)
    extra = 0


class OpeningTimeInline(admin.TabularInline):
    model = OpeningTime
    # How often first, then what each frequency needs: a day and times (weekly), a first date
    # (every other week), which week (once a month); "by appointment" may leave them empty.
    fields = ("frequency", "weekday", "opens", "closes", "starts_on", "week_of_month", "location", "note")
    extra = 0


class ServiceAreaInline(admin.TabularInline):
    model = ServiceArea
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "structure", "peer_led", "capacity", "status", "last_reviewed")
    list_filter = (
        "status",
        "structure",
        *ELEMENT_FIELDS,
        "peer_led",
        "mutual",
        "mode_in_person",
        "capacity",
        "cost",
        "accepts_supportmap_referrals",
        "audiences",
        "topics",
    )
    search_fields = ("name", "summary", "organisation__name")
    list_select_related = ("organisation",)
    autocomplete_fields = ("organisation",)
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("audiences", "topics")
    readonly_fields = ("uuid", "created", "updated")
    date_hierarchy = "last_reviewed"
    formfield_overrides = URL_AS_HTTPS
    inlines = [ServiceAtLocationInline, OpeningTimeInline, ServiceAreaInline]
    fieldsets = (
        (
            None,
            {"fields": ("organisation", "name", "slug", "summary", "description", "status", "last_reviewed")},
        ),
        (
            "Elements and structure",
            {
                "fields": (
                    tuple(ELEMENT_FIELDS),
                    "structure",
                    ("peer_led", "mutual"),
                )
            },
        ),
        (
            "Delivery and who it is for",
            {
                "fields": (
                    tuple(MODE_FIELDS),
                    ("age_min", "age_max"),
                    "audiences",
                    "topics",
                    ("cost", "cost_note"),
                    "languages",
                    "accessibility_notes",
                )
            },
        ),
        (
            "How to get there",
            {
                "fields": (
                    ("self_referral", "professional_referral", "accepts_supportmap_referrals"),
                    ("contact_name", "email", "phone", "website"),
                    ("capacity", "waiting_weeks"),
                )
            },
        ),
        (
            "Safeguards",
            {
                "fields": (
                    ("has_confidentiality_policy", "has_boundaries_policy", "trained_volunteers"),
                    ("supervision", "pvg_checked_volunteers", "has_safeguarding_lead"),
                    "refers_on_to",
                )
            },
        ),
        ("Record", {"fields": ("uuid", "created", "updated")}),
    )


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ("name", "town", "postcode", "organisation", "hide_exact_address")
    list_filter = ("town", "hide_exact_address")
    search_fields = ("name", "town", "postcode", "organisation__name")
    list_select_related = ("organisation",)
    autocomplete_fields = ("organisation",)


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "code", "service")
    list_filter = ("kind",)
    search_fields = ("name", "code", "service__name")
    list_select_related = ("service",)


@admin.register(OpeningTime)
class OpeningTimeAdmin(admin.ModelAdmin):
    list_display = ("service", "__str__", "frequency", "location", "note")
    list_filter = ("frequency", "weekday")
    search_fields = ("service__name",)
    list_select_related = ("service", "location")


@admin.register(ServiceAtLocation)
class ServiceAtLocationAdmin(admin.ModelAdmin):
    list_display = ("service", "location", "uuid")
    search_fields = ("service__name", "location__name", "location__town")
    list_select_related = ("service", "location")
    autocomplete_fields = ("service", "location")


@admin.register(Postcode)
class PostcodeAdmin(admin.ModelAdmin):
    list_display = ("postcode", "latitude", "longitude", "council_code", "health_board_code")
    list_filter = ("health_board_code", "council_code")
    search_fields = ("postcode",)


@admin.register(Audience, Topic)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    """Editors resolve reports at /review/problems/; the admin is for looking things up."""

    list_display = ("service", "kind", "status", "created", "resolved_at")
    list_filter = ("status", "kind")
    search_fields = ("service__name", "service__organisation__name", "details")
    date_hierarchy = "created"
    list_select_related = ("service",)
    raw_id_fields = ("service", "resolved_by")
    readonly_fields = ("created",)


SEARCH_TERM_ELEMENT_FIELDS = tuple(name for name in ELEMENT_FIELDS if hasattr(SearchTerm, name))


@admin.register(SearchTerm)
class SearchTermAdmin(SimpleHistoryAdmin):
    """The search vocabulary: what people type, and what it means in the directory's own terms.

    A change here is used by the next search (directory/thesaurus.py); its history shows who
    changed what. The file directory/data/thesaurus.csv seeds a new installation; see
    docs/thesaurus.md for how to write good entries."""

    list_display = ("phrase", "listed_words", "listed_topics", "listed_audiences", "updated")
    list_filter = ("topics", "audiences", *SEARCH_TERM_ELEMENT_FIELDS)
    search_fields = ("phrase", "words", "note")
    filter_horizontal = ("topics", "audiences")
    readonly_fields = ("created", "updated")
    fieldsets = (
        (
            None,
            {
                "fields": ("phrase", "words", "topics", "audiences"),
                "description": (
                    'When a search contains the phrase (as whole words: "bi" never matches inside '
                    '"bike"), it also finds listings that use any of the listing words, and services '
                    'with any of the topics or audiences. Longer phrases are matched first, so "lost '
                    'my wife" is used before "wife". Searches use a change at once; no deploy is needed.'
                ),
            },
        ),
        ("Elements of support it points to", {"fields": (SEARCH_TERM_ELEMENT_FIELDS,)}),
        (None, {"fields": ("note", "created", "updated")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("topics", "audiences")

    @admin.display(description="listing words")
    def listed_words(self, term):
        return "; ".join(term.listing_words)

    @admin.display(description="topics")
    def listed_topics(self, term):
        return ", ".join(topic.name for topic in term.topics.all())

    @admin.display(description="audiences")
    def listed_audiences(self, term):
        return ", ".join(audience.name for audience in term.audiences.all())
