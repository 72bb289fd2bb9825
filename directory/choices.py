"""The fixed vocabularies of the directory (see DOMAIN.md). Keys are used in URLs and the API."""

from django.db import models


class Element(models.TextChoices):
    """The five elements of social support. A service offers one or more."""

    FRIENDSHIP = "friendship", "Friendship and peer support"
    EMOTIONAL = "emotional", "Emotional support"
    MEANING = "meaning", "Constructing meaning"
    PRACTICAL = "practical", "Practical advice"
    MATERIAL = "material", "Material assistance"


ELEMENT_DESCRIPTIONS = {
    Element.FRIENDSHIP: (
        "Time with people of a similar outlook, on an equal footing. Peer support sits here: "
        "someone with shared, lived experience who understands."
    ),
    Element.EMOTIONAL: "Being listened to and heard, accepted as you are, and having your mood lifted.",
    Element.MEANING: (
        "Sharing experiences with others, which shapes what mental health and recovery mean to you."
    ),
    Element.PRACTICAL: "Advice grounded in your own situation, ideally from people who have been there.",
    Element.MATERIAL: "Help with money, food, transport, housing or learning a new skill.",
}


class Structure(models.TextChoices):
    """The four structures of support, ordered from formal to close."""

    FORMAL = "formal", "Formal"
    SEMI_FORMAL = "semi_formal", "Semi-formal"
    INFORMAL = "informal", "Informal"
    CLOSE = "close", "Close"


STRUCTURE_DESCRIPTIONS = {
    Structure.FORMAL: "A support worker or a funded service, with paid staff.",
    Structure.SEMI_FORMAL: "A volunteer-led group with some organisation, or help from a colleague or librarian.",
    Structure.INFORMAL: "Friends, neighbours and community drop-ins.",
    Structure.CLOSE: "Partners and relatives: support for and by families and carers.",
}


class DeliveryMode(models.TextChoices):
    # In person: face to face at a place, as at a drop-in, a larder or a car scheme, when it is
    # neither a group session nor a one-to-one appointment.
    IN_PERSON = "in_person", "In person"
    GROUP = "group", "Group"
    ONE_TO_ONE = "one_to_one", "One-to-one"
    HOME_VISIT = "home_visit", "Home visit"
    PHONE = "phone", "Phone"
    ONLINE = "online", "Online"
    TEXT_CHAT = "text_chat", "Text or chat"


class OrganisationKind(models.TextChoices):
    CHARITY = "charity", "Charity"
    COMMUNITY_GROUP = "community_group", "Community group"
    PEER_SUPPORT_GROUP = "peer_support_group", "Peer-support group"
    SOCIAL_ENTERPRISE = "social_enterprise", "Social enterprise"
    NHS_BODY = "nhs_body", "NHS board or team"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    GP_PRACTICE = "gp_practice", "GP practice"
    LINK_WORKER_SERVICE = "link_worker_service", "Link worker service"
    OTHER = "other", "Other"


# Kinds whose members usually refer people on rather than run services: a new organisation of one
# of these kinds starts as a referrer. Whether an organisation refers, provides or both is then
# its own pair of flags (Organisation.is_referrer, Organisation.is_provider), because a charity
# can refer to others as well as run its own services.
REFERRER_KINDS = (
    OrganisationKind.GP_PRACTICE,
    OrganisationKind.LINK_WORKER_SERVICE,
    OrganisationKind.NHS_BODY,
)


class MemberRole(models.TextChoices):
    """What a person may do for an organisation. Managers also invite colleagues."""

    MEMBER = "member", "Member"
    MANAGER = "manager", "Manager"


class Cost(models.TextChoices):
    FREE = "free", "Free"
    LOW_COST = "low_cost", "Low cost"
    PAID = "paid", "Paid"
    NOT_STATED = "not_stated", "Not stated"


class Capacity(models.TextChoices):
    OPEN = "open", "Taking new people"
    WAITING_LIST = "waiting_list", "Waiting list"
    FULL = "full", "Full"
    TEMPORARILY_CLOSED = "temporarily_closed", "Temporarily closed"


class ServiceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PENDING_REVIEW = "pending_review", "Waiting for review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class Freshness(models.TextChoices):
    """How recently the organisation confirmed a published listing (manage.py check_freshness).

    current: confirmed within the reminder period; due: a reminder has gone out (5 months by
    default); overdue: past the confirmation period (6 months), shown as "may be out of date" and
    ranked lower; lapsed: unconfirmed for 12 months, out of public search, its page marked.
    """

    CURRENT = "current", "Up to date"
    DUE = "due", "Due for checking"
    OVERDUE = "overdue", "May be out of date"
    LAPSED = "lapsed", "Not confirmed for over a year"


class ProblemKind(models.TextChoices):
    WRONG_CONTACT = "wrong_contact", "Wrong contact details"
    CLOSED = "closed", "The service has closed"
    WRONG_INFORMATION = "wrong_information", "Wrong information"
    SAFEGUARDING = "safeguarding", "A safeguarding concern"
    OTHER = "other", "Something else"


class ProblemStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved"


class Frequency(models.TextChoices):
    """How often an opening time recurs (Open Referral schedules: freq, interval, byday)."""

    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every other week"
    MONTHLY = "monthly", "Once a month"
    BY_APPOINTMENT = "by_appointment", "By appointment"


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, "First"
    SECOND = 2, "Second"
    THIRD = 3, "Third"
    FOURTH = 4, "Fourth"
    LAST = -1, "Last"


class AreaKind(models.TextChoices):
    COUNCIL = "council", "Council area"
    HEALTH_BOARD = "health_board", "NHS health board"
    SCOTLAND = "scotland", "All of Scotland"
    UK = "uk", "All of the UK"


NATIONAL_AREA_KINDS = (AreaKind.SCOTLAND, AreaKind.UK)


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"
