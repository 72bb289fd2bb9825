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
    NHS_BODY = "nhs_body", "NHS body"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    GP_PRACTICE = "gp_practice", "GP practice"
    OTHER = "other", "Other"


class Cost(models.TextChoices):
    FREE = "free", "Free"
    LOW_COST = "low_cost", "Low cost"
    PAID = "paid", "Paid"


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
