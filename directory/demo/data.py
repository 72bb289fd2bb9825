"""Clearly fictional demo data for Tayside: organisations, their places and their services.

Everything here is made up. Phone numbers come from Ofcom's drama ranges (0131 496 0xxx,
0113 496 0xxx, 07700 900xxx, 0808 157 0xxx), email and web addresses are on example.org,
example.com and example.net, and charity numbers are SC999xxx. Real public services and helplines
(GPs, NHS 24, Samaritans, Breathing Space) appear only as places to refer people on to.
`manage.py load_demo_data` loads this module.

Services give `reviewed_days_ago` rather than a date, so the listings stay fresh (or stale) relative
to the day the data is loaded.
"""

HEALTH_BOARD_CODE = "S08000030"  # NHS Tayside

# Where a service is available: key -> (ServiceArea kind, GSS code, name).
AREAS = {
    "dundee": ("council", "S12000042", "Dundee City"),
    "angus": ("council", "S12000041", "Angus"),
    "pkc": ("council", "S12000048", "Perth and Kinross"),
    "tayside": ("health_board", HEALTH_BOARD_CODE, "NHS Tayside"),
    "scotland": ("scotland", "", "Scotland"),
    "uk": ("uk", "", "United Kingdom"),
}

# The council area of each town a location is in (a key of AREAS).
TOWN_COUNCILS = {
    "Dundee": "dundee",
    "Broughty Ferry": "dundee",
    "Monifieth": "angus",
    "Carnoustie": "angus",
    "Forfar": "angus",
    "Kirriemuir": "angus",
    "Brechin": "angus",
    "Montrose": "angus",
    "Arbroath": "angus",
    "Perth": "pkc",
    "Blairgowrie": "pkc",
    "Crieff": "pkc",
    "Pitlochry": "pkc",
    "Aberfeldy": "pkc",
    "Auchterarder": "pkc",
    "Kinross": "pkc",
}

# Postcode centres for searching, besides the postcodes of the locations below:
# (postcode, latitude, longitude, council key).
EXTRA_POSTCODES = [
    ("DD1 4HN", 56.4580, -2.9820, "dundee"),
    ("DD4 7AA", 56.4745, -2.9270, "dundee"),
    ("DD1 1AA", 56.4620, -2.9707, "dundee"),
    ("DD2 3AA", 56.4700, -3.0080, "dundee"),
    ("DD4 0AA", 56.4840, -2.9380, "dundee"),
    ("DD4 9AA", 56.4830, -2.9540, "dundee"),
    ("DD4 8AA", 56.4730, -2.9150, "dundee"),
    ("DD5 2AA", 56.4670, -2.8730, "dundee"),
    ("DD5 4AA", 56.4810, -2.8200, "angus"),
    ("DD7 6AA", 56.5010, -2.7090, "angus"),
    ("DD8 1AA", 56.6435, -2.8890, "angus"),
    ("DD8 4AA", 56.6740, -3.0040, "angus"),
    ("DD9 6AA", 56.7299, -2.6566, "angus"),
    ("DD10 8AA", 56.7081, -2.4670, "angus"),
    ("DD11 1AA", 56.5590, -2.5826, "angus"),
    ("PH1 5AA", 56.3950, -3.4308, "pkc"),
    ("PH2 8AA", 56.3930, -3.4290, "pkc"),
    ("PH10 6AA", 56.5916, -3.3403, "pkc"),
    ("PH7 3AA", 56.3731, -3.8395, "pkc"),
    ("PH16 5AA", 56.7042, -3.7296, "pkc"),
    ("PH15 2AA", 56.6209, -3.8667, "pkc"),
    ("PH3 1AA", 56.2960, -3.7020, "pkc"),
    ("KY13 8AA", 56.2050, -3.4230, "pkc"),
]

# Opening times: a tuple (weekday, opens, closes[, note[, location name]]) meets every week, with
# Monday as 0. The helpers below make the others, as the loader reads them.
LAST = -1  # the last such weekday of the month


def fortnightly(weekday, opens, closes, *, starts_on, note="", location=None) -> dict:
    """Every other week, counted from `starts_on` (an ISO date on that weekday)."""
    return {
        "frequency": "fortnightly",
        "weekday": weekday,
        "opens": opens,
        "closes": closes,
        "starts_on": starts_on,
        "note": note,
        "location": location,
    }


def monthly(week, weekday, opens, closes, *, note="", location=None) -> dict:
    """The nth weekday of the month (1 to 4, or LAST)."""
    return {
        "frequency": "monthly",
        "week_of_month": week,
        "weekday": weekday,
        "opens": opens,
        "closes": closes,
        "note": note,
        "location": location,
    }


def by_appointment(weekday=None, opens=None, closes=None, *, note="", location=None) -> dict:
    """No fixed time: people book. A usual day and hours may be given; the day filter ignores them."""
    return {
        "frequency": "by_appointment",
        "weekday": weekday,
        "opens": opens,
        "closes": closes,
        "note": note,
        "location": location,
    }


# Safeguards a service can declare (the Service model's field names).
CONF = "has_confidentiality_policy"
BOUND = "has_boundaries_policy"
TRAINED = "trained_volunteers"
SUPER = "supervision"
PVG = "pvg_checked_volunteers"
LEAD = "has_safeguarding_lead"
ALL_SAFEGUARDS = (CONF, BOUND, TRAINED, SUPER, PVG, LEAD)
STAFF_SAFEGUARDS = (CONF, BOUND, SUPER, LEAD)

# Each organisation's locations are looked up by (organisation slug, location name).
ORGANISATIONS = [
    # Dundee
    {
        "slug": "tay-valley-befriending",
        "name": "Tay Valley Befriending",
        "kind": "charity",
        "charity_number": "SC999101",
        "description": (
            "A small Dundee charity that matches volunteers with older people who would like more "
            "company. Volunteers are PVG-checked, trained and supported by two part-time "
            "coordinators."
        ),
        "email": "tayvalleybefriending@example.org",
        "website": "https://example.org/tay-valley-befriending",
        "phone": "0131 496 0101",
        "locations": [
            {
                "name": "Tay Valley Befriending office",
                "address_1": "Unit 4, 12 Ward Road",
                "town": "Dundee",
                "postcode": "DD1 1NA",
                "latitude": 56.4626,
                "longitude": -2.9760,
            },
            {
                "name": "St Aidan's Hall",
                "address_1": "21 Brook Street",
                "town": "Broughty Ferry",
                "postcode": "DD5 1DQ",
                "latitude": 56.4672,
                "longitude": -2.8745,
            },
        ],
    },
    {
        "slug": "whitfield-community-hub",
        "name": "Whitfield Community Hub",
        "kind": "community_group",
        "other_registration": "Constituted community association",
        "description": (
            "A residents-run hub in Whitfield with a larder, a café space and a noticeboard full "
            "of local groups. A committee of local people and a part-time development worker keep "
            "it going."
        ),
        "email": "whitfieldhub@example.org",
        "website": "https://example.org/whitfield-community-hub",
        "phone": "0131 496 0202",
        "locations": [
            {
                "name": "Whitfield Community Hub",
                "address_1": "8 Lothian Crescent",
                "address_2": "Whitfield",
                "town": "Dundee",
                "postcode": "DD4 0HU",
                "latitude": 56.4843,
                "longitude": -2.9385,
            },
        ],
    },
    {
        "slug": "lochee-kitchen-table",
        "name": "Lochee Kitchen Table",
        "kind": "social_enterprise",
        "other_registration": "Community interest company",
        "description": (
            "A community café and kitchen in Lochee that runs on a pay-as-you-can basis. Profits "
            "from our catering work keep the lunches going."
        ),
        "email": "locheekitchentable@example.org",
        "website": "https://example.org/lochee-kitchen-table",
        "phone": "0131 496 0303",
        "locations": [
            {
                "name": "The Kitchen Table",
                "address_1": "140 High Street",
                "address_2": "Lochee",
                "town": "Dundee",
                "postcode": "DD2 3BZ",
                "latitude": 56.4702,
                "longitude": -3.0085,
            },
        ],
    },
    {
        "slug": "riverside-recovery-collective",
        "name": "Riverside Recovery Collective",
        "kind": "peer_support_group",
        "charity_number": "SC999104",
        "description": (
            "A peer-led recovery community in Dundee, run by people in recovery from addiction "
            "and mental ill health. Everything we do is built on lived experience and mutual "
            "support."
        ),
        "email": "riversiderecovery@example.org",
        "website": "https://example.org/riverside-recovery-collective",
        "phone": "0131 496 0404",
        "locations": [
            {
                "name": "Riverside Recovery Hub",
                "address_1": "27 Seagate",
                "town": "Dundee",
                "postcode": "DD1 2EG",
                "latitude": 56.4617,
                "longitude": -2.9665,
            },
        ],
    },
    {
        "slug": "still-here-bereavement-circle",
        "name": "Still Here Bereavement Circle",
        "kind": "peer_support_group",
        "other_registration": "Unincorporated association",
        "description": (
            "A bereavement peer-support group set up by people in Douglas and Broughty Ferry who "
            "had lost someone close. Everyone who facilitates has been bereaved themselves and "
            "has done bereavement support training."
        ),
        "email": "stillhere@example.org",
        "website": "https://example.org/still-here",
        "phone": "07700 900505",
        "locations": [
            {
                "name": "Douglas Neighbourhood Centre, Room 2",
                "address_1": "Balunie Drive",
                "address_2": "Douglas",
                "town": "Dundee",
                "postcode": "DD4 8PS",
                "latitude": 56.4728,
                "longitude": -2.9155,
            },
            {
                "name": "Broughty Castle car park",
                "address_1": "Castle Green",
                "town": "Broughty Ferry",
                "postcode": "DD5 2TF",
                "latitude": 56.4647,
                "longitude": -2.8690,
            },
            {
                "name": "A member's home in Broughty Ferry",
                "town": "Broughty Ferry",
                "postcode": "DD5 3HL",
                "latitude": 56.4700,
                "longitude": -2.8650,
                "hide_exact_address": True,
            },
        ],
    },
    {
        "slug": "carers-crossing-tayside",
        "name": "Carers' Crossing Tayside",
        "kind": "charity",
        "charity_number": "SC999106",
        "description": (
            "A carers' charity for Dundee and Perth and Kinross. We support adults and young "
            "people who look after a relative, partner or friend, because carers need support for "
            "themselves too."
        ),
        "email": "carerscrossing@example.org",
        "website": "https://example.org/carers-crossing-tayside",
        "phone": "0131 496 0606",
        "locations": [
            {
                "name": "Carers' Crossing Dundee",
                "address_1": "Suite 2, 45 Bell Street",
                "town": "Dundee",
                "postcode": "DD1 1HF",
                "latitude": 56.4637,
                "longitude": -2.9720,
            },
            {
                "name": "Carers' Crossing Perth",
                "address_1": "18 South Methven Street",
                "town": "Perth",
                "postcode": "PH1 5PE",
                "latitude": 56.3965,
                "longitude": -3.4350,
            },
        ],
    },
    {
        "slug": "nhs-tayside-community-wellbeing-team",
        "name": "NHS Tayside Community Wellbeing Team",
        "kind": "nhs_body",
        "description": (
            "A community team within NHS Tayside's primary care services. Link workers and "
            "wellbeing practitioners help people with the non-medical things that affect their "
            "health."
        ),
        "email": "communitywellbeing@example.net",
        "website": "https://example.net/nhs-tayside-community-wellbeing",
        "phone": "0131 496 0707",
        "locations": [
            {
                "name": "Community Wellbeing Base",
                "address_1": "90 Hilltown",
                "town": "Dundee",
                "postcode": "DD3 7AH",
                "latitude": 56.4695,
                "longitude": -2.9700,
            },
            {
                "name": "Perth Community Wellbeing Rooms",
                "address_1": "5 York Place",
                "town": "Perth",
                "postcode": "PH2 8EH",
                "latitude": 56.3952,
                "longitude": -3.4370,
            },
        ],
    },
    {
        "slug": "dundee-money-advice-team",
        "name": "Dundee City Council Money Advice Team",
        "kind": "local_authority",
        "description": (
            "The council's free, confidential service for benefits, debt and energy costs. "
            "Advisers are council staff, and the service is open to anyone living in Dundee."
        ),
        "email": "moneyadvice@example.net",
        "website": "https://example.net/dundee-money-advice",
        "phone": "0131 496 0808",
        "locations": [
            {
                "name": "Dundee Money Advice Point",
                "address_1": "Floor 2, 5 Crichton Street",
                "town": "Dundee",
                "postcode": "DD1 3AP",
                "latitude": 56.4598,
                "longitude": -2.9705,
            },
        ],
    },
    {
        "slug": "fintry-mens-shed",
        "name": "Fintry Men's Shed",
        "kind": "community_group",
        "other_registration": "Constituted community group",
        "description": (
            "A workshop and social space in Fintry where men (and a few women) make, mend and "
            "chat. Run entirely by its members."
        ),
        "email": "fintryshed@example.org",
        "website": "https://example.org/fintry-mens-shed",
        "phone": "07700 900909",
        "locations": [
            {
                "name": "Fintry Men's Shed",
                "address_1": "Unit 3, Fintry Road",
                "address_2": "Fintry",
                "town": "Dundee",
                "postcode": "DD4 9ET",
                "latitude": 56.4835,
                "longitude": -2.9540,
            },
        ],
    },
    {
        "slug": "tay-rainbow-collective",
        "name": "Tay Rainbow Collective",
        "kind": "peer_support_group",
        "charity_number": "SC999110",
        "description": (
            "Run by and for LGBTQ+ people in Dundee and across Tayside. We offer social evenings, "
            "youth work and peer support, in person and online."
        ),
        "email": "tayrainbow@example.org",
        "website": "https://example.org/tay-rainbow-collective",
        "phone": "0131 496 0110",
        "locations": [
            {
                "name": "Tay Rainbow rooms",
                "address_1": "1st Floor, 60 Commercial Street",
                "town": "Dundee",
                "postcode": "DD1 2AJ",
                "latitude": 56.4608,
                "longitude": -2.9676,
            },
        ],
    },
    {
        "slug": "welcome-tay",
        "name": "Welcome Tay",
        "kind": "charity",
        "charity_number": "SC999111",
        "description": (
            "Welcome Tay helps refugees, people seeking asylum and other new Scots settle in "
            "Dundee and Angus. Our staff and volunteers speak around a dozen languages between "
            "them."
        ),
        "email": "welcometay@example.org",
        "website": "https://example.org/welcome-tay",
        "phone": "0131 496 0111",
        "locations": [
            {
                "name": "Welcome Tay Centre",
                "address_1": "33 Albert Street",
                "address_2": "Stobswell",
                "town": "Dundee",
                "postcode": "DD4 6NS",
                "latitude": 56.4700,
                "longitude": -2.9560,
            },
        ],
    },
    {
        "slug": "restore-tay-furniture",
        "name": "ReStore Tay Furniture",
        "kind": "social_enterprise",
        "other_registration": "Company limited by guarantee",
        "description": (
            "A furniture reuse social enterprise in Lochee. Donated furniture is collected, "
            "checked, repaired and passed on to people setting up home, with volunteering and "
            "training along the way."
        ),
        "email": "restoretay@example.com",
        "website": "https://example.com/restore-tay",
        "phone": "0131 496 0112",
        "locations": [
            {
                "name": "ReStore Tay warehouse",
                "address_1": "Unit 7, Dunsinane Avenue",
                "address_2": "Lochee",
                "town": "Dundee",
                "postcode": "DD2 3QT",
                "latitude": 56.4755,
                "longitude": -3.0070,
            },
        ],
    },
    {
        "slug": "ferryside-medical-practice",
        "name": "Ferryside Medical Practice",
        "kind": "gp_practice",
        "description": (
            "A GP practice in Broughty Ferry with around 9,000 patients. Alongside appointments, "
            "the practice hosts a walking group and a carers' coffee morning."
        ),
        "email": "ferrysidepractice@example.net",
        "website": "https://example.net/ferryside-medical-practice",
        "phone": "0131 496 0113",
        "locations": [
            {
                "name": "Ferryside Medical Practice",
                "address_1": "40 Queen Street",
                "town": "Broughty Ferry",
                "postcode": "DD5 1AJ",
                "latitude": 56.4685,
                "longitude": -2.8770,
            },
        ],
    },
    # Angus
    {
        "slug": "angus-companions",
        "name": "Angus Companions",
        "kind": "charity",
        "charity_number": "SC999121",
        "description": (
            "An Angus charity offering befriending, lunch clubs and a volunteer car scheme, so "
            "that older people in Forfar, Brechin and the glens stay connected."
        ),
        "email": "anguscompanions@example.org",
        "website": "https://example.org/angus-companions",
        "phone": "0113 496 0121",
        "locations": [
            {
                "name": "Angus Companions office",
                "address_1": "14 East High Street",
                "town": "Forfar",
                "postcode": "DD8 2EL",
                "latitude": 56.6440,
                "longitude": -2.8870,
            },
            {
                "name": "Brechin Community Rooms",
                "address_1": "9 Clerk Street",
                "town": "Brechin",
                "postcode": "DD9 6AE",
                "latitude": 56.7305,
                "longitude": -2.6575,
            },
        ],
    },
    {
        "slug": "arbroath-harbour-shed",
        "name": "Arbroath Harbour Shed",
        "kind": "community_group",
        "other_registration": "Constituted community group",
        "description": (
            "A community shed in an old net store by Arbroath harbour. Members make and mend "
            "things, and look out for each other."
        ),
        "email": "harbourshed@example.org",
        "website": "https://example.org/arbroath-harbour-shed",
        "phone": "07700 900122",
        "locations": [
            {
                "name": "Harbour Shed",
                "address_1": "Unit 2, Ladyloan",
                "town": "Arbroath",
                "postcode": "DD11 1PX",
                "latitude": 56.5555,
                "longitude": -2.5855,
            },
        ],
    },
    {
        "slug": "angus-recovery-network",
        "name": "Angus Recovery Network",
        "kind": "peer_support_group",
        "charity_number": "SC999123",
        "description": (
            "A peer-led network of recovery cafés and groups across Angus for people affected by "
            "drugs and alcohol, and for their families."
        ),
        "email": "angusrecovery@example.org",
        "website": "https://example.org/angus-recovery-network",
        "phone": "0113 496 0123",
        "locations": [
            {
                "name": "Harbour View Hall",
                "address_1": "22 Millgate",
                "town": "Arbroath",
                "postcode": "DD11 1QG",
                "latitude": 56.5575,
                "longitude": -2.5840,
            },
            {
                "name": "Montrose Community Rooms",
                "address_1": "50 Baltic Street",
                "town": "Montrose",
                "postcode": "DD10 8EX",
                "latitude": 56.7090,
                "longitude": -2.4680,
            },
        ],
    },
    {
        "slug": "kirriemuir-kinship-carers",
        "name": "Kirriemuir Kinship Carers",
        "kind": "peer_support_group",
        "other_registration": "Unincorporated association",
        "description": (
            "Grandparents and other relatives in Kirriemuir and the glens who are bringing up "
            "children who cannot live with their parents, supporting each other."
        ),
        "email": "kirriekinship@example.org",
        "website": "https://example.org/kirriemuir-kinship-carers",
        "phone": "07700 900124",
        "locations": [
            {
                "name": "The Roods Community Room",
                "address_1": "The Roods",
                "town": "Kirriemuir",
                "postcode": "DD8 4EY",
                "latitude": 56.6760,
                "longitude": -3.0050,
            },
            {
                "name": "A member's home in Kirriemuir",
                "town": "Kirriemuir",
                "postcode": "DD8 5BN",
                "latitude": 56.6710,
                "longitude": -3.0010,
                "hide_exact_address": True,
            },
        ],
    },
    {
        "slug": "carnoustie-monifieth-food-share",
        "name": "Carnoustie and Monifieth Food Share",
        "kind": "charity",
        "charity_number": "SC999125",
        "description": (
            "A volunteer-run food share with a larder in Carnoustie and a community fridge in "
            "Monifieth. We collect surplus food from shops and growers and make sure it gets "
            "eaten."
        ),
        "email": "foodshare@example.org",
        "website": "https://example.org/carnoustie-monifieth-food-share",
        "phone": "0113 496 0125",
        "locations": [
            {
                "name": "Carnoustie Food Share",
                "address_1": "Church hall, 2 Dundee Street",
                "town": "Carnoustie",
                "postcode": "DD7 7PD",
                "latitude": 56.5005,
                "longitude": -2.7100,
            },
            {
                "name": "Monifieth Community Hub",
                "address_1": "70 High Street",
                "town": "Monifieth",
                "postcode": "DD5 4AE",
                "latitude": 56.4815,
                "longitude": -2.8195,
            },
        ],
    },
    {
        "slug": "brechin-young-folk",
        "name": "Brechin Young Folk",
        "kind": "charity",
        "charity_number": "SC999126",
        "description": (
            "A youth work charity in Brechin and Forfar for young people aged 12 to 25, with "
            "drop-ins, mental health support and help into work."
        ),
        "email": "brechinyoungfolk@example.org",
        "website": "https://example.org/brechin-young-folk",
        "phone": "0113 496 0126",
        "locations": [
            {
                "name": "Brechin youth space",
                "address_1": "6 Swan Street",
                "town": "Brechin",
                "postcode": "DD9 6EF",
                "latitude": 56.7290,
                "longitude": -2.6560,
            },
            {
                "name": "Forfar youth rooms",
                "address_1": "31 Castle Street",
                "town": "Forfar",
                "postcode": "DD8 3AE",
                "latitude": 56.6430,
                "longitude": -2.8900,
            },
        ],
    },
    # Perth and Kinross
    {
        "slug": "fair-city-wellbeing",
        "name": "Fair City Wellbeing",
        "kind": "charity",
        "charity_number": "SC999131",
        "description": (
            "A Perth mental health charity run with and by people with lived experience. We offer "
            "peer-led groups, one-to-one peer work and a community garden."
        ),
        "email": "faircitywellbeing@example.org",
        "website": "https://example.org/fair-city-wellbeing",
        "phone": "0113 496 0131",
        "locations": [
            {
                "name": "Fair City Wellbeing Centre",
                "address_1": "27 Kinnoull Street",
                "town": "Perth",
                "postcode": "PH1 5EN",
                "latitude": 56.3985,
                "longitude": -3.4315,
            },
            {
                "name": "Fair City community garden",
                "address_1": "Rear of 40 Dunkeld Road",
                "town": "Perth",
                "postcode": "PH1 5RP",
                "latitude": 56.4010,
                "longitude": -3.4395,
            },
        ],
    },
    {
        "slug": "highland-perthshire-neighbours",
        "name": "Highland Perthshire Neighbours",
        "kind": "charity",
        "charity_number": "SC999132",
        "description": (
            "A charity keeping people in highland Perthshire connected, from Pitlochry to "
            "Aberfeldy and the glens beyond, through befriending, lunch clubs and volunteer "
            "drivers."
        ),
        "email": "hpneighbours@example.org",
        "website": "https://example.org/highland-perthshire-neighbours",
        "phone": "0113 496 0132",
        "locations": [
            {
                "name": "Highland Perthshire Neighbours office",
                "address_1": "56 Atholl Road",
                "town": "Pitlochry",
                "postcode": "PH16 5BX",
                "latitude": 56.7040,
                "longitude": -3.7300,
            },
            {
                "name": "Breadalbane Rooms",
                "address_1": "3 Crieff Road",
                "town": "Aberfeldy",
                "postcode": "PH15 2BJ",
                "latitude": 56.6200,
                "longitude": -3.8650,
            },
            {
                "name": "A member's home near Aberfeldy",
                "town": "Aberfeldy",
                "postcode": "PH15 2EW",
                "latitude": 56.6225,
                "longitude": -3.8700,
                "hide_exact_address": True,
            },
        ],
    },
    {
        "slug": "strathearn-veterans-hub",
        "name": "Strathearn Veterans' Hub",
        "kind": "charity",
        "charity_number": "SC999133",
        "description": (
            "A veterans' charity in Crieff for ex-service men and women and their families across "
            "Perth and Kinross, run largely by veterans."
        ),
        "email": "strathearnveterans@example.org",
        "website": "https://example.org/strathearn-veterans-hub",
        "phone": "0113 496 0133",
        "locations": [
            {
                "name": "Strathearn Veterans' Hub",
                "address_1": "11 James Square",
                "town": "Crieff",
                "postcode": "PH7 3HX",
                "latitude": 56.3730,
                "longitude": -3.8400,
            },
            {
                "name": "Auchterarder Community Room",
                "address_1": "120 High Street",
                "town": "Auchterarder",
                "postcode": "PH3 1BJ",
                "latitude": 56.2965,
                "longitude": -3.7025,
            },
        ],
    },
    {
        "slug": "blairgowrie-community-larder",
        "name": "Blairgowrie Community Larder",
        "kind": "community_group",
        "other_registration": "Constituted community group",
        "description": (
            "A community larder and warm space in Blairgowrie, run by volunteers from local "
            "churches and community groups."
        ),
        "email": "blairlarder@example.org",
        "website": "https://example.org/blairgowrie-community-larder",
        "phone": "07700 900134",
        "locations": [
            {
                "name": "Wellmeadow Hall",
                "address_1": "4 Wellmeadow",
                "town": "Blairgowrie",
                "postcode": "PH10 6AS",
                "latitude": 56.5915,
                "longitude": -3.3405,
            },
        ],
    },
    {
        "slug": "loch-leven-memory-cafe",
        "name": "Loch Leven Memory Café",
        "kind": "community_group",
        "other_registration": "Constituted community group",
        "description": (
            "Memory cafés and a carers' group in Kinross and Auchterarder for people living with "
            "dementia and the people who care for them. Set up by carers, run by volunteers."
        ),
        "email": "lochlevenmemory@example.org",
        "website": "https://example.org/loch-leven-memory-cafe",
        "phone": "07700 900135",
        "locations": [
            {
                "name": "Loch Leven Community Rooms",
                "address_1": "18 High Street",
                "town": "Kinross",
                "postcode": "KY13 8AN",
                "latitude": 56.2055,
                "longitude": -3.4225,
            },
            {
                "name": "Hunter Street Hall",
                "address_1": "Hunter Street",
                "town": "Auchterarder",
                "postcode": "PH3 1PA",
                "latitude": 56.2955,
                "longitude": -3.7030,
            },
        ],
    },
    # National lines
    {
        "slug": "scottish-listening-trust",
        "name": "Scottish Listening Trust",
        "kind": "charity",
        "charity_number": "SC999141",
        "description": (
            "A national charity running free listening lines across Scotland, answered by trained "
            "and supervised volunteers."
        ),
        "email": "listeningtrust@example.org",
        "website": "https://example.org/scottish-listening-trust",
        "phone": "0808 157 0100",
        "locations": [
            {
                "name": "Scottish Listening Trust office",
                "address_1": "Suite 5, 2 Tay Street",
                "town": "Perth",
                "postcode": "PH1 5LQ",
                "latitude": 56.3960,
                "longitude": -3.4280,
            },
        ],
    },
    {
        "slug": "kinfolk-lines-uk",
        "name": "Kinfolk Lines UK",
        "kind": "charity",
        "other_registration": "Registered charity in England and Wales",
        "description": (
            "A UK charity running phone and online support for unpaid carers, older people and "
            "anyone worried about money."
        ),
        "email": "kinfolk@example.com",
        "website": "https://example.com/kinfolk-lines",
        "phone": "0808 157 0200",
        "locations": [],
    },
]

# Services. Keys are Service fields, except: organisation (slug), elements and modes (keys from
# directory.choices), safeguards (Service field names), audiences and topics (slugs from
# directory/taxonomy.py), locations (names of the organisation's locations), areas (keys of
# AREAS), times ((weekday, opens, closes[, note[, location name]]), Monday is 0) and
# reviewed_days_ago. Contact details default to the organisation's.
SERVICES = [
    # Tay Valley Befriending
    {
        "slug": "tvb-home-befriending",
        "organisation": "tay-valley-befriending",
        "name": "Home visiting befriending",
        "summary": (
            "A trained volunteer visits you at home for an hour or two each week, for people over "
            "60 in Dundee who feel lonely."
        ),
        "description": (
            "Our coordinator, Morag, comes to your home first for a cup of tea and a chat about "
            "what you enjoy, whether that is football, gardening or old Dundee. She then matches "
            "you with a volunteer who shares some of your interests. Your befriender visits at "
            "the same time each week, and some pairs go out together for a coffee or a short "
            "walk. There is a waiting list at the moment, and we phone everyone on it every month "
            "so nobody is forgotten."
        ),
        "elements": ["friendship", "emotional"],
        "structure": "semi_formal",
        "modes": ["home_visit", "one_to_one"],
        "age_min": 60,
        "audiences": ["older_people"],
        "topics": ["loneliness"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "contact_name": "Morag Lindsay",
        "safeguards": ALL_SAFEGUARDS,
        "refers_on_to": (
            "If a befriender notices you are struggling, the coordinator can help you contact "
            "your GP, the community link worker at your practice, or Dundee's social work duty "
            "team. Out of hours: NHS 24 on 111, or Samaritans on 116 123."
        ),
        "capacity": "waiting_list",
        "waiting_weeks": 8,
        "locations": ["Tay Valley Befriending office"],
        "areas": ["dundee"],
        "times": [
            (0, "09:30", "15:30", "Office open for calls"),
            (1, "09:30", "15:30", "Office open for calls"),
            (3, "09:30", "15:30", "Office open for calls"),
        ],
        "reviewed_days_ago": 35,
    },
    {
        "slug": "tvb-telephone-friends",
        "organisation": "tay-valley-befriending",
        "name": "Telephone friends",
        "summary": (
            "A friendly phone call at a time that suits you, once or twice a week, from the same "
            "volunteer each time."
        ),
        "description": (
            "Not everyone wants a visitor, and some people live too far out for one. Telephone "
            "friends gives you a regular call from a volunteer who gets to know you over time. "
            "Calls usually last around half an hour, and you choose the day. People tell us the "
            "call is something to look forward to, especially through the winter."
        ),
        "elements": ["friendship", "emotional"],
        "structure": "semi_formal",
        "modes": ["phone"],
        "age_min": 60,
        "audiences": ["older_people"],
        "topics": ["loneliness"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": ALL_SAFEGUARDS,
        "refers_on_to": (
            "Volunteers pass any worries to the coordinator, who can help you reach your GP, "
            "Angus or Dundee social work, or NHS 24 on 111 out of hours."
        ),
        "areas": ["tayside"],
        "reviewed_days_ago": 60,
    },
    {
        "slug": "tvb-friday-lunch-club",
        "organisation": "tay-valley-befriending",
        "name": "Friday lunch club, Broughty Ferry",
        "summary": (
            "A two-course lunch and good company every Friday in a church hall in Broughty Ferry. "
            "£4, and transport can be arranged."
        ),
        "description": (
            "Around twenty regulars gather each Friday at St Aidan's Hall on Brook Street for "
            "soup, a main course and a pudding cooked by our volunteer kitchen team. After lunch "
            "there is usually a quiz, a singalong or a visiting speaker. If getting there is the "
            "problem, tell us when you book and a volunteer driver can collect you. New faces are "
            "always welcome; just ring the office so we can set a place."
        ),
        "elements": ["friendship", "material"],
        "structure": "informal",
        "modes": ["group"],
        "audiences": ["older_people"],
        "topics": ["loneliness", "food"],
        "cost": "low_cost",
        "cost_note": "£4 for lunch; nobody is turned away if they cannot pay.",
        "safeguards": (BOUND, PVG),
        "refers_on_to": (
            "Our coordinator can arrange home befriending, and point you to the Dundee money "
            "advice team or your GP's community link worker."
        ),
        "accessibility_notes": "Step-free entrance from Brook Street and an accessible toilet.",
        "locations": ["St Aidan's Hall"],
        "areas": ["dundee"],
        "times": [(4, "12:00", "14:30")],
        "reviewed_days_ago": 20,
    },
    {
        "slug": "tvb-digital-buddies",
        "organisation": "tay-valley-befriending",
        "name": "Digital buddies",
        "summary": (
            "Help at home to get online: a volunteer shows you how to video-call family, shop or "
            "order a prescription. Tablets can be lent."
        ),
        "description": (
            "A volunteer comes to your home for up to six sessions and goes at your pace, "
            "starting wherever you are. Some people want to see grandchildren on a video call; "
            "others want to order a repeat prescription or read the local paper online. If you do "
            "not have a device, we can lend you a tablet with free data for three months. Bring "
            "your questions, and do not worry about writing anything down."
        ),
        "elements": ["practical", "material"],
        "structure": "semi_formal",
        "modes": ["home_visit", "one_to_one"],
        "age_min": 60,
        "audiences": ["older_people"],
        "topics": ["loneliness"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": ALL_SAFEGUARDS,
        "refers_on_to": (
            "The coordinator can refer you on to home befriending, the Dundee money advice team, "
            "or your GP practice."
        ),
        "locations": ["Tay Valley Befriending office"],
        "areas": ["dundee"],
        "reviewed_days_ago": 260,
    },
    # Whitfield Community Hub
    {
        "slug": "whitfield-community-larder",
        "organisation": "whitfield-community-hub",
        "name": "Whitfield community larder",
        "summary": (
            "Choose your own food and toiletries for £2.50 a visit. No referral needed, for "
            "anyone living in the north-east of Dundee."
        ),
        "description": (
            "The larder works like a small shop: you pick ten items from the shelves, including "
            "fresh fruit and veg when we have it, and pay £2.50 at the till. Volunteers restock "
            "on Tuesday mornings, so Tuesday afternoons have the most choice. There are no forms "
            "to fill in and nobody asks why you have come. If money is tight for other reasons, a "
            "volunteer can book you a slot with the council's money advisers there and then."
        ),
        "elements": ["material", "practical"],
        "structure": "informal",
        "modes": ["in_person"],
        "topics": ["food", "debt"],
        "cost": "low_cost",
        "cost_note": "£2.50 a visit for around £15 worth of shopping.",
        "safeguards": (CONF,),
        "refers_on_to": (
            "Dundee City Council's money advice team for benefits and debt, a food bank for an "
            "emergency parcel, and Carers' Crossing Tayside if you look after someone."
        ),
        "locations": ["Whitfield Community Hub"],
        "areas": ["dundee"],
        "times": [(1, "13:00", "16:00"), (3, "10:00", "13:00")],
        "reviewed_days_ago": 14,
    },
    {
        "slug": "whitfield-blether-cafe",
        "organisation": "whitfield-community-hub",
        "name": "Monday blether café",
        "summary": "Free tea, toast and a chat every Monday morning at the Whitfield hub. Just turn up.",
        "description": (
            "Pull up a chair and join whoever is in; some weeks that is a dozen people, some "
            "weeks four. Volunteers Jean and Rab keep the kettle on and make a point of saying "
            "hello to anyone new. There is a jigsaw on the go, the papers, and a board of what "
            "else is happening in Whitfield that week. Children under school age are welcome with "
            "their grown-up."
        ),
        "elements": ["friendship", "emotional"],
        "structure": "informal",
        "modes": ["group"],
        "topics": ["loneliness"],
        "safeguards": (BOUND,),
        "refers_on_to": (
            "The hub's development worker can point you to the larder, the community link worker "
            "at your GP practice, or Breathing Space if you are feeling low."
        ),
        "locations": ["Whitfield Community Hub"],
        "areas": ["dundee"],
        "times": [(0, "10:00", "12:00")],
        "reviewed_days_ago": 30,
    },
    {
        "slug": "whitfield-walk-and-talk",
        "organisation": "whitfield-community-hub",
        "name": "Whitfield walk and talk",
        "summary": (
            "A gentle hour-long walk along the Dighty burn path on Wednesday mornings, finishing "
            "with a cuppa at the hub."
        ),
        "description": (
            "We walk at the pace of the slowest person, which some weeks means a lot of stopping "
            "to admire dogs. The route follows the Dighty burn path and takes about an hour, on "
            "tarmac and firm gravel. Walk leader Donna has done walk leader training and carries "
            "a first aid kit. Wear comfortable shoes; rain does not usually stop us."
        ),
        "elements": ["friendship", "emotional"],
        "structure": "informal",
        "modes": ["group"],
        "topics": ["physical_activity", "loneliness"],
        "safeguards": (TRAINED,),
        "refers_on_to": (
            "Donna can tell you about the other groups at the hub, or the community link worker "
            "at your GP practice."
        ),
        "locations": ["Whitfield Community Hub"],
        "areas": ["dundee"],
        "times": [(2, "10:00", "11:30")],
        "reviewed_days_ago": 45,
    },
    {
        "slug": "whitfield-parents-natter",
        "organisation": "whitfield-community-hub",
        "name": "Parents' natter and play",
        "summary": (
            "Parents and carers of under-fives meet while the children play. Run by local mums "
            "and dads, for anyone finding the early years hard going."
        ),
        "description": (
            "This group started when three Whitfield mums realised they were all having the same "
            "sleepless nights. Now it is a room full of toys, a few volunteers watching the "
            "little ones, and grown-ups talking honestly about weaning, money worries or just "
            "being tired. Nobody is there to judge your parenting. A health visitor drops in on "
            "the first Thursday of the month if you want to ask something quietly."
        ),
        "elements": ["friendship", "emotional", "practical"],
        "structure": "close",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "audiences": ["families"],
        "topics": ["parenting", "loneliness"],
        "safeguards": (CONF, BOUND, PVG),
        "refers_on_to": (
            "Your health visitor, Dundee's family support team, or the Whitfield larder if money "
            "is short. For postnatal depression, talk to your GP or health visitor."
        ),
        "locations": ["Whitfield Community Hub"],
        "areas": ["dundee"],
        "times": [(3, "09:30", "11:30", "A health visitor drops in on the first Thursday of the month")],
        "reviewed_days_ago": 50,
    },
    # Lochee Kitchen Table
    {
        "slug": "lochee-pay-as-you-can-lunch",
        "organisation": "lochee-kitchen-table",
        "name": "Pay-as-you-can lunch",
        "summary": (
            "Hot, home-cooked lunch on weekdays in Lochee. Pay what you can afford, or nothing at "
            "all, no questions asked."
        ),
        "description": (
            "The menu is chalked on the board each morning and always includes a soup and a "
            "vegetarian option. At the till you will find a pot instead of a price: put in what "
            "you can, or put in nothing. Most tables are shared, so it is easy to get talking, "
            "though nobody will mind if you would rather sit with a book. Staff can also tell you "
            "about the cooking classes upstairs."
        ),
        "elements": ["material", "friendship"],
        "structure": "informal",
        "modes": ["group"],
        "topics": ["food", "loneliness"],
        "cost": "low_cost",
        "cost_note": "Pay what you can, including nothing.",
        "safeguards": (BOUND,),
        "refers_on_to": (
            "Staff can point you to Dundee's money advice team, ReStore Tay Furniture, or the "
            "community link worker at your GP practice."
        ),
        "locations": ["The Kitchen Table"],
        "areas": ["dundee"],
        "times": [(day, "12:00", "14:00") for day in range(5)],
        "reviewed_days_ago": 12,
    },
    {
        "slug": "lochee-cook-together",
        "organisation": "lochee-kitchen-table",
        "name": "Cook together on a budget",
        "summary": (
            "A six-week cooking course for adults: make cheap, filling meals, take home what you "
            "cook, and keep a free slow cooker at the end."
        ),
        "description": (
            "Each Tuesday evening a small group of eight cooks one main meal with our chef, "
            "Anwar, from ingredients costing under £1.50 a portion. You take home a portion for "
            "the family, along with the recipe card. In the last week everyone who has come to "
            "most sessions gets a slow cooker and a bag of store-cupboard basics. Many people say "
            "the best bit is swapping tips with the rest of the group."
        ),
        "elements": ["practical", "material", "friendship"],
        "structure": "semi_formal",
        "modes": ["group"],
        "topics": ["food", "debt"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "contact_name": "Anwar",
        "safeguards": (CONF, BOUND, TRAINED, LEAD),
        "refers_on_to": (
            "The Kitchen Table staff can refer you to Dundee's money advice team or a food bank, "
            "and tell you about the pay-as-you-can lunches."
        ),
        "locations": ["The Kitchen Table"],
        "areas": ["dundee"],
        "times": [(1, "18:00", "20:00", "Six-week course; a new group starts each school term")],
        "reviewed_days_ago": 40,
    },
    {
        "slug": "lochee-family-tea-night",
        "organisation": "lochee-kitchen-table",
        "name": "Family tea night",
        "summary": (
            "A free sit-down tea for families every Wednesday in term time, with games for the "
            "kids and a take-home bag of groceries."
        ),
        "description": (
            "Tea night is for whole families: parents, grandparents, kinship carers and children "
            "of any age. We serve at half five so it fits round school, and the children's corner "
            "has board games and a craft table. Each family goes home with a bag of fresh food "
            "for the next couple of days. Lots of parents come back because it is one evening a "
            "week when someone else does the cooking and the washing-up."
        ),
        "elements": ["material", "friendship"],
        "structure": "close",
        "modes": ["group"],
        "audiences": ["families"],
        "topics": ["food", "parenting"],
        "safeguards": (CONF, PVG, LEAD),
        "refers_on_to": (
            "Dundee's family support team, your school's family link worker, or the council's "
            "money advice team for benefits and school clothing grants."
        ),
        "locations": ["The Kitchen Table"],
        "areas": ["dundee"],
        "times": [(2, "17:30", "19:00", "Term time only")],
        "reviewed_days_ago": 22,
    },
    # Riverside Recovery Collective
    {
        "slug": "rrc-saturday-recovery-cafe",
        "organisation": "riverside-recovery-collective",
        "name": "Saturday recovery café",
        "summary": (
            "A warm, alcohol- and drug-free café run by people in recovery. Come for a bacon "
            "roll, a chat, or to see what recovery looks like."
        ),
        "description": (
            "Every Saturday the hub on Seagate opens its doors from eleven till three. There is a "
            "cooked brunch, pool and board games, and a wall of photos from people who started "
            "coming in their first weeks of recovery. You do not need to be abstinent to come, "
            "just sober on the day. Volunteers with their own recovery stories are around if you "
            "want a quiet word, and families are welcome too."
        ),
        "elements": ["friendship", "meaning", "emotional"],
        "structure": "informal",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "topics": ["addiction"],
        "safeguards": (CONF, BOUND, TRAINED),
        "refers_on_to": (
            "Dundee's drug and alcohol recovery service, your GP, or a peer mentor at the hub. "
            "Naloxone kits and training are available at the café."
        ),
        "locations": ["Riverside Recovery Hub"],
        "areas": ["dundee"],
        "times": [(5, "11:00", "15:00")],
        "reviewed_days_ago": 18,
    },
    {
        "slug": "rrc-mental-health-recovery-group",
        "organisation": "riverside-recovery-collective",
        "name": "Mental health recovery group",
        "summary": (
            "A weekly peer group for adults living with depression, anxiety or other mental "
            "health problems, facilitated by members with lived experience."
        ),
        "description": (
            "The group is small, usually eight to ten people, and follows a loose shape: a "
            "check-in round, a topic someone has brought, and time at the end to set a small goal "
            "for the week. Recent topics have included sleep, telling an employer, and coping "
            "with the anniversary of a hard time. The two facilitators have both used mental "
            "health services themselves and have done peer support training. You can sit and "
            "listen for as many weeks as you need before you say anything."
        ),
        "elements": ["meaning", "emotional", "friendship"],
        "structure": "semi_formal",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "topics": ["depression", "anxiety"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, BOUND, TRAINED, SUPER),
        "refers_on_to": (
            "Your GP, NHS Tayside's community mental health team, Breathing Space, or Samaritans "
            "at any hour. Facilitators can help you self-refer to psychological therapies."
        ),
        "locations": ["Riverside Recovery Hub"],
        "areas": ["dundee"],
        "times": [(3, "18:30", "20:00")],
        "reviewed_days_ago": 28,
    },
    {
        "slug": "rrc-peer-mentoring",
        "organisation": "riverside-recovery-collective",
        "name": "One-to-one peer mentoring",
        "summary": (
            "Up to 12 weeks of one-to-one support from a paid peer mentor who has been through "
            "addiction recovery."
        ),
        "description": (
            "Your peer mentor meets you where you feel comfortable, which could be a café, a park "
            "bench or the hub, once a week for about an hour. Together you work out what matters "
            "to you, whether that is getting back in touch with family, sorting out a house or "
            "finding something to do with your days. Mentors are paid staff with at least two "
            "years in their own recovery, and they get weekly supervision. Referrals come from "
            "GPs, link workers and recovery services, or you can ask for yourself."
        ),
        "elements": ["friendship", "emotional", "practical", "meaning"],
        "structure": "formal",
        "modes": ["one_to_one"],
        "peer_led": True,
        "topics": ["addiction"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": ALL_SAFEGUARDS,
        "refers_on_to": (
            "Dundee's drug and alcohol recovery service, NHS Tayside mental health services, and "
            "the council's housing options team."
        ),
        "capacity": "waiting_list",
        "waiting_weeks": 4,
        "locations": ["Riverside Recovery Hub"],
        "areas": ["dundee"],
        "times": [by_appointment()],
        "reviewed_days_ago": 33,
    },
    {
        "slug": "rrc-families-in-recovery",
        "organisation": "riverside-recovery-collective",
        "name": "Families in recovery group",
        "summary": (
            "For partners, parents and other relatives of someone using drugs or alcohol. Led by "
            "family members who have been there."
        ),
        "description": (
            "Loving someone who is using can leave you exhausted, frightened and isolated. In "
            "this fortnightly group you will meet other family members who know how that feels, "
            "and nobody will tell you what you should have done. We talk about looking after "
            "yourself, setting boundaries that hold, and what to do in a crisis. You are welcome "
            "whether or not your relative is in treatment."
        ),
        "elements": ["emotional", "meaning", "practical"],
        "structure": "close",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "audiences": ["families", "carers"],
        "topics": ["addiction"],
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, BOUND, TRAINED, SUPER),
        "refers_on_to": (
            "Your own GP, Carers' Crossing Tayside for a carer support plan, or the Kinfolk "
            "carers' line. If anyone is in immediate danger, call 999."
        ),
        "locations": ["Riverside Recovery Hub"],
        "areas": ["dundee"],
        "times": [fortnightly(1, "18:00", "19:30", starts_on="2026-01-13")],
        "reviewed_days_ago": 55,
    },
    {
        "slug": "rrc-recovery-walks",
        "organisation": "riverside-recovery-collective",
        "name": "Recovery walks on the Law",
        "summary": (
            "A Sunday morning walk up the Law and around the city's green spaces, led by members "
            "of the recovery community."
        ),
        "description": (
            "Meet outside the hub at ten and we head up to the top of the Law, taking the long "
            "way round if anyone prefers a gentler slope. It is a good way to fill a Sunday, "
            "which many people in early recovery find the hardest day of the week. The walk "
            "leaders are in recovery themselves and will happily chat, or walk in silence if that "
            "suits you better. We are usually back by half twelve."
        ),
        "elements": ["friendship"],
        "structure": "informal",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "topics": ["addiction", "physical_activity"],
        "safeguards": (BOUND,),
        "refers_on_to": (
            "Anyone struggling can talk to a peer mentor at the hub on a weekday, or contact "
            "Dundee's drug and alcohol recovery service."
        ),
        "locations": ["Riverside Recovery Hub"],
        "areas": ["dundee"],
        "times": [(6, "10:00", "12:30")],
        "reviewed_days_ago": 160,
    },
    # Still Here Bereavement Circle
    {
        "slug": "shbc-douglas-bereavement-circle",
        "organisation": "still-here-bereavement-circle",
        "name": "Bereavement circle, Douglas",
        "summary": (
            "A fortnightly circle for adults grieving any loss, meeting in Douglas, Dundee. Led "
            "by volunteers who have been bereaved themselves."
        ),
        "description": (
            "There is no right way to grieve and no time limit on it, which is the first thing "
            "most people hear at the circle. Each meeting starts with tea and a chance to say "
            "your person's name, and the rest of the evening follows what people want to talk "
            "about. Some come for a few months, others for years, and several long-standing "
            "members now help welcome newcomers. If you are nervous, phone Ann beforehand and she "
            "will meet you at the door."
        ),
        "elements": ["friendship", "emotional", "meaning"],
        "structure": "semi_formal",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "topics": ["bereavement", "loneliness"],
        "accepts_supportmap_referrals": True,
        "contact_name": "Ann",
        "safeguards": (CONF, BOUND, TRAINED, SUPER),
        "refers_on_to": (
            "Your GP, who can refer you to NHS Tayside psychological therapies if grief becomes "
            "stuck, and the Scottish Listening Trust bereavement line between meetings."
        ),
        "locations": ["Douglas Neighbourhood Centre, Room 2"],
        "areas": ["dundee"],
        "times": [monthly(1, 1, "19:00", "21:00"), monthly(3, 1, "19:00", "21:00")],
        "reviewed_days_ago": 16,
    },
    {
        "slug": "shbc-after-suicide-group",
        "organisation": "still-here-bereavement-circle",
        "name": "After a suicide: support group",
        "summary": (
            "A monthly group for adults bereaved by suicide, a loss that brings its own "
            "questions. Peer-led, with a trained facilitator present."
        ),
        "description": (
            "Losing someone to suicide can bring guilt, anger and questions that other people "
            "find hard to hear. This group gives you a room where those feelings are understood, "
            "because everyone in it has lost someone the same way. Please contact us before your "
            "first meeting, and a facilitator will talk with you about what to expect. We also "
            "keep a small lending library of books written by people bereaved by suicide."
        ),
        "elements": ["emotional", "meaning"],
        "structure": "semi_formal",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "topics": ["bereavement", "suicidal_thoughts", "trauma"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": ALL_SAFEGUARDS,
        "refers_on_to": (
            "If you are having thoughts of suicide yourself, call Samaritans on 116 123 or NHS 24 "
            "on 111, or go to A&E. Facilitators can also help you contact your GP or the NHS "
            "Tayside crisis team."
        ),
        "locations": ["Douglas Neighbourhood Centre, Room 2"],
        "areas": ["dundee"],
        "times": [monthly(LAST, 2, "19:00", "21:00")],
        "reviewed_days_ago": 40,
    },
    {
        "slug": "shbc-bereaved-parents-evening",
        "organisation": "still-here-bereavement-circle",
        "name": "Bereaved parents' evening",
        "summary": (
            "A small, informal evening for mothers and fathers whose child has died, at any age "
            "and from any cause. Meets in a member's home in Broughty Ferry."
        ),
        "description": (
            "Parents who have lost a child often say they feel they have to protect other people "
            "from their grief. Here you do not. A few parents meet over supper in one member's "
            "home, and partners are welcome to come together or separately. We give you the "
            "address when you get in touch, and someone will phone you first so that you know a "
            "friendly voice."
        ),
        "elements": ["emotional", "meaning", "friendship"],
        "structure": "close",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "audiences": ["families"],
        "topics": ["bereavement"],
        "safeguards": (CONF, BOUND),
        "refers_on_to": (
            "Your GP, the bereavement circle in Douglas for wider support, and the Scottish "
            "Listening Trust bereavement line if evenings are hard."
        ),
        "locations": ["A member's home in Broughty Ferry"],
        "areas": ["dundee"],
        "times": [monthly(2, 0, "19:30", "21:30")],
        "reviewed_days_ago": 70,
    },
    {
        "slug": "shbc-grief-walk",
        "organisation": "still-here-bereavement-circle",
        "name": "Grief walk, Broughty Ferry beach",
        "summary": (
            "A relaxed Saturday walk along the beach at Broughty Ferry for anyone who is "
            "bereaved. Talk about your loss, or just walk."
        ),
        "description": (
            "Walking side by side can make it easier to talk than sitting face to face. We set "
            "off from the castle car park at half ten, walk along the sand towards Barnhill and "
            "back, then finish with a coffee at a café on the front. The pace is easy and the "
            "walk lasts about ninety minutes. Dogs on leads are very welcome."
        ),
        "elements": ["friendship", "emotional"],
        "structure": "informal",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "topics": ["bereavement", "physical_activity"],
        "safeguards": (BOUND,),
        "refers_on_to": (
            "Walk leaders can tell you about the bereavement circle in Douglas, your GP, or the "
            "Scottish Listening Trust bereavement line."
        ),
        "locations": ["Broughty Castle car park"],
        "areas": ["dundee"],
        "times": [monthly(2, 5, "10:30", "12:00"), monthly(4, 5, "10:30", "12:00")],
        "reviewed_days_ago": 90,
    },
    # Carers' Crossing Tayside
    {
        "slug": "cct-carer-support-and-advice",
        "organisation": "carers-crossing-tayside",
        "name": "Carer support and advice",
        "summary": (
            "A carer support worker helps you write an adult carer support plan, check your "
            "benefits and plan for emergencies."
        ),
        "description": (
            "If you look after someone, you have a legal right to an adult carer support plan, "
            "and our support workers can write it with you at home, by phone or at one of our "
            "offices. The plan looks at your own health, work and time off, not just at the "
            "person you care for. We also check whether you can claim Carer Support Payment, and "
            "help you put an emergency plan in place. Most people have their first appointment "
            "within a fortnight."
        ),
        "elements": ["practical", "material"],
        "structure": "formal",
        "modes": ["one_to_one", "home_visit", "phone"],
        "audiences": ["carers"],
        "topics": ["debt"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": STAFF_SAFEGUARDS,
        "locations": ["Carers' Crossing Dundee", "Carers' Crossing Perth"],
        "areas": ["dundee", "pkc"],
        "times": [(day, "09:00", "17:00") for day in range(5)],
        "reviewed_days_ago": 25,
    },
    {
        "slug": "cct-carers-together-dundee",
        "organisation": "carers-crossing-tayside",
        "name": "Carers together, Dundee",
        "summary": (
            "A monthly peer-support group for adult carers in Dundee. Share how things really "
            "are, with people who understand."
        ),
        "description": (
            "Carers together is run by carers, for carers. We meet in the Bell Street rooms on "
            "the first Wednesday of every month, with tea, cake and a relaxed round of news. "
            "Conversations range from hospital discharge battles to how to book a night off "
            "without feeling guilty. If you cannot leave the person you care for, tell us, "
            "because a sitting service may be able to cover the time."
        ),
        "elements": ["friendship", "emotional", "meaning"],
        "structure": "close",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "audiences": ["carers"],
        "topics": ["loneliness"],
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, BOUND, TRAINED),
        "refers_on_to": (
            "Carers' Crossing support workers for a carer support plan, your GP for a carer's "
            "health check, and Dundee social work for changes to a care package."
        ),
        "locations": ["Carers' Crossing Dundee"],
        "areas": ["dundee"],
        "times": [monthly(1, 2, "13:30", "15:30")],
        "reviewed_days_ago": 15,
    },
    {
        "slug": "cct-short-breaks-fund",
        "organisation": "carers-crossing-tayside",
        "name": "Short breaks fund for carers",
        "summary": (
            "Small grants of up to £400 towards a break from caring: a weekend away, a course, a "
            "gym pass or a new hobby."
        ),
        "description": (
            "A break does not have to mean a holiday. Carers have used our grants for driving "
            "lessons, a sewing machine, golf membership and a night in a hotel with an old "
            "friend. A support worker helps you fill in the two-page form, and the panel meets "
            "every six weeks. Priority goes to carers who have not had a break for a long time."
        ),
        "elements": ["material"],
        "structure": "close",
        "modes": ["one_to_one", "phone"],
        "audiences": ["carers"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, LEAD),
        "capacity": "waiting_list",
        "waiting_weeks": 6,
        "locations": ["Carers' Crossing Dundee", "Carers' Crossing Perth"],
        "areas": ["dundee", "pkc"],
        "reviewed_days_ago": 48,
    },
    {
        "slug": "cct-young-carers-club",
        "organisation": "carers-crossing-tayside",
        "name": "Young carers' club",
        "summary": (
            "Fun, free evenings and trips for young carers aged 8 to 18, with a youth worker to "
            "talk to if things are tough at home."
        ),
        "description": (
            "Young carers often grow up fast, so the club is mostly about having fun: pizza, "
            "games, days at the beach and a residential weekend every summer. Youth workers keep "
            "an eye out and make time to talk one-to-one if someone needs it. We can also speak "
            "to your school so that teachers understand what is going on at home. Transport home "
            "is provided after evening sessions."
        ),
        "elements": ["friendship", "emotional", "material"],
        "structure": "close",
        "modes": ["group", "one_to_one"],
        "age_min": 8,
        "age_max": 18,
        "audiences": ["young_people", "children", "carers"],
        "topics": ["loneliness"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": ALL_SAFEGUARDS,
        "refers_on_to": (
            "School guidance staff, the family's GP, and Dundee children and families social work "
            "if we are worried about a young person's safety."
        ),
        "locations": ["Carers' Crossing Dundee"],
        "areas": ["dundee"],
        "times": [(0, "17:30", "19:30", "Term time")],
        "reviewed_days_ago": 36,
    },
    {
        "slug": "cct-perth-carers-cafe",
        "organisation": "carers-crossing-tayside",
        "name": "Carers' café, Perth",
        "summary": (
            "Drop in on a Friday morning for coffee with other carers in Perth, and ask a support "
            "worker anything."
        ),
        "description": (
            "The café runs in our South Methven Street rooms and is deliberately unstructured. "
            "Some carers use it to catch up with friends they have made there, while others have "
            "a quiet word with the support worker about a form or a respite booking. There is "
            "often a short talk from a visiting service, such as a power of attorney solicitor or "
            "the falls prevention team. Bring the person you care for if you need to; there is a "
            "quiet room next door."
        ),
        "elements": ["friendship", "emotional", "practical"],
        "structure": "close",
        "modes": ["group"],
        "audiences": ["carers"],
        "topics": ["loneliness"],
        "safeguards": (CONF, BOUND, SUPER),
        "refers_on_to": (
            "Carers' Crossing support workers, Perth and Kinross social work, and the community "
            "link workers in Perth GP practices."
        ),
        "locations": ["Carers' Crossing Perth"],
        "areas": ["pkc"],
        "times": [(4, "10:00", "12:00")],
        "reviewed_days_ago": 52,
    },
    {
        "slug": "cct-looking-after-you-too",
        "organisation": "carers-crossing-tayside",
        "name": "Looking after you too: a course for carers",
        "summary": (
            "Six weekly sessions for carers on stress, sleep, saying no and staying yourself. In "
            "person in Dundee or online."
        ),
        "description": (
            "This course came out of carers telling us they had forgotten what they needed for "
            "themselves. Across six weeks, a facilitator and a carer who has done the course "
            "before lead sessions on stress, sleep, guilt, and setting limits with relatives who "
            "do not help. There is time to think about your own caring relationship: when caring "
            "becomes all-consuming, and how to step back without stepping away. Each group has at "
            "most twelve carers, so people get to know each other."
        ),
        "elements": ["meaning", "practical", "emotional"],
        "structure": "close",
        "modes": ["group", "online"],
        "audiences": ["carers"],
        "topics": ["anxiety", "depression"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, BOUND, TRAINED, SUPER),
        "refers_on_to": (
            "A Carers' Crossing support worker, your GP, and Breathing Space if you are feeling low."
        ),
        "locations": ["Carers' Crossing Dundee"],
        "areas": ["dundee", "pkc"],
        "times": [
            (1, "10:00", "12:00", "Six-week course, in person", "Carers' Crossing Dundee"),
            (3, "19:00", "20:30", "Six-week course, online"),
        ],
        "reviewed_days_ago": 70,
    },
    # NHS Tayside Community Wellbeing Team
    {
        "slug": "nhs-community-link-workers",
        "organisation": "nhs-tayside-community-wellbeing-team",
        "name": "Community link workers in GP practices",
        "summary": (
            "Time with a link worker at your GP practice to look at what is affecting your "
            "wellbeing, from money to loneliness, and find the right local support."
        ),
        "description": (
            "Link workers are based in most GP practices in Dundee and Perth and Kinross and can "
            "usually see you within three weeks. The first appointment lasts up to an hour and is "
            "a conversation about what matters to you, rather than about your symptoms. Your link "
            "worker may then introduce you to a local group, help you apply for something, or go "
            "along with you the first time. You can have up to six appointments, and your "
            "practice receptionist can book the first one."
        ),
        "elements": ["practical", "emotional"],
        "structure": "formal",
        "modes": ["one_to_one", "phone"],
        "topics": ["loneliness", "debt", "depression"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": STAFF_SAFEGUARDS,
        "locations": ["Community Wellbeing Base", "Perth Community Wellbeing Rooms"],
        "areas": ["tayside"],
        "times": [by_appointment(note="Ask at your GP practice")],
        "reviewed_days_ago": 10,
    },
    {
        "slug": "nhs-managing-worry-course",
        "organisation": "nhs-tayside-community-wellbeing-team",
        "name": "Managing worry: a four-week course",
        "summary": (
            "A free four-week class that teaches practical ways to handle anxiety and stress. "
            "Join in person in Dundee or Perth, or online."
        ),
        "description": (
            "This is a class, not group therapy: you will not be asked to talk about yourself. A "
            "psychological wellbeing practitioner teaches techniques from cognitive behavioural "
            "therapy, such as spotting worry habits and setting aside worry time, with handouts "
            "to try at home. Classes are held in Dundee, in Perth and online, and you can bring a "
            "friend along for company. People usually start within five weeks of signing up."
        ),
        "elements": ["practical", "meaning"],
        "structure": "formal",
        "modes": ["group", "online"],
        "topics": ["anxiety", "depression"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, SUPER, LEAD),
        "capacity": "waiting_list",
        "waiting_weeks": 5,
        "locations": ["Community Wellbeing Base", "Perth Community Wellbeing Rooms"],
        "areas": ["tayside"],
        "times": [
            (2, "14:00", "15:30", "", "Community Wellbeing Base"),
            (0, "18:00", "19:30", "", "Perth Community Wellbeing Rooms"),
        ],
        "reviewed_days_ago": 42,
    },
    {
        "slug": "nhs-living-well-with-conditions",
        "organisation": "nhs-tayside-community-wellbeing-team",
        "name": "Living well with a long-term condition",
        "summary": (
            "A seven-week group for people with conditions like COPD, diabetes or chronic pain, "
            "co-led by a health professional and a tutor who lives with a condition."
        ),
        "description": (
            "Being told you have a condition for life can change how you see yourself. Over seven "
            "weeks, small groups look at pacing, managing flare-ups, talking to your doctor and "
            "dealing with the low mood that often comes alongside. One of the two tutors lives "
            "with a long-term condition, which many people say makes the difference. You leave "
            "with a plan you have written yourself, and often with new friends."
        ),
        "elements": ["meaning", "practical", "friendship"],
        "structure": "formal",
        "modes": ["group"],
        "audiences": ["disabled_people"],
        "topics": ["long_term_conditions", "depression"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, BOUND, TRAINED, SUPER, LEAD),
        "locations": ["Community Wellbeing Base"],
        "areas": ["tayside"],
        "times": [(1, "13:30", "16:00", "Seven-week programme starting in January, April and September")],
        "reviewed_days_ago": 120,
    },
    {
        "slug": "nhs-supporting-someone-sessions",
        "organisation": "nhs-tayside-community-wellbeing-team",
        "name": "Supporting someone with their mental health",
        "summary": (
            "Four evening sessions for relatives and friends of someone with a mental illness: "
            "what helps, what does not, and how to look after yourself."
        ),
        "description": (
            "Families are often left out of conversations about a loved one's care, yet they are "
            "the ones there at three in the morning. These sessions, led by a family therapist "
            "and a mother who supported her son through psychosis, explain how mental health "
            "services work, what to say and what to avoid, and how to spot early warning signs. "
            "One session is about your own wellbeing, since it is common for carers to become "
            "over-involved and lose sight of their own needs. You do not need the person's "
            "permission to come."
        ),
        "elements": ["practical", "meaning", "emotional"],
        "structure": "close",
        "modes": ["group"],
        "audiences": ["families", "carers"],
        "topics": ["depression", "anxiety"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": STAFF_SAFEGUARDS,
        "locations": ["Perth Community Wellbeing Rooms"],
        "areas": ["tayside"],
        "times": [(0, "18:30", "20:30", "Four-week block, three times a year")],
        "reviewed_days_ago": 85,
    },
    # Dundee City Council Money Advice Team
    {
        "slug": "dmat-welfare-rights",
        "organisation": "dundee-money-advice-team",
        "name": "Welfare rights advice",
        "summary": (
            "Free benefit checks, help with forms, and representation at appeals and tribunals, "
            "for anyone living in Dundee."
        ),
        "description": (
            "An adviser will check you are getting every benefit you are entitled to, and it is "
            "common to find money people did not know about. We help with forms for Universal "
            "Credit, Adult Disability Payment and Pension Credit, and we can challenge decisions "
            "and represent you at a tribunal. Appointments are by phone, at our Crichton Street "
            "office, or at home if you cannot get out. Bring any letters you have had from the "
            "DWP or Social Security Scotland."
        ),
        "elements": ["material", "practical"],
        "structure": "formal",
        "modes": ["one_to_one", "phone", "home_visit"],
        "topics": ["debt"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, SUPER, LEAD),
        "locations": ["Dundee Money Advice Point"],
        "areas": ["dundee"],
        "times": [(day, "09:00", "16:30") for day in range(4)] + [(4, "09:00", "16:00")],
        "reviewed_days_ago": 20,
    },
    {
        "slug": "dmat-home-energy-advice",
        "organisation": "dundee-money-advice-team",
        "name": "Home energy advice",
        "summary": (
            "Help to cut fuel bills, deal with energy debt and keep warm, including emergency "
            "fuel top-ups for people on prepayment meters."
        ),
        "description": (
            "Energy advisers look at your bills and tariff with you, speak to your supplier about "
            "debt or faulty meters, and check whether you qualify for insulation or heating "
            "grants. If your prepayment meter is about to run out, we can often issue a fuel "
            "voucher the same day. Home visits are available for people who are older, disabled "
            "or have young children. We also hand out draught excluders, thermal curtains and "
            "low-energy bulbs."
        ),
        "elements": ["practical", "material"],
        "structure": "formal",
        "modes": ["phone", "home_visit", "one_to_one"],
        "topics": ["debt", "housing"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": STAFF_SAFEGUARDS,
        "locations": ["Dundee Money Advice Point"],
        "areas": ["dundee"],
        "times": [(day, "09:00", "16:30") for day in range(4)],
        "reviewed_days_ago": 30,
    },
    {
        "slug": "dmat-debt-advice",
        "organisation": "dundee-money-advice-team",
        "name": "Debt advice",
        "summary": (
            "One-to-one debt advice: we work out a budget with you, deal with creditors and "
            "explain options such as a debt payment programme."
        ),
        "description": (
            "Debt can feel like it is taking over your life, and the first thing our advisers do "
            "is find out which debts are most urgent, such as council tax, rent or energy. Then "
            "we draw up a realistic budget and ask creditors to hold off while we work things "
            "through. If it is the right option, we can help you apply for the Debt Arrangement "
            "Scheme, a Minimal Asset Process bankruptcy or a trust deed. There is a short wait "
            "for a full appointment, but urgent cases such as eviction are seen quickly."
        ),
        "elements": ["practical"],
        "structure": "formal",
        "modes": ["one_to_one", "phone"],
        "topics": ["debt", "housing"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, SUPER, LEAD),
        "capacity": "waiting_list",
        "waiting_weeks": 3,
        "locations": ["Dundee Money Advice Point"],
        "areas": ["dundee"],
        "times": [by_appointment(note="Phone or call in to book")],
        "reviewed_days_ago": 65,
    },
    # Fintry Men's Shed
    {
        "slug": "fintry-shed-open-days",
        "organisation": "fintry-mens-shed",
        "name": "Shed open days",
        "summary": (
            "Drop in to the Fintry shed on a Tuesday or Thursday to make things, fix things, or "
            "just have a cup of tea with other men."
        ),
        "description": (
            "The shed has a woodwork bench, two lathes, a metalwork corner and an allotment out "
            "the back. Members work on their own projects or on orders from the community, like "
            "bird boxes for the primary school and benches for the park. Plenty of people come "
            "just for the tea and banter and never pick up a tool. Before using the big machines, "
            "everyone gets a safety induction from one of the experienced members."
        ),
        "elements": ["friendship", "meaning", "practical"],
        "structure": "informal",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "audiences": ["men", "older_people"],
        "topics": ["loneliness"],
        "cost": "low_cost",
        "cost_note": "£1 a visit towards tea and materials.",
        "safeguards": (BOUND,),
        "refers_on_to": (
            "Members can point you to the community link worker at your GP practice, the "
            "Riverside Recovery Collective, or Breathing Space if you are feeling low."
        ),
        "locations": ["Fintry Men's Shed"],
        "areas": ["dundee"],
        "times": [(1, "10:00", "15:00"), (3, "10:00", "15:00")],
        "reviewed_days_ago": 60,
    },
    {
        "slug": "fintry-repair-cafe",
        "organisation": "fintry-mens-shed",
        "name": "Fintry repair café",
        "summary": (
            "Bring a broken lamp, toaster, bike or pair of trousers on the last Saturday of the "
            "month and we will try to fix it for free. Paused for now."
        ),
        "description": (
            "Our volunteer fixers include a retired electrician, two keen sewers and a bike "
            "mechanic. You sit with them while they work, so you can learn how to do it yourself "
            "next time. The repair café is paused while the shed roof is replaced, and we expect "
            "to reopen in the spring. Until then, the Tuesday and Thursday open days can help "
            "with smaller jobs."
        ),
        "elements": ["practical", "material"],
        "structure": "informal",
        "modes": ["in_person"],
        "peer_led": True,
        "topics": ["debt"],
        "safeguards": (BOUND,),
        "refers_on_to": (
            "For money worries behind a broken appliance, Dundee's money advice team or ReStore "
            "Tay Furniture."
        ),
        "capacity": "temporarily_closed",
        "locations": ["Fintry Men's Shed"],
        "areas": ["dundee"],
        "times": [monthly(LAST, 5, "10:00", "13:00")],
        "reviewed_days_ago": 240,
    },
    # Tay Rainbow Collective
    {
        "slug": "trc-rainbow-social",
        "organisation": "tay-rainbow-collective",
        "name": "Rainbow social",
        "summary": (
            "A relaxed Friday evening social for LGBTQ+ adults in Dundee. Board games, chat and "
            "no pressure to drink."
        ),
        "description": (
            "Rainbow social meets in our Commercial Street rooms on the second Friday of each "
            "month, with a games library, snacks and soft drinks. It is a good first step if you "
            "have recently come out, moved to the city, or simply want to meet people without "
            "heading to a bar. Volunteers wearing rainbow lanyards will introduce you around. "
            "Partners and friends are welcome."
        ),
        "elements": ["friendship", "emotional"],
        "structure": "informal",
        "cost": "not_stated",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "audiences": ["lgbtq"],
        "topics": ["loneliness"],
        "safeguards": (CONF, BOUND),
        "refers_on_to": (
            "Tay Rainbow's online trans peer support, your GP, Breathing Space, or the Scottish "
            "listening line if you are struggling."
        ),
        "locations": ["Tay Rainbow rooms"],
        "areas": ["dundee"],
        "times": [monthly(2, 4, "19:00", "22:00")],
        "reviewed_days_ago": 24,
    },
    {
        "slug": "trc-rainbow-youth",
        "organisation": "tay-rainbow-collective",
        "name": "Rainbow youth group",
        "summary": (
            "A safe, fun weekly group for LGBTQ+ young people aged 12 to 25, run by qualified "
            "youth workers and peer volunteers."
        ),
        "description": (
            "Young people come to Rainbow youth to be themselves, and sessions mix games, art and "
            "talks with plenty of free time. Two youth workers run every session, and all "
            "volunteers are PVG-checked. Coming out to family, bullying at school and gender "
            "identity come up often, and can be talked through one-to-one if you prefer. We never "
            "tell your family or school that you attend unless we are worried about your safety, "
            "and we would talk to you first."
        ),
        "elements": ["friendship", "emotional", "meaning"],
        "structure": "semi_formal",
        "modes": ["group", "one_to_one"],
        "age_min": 12,
        "age_max": 25,
        "audiences": ["lgbtq", "young_people"],
        "topics": ["anxiety", "loneliness"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": ALL_SAFEGUARDS,
        "refers_on_to": (
            "School guidance teachers, child and adolescent mental health services through your "
            "GP, Childline, and Dundee children and families social work if we are worried about "
            "someone's safety."
        ),
        "locations": ["Tay Rainbow rooms"],
        "areas": ["dundee"],
        "times": [(2, "18:00", "20:30")],
        "reviewed_days_ago": 44,
    },
    {
        "slug": "trc-trans-peer-support-online",
        "organisation": "tay-rainbow-collective",
        "name": "Trans and non-binary peer support online",
        "summary": (
            "An online group and text chat for trans and non-binary adults across Tayside, run by "
            "trans volunteers."
        ),
        "description": (
            "Waiting for gender identity services can take years, and the waiting is easier with "
            "company. Every other Sunday evening a trans volunteer hosts a video call where "
            "people share what is working, from name-change paperwork to handling family "
            "gatherings. Between calls, a moderated group chat is open for questions and "
            "encouragement. Cameras are optional, and you can join with a first name only."
        ),
        "elements": ["emotional", "meaning", "practical", "friendship"],
        "structure": "semi_formal",
        "modes": ["online", "text_chat"],
        "peer_led": True,
        "mutual": True,
        "age_min": 18,
        "audiences": ["lgbtq"],
        "topics": ["anxiety", "loneliness"],
        "safeguards": (CONF, BOUND, TRAINED, SUPER),
        "refers_on_to": (
            "Your GP for a referral to the gender identity clinic, Breathing Space or Samaritans "
            "if you are struggling, and Tay Rainbow's in-person socials."
        ),
        "areas": ["tayside"],
        "times": [fortnightly(6, "19:00", "20:30", starts_on="2026-01-11", note="Online")],
        "reviewed_days_ago": 58,
    },
    {
        "slug": "trc-family-and-friends",
        "organisation": "tay-rainbow-collective",
        "name": "Family and friends of LGBTQ+ young people",
        "summary": (
            "A monthly group for parents, carers and relatives of LGBTQ+ young people, led by "
            "parents who have walked the same road."
        ),
        "description": (
            "When a child comes out, parents often feel a mix of love, worry and not knowing what "
            "to say. This group is a confidential space to ask the questions you would not want "
            "to ask your child, and to hear from parents a few years further on. Nobody expects "
            "you to have everything figured out. Tea, biscuits and a small library of books for "
            "families are provided."
        ),
        "elements": ["emotional", "meaning", "practical"],
        "structure": "close",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "audiences": ["families", "lgbtq"],
        "topics": ["parenting"],
        "safeguards": (CONF, BOUND, TRAINED),
        "refers_on_to": (
            "Rainbow youth group for your young person, your own GP, and the school's guidance staff."
        ),
        "locations": ["Tay Rainbow rooms"],
        "areas": ["dundee"],
        "times": [monthly(3, 3, "19:00", "20:30")],
        "reviewed_days_ago": 110,
    },
    # Welcome Tay
    {
        "slug": "wt-conversation-cafe",
        "organisation": "welcome-tay",
        "name": "English conversation café",
        "summary": (
            "Practise your English over tea with local volunteers. All levels welcome, and "
            "children can come too."
        ),
        "description": (
            "Tables are grouped by level, from people learning their first words to those "
            "preparing for a job interview. Volunteers bring photos, maps and games to get "
            "conversation going, and nobody corrects every mistake. Many friendships have started "
            "here between new arrivals and people who have lived in Dundee all their lives. You "
            "do not need to book, or to be enrolled in a college class."
        ),
        "elements": ["friendship", "practical"],
        "structure": "informal",
        "modes": ["group"],
        "audiences": ["new_scots"],
        "topics": ["loneliness", "employment"],
        "languages": "English, with volunteers who speak Arabic, Ukrainian, Farsi and Tigrinya",
        "safeguards": (BOUND, PVG),
        "refers_on_to": (
            "Welcome Tay's settling-in caseworkers, college English classes, and Dundee's money advice team."
        ),
        "locations": ["Welcome Tay Centre"],
        "areas": ["dundee"],
        "times": [(5, "10:30", "12:30")],
        "reviewed_days_ago": 19,
    },
    {
        "slug": "wt-settling-in-advice",
        "organisation": "welcome-tay",
        "name": "Settling-in advice",
        "summary": (
            "One-to-one help for refugees and new Scots with housing, benefits, school places, GP "
            "registration and finding work."
        ),
        "description": (
            "Caseworkers help with whatever is most pressing, whether that is a letter from the "
            "Home Office, getting children into school or registering with a GP. An interpreter "
            "is booked for any appointment where you need one, at no cost to you. Once the urgent "
            "things are settled, your caseworker can help you plan towards work or study. We "
            "accept referrals from any agency and from people themselves."
        ),
        "elements": ["practical", "material"],
        "structure": "formal",
        "modes": ["one_to_one", "phone"],
        "audiences": ["new_scots", "families"],
        "topics": ["housing", "employment"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "languages": "Interpreters for any language",
        "safeguards": STAFF_SAFEGUARDS,
        "locations": ["Welcome Tay Centre"],
        "areas": ["dundee", "angus"],
        "times": [(day, "09:30", "16:30") for day in range(4)],
        "reviewed_days_ago": 27,
    },
    {
        "slug": "wt-womens-circle",
        "organisation": "welcome-tay",
        "name": "New Scots women's circle",
        "summary": (
            "A weekly women-only group for women who have come to Scotland from elsewhere: "
            "crafts, cooking and talking, with a crèche."
        ),
        "description": (
            "The circle began with six women sharing recipes from home and now has members from "
            "more than fifteen countries. Each week there is an activity, such as sewing, baking "
            "or a trip to the library, and plenty of time to talk. The women take turns leading, "
            "and some have gone on to train as volunteers. A free crèche runs in the next room."
        ),
        "elements": ["friendship", "emotional", "meaning"],
        "structure": "semi_formal",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "audiences": ["new_scots", "women"],
        "topics": ["loneliness", "trauma"],
        "safeguards": (CONF, BOUND, PVG, LEAD),
        "refers_on_to": (
            "Welcome Tay caseworkers, Dundee Women's Aid for anyone experiencing abuse, and your "
            "GP, who can refer you to NHS Tayside's trauma services."
        ),
        "locations": ["Welcome Tay Centre"],
        "areas": ["dundee"],
        "times": [(1, "10:00", "12:30")],
        "reviewed_days_ago": 38,
    },
    {
        "slug": "wt-family-reunion-welcome",
        "organisation": "welcome-tay",
        "name": "Family reunion welcome packs",
        "summary": (
            "Household starter packs and a first-month plan for refugee families joining a "
            "relative in Dundee or Angus through family reunion."
        ),
        "description": (
            "When a family arrives to join a husband, wife or parent, the flat is often still "
            "bare. We provide bedding, kitchen equipment, winter coats and a food shop for the "
            "first week, and a volunteer family from the same community visits to help with the "
            "first few days. A caseworker then sits down with the whole family to plan school "
            "places, GP registration and benefits. Please get in touch before the family arrives "
            "if you can."
        ),
        "elements": ["material", "practical"],
        "structure": "close",
        "modes": ["home_visit", "one_to_one"],
        "audiences": ["new_scots", "families"],
        "topics": ["housing", "food"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "languages": "Interpreters for any language",
        "safeguards": (CONF, PVG, LEAD),
        "refers_on_to": (
            "Welcome Tay caseworkers, the family's GP practice, and the local school's family link worker."
        ),
        "locations": ["Welcome Tay Centre"],
        "areas": ["dundee", "angus"],
        "reviewed_days_ago": 95,
    },
    # ReStore Tay Furniture
    {
        "slug": "restore-starter-furniture",
        "organisation": "restore-tay-furniture",
        "name": "Starter furniture packs",
        "summary": (
            "Free beds, sofas, tables and white goods for people moving into a tenancy after "
            "homelessness, fleeing abuse or leaving care. Referral needed."
        ),
        "description": (
            "A support worker or housing officer sends us a short referral, and we phone you to "
            "choose from what is in the warehouse. Every bed comes with a new mattress, and "
            "electrical goods are safety-tested. Delivery and assembly in Dundee are free. At "
            "busy times there is a wait of two to four weeks, so ask your worker to refer you as "
            "soon as you have a moving date."
        ),
        "elements": ["material"],
        "structure": "formal",
        "modes": ["home_visit", "phone"],
        "topics": ["housing"],
        "self_referral": False,
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, SUPER, LEAD),
        "capacity": "waiting_list",
        "waiting_weeks": 3,
        "locations": ["ReStore Tay warehouse"],
        "areas": ["dundee"],
        "times": [(day, "09:00", "16:00") for day in range(5)],
        "reviewed_days_ago": 21,
    },
    {
        "slug": "restore-upcycling-workshop",
        "organisation": "restore-tay-furniture",
        "name": "Upcycling and volunteering workshop",
        "summary": (
            "Volunteer in our workshop: learn to repair, sand, paint and upholster furniture, and "
            "gain a reference for job applications."
        ),
        "description": (
            "Volunteers work alongside two workshop supervisors, restoring chests of drawers, "
            "chairs and tables that would otherwise go to landfill. You can come for one morning "
            "a week or four, and no experience is needed. Many volunteers have been out of work "
            "for a while or are rebuilding after illness, and the workshop has a friendly, steady "
            "pace. After three months you can ask for a written reference and a certificate of "
            "the skills you have learned."
        ),
        "elements": ["meaning", "practical", "friendship"],
        "structure": "semi_formal",
        "modes": ["group"],
        "topics": ["employment", "depression"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, BOUND, SUPER, LEAD),
        "refers_on_to": (
            "The supervisors can connect you with Dundee's employability services, the community "
            "link worker at your GP practice, and the Riverside Recovery Collective."
        ),
        "locations": ["ReStore Tay warehouse"],
        "areas": ["dundee"],
        "times": [(0, "09:30", "13:00"), (2, "09:30", "13:00"), (3, "09:30", "13:00")],
        "reviewed_days_ago": 300,
    },
    {
        "slug": "restore-baby-bank",
        "organisation": "restore-tay-furniture",
        "name": "Family baby bank",
        "summary": (
            "Cots, prams, clothes and nappies for families with a new baby who are struggling. "
            "Free, with a referral from a midwife, health visitor or support worker."
        ),
        "description": (
            "Every family deserves a safe cot and a warm pram, whatever their budget. Volunteers "
            "put together a bundle for your baby's age, with clothes, sleeping bags, bottles and "
            "toiletries, and it can be collected or delivered. Car seats are only ever given new, "
            "never second-hand. Parents can come back as the baby grows for the next size of "
            "clothes."
        ),
        "elements": ["material"],
        "structure": "close",
        "modes": ["in_person", "home_visit"],
        "audiences": ["families", "children"],
        "topics": ["parenting"],
        "self_referral": False,
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, PVG, LEAD),
        "refers_on_to": (
            "Your health visitor, Dundee's family support team, and the council's money advice "
            "team for the Best Start Grant and other payments."
        ),
        "locations": ["ReStore Tay warehouse"],
        "areas": ["dundee"],
        "times": [by_appointment(4, "10:00", "14:00", note="Collections from the warehouse")],
        "reviewed_days_ago": 33,
    },
    # Ferryside Medical Practice
    {
        "slug": "ferryside-health-walk",
        "organisation": "ferryside-medical-practice",
        "name": "Ferryside health walk",
        "summary": (
            "A free, gentle Monday walk along the Broughty Ferry esplanade, led by practice "
            "volunteers. Open to anyone, not just patients."
        ),
        "description": (
            "The walk starts at the practice door at two o'clock and takes about forty minutes "
            "along the flat esplanade, with benches on the way. It was set up for patients "
            "recovering from heart problems, but these days it is a mix of all ages and "
            "abilities. The volunteer walk leaders are trained, and a practice nurse walks with "
            "the group once a month to answer questions. Afterwards some walkers stay on for tea "
            "in the waiting room."
        ),
        "elements": ["friendship"],
        "structure": "semi_formal",
        "modes": ["group"],
        "audiences": ["older_people"],
        "topics": ["physical_activity", "long_term_conditions", "loneliness"],
        "safeguards": (TRAINED, PVG),
        "refers_on_to": (
            "The practice's community link worker, your GP, and NHS Tayside's course on living "
            "well with a long-term condition."
        ),
        "locations": ["Ferryside Medical Practice"],
        "areas": ["dundee"],
        "times": [(0, "14:00", "15:00")],
        "reviewed_days_ago": 75,
    },
    {
        "slug": "ferryside-carers-coffee-morning",
        "organisation": "ferryside-medical-practice",
        "name": "Carers' coffee morning",
        "summary": (
            "A monthly coffee morning at Ferryside practice for patients who look after someone, "
            "with carers' health checks from the practice nurse."
        ),
        "description": (
            "Carers often put their own health last, so the practice sets aside a morning a month "
            "just for them. Come for coffee, chat with other carers from the area, and book a "
            "quick health check with the practice nurse while you are there. A Carers' Crossing "
            "support worker usually comes along to answer questions about carer support plans. "
            "The session is in the upstairs meeting room, which has a lift."
        ),
        "elements": ["friendship", "emotional", "practical"],
        "structure": "close",
        "modes": ["group"],
        "audiences": ["carers"],
        "topics": ["long_term_conditions", "loneliness"],
        "safeguards": (CONF, BOUND, LEAD),
        "refers_on_to": "Your GP, Carers' Crossing Tayside, and the practice's community link worker.",
        "accessibility_notes": "Lift to the upstairs meeting room; accessible toilet on the ground floor.",
        "locations": ["Ferryside Medical Practice"],
        "areas": ["dundee"],
        "times": [monthly(1, 3, "10:00", "11:30")],
        "reviewed_days_ago": 46,
    },
    # Angus Companions
    {
        "slug": "ac-angus-befriending",
        "organisation": "angus-companions",
        "name": "Angus befriending",
        "summary": (
            "Weekly home visits from a volunteer befriender for older people in Angus who are "
            "lonely or isolated. Waiting list."
        ),
        "description": (
            "We match you with a volunteer who lives nearby and visits for a couple of hours each "
            "week, whether for a blether, a game of cards or a run out to a garden centre. "
            "Matching takes care, so there is a wait of around ten weeks at the moment, longer in "
            "the glens. While you wait, our coordinator will phone you every fortnight and can "
            "find you a place at a lunch club. Referrals from family members are welcome, with "
            "the person's agreement."
        ),
        "elements": ["friendship", "emotional"],
        "structure": "semi_formal",
        "modes": ["home_visit"],
        "age_min": 65,
        "audiences": ["older_people"],
        "topics": ["loneliness"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": ALL_SAFEGUARDS,
        "refers_on_to": (
            "Angus health and social care partnership's first contact team, your GP, and NHS 24 "
            "on 111 out of hours."
        ),
        "capacity": "waiting_list",
        "waiting_weeks": 10,
        "locations": ["Angus Companions office"],
        "areas": ["angus"],
        "reviewed_days_ago": 29,
    },
    {
        "slug": "ac-volunteer-car-scheme",
        "organisation": "angus-companions",
        "name": "Volunteer car scheme",
        "summary": (
            "Volunteer drivers take people who cannot use buses to GP and hospital appointments, "
            "the shops or to see friends. Small mileage charge."
        ),
        "description": (
            "Book at least two working days ahead by phone and we will find a driver. Drivers use "
            "their own cars, help you in and out, and will wait with you at the hospital if you "
            "would like company. Journeys cost 35p a mile, which goes straight back to the driver "
            "to cover fuel. If cost is a barrier, speak to the coordinator in confidence."
        ),
        "elements": ["material", "practical"],
        "structure": "semi_formal",
        "modes": ["in_person", "phone"],
        "audiences": ["older_people", "disabled_people"],
        "topics": ["long_term_conditions", "loneliness"],
        "cost": "low_cost",
        "cost_note": "35p a mile, to cover the driver's fuel.",
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, TRAINED, PVG, LEAD),
        "refers_on_to": (
            "For regular hospital transport, the Scottish Ambulance Service patient transport "
            "line; for help with costs, Angus Council's welfare rights team."
        ),
        "locations": ["Angus Companions office"],
        "areas": ["angus"],
        "times": [
            (0, "09:30", "12:30", "Booking line"),
            (2, "09:30", "12:30", "Booking line"),
            (4, "09:30", "12:30", "Booking line"),
        ],
        "reviewed_days_ago": 62,
    },
    {
        "slug": "ac-brechin-lunch-club",
        "organisation": "angus-companions",
        "name": "Brechin lunch club",
        "summary": "Homemade lunch and company every Wednesday in Brechin for people over 60. £3.50.",
        "description": (
            "Lunch is cooked on the premises by volunteers who have been feeding Brechin for the "
            "best part of twenty years, and the steak pie has a loyal following. Tables of six "
            "make it easy to chat, and there is a raffle every week. Our car scheme can bring you "
            "if you cannot walk there. Special diets can be catered for with a week's notice."
        ),
        "elements": ["friendship", "material"],
        "structure": "informal",
        "modes": ["group"],
        "age_min": 60,
        "audiences": ["older_people"],
        "topics": ["loneliness", "food"],
        "cost": "low_cost",
        "cost_note": "£3.50 for a two-course lunch.",
        "safeguards": (PVG,),
        "refers_on_to": "The Angus Companions coordinator, Angus Council's first contact team, or your GP.",
        "locations": ["Brechin Community Rooms"],
        "areas": ["angus"],
        "times": [(2, "12:00", "14:00")],
        "reviewed_days_ago": 80,
    },
    {
        "slug": "ac-forfar-knit-and-natter",
        "organisation": "angus-companions",
        "name": "Knit and natter, Forfar",
        "summary": (
            "Bring your knitting, crochet or any craft to our Forfar office on a Thursday "
            "afternoon. Beginners taught, wool provided."
        ),
        "description": (
            "What started as a few friends knitting squares for blankets has become a steady "
            "group of around fifteen. Members make hats for the neonatal unit and twiddle muffs "
            "for people with dementia, so there is always a purpose to the stitching. If you have "
            "never held a needle, someone will cast on for you and keep you right. Tea and tablet "
            "are a pound."
        ),
        "elements": ["friendship", "meaning"],
        "structure": "informal",
        "modes": ["group"],
        "audiences": ["older_people", "women"],
        "topics": ["loneliness"],
        "cost": "low_cost",
        "cost_note": "£1 for tea and tablet.",
        "refers_on_to": (
            "The Angus Companions coordinator can tell you about befriending and the car scheme; "
            "for health worries, see your GP."
        ),
        "locations": ["Angus Companions office"],
        "areas": ["angus"],
        "times": [(3, "13:30", "15:30")],
        "reviewed_days_ago": 280,
    },
    # Arbroath Harbour Shed
    {
        "slug": "ahs-harbour-shed-sessions",
        "organisation": "arbroath-harbour-shed",
        "name": "Harbour shed sessions",
        "summary": (
            "A community shed near Arbroath harbour: woodwork, boat repairs, tea and company. "
            "Mostly men, all welcome."
        ),
        "description": (
            "The shed sits in an old net store by the harbour and smells of sawdust and the sea. "
            "Members restore old wooden boats, build planters for the town, and sharpen and mend "
            "tools brought in by neighbours. There is no membership form, no target and no "
            "pressure: some men come three days a week, some once a month. Many members say the "
            "shed got them out of the house after retirement or redundancy."
        ),
        "elements": ["friendship", "practical", "meaning"],
        "structure": "informal",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "audiences": ["men", "older_people"],
        "topics": ["loneliness"],
        "safeguards": (BOUND,),
        "refers_on_to": (
            "Members can point you to your GP, the Angus Recovery Network's cafés, and Breathing "
            "Space for a confidential chat."
        ),
        "locations": ["Harbour Shed"],
        "areas": ["angus"],
        "times": [(0, "09:30", "14:00"), (2, "09:30", "14:00"), (4, "09:30", "14:00")],
        "reviewed_days_ago": 26,
    },
    {
        "slug": "ahs-cliffs-walk-and-talk",
        "organisation": "arbroath-harbour-shed",
        "name": "Walk and talk on the cliffs",
        "summary": (
            "A men's walk along the Arbroath cliffs every Sunday morning, for anyone who finds it "
            "easier to talk side by side."
        ),
        "description": (
            "The idea is simple: men often open up more on the move than across a table. We walk "
            "the cliff path towards Carlingheugh Bay and back, about five miles, and stop for a "
            "bacon roll at the end. Sometimes the talk is about football; sometimes it is about a "
            "divorce, a diagnosis or a bad month. What is said on the walk stays on the walk."
        ),
        "elements": ["friendship", "emotional"],
        "structure": "informal",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "audiences": ["men"],
        "topics": ["physical_activity", "depression"],
        "safeguards": (CONF, BOUND),
        "refers_on_to": (
            "Breathing Space, Samaritans on 116 123, your GP, and the Angus community mental "
            "health team through your GP."
        ),
        "locations": ["Harbour Shed"],
        "areas": ["angus"],
        "times": [(6, "09:30", "12:00")],
        "reviewed_days_ago": 170,
    },
    # Angus Recovery Network
    {
        "slug": "arn-arbroath-recovery-cafe",
        "organisation": "angus-recovery-network",
        "name": "Arbroath recovery café",
        "summary": (
            "A Wednesday evening café in Arbroath for anyone in, or thinking about, recovery from "
            "drugs or alcohol. Run by people in recovery."
        ),
        "description": (
            "The café opens at six with a cooked meal, then there is a recovery meeting for those "
            "who want it while others carry on chatting in the main room. Regulars range from "
            "people thirty years sober to people on their first day. Peer volunteers can tell you "
            "what helped them get going, and can help you book in with the Angus alcohol and drug "
            "service if you want to. Bring a friend or family member if it makes walking in "
            "easier."
        ),
        "elements": ["friendship", "meaning", "emotional"],
        "structure": "informal",
        "cost": "not_stated",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "topics": ["addiction"],
        "safeguards": (CONF, BOUND, TRAINED),
        "refers_on_to": (
            "Angus integrated drug and alcohol recovery service, your GP, and naloxone training, "
            "available on the night."
        ),
        "locations": ["Harbour View Hall"],
        "areas": ["angus"],
        "times": [(2, "18:00", "21:00")],
        "reviewed_days_ago": 31,
    },
    {
        "slug": "arn-montrose-mutual-aid",
        "organisation": "angus-recovery-network",
        "name": "Montrose mutual aid meeting",
        "summary": (
            "A weekly meeting in Montrose where people in recovery from any addiction, including "
            "gambling, help each other stay on track."
        ),
        "description": (
            "The meeting follows a simple format: everyone who wants to speaks for a few minutes "
            "about their week, then the group works through one problem together, such as a "
            "craving that came out of nowhere or a difficult family event. There is no religious "
            "element and no sponsor system. It suits people who have finished a treatment "
            "programme and want to keep the momentum going. Meetings are free and you can stay "
            "anonymous."
        ),
        "elements": ["meaning", "emotional"],
        "structure": "semi_formal",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "topics": ["addiction"],
        "safeguards": (CONF, BOUND, TRAINED),
        "refers_on_to": (
            "Angus integrated drug and alcohol recovery service, your GP, or the Scottish "
            "listening line at any hour."
        ),
        "locations": ["Montrose Community Rooms"],
        "areas": ["angus"],
        "times": [(0, "19:00", "20:30")],
        "reviewed_days_ago": 67,
    },
    {
        "slug": "arn-family-support-group",
        "organisation": "angus-recovery-network",
        "name": "Family support group, Angus",
        "summary": (
            "For anyone whose relative, partner or friend has a drug or alcohol problem. Meets "
            "monthly in Arbroath and Montrose, run by affected family members."
        ),
        "description": (
            "Family members can carry a heavy load of worry, anger and shame, often on their own. "
            "Our group is led by parents and partners who have lived with a loved one's "
            "addiction, and it meets alternately in Arbroath and Montrose. You will hear how "
            "others have coped with crises, money going missing and relapse, and you can talk "
            "about your own situation in confidence. Many members say the biggest change was "
            "learning they could look after themselves even when their relative was not ready to "
            "change."
        ),
        "elements": ["emotional", "meaning", "practical"],
        "structure": "close",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "audiences": ["families", "carers"],
        "topics": ["addiction"],
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, BOUND, TRAINED, SUPER),
        "refers_on_to": (
            "Your own GP, the Kinfolk carers' line, and Angus social work if there are children at risk."
        ),
        "locations": ["Harbour View Hall", "Montrose Community Rooms"],
        "areas": ["angus"],
        "times": [
            monthly(1, 1, "19:00", "21:00", location="Harbour View Hall"),
            monthly(3, 1, "19:00", "21:00", location="Montrose Community Rooms"),
        ],
        "reviewed_days_ago": 58,
    },
    # Kirriemuir Kinship Carers
    {
        "slug": "kkc-kinship-carers-group",
        "organisation": "kirriemuir-kinship-carers",
        "name": "Kinship carers' group",
        "summary": (
            "A fortnightly evening group for grandparents, aunts, uncles and others raising a "
            "relative's children in Angus."
        ),
        "description": (
            "Taking on a grandchild late in life can turn everything upside down, including your "
            "friendships, your money and your relationship with your own son or daughter. Members "
            "meet in a member's home in Kirriemuir over a cup of tea, and talk openly about "
            "contact visits, school meetings and children's hearings. Someone has usually been "
            "through whatever you are facing. We keep the address private; phone Linda and she "
            "will give you directions."
        ),
        "elements": ["friendship", "emotional", "practical"],
        "structure": "close",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "audiences": ["carers", "families", "older_people"],
        "topics": ["parenting"],
        "accepts_supportmap_referrals": True,
        "contact_name": "Linda",
        "safeguards": (CONF, BOUND),
        "refers_on_to": (
            "Angus Council's kinship care team, Carers' Crossing Tayside for advice, and the "
            "Kinfolk carers' line."
        ),
        "locations": ["A member's home in Kirriemuir"],
        "areas": ["angus"],
        "times": [fortnightly(0, "19:00", "21:00", starts_on="2026-01-05")],
        "reviewed_days_ago": 44,
    },
    {
        "slug": "kkc-kinship-money-help",
        "organisation": "kirriemuir-kinship-carers",
        "name": "Kinship money help",
        "summary": (
            "Members who know the system help new kinship carers claim the kinship care "
            "allowance, Scottish Child Payment and school clothing grants."
        ),
        "description": (
            "Most kinship carers are entitled to more than they are getting, but the forms are "
            "confusing and the rules change depending on whether there is an order in place. Two "
            "long-standing members, both former bank staff, sit with you, go through what you can "
            "claim, and help you fill in the applications. We also run a small hardship fund for "
            "emergencies such as a school trip or a broken washing machine. Appointments are at "
            "the Roods community room."
        ),
        "elements": ["material", "practical"],
        "structure": "close",
        "modes": ["one_to_one"],
        "peer_led": True,
        "audiences": ["carers", "families"],
        "topics": ["debt", "parenting"],
        "safeguards": (CONF, TRAINED),
        "refers_on_to": (
            "Angus Council's welfare rights service and its kinship care team for anything we cannot answer."
        ),
        "locations": ["The Roods Community Room"],
        "areas": ["angus"],
        "times": [(3, "10:00", "12:00")],
        "reviewed_days_ago": 120,
    },
    {
        "slug": "kkc-holiday-activity-days",
        "organisation": "kirriemuir-kinship-carers",
        "name": "Holiday activity days for kinship families",
        "summary": (
            "Free days out in the school holidays for children living with kinship carers, with "
            "lunch included. Full for this summer."
        ),
        "description": (
            "Summer holidays are long and expensive for grandparents on a pension. We book "
            "minibus trips to the beach at Lunan Bay, a farm park and a climbing wall, with lunch "
            "provided and volunteers supervising. The children get to meet others in the same "
            "situation, which many find reassuring. All places for this summer are taken; the "
            "October week opens for booking in August."
        ),
        "elements": ["material", "friendship"],
        "structure": "close",
        "modes": ["group"],
        "age_min": 5,
        "age_max": 14,
        "audiences": ["children", "families", "carers"],
        "topics": ["parenting"],
        "safeguards": (CONF, PVG, LEAD),
        "refers_on_to": "Angus Council's kinship care team and the children's schools.",
        "capacity": "full",
        "locations": ["The Roods Community Room"],
        "areas": ["angus"],
        "reviewed_days_ago": 18,
    },
    # Carnoustie and Monifieth Food Share
    {
        "slug": "cmfs-carnoustie-larder",
        "organisation": "carnoustie-monifieth-food-share",
        "name": "Carnoustie food larder",
        "summary": (
            "A free food larder in Carnoustie on Tuesday and Friday afternoons. Take what you "
            "need, with no referral or proof of income."
        ),
        "description": (
            "Tables are laid out with bread, fresh produce, tins and chilled goods from local "
            "supermarkets and farms. Take a bag and choose what you will use; there is no limit "
            "except fairness to others in the queue. Volunteers are happy to help you carry "
            "things to the car or the bus stop. We also have a shelf of free toiletries and "
            "period products."
        ),
        "elements": ["material"],
        "structure": "informal",
        "modes": ["in_person"],
        "topics": ["food"],
        "safeguards": (BOUND,),
        "refers_on_to": (
            "Volunteers can refer you to a food bank for a full parcel, our money and energy "
            "drop-in, or Angus Council's welfare rights team."
        ),
        "locations": ["Carnoustie Food Share"],
        "areas": ["angus"],
        "times": [(1, "14:00", "16:00"), (4, "14:00", "16:00")],
        "reviewed_days_ago": 10,
    },
    {
        "slug": "cmfs-monifieth-community-fridge",
        "organisation": "carnoustie-monifieth-food-share",
        "name": "Monifieth community fridge and soup morning",
        "summary": (
            "A community fridge with free surplus food, and free soup and rolls on Saturday "
            "mornings in Monifieth."
        ),
        "description": (
            "The fridge is restocked every morning, so it is worth popping in on your way past. "
            "On Saturdays volunteers also make two big pots of soup, and the tables fill up with "
            "families, older residents and people on their own. It has become a place where "
            "neighbours get to know each other. All food is checked and labelled with use-by "
            "dates."
        ),
        "elements": ["material", "friendship"],
        "structure": "informal",
        "modes": ["in_person", "group"],
        "topics": ["food", "loneliness"],
        "refers_on_to": (
            "The Saturday volunteers know about local groups and can point you to Angus "
            "Companions, the money and energy drop-in, or your GP's link worker."
        ),
        "locations": ["Monifieth Community Hub"],
        "areas": ["angus"],
        "times": [(day, "10:00", "16:00", "Fridge open") for day in range(5)]
        + [(5, "10:00", "12:30", "Soup morning")],
        "reviewed_days_ago": 150,
    },
    {
        "slug": "cmfs-money-and-energy-drop-in",
        "organisation": "carnoustie-monifieth-food-share",
        "name": "Money and energy drop-in",
        "summary": (
            "Trained volunteers check your benefits, help with energy bills and can give "
            "emergency fuel vouchers. Thursday mornings in Carnoustie."
        ),
        "description": (
            "Bring your latest energy bill and any benefit letters, and a volunteer will go "
            "through them with you in a private corner. They have been trained by council welfare "
            "rights staff and can tell you straight away if something looks wrong. If you are on "
            "a prepayment meter and running low, we can give a fuel voucher from our small "
            "emergency fund. For anything complicated, such as debt or appeals, we book you in "
            "with a council adviser."
        ),
        "elements": ["practical", "material"],
        "structure": "semi_formal",
        "modes": ["in_person", "one_to_one"],
        "topics": ["debt", "housing"],
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, TRAINED, SUPER),
        "refers_on_to": (
            "Angus Council welfare rights and money advice, the Kinfolk debt line, and your "
            "energy supplier's priority services register."
        ),
        "locations": ["Carnoustie Food Share"],
        "areas": ["angus"],
        "times": [(3, "09:30", "12:00")],
        "reviewed_days_ago": 54,
    },
    # Brechin Young Folk
    {
        "slug": "byf-youth-drop-in",
        "organisation": "brechin-young-folk",
        "name": "Youth drop-in",
        "summary": (
            "Free evening drop-in for 12 to 18 year olds in Brechin, with pool, games, music and "
            "youth workers to talk to."
        ),
        "description": (
            "Come by on Monday and Thursday evenings for toasties, the games console, the music "
            "room or just somewhere warm to hang out with friends. Youth workers are always "
            "around and are easy to talk to if something is on your mind. Every term the young "
            "people plan a trip, which in the past has included a football match and a go-karting "
            "night. It is free, and you do not have to sign up in advance."
        ),
        "elements": ["friendship", "emotional"],
        "structure": "informal",
        "modes": ["group"],
        "age_min": 12,
        "age_max": 18,
        "audiences": ["young_people"],
        "topics": ["loneliness"],
        "safeguards": ALL_SAFEGUARDS,
        "refers_on_to": (
            "School guidance staff, your GP, Childline, and Angus children and families social "
            "work if we are worried about your safety."
        ),
        "locations": ["Brechin youth space"],
        "areas": ["angus"],
        "times": [(0, "18:00", "21:00"), (3, "18:00", "21:00")],
        "reviewed_days_ago": 39,
    },
    {
        "slug": "byf-feeling-ok-group",
        "organisation": "brechin-young-folk",
        "name": "Feeling OK: a group for young people's mental health",
        "summary": (
            "An eight-week small group for 14 to 25 year olds dealing with anxiety or low mood, "
            "run by a youth worker and a counsellor. Full at present."
        ),
        "description": (
            "Each session mixes a short activity, such as making a playlist for a bad day or "
            "mapping out what stresses you, with time to talk in pairs or as a group. Young "
            "people told us they wanted something that did not feel like a clinic, so sessions "
            "are held in the youth space with snacks and low lighting. The current group is full "
            "and the next one starts after the summer. If you need help sooner, our youth workers "
            "can meet you one-to-one."
        ),
        "elements": ["emotional", "meaning"],
        "structure": "semi_formal",
        "modes": ["group"],
        "age_min": 14,
        "age_max": 25,
        "audiences": ["young_people"],
        "topics": ["anxiety", "depression"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": ALL_SAFEGUARDS,
        "refers_on_to": (
            "Your GP for child and adolescent or adult mental health services, your school "
            "counsellor, Childline or Samaritans at any time."
        ),
        "capacity": "full",
        "locations": ["Brechin youth space"],
        "areas": ["angus"],
        "times": [(1, "16:30", "18:00")],
        "reviewed_days_ago": 49,
    },
    {
        "slug": "byf-next-steps-into-work",
        "organisation": "brechin-young-folk",
        "name": "Next steps into work",
        "summary": (
            "One-to-one help for 16 to 25 year olds in Brechin and Forfar to find work, training "
            "or college, including bus fares and interview clothes."
        ),
        "description": (
            "A keyworker meets you weekly and helps with whatever is in the way, from writing a "
            "first CV to getting a provisional driving licence. We pay bus fares to interviews "
            "and training, and have a rail of smart clothes you can keep. Many young people do a "
            "short placement with a local employer that we arrange. We keep in touch for six "
            "months after you start a job, in case things get wobbly."
        ),
        "elements": ["practical", "material"],
        "structure": "formal",
        "modes": ["one_to_one"],
        "age_min": 16,
        "age_max": 25,
        "audiences": ["young_people"],
        "topics": ["employment"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": STAFF_SAFEGUARDS,
        "locations": ["Brechin youth space", "Forfar youth rooms"],
        "areas": ["angus"],
        "times": [
            (1, "10:00", "16:00", "", "Brechin youth space"),
            (3, "10:00", "16:00", "", "Forfar youth rooms"),
        ],
        "reviewed_days_ago": 100,
    },
    # Fair City Wellbeing
    {
        "slug": "fcw-wellbeing-recovery-group",
        "organisation": "fair-city-wellbeing",
        "name": "Wellbeing and recovery group",
        "summary": (
            "A weekly peer-led group in Perth for adults living with mental ill health, focused "
            "on recovery and building a life that feels worth living."
        ),
        "description": (
            "Recovery here means finding a life that feels satisfying to you, with or without "
            "symptoms. The group explores themes such as hope, identity and relationships, "
            "drawing on members' experiences as much as on any worksheet. Two peer facilitators, "
            "both with experience of psychiatric services, keep the group safe and on track. "
            "People can join at any time after a short chat with a facilitator."
        ),
        "elements": ["meaning", "emotional", "friendship"],
        "structure": "semi_formal",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "topics": ["depression", "anxiety", "trauma"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, BOUND, TRAINED, SUPER),
        "refers_on_to": (
            "Perth community mental health team, your GP, Breathing Space, and NHS 24 on 111 for urgent help."
        ),
        "locations": ["Fair City Wellbeing Centre"],
        "areas": ["pkc"],
        "times": [(2, "14:00", "16:00")],
        "reviewed_days_ago": 22,
    },
    {
        "slug": "fcw-one-to-one-peer-worker",
        "organisation": "fair-city-wellbeing",
        "name": "One-to-one peer worker",
        "summary": (
            "Regular meetings with a paid peer worker who has their own experience of mental "
            "illness and recovery. Referral through GPs, link workers or SupportMap."
        ),
        "description": (
            "Your peer worker will meet you weekly for up to six months, out in the community or "
            "at our Kinnoull Street centre. Because they have been there themselves, "
            "conversations tend to be honest and practical, whether about medication side "
            "effects, returning to work or going out again after a long time at home. The "
            "relationship is built on equality, and you decide what you work on together. The "
            "waiting list is long at present, so we invite everyone on it to our weekly group in "
            "the meantime."
        ),
        "elements": ["emotional", "practical", "meaning", "friendship"],
        "structure": "formal",
        "modes": ["one_to_one"],
        "peer_led": True,
        "topics": ["depression", "anxiety"],
        "self_referral": False,
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": ALL_SAFEGUARDS,
        "refers_on_to": (
            "Perth community mental health team, psychological therapies through your GP, and the "
            "crisis team through NHS 24."
        ),
        "capacity": "waiting_list",
        "waiting_weeks": 12,
        "locations": ["Fair City Wellbeing Centre"],
        "areas": ["pkc"],
        "times": [by_appointment()],
        "reviewed_days_ago": 41,
    },
    {
        "slug": "fcw-community-garden",
        "organisation": "fair-city-wellbeing",
        "name": "Community garden mornings",
        "summary": (
            "Grow vegetables and flowers with others at our garden off Dunkeld Road. No "
            "experience needed; tools and gloves provided."
        ),
        "description": (
            "Gardening together gives people something to care for and a reason to get out of the "
            "house. Thursday mornings are spent weeding, sowing and harvesting, with a break for "
            "soup made from whatever is ready. Members take produce home, and any surplus goes to "
            "a local food bank. It is a quiet, unpressured place, and nobody will ask why you are "
            "there."
        ),
        "elements": ["friendship", "meaning"],
        "structure": "informal",
        "modes": ["group"],
        "topics": ["physical_activity", "depression"],
        "safeguards": (CONF, BOUND),
        "refers_on_to": (
            "Fair City Wellbeing's recovery group and peer workers, your GP, and the community "
            "link workers in Perth GP practices."
        ),
        "locations": ["Fair City community garden"],
        "areas": ["pkc"],
        "times": [(3, "10:00", "13:00")],
        "reviewed_days_ago": 250,
    },
    {
        "slug": "fcw-anxiety-support-online",
        "organisation": "fair-city-wellbeing",
        "name": "Anxiety support online",
        "summary": (
            "A weekly online group for adults in Perth and Kinross living with anxiety and panic, "
            "with practical coping techniques and peer support."
        ),
        "description": (
            "If leaving the house is part of the problem, an online group can be the place to "
            "start. Each Tuesday evening a trained volunteer who manages her own anxiety leads a "
            "session on one technique, such as grounding, slow breathing or questioning "
            "catastrophic thoughts, and then opens the floor. You can type in the chat rather "
            "than speak if you prefer. The link is sent after a short phone call with our team."
        ),
        "elements": ["emotional", "practical"],
        "structure": "semi_formal",
        "modes": ["online"],
        "peer_led": True,
        "mutual": True,
        "age_min": 18,
        "topics": ["anxiety"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, BOUND, TRAINED, SUPER),
        "refers_on_to": (
            "Your GP, NHS Tayside's managing worry course, Breathing Space, and Samaritans at any hour."
        ),
        "areas": ["pkc"],
        "times": [(1, "19:00", "20:15", "Online")],
        "reviewed_days_ago": 88,
    },
    {
        "slug": "fcw-family-and-friends-group",
        "organisation": "fair-city-wellbeing",
        "name": "Family and friends group, Perth",
        "summary": (
            "A monthly group in Perth for people supporting a relative or friend with mental ill "
            "health, co-facilitated by a carer."
        ),
        "description": (
            "Supporting someone you love through mental illness can shift the whole relationship, "
            "and it is easy to become so involved that your own life shrinks. At this group, "
            "relatives share what has helped them keep a balance, including how to talk with "
            "their person when things are tense, and how to handle feeling critical or resentful "
            "without blaming themselves. A staff member and a long-standing carer run each "
            "evening together. Questions about services and confidentiality are welcome."
        ),
        "elements": ["emotional", "meaning", "practical"],
        "structure": "close",
        "modes": ["group"],
        "mutual": True,
        "audiences": ["carers", "families"],
        "topics": ["depression"],
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, BOUND, SUPER),
        "refers_on_to": (
            "Carers' Crossing Tayside for a carer support plan, your own GP, and NHS Tayside's "
            "sessions on supporting someone with their mental health."
        ),
        "locations": ["Fair City Wellbeing Centre"],
        "areas": ["pkc"],
        "times": [monthly(2, 0, "18:30", "20:30")],
        "reviewed_days_ago": 57,
    },
    # Highland Perthshire Neighbours
    {
        "slug": "hpn-rural-befriending",
        "organisation": "highland-perthshire-neighbours",
        "name": "Rural befriending",
        "summary": (
            "Home visits or phone calls from a local volunteer for older people living in "
            "Pitlochry, Aberfeldy and the surrounding glens."
        ),
        "description": (
            "In the country, the nearest neighbour can be a mile away, and winter can mean weeks "
            "without a proper conversation. A local volunteer will visit you at home, or ring you "
            "when the roads are bad, and our coordinator checks in with both of you regularly. "
            "Several pairs have now been meeting for years. Family members can make the first "
            "call on someone's behalf."
        ),
        "elements": ["friendship", "emotional"],
        "structure": "semi_formal",
        "modes": ["home_visit", "phone"],
        "age_min": 65,
        "audiences": ["older_people"],
        "topics": ["loneliness"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": ALL_SAFEGUARDS,
        "refers_on_to": "Perth and Kinross health and social care partnership, your GP, and NHS 24 on 111.",
        "locations": ["Highland Perthshire Neighbours office"],
        "areas": ["pkc"],
        "reviewed_days_ago": 34,
    },
    {
        "slug": "hpn-volunteer-drivers",
        "organisation": "highland-perthshire-neighbours",
        "name": "Highland Perthshire volunteer drivers",
        "summary": (
            "Lifts to medical appointments in Perth, Dundee and beyond for people without "
            "transport in highland Perthshire. Donations towards fuel."
        ),
        "description": (
            "Buses from the glens are few and far between, and a hospital appointment in Dundee "
            "can take a whole day. Our volunteer drivers will collect you from home, take you to "
            "your appointment and bring you back. We ask for a donation towards fuel, but nobody "
            "is refused a lift because they cannot pay. Please book at least three days ahead."
        ),
        "elements": ["material"],
        "structure": "semi_formal",
        "modes": ["in_person", "phone"],
        "audiences": ["older_people", "disabled_people"],
        "topics": ["long_term_conditions"],
        "cost": "low_cost",
        "cost_note": "A donation towards fuel; nobody is refused a lift.",
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, TRAINED, PVG),
        "refers_on_to": (
            "The coordinator can tell you about patient transport, help with travel costs, and "
            "our befriending service."
        ),
        "locations": ["Highland Perthshire Neighbours office"],
        "areas": ["pkc"],
        "times": [(0, "09:00", "12:00", "Booking line"), (3, "09:00", "12:00", "Booking line")],
        "reviewed_days_ago": 230,
    },
    {
        "slug": "hpn-aberfeldy-lunch-club",
        "organisation": "highland-perthshire-neighbours",
        "name": "Aberfeldy lunch club",
        "summary": (
            "A sociable two-course lunch in Aberfeldy every Tuesday for anyone over 60, with "
            "transport from outlying villages."
        ),
        "description": (
            "The lunch club has been running in the Breadalbane Rooms for decades and still uses "
            "some of the original recipes. After lunch the tables are cleared for dominoes, whist "
            "or a visiting musician. Our minibus collects people from Kenmore, Weem and Dull on "
            "the way in. Lunch costs £4.50, including tea and biscuits."
        ),
        "elements": ["friendship", "material"],
        "structure": "informal",
        "modes": ["group"],
        "age_min": 60,
        "audiences": ["older_people"],
        "topics": ["loneliness", "food"],
        "cost": "low_cost",
        "cost_note": "£4.50, including transport from the villages.",
        "safeguards": (PVG,),
        "refers_on_to": (
            "The Highland Perthshire Neighbours coordinator, your GP practice, and Perth and "
            "Kinross social work."
        ),
        "locations": ["Breadalbane Rooms"],
        "areas": ["pkc"],
        "times": [(1, "12:00", "14:30")],
        "reviewed_days_ago": 47,
    },
    {
        "slug": "hpn-pitlochry-walking-group",
        "organisation": "highland-perthshire-neighbours",
        "name": "Pitlochry walking group",
        "summary": (
            "Friendly weekly walks around Pitlochry, from gentle riverside strolls to longer "
            "woodland routes. Free, all welcome."
        ),
        "description": (
            "Walks leave from the Atholl Road office every Thursday and alternate between an easy "
            "riverside loop past the dam and a longer route up through the woods. The leaders "
            "carry a first aid kit and a flask, and nobody gets left behind. It is a good way for "
            "newcomers to meet people, and several members moved to Pitlochry on their own. Boots "
            "are not essential for the shorter walks."
        ),
        "elements": ["friendship"],
        "structure": "informal",
        "modes": ["group"],
        "topics": ["physical_activity", "loneliness"],
        "safeguards": (TRAINED,),
        "refers_on_to": (
            "Walk leaders can tell you about befriending, the lunch club, or the community link "
            "worker at your GP practice."
        ),
        "locations": ["Highland Perthshire Neighbours office"],
        "areas": ["pkc"],
        "times": [(3, "10:00", "12:00")],
        "reviewed_days_ago": 320,
    },
    {
        "slug": "hpn-rural-carers-circle",
        "organisation": "highland-perthshire-neighbours",
        "name": "Rural carers' circle",
        "summary": (
            "Carers in highland Perthshire meet monthly in a member's home near Aberfeldy for "
            "lunch, company and a break from caring."
        ),
        "description": (
            "Caring in a remote place can be especially isolating, with services far away and "
            "friends drifting off. This small circle of carers meets over a shared lunch, and a "
            "sitter from our volunteer team can stay with the person you look after while you are "
            "out. Members swap useful contacts, from respite providers to tradespeople who are "
            "patient with someone with dementia. The address is shared once you have spoken with "
            "our coordinator."
        ),
        "elements": ["friendship", "emotional", "practical"],
        "structure": "close",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "audiences": ["carers", "older_people"],
        "topics": ["loneliness", "dementia"],
        "safeguards": (CONF, BOUND, PVG),
        "refers_on_to": (
            "Carers' Crossing Tayside for carer support plans and short breaks, Perth and Kinross "
            "social work, and the Kinfolk carers' line."
        ),
        "locations": ["A member's home near Aberfeldy"],
        "areas": ["pkc"],
        "times": [monthly(LAST, 4, "12:00", "14:30")],
        "reviewed_days_ago": 63,
    },
    # Strathearn Veterans' Hub
    {
        "slug": "svh-breakfast-club",
        "organisation": "strathearn-veterans-hub",
        "name": "Veterans' breakfast club",
        "summary": (
            "A full breakfast and a catch-up every Saturday morning in Crieff for veterans of any "
            "service and any age, and their families."
        ),
        "description": (
            "Whether you served two years or twenty-two, in the Army, Navy or RAF, you will find "
            "someone at the breakfast club who gets it. The kitchen serves from nine, and the "
            "banter is as much a part of the morning as the bacon. A few members say it helped "
            "after a bad stretch with their mental health, simply by being back among people who "
            "see things the same way. You pay what you can for breakfast."
        ),
        "elements": ["friendship", "emotional", "meaning"],
        "structure": "informal",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "audiences": ["veterans"],
        "topics": ["loneliness", "depression"],
        "cost": "low_cost",
        "cost_note": "Pay what you can for breakfast.",
        "safeguards": (CONF, BOUND),
        "refers_on_to": (
            "The hub's veterans' adviser, your GP (tell them you are a veteran), and Breathing "
            "Space or Samaritans if you are struggling."
        ),
        "locations": ["Strathearn Veterans' Hub"],
        "areas": ["pkc"],
        "times": [(5, "09:00", "11:30")],
        "reviewed_days_ago": 17,
    },
    {
        "slug": "svh-veterans-advice",
        "organisation": "strathearn-veterans-hub",
        "name": "Veterans' advice service",
        "summary": (
            "A caseworker helps veterans with housing, pensions, compensation claims, benefits "
            "and finding work."
        ),
        "description": (
            "Our caseworker served twelve years in the Royal Signals and knows the paperwork that "
            "comes with leaving the forces. Common jobs include an Armed Forces Compensation "
            "Scheme claim, a housing application, or a grant from a service charity towards "
            "furniture or debts. Appointments are in Crieff or Auchterarder, or at home if you "
            "prefer. Family members can contact us on a veteran's behalf."
        ),
        "elements": ["practical", "material"],
        "structure": "formal",
        "modes": ["one_to_one", "home_visit", "phone"],
        "audiences": ["veterans"],
        "topics": ["housing", "debt", "employment"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": STAFF_SAFEGUARDS,
        "locations": ["Strathearn Veterans' Hub", "Auchterarder Community Room"],
        "areas": ["pkc"],
        "times": [
            (1, "10:00", "16:00", "", "Strathearn Veterans' Hub"),
            (3, "10:00", "13:00", "", "Auchterarder Community Room"),
        ],
        "reviewed_days_ago": 39,
    },
    {
        "slug": "svh-partners-and-families",
        "organisation": "strathearn-veterans-hub",
        "name": "Partners and families of veterans",
        "summary": (
            "A peer group for partners and grown-up children of veterans, including those living "
            "with someone affected by PTSD."
        ),
        "description": (
            "Living with someone whose service still follows them home can be lonely, and friends "
            "do not always understand. The group was set up by two forces wives and meets in "
            "Crieff once a month for lunch and conversation. Topics come from members, and have "
            "included disturbed sleep, anger, and rebuilding a relationship after a long "
            "deployment or a difficult discharge. The veteran in your life does not need to know "
            "you are coming."
        ),
        "elements": ["friendship", "emotional", "meaning"],
        "structure": "close",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "audiences": ["veterans", "families"],
        "topics": ["trauma"],
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, BOUND, TRAINED),
        "refers_on_to": (
            "The hub's veterans' adviser, your own GP, a domestic abuse helpline if you ever feel "
            "unsafe, and Samaritans at any hour."
        ),
        "locations": ["Strathearn Veterans' Hub"],
        "areas": ["pkc"],
        "times": [monthly(2, 2, "12:00", "14:00")],
        "reviewed_days_ago": 72,
    },
    # Blairgowrie Community Larder
    {
        "slug": "bcl-community-larder",
        "organisation": "blairgowrie-community-larder",
        "name": "Blairgowrie community larder",
        "summary": (
            "Pick up free surplus food and basics in Blairgowrie on Wednesdays and Saturdays, no "
            "referral needed."
        ),
        "description": (
            "The larder is stocked by local supermarkets, berry farms in season and generous "
            "neighbours. You come in, take a basket and choose, and a volunteer will chat if you "
            "want one to. In the colder months the hall doubles as a warm space with hot drinks "
            "until four o'clock. There is also a small rail of children's winter coats and school "
            "shoes."
        ),
        "elements": ["material", "friendship"],
        "structure": "informal",
        "modes": ["in_person"],
        "topics": ["food", "loneliness"],
        "safeguards": (BOUND,),
        "refers_on_to": (
            "Volunteers can book you a warm homes visit, put you in touch with Perth and Kinross "
            "welfare rights, or refer you to a food bank for an emergency parcel."
        ),
        "locations": ["Wellmeadow Hall"],
        "areas": ["pkc"],
        "times": [(2, "12:00", "16:00"), (5, "10:00", "12:00")],
        "reviewed_days_ago": 13,
    },
    {
        "slug": "bcl-warm-homes-visits",
        "organisation": "blairgowrie-community-larder",
        "name": "Warm homes visits",
        "summary": (
            "A trained volunteer visits your home in and around Blairgowrie to help you stay warm "
            "and bring energy bills down."
        ),
        "description": (
            "Some of the most useful energy advice happens in the kitchen, looking at the actual "
            "meter and the actual radiators. Our volunteers check your heating settings, bleed "
            "radiators, fit draught-proofing, and help you phone your supplier if you are in "
            "arrears. If you are on a prepayment meter and struggling, they can give you a top-up "
            "voucher on the day. Visits are free and usually take about an hour."
        ),
        "elements": ["practical", "material"],
        "structure": "semi_formal",
        "modes": ["home_visit"],
        "audiences": ["older_people"],
        "topics": ["debt", "housing"],
        "professional_referral": True,
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, TRAINED, SUPER, PVG),
        "refers_on_to": (
            "Perth and Kinross welfare rights team, your energy supplier's priority services "
            "register, and your GP if the cold is affecting your health."
        ),
        "locations": ["Wellmeadow Hall"],
        "areas": ["pkc"],
        "reviewed_days_ago": 36,
    },
    {
        "slug": "bcl-thursday-community-meal",
        "organisation": "blairgowrie-community-larder",
        "name": "Thursday community meal",
        "summary": (
            "A free hot meal in the larder hall every Thursday evening. Everyone welcome, from "
            "families to folk on their own."
        ),
        "description": (
            "Volunteers cook a big pot of something hearty, often stovies in winter, and set out "
            "long tables so people sit together. There is always a vegetarian option and a "
            "pudding. Pupils from the high school help serve as part of their volunteering award. "
            "Donations are welcome but never expected."
        ),
        "elements": ["friendship", "material"],
        "structure": "informal",
        "modes": ["group"],
        "audiences": ["families"],
        "topics": ["food", "loneliness"],
        "safeguards": (PVG,),
        "refers_on_to": (
            "Ask any volunteer about the larder, warm homes visits, or the community link worker "
            "at your GP practice."
        ),
        "locations": ["Wellmeadow Hall"],
        "areas": ["pkc"],
        "times": [(3, "17:30", "19:00")],
        "reviewed_days_ago": 290,
    },
    # Loch Leven Memory Café
    {
        "slug": "llmc-kinross-memory-cafe",
        "organisation": "loch-leven-memory-cafe",
        "name": "Kinross memory café",
        "summary": (
            "A monthly afternoon café for people living with dementia and their families, with "
            "music, reminiscence and a friendly welcome."
        ),
        "description": (
            "The café is a place where nobody minds if you forget a name or tell the same story "
            "twice. Each afternoon has a gentle activity, such as old photographs of Kinross, a "
            "local choir or a sensory box, and then plenty of tea and home baking. People with "
            "dementia and their partners or children come together, and it is often the one "
            "outing they both enjoy. A volunteer who used to be a nurse is there to answer "
            "questions informally."
        ),
        "elements": ["friendship", "emotional"],
        "structure": "informal",
        "cost": "not_stated",
        "modes": ["group"],
        "audiences": ["older_people", "carers"],
        "topics": ["dementia", "loneliness"],
        "safeguards": (CONF, PVG),
        "refers_on_to": (
            "Your GP, the Perth and Kinross post-diagnostic support service, our dementia carers' "
            "group, and the Kinfolk carers' line."
        ),
        "locations": ["Loch Leven Community Rooms"],
        "areas": ["pkc"],
        "times": [monthly(2, 1, "14:00", "16:00")],
        "reviewed_days_ago": 43,
    },
    {
        "slug": "llmc-dementia-carers-group",
        "organisation": "loch-leven-memory-cafe",
        "name": "Dementia carers' group",
        "summary": (
            "A monthly peer-support group in Kinross for people caring for a partner or parent "
            "with dementia. A sitter can be arranged."
        ),
        "description": (
            "Caring for someone with dementia changes month by month, and other carers are often "
            "the best source of advice about what comes next. Members talk through things like "
            "power of attorney, sleepless nights, and the guilt of considering a care home. The "
            "group is led by a former carer who looked after her husband for nine years. If you "
            "cannot leave the person you care for, our volunteers can sit with them in the café "
            "next door."
        ),
        "elements": ["emotional", "practical", "meaning"],
        "structure": "close",
        "modes": ["group"],
        "peer_led": True,
        "mutual": True,
        "audiences": ["carers"],
        "topics": ["dementia"],
        "accepts_supportmap_referrals": True,
        "safeguards": (CONF, BOUND, TRAINED, PVG),
        "refers_on_to": (
            "Carers' Crossing Tayside, Perth and Kinross social work for respite, your GP, and "
            "the Kinfolk carers' line out of hours."
        ),
        "locations": ["Loch Leven Community Rooms"],
        "areas": ["pkc"],
        "times": [monthly(4, 1, "10:30", "12:00")],
        "reviewed_days_ago": 51,
    },
    {
        "slug": "llmc-memory-singers-auchterarder",
        "organisation": "loch-leven-memory-cafe",
        "name": "Memory singers, Auchterarder",
        "summary": (
            "A singing group for people with memory problems and their carers. Old favourites, no "
            "experience needed, every Thursday in Auchterarder."
        ),
        "description": (
            "Songs can stay with us long after other memories fade, and it is wonderful to watch "
            "someone who rarely speaks sing every word of a song from 1965. Our pianist and song "
            "leader run an hour of warm-ups, old favourites and the occasional new tune, with "
            "song sheets in large print. Carers sing too, and many say it is the best hour of "
            "their week. Tea follows."
        ),
        "elements": ["friendship", "meaning"],
        "structure": "informal",
        "modes": ["group"],
        "audiences": ["older_people", "carers"],
        "topics": ["dementia"],
        "cost": "low_cost",
        "cost_note": "£2 a session, including tea.",
        "safeguards": (PVG,),
        "refers_on_to": (
            "Our Kinross dementia carers' group, your GP, and Perth and Kinross post-diagnostic support."
        ),
        "accessibility_notes": "Level access and a hearing loop in the hall.",
        "locations": ["Hunter Street Hall"],
        "areas": ["pkc"],
        "times": [(3, "14:00", "15:30")],
        "reviewed_days_ago": 345,
    },
    # Scottish Listening Trust (national)
    {
        "slug": "slt-scottish-listening-line",
        "organisation": "scottish-listening-trust",
        "name": "Scottish listening line",
        "summary": (
            "A free, confidential listening line for anyone in Scotland who is struggling, open "
            "every evening."
        ),
        "description": (
            "Our volunteers will not tell you what to do; they will listen, for as long as you "
            "need, without judging. You can call about anything, from a row with a partner to "
            "thoughts of ending your life. Calls are free from mobiles and landlines and do not "
            "show on your phone bill. Every volunteer completes forty hours of training and has a "
            "supervisor on shift with them."
        ),
        "elements": ["emotional"],
        "structure": "semi_formal",
        "modes": ["phone"],
        "topics": ["depression", "suicidal_thoughts", "anxiety", "loneliness"],
        "phone": "0808 157 0123",
        "safeguards": ALL_SAFEGUARDS,
        "refers_on_to": (
            "If you are in immediate danger, call 999. Volunteers can also suggest NHS 24 on 111, "
            "your GP, and local services listed on SupportMap."
        ),
        "areas": ["scotland"],
        "times": [(day, "17:00", "23:00") for day in range(7)],
        "reviewed_days_ago": 30,
    },
    {
        "slug": "slt-text-line-young-people",
        "organisation": "scottish-listening-trust",
        "name": "Text line for young people",
        "summary": (
            "Text-based support for young people in Scotland aged 13 to 25 who are finding things hard."
        ),
        "description": (
            "Some things are easier to type than to say out loud. Text us and a trained volunteer "
            "will reply, usually within five minutes, and stay with you for the conversation. We "
            "can talk about exams, relationships, self-harm, or feeling like nobody gets it. "
            "Texts are free and will not appear on your bill."
        ),
        "elements": ["emotional"],
        "structure": "semi_formal",
        "modes": ["text_chat"],
        "age_min": 13,
        "age_max": 25,
        "audiences": ["young_people"],
        "topics": ["anxiety", "depression", "suicidal_thoughts"],
        "phone": "07700 900123",
        "safeguards": ALL_SAFEGUARDS,
        "refers_on_to": (
            "If you are in danger, call 999. Volunteers can help you talk to your GP, a school "
            "counsellor or Childline."
        ),
        "areas": ["scotland"],
        "times": [(day, "16:00", "23:00") for day in range(7)],
        "reviewed_days_ago": 75,
    },
    {
        "slug": "slt-bereavement-line",
        "organisation": "scottish-listening-trust",
        "name": "Bereavement support line",
        "summary": (
            "A free phone line for anyone in Scotland who has been bereaved, with the option of "
            "six weekly calls with the same volunteer."
        ),
        "description": (
            "Grief can hit hardest months after a funeral, when other people have stopped asking "
            "how you are. Call our bereavement line and a trained volunteer will talk with you "
            "about the person who died and how you are managing. If it would help, we can arrange "
            "six calls at the same time each week with the same volunteer, so you do not have to "
            "start from the beginning each time. We support people bereaved by any cause, "
            "including suicide and sudden death."
        ),
        "elements": ["emotional", "meaning"],
        "structure": "semi_formal",
        "modes": ["phone"],
        "topics": ["bereavement"],
        "phone": "0808 157 0456",
        "safeguards": ALL_SAFEGUARDS,
        "refers_on_to": (
            "Local bereavement groups on SupportMap, such as the Still Here Bereavement Circle in "
            "Dundee, your GP, and Samaritans at any hour."
        ),
        "areas": ["scotland"],
        "times": [(day, "10:00", "20:00") for day in range(5)],
        "reviewed_days_ago": 210,
    },
    # Kinfolk Lines UK (national)
    {
        "slug": "kin-carers-line",
        "organisation": "kinfolk-lines-uk",
        "name": "Kinfolk carers' line",
        "summary": (
            "A UK-wide phone and online advice line for unpaid carers: your rights, money, "
            "breaks, and someone to talk to."
        ),
        "description": (
            "Advisers on the carers' line have all cared for someone themselves, and they "
            "understand how a caring role can creep up until it fills your life. Call for "
            "information about carers' rights, help working out what benefits you might be due, "
            "or just a listening ear after a hard day. There is also a moderated online forum "
            "where carers chat day and night. For carers in Scotland, advisers know the Scottish "
            "system, including adult carer support plans."
        ),
        "elements": ["practical", "emotional"],
        "structure": "close",
        "modes": ["phone", "online"],
        "peer_led": True,
        "audiences": ["carers"],
        "topics": ["debt", "loneliness"],
        "phone": "0808 157 0789",
        "safeguards": (CONF, BOUND, TRAINED, SUPER, LEAD),
        "refers_on_to": (
            "Your local carers' centre, such as Carers' Crossing Tayside, and your council's "
            "social work team for a needs assessment."
        ),
        "areas": ["uk"],
        "times": [(day, "09:00", "19:00") for day in range(5)] + [(5, "10:00", "14:00")],
        "reviewed_days_ago": 50,
    },
    {
        "slug": "kin-evening-call",
        "organisation": "kinfolk-lines-uk",
        "name": "Evening call for older people",
        "summary": (
            "A free phone line for older people across the UK, open every evening, with the "
            "option of a regular weekly friendship call."
        ),
        "description": (
            "Evenings and weekends can be the loneliest times when you live alone. Ring the "
            "evening call line for a chat with a volunteer about anything at all: the news, the "
            "garden, or memories of your working life. If you enjoy it, you can be matched with a "
            "volunteer who calls you every week. Many callers say it is the first conversation "
            "they have had all day."
        ),
        "elements": ["friendship", "emotional"],
        "structure": "semi_formal",
        "modes": ["phone"],
        "age_min": 60,
        "audiences": ["older_people"],
        "topics": ["loneliness"],
        "phone": "0808 157 0321",
        "accepts_supportmap_referrals": True,
        "safeguards": ALL_SAFEGUARDS,
        "refers_on_to": (
            "Volunteers can pass on details of local lunch clubs and befriending on SupportMap, "
            "or contact social services with your agreement if they are worried about you."
        ),
        "areas": ["uk"],
        "times": [(day, "17:00", "22:00") for day in range(7)],
        "reviewed_days_ago": 28,
    },
    {
        "slug": "kin-debt-line",
        "organisation": "kinfolk-lines-uk",
        "name": "Kinfolk debt line",
        "summary": (
            "Free, confidential debt advice by phone and webchat across the UK, with advice on "
            "the debt solutions available only in Scotland."
        ),
        "description": (
            "A qualified debt adviser will listen to what is going on, check which debts need "
            "dealing with first, and explain every option open to you, including the ones that "
            "exist only in Scotland. If you need ongoing help, they can set up a payment plan and "
            "deal with your creditors for you. Webchat is available if you would rather not talk "
            "on the phone. You will never be charged for anything."
        ),
        "elements": ["practical"],
        "structure": "formal",
        "modes": ["phone", "text_chat", "online"],
        "topics": ["debt"],
        "phone": "0808 157 0654",
        "safeguards": (CONF, SUPER, LEAD),
        "areas": ["uk"],
        "times": [(day, "08:00", "20:00") for day in range(5)],
        "reviewed_days_ago": 93,
    },
]
