"""SupportMap settings: one module, driven by the environment.

Defaults run a fresh clone on the embedded SQLite database with DEBUG on. Production sets DEBUG=0,
and then SupportMap refuses to start without a real SECRET_KEY and ALLOWED_HOSTS.
"""

from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF

from supportmap.env import ImproperlyConfiguredEnv, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)

# The development key only ever works with DEBUG on; production must bring its own.
DEV_SECRET_KEY = "django-insecure-supportmap-development-key-never-use-in-production"  # noqa: S105 (refused when DEBUG is off)
SECRET_KEY = env_str("SECRET_KEY", DEV_SECRET_KEY if DEBUG else "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])

if not DEBUG:
    if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfiguredEnv(
            "SECRET_KEY must be set to a long random value when DEBUG is off "
            "(for example: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfiguredEnv("SECRET_KEY must be at least 50 characters of random text.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfiguredEnv(
            "ALLOWED_HOSTS must list this site's host names (comma-separated) when DEBUG is off."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "csp",
    "axes",
    "rules",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "supportmap",
    "directory",
    "accounts",
    "referrals",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "supportmap.middleware.RequestLogMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a second factor this session.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each change in the listing history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "supportmap.urls"
WSGI_APPLICATION = "supportmap.wsgi.application"
ASGI_APPLICATION = "supportmap.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "supportmap.context_processors.site",
                "referrals.context_processors.referral_nav",
            ],
        },
    },
    {
        # Plain-text emails (templates/emails/): the same templates, without HTML escaping, so
        # "Carers' Cuppa" reaches the inbox as typed, not as "Carers&#x27; Cuppa".
        "NAME": "email",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"autoescape": False},
    },
]

# Database: the embedded SQLite file by default; DATABASE_URL switches to PostgreSQL.
_default_db_url = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
_db_url = env_str("DATABASE_URL", _default_db_url)
try:
    DATABASES = {
        "default": dj_database_url.parse(
            _db_url,
            conn_max_age=env_int("CONN_MAX_AGE", 60, minimum=0),
            # A reused connection is checked before each request uses it, so a connection that
            # PostgreSQL dropped (a restart, a failover, an idle timeout) is replaced, not a 500.
            conn_health_checks=True,
        )
    }
except ValueError as exc:  # dj-database-url raises ValueError on an unknown scheme
    raise ImproperlyConfiguredEnv(
        f"DATABASE_URL is not a database URL SupportMap understands: {exc}"
    ) from None
if DATABASES["default"]["ENGINE"] not in {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}:
    raise ImproperlyConfiguredEnv(
        "DATABASE_URL must point at PostgreSQL (postgres://) or SQLite (sqlite://)."
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite keeps no pooled connections; closing each request keeps test isolation simple.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # Planner settings for the search (directory/search/postgres.py). PostgreSQL's defaults assume
    # spinning disks (a random read costs 4 sequential ones); the directory's indexes and rows
    # are read from memory or SSD, where 1.1 is the usual figure, and with 4 the planner sorts
    # every service near a city postcode instead of walking its GiST index nearest first.
    # JIT compiling pays off only for long analytical queries; a search page has none, nor does
    # it gain from parallel workers on a busy web server.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = " ".join(
        [
            f"-c random_page_cost={env_str('POSTGRES_RANDOM_PAGE_COST', '1.1')}",
            f"-c jit={'on' if env_bool('POSTGRES_JIT', False) else 'off'}",
            "-c max_parallel_workers_per_gather=0",
            # Room for exact bitmaps when a search combines indexes near a crowded postcode;
            # at the default 4 MB they turn lossy and every row on a page is checked again.
            f"-c work_mem={env_str('POSTGRES_WORK_MEM', '16MB')}",
        ]
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "supportmap.User"
LOGIN_URL = "login"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend: the folder emails are written to.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent-emails"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfiguredEnv("Set at most one of EMAIL_USE_TLS and EMAIL_USE_SSL.")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "SupportMap <noreply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# People told by email of every server error (500): "Name <address>, Name <address>".
ADMINS = [parseaddr(item) for item in env_list("ADMINS", [])]
if any("@" not in address for _, address in ADMINS):
    raise ImproperlyConfiguredEnv(
        "ADMINS must be a comma-separated list of email addresses, such as 'Ops <ops@example.org>'."
    )

# Security headers. Production (DEBUG off) gets the full deploy checklist; each can be tuned.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# A form sent without a valid CSRF token gets SupportMap's own page, in the site's layout.
CSRF_FAILURE_VIEW = "supportmap.views.csrf_failure"
# Browser features no page uses are switched off (the Permissions-Policy header).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# Map tiles for the search results map. Tiles are the one thing fetched from another host; the
# Content-Security-Policy allows that host's images and nothing else from it.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        if url.startswith("/"):
            return ""
        raise ImproperlyConfiguredEnv(f"MAP_TILE_URL={url!r} must be an http(s) URL or a path on this site.")
    return f"{parts.scheme}://{parts.netloc}"


# Content-Security-Policy: no inline scripts or styles anywhere, so no 'unsafe-inline'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap draws form controls with data: SVG images.
        "img-src": [SELF, "data:", *filter(None, [_origin_of(MAP_TILE_URL)])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Logs go to stdout: JSON lines (one object per line, for a log collector) in production, plain
# text in development. Each request is logged with its method, path, status and duration
# (supportmap.middleware.RequestLogMiddleware); server errors also email ADMINS when set.
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfiguredEnv(f"LOG_FORMAT={LOG_FORMAT!r} must be json or text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "supportmap.logs.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Django's own logging stays as it is: its "django" logger emails ADMINS about every server
    # error when DEBUG is off, and passes the error on to the root logger's console.
    "loggers": {
        # RequestLogMiddleware logs every request, so runserver's own lines would be twice.
        "django.server": {"handlers": [], "propagate": False},
    },
}

SITE_NAME = "SupportMap"
# The site's own address, for links in emails (which have no request to take it from).
# In production it defaults to https:// and the first of ALLOWED_HOSTS.
_first_host = ALLOWED_HOSTS[0] if ALLOWED_HOSTS and ALLOWED_HOSTS[0][:1] not in {"*", "."} else ""
SITE_URL = env_str(
    "SITE_URL", "http://127.0.0.1:8000" if DEBUG else (f"https://{_first_host}" if _first_host else "")
).rstrip("/")
if urlsplit(SITE_URL).scheme not in {"http", "https"} or not urlsplit(SITE_URL).netloc:
    raise ImproperlyConfiguredEnv(
        f"SITE_URL={SITE_URL!r} must be this site's address, such as https://supportmap.example.org."
    )
# Freshness (manage.py check_freshness, daily): organisations confirm each published listing every
# LISTING_CONFIRM_MONTHS; a reminder goes at LISTING_REMIND_MONTHS and again when overdue; after
# LISTING_LAPSE_MONTHS unconfirmed a listing leaves public search (its page stays, marked).
LISTING_CONFIRM_MONTHS = env_int("LISTING_CONFIRM_MONTHS", 6, minimum=1)
LISTING_REMIND_MONTHS = env_int("LISTING_REMIND_MONTHS", 5, minimum=1)
LISTING_LAPSE_MONTHS = env_int("LISTING_LAPSE_MONTHS", 12, minimum=1)
if not LISTING_REMIND_MONTHS < LISTING_CONFIRM_MONTHS < LISTING_LAPSE_MONTHS:
    raise ImproperlyConfiguredEnv(
        "LISTING_REMIND_MONTHS < LISTING_CONFIRM_MONTHS < LISTING_LAPSE_MONTHS must hold (defaults 5, 6, 12)."
    )
# Invitations to join an organisation: how long the one-time link works.
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 7, minimum=1)
# Personal data kept no longer than needed (manage.py purge_personal_data, daily): the sign-in log
# and django-axes records, in days; a problem reporter's email address, in days after the report
# was resolved. Used and expired invitations and finished background tasks (which hold email
# bodies) go after INVITATION_RETENTION_DAYS and TASK_RESULT_RETENTION_DAYS.
SIGN_IN_LOG_RETENTION_DAYS = env_int("SIGN_IN_LOG_RETENTION_DAYS", 90, minimum=1)
PROBLEM_REPORT_EMAIL_RETENTION_DAYS = env_int("PROBLEM_REPORT_EMAIL_RETENTION_DAYS", 30, minimum=0)
INVITATION_RETENTION_DAYS = env_int("INVITATION_RETENTION_DAYS", 90, minimum=1)
TASK_RESULT_RETENTION_DAYS = env_int("TASK_RESULT_RETENTION_DAYS", 30, minimum=1)
# People whose referrals all closed this many months ago are anonymised: names, contact details,
# CHI number and free text go; unidentifiable counts for reports stay (issue 9, point 10).
REFERRAL_RETENTION_MONTHS = env_int("REFERRAL_RETENTION_MONTHS", 24, minimum=1)
# A draft referral nobody touched for this many days is deleted (with a person recorded only for it).
REFERRAL_DRAFT_RETENTION_DAYS = env_int("REFERRAL_DRAFT_RETENTION_DAYS", 30, minimum=1)
# A sent referral nobody answers is nudged (REFERRAL_NUDGE_DAYS after it was sent, to the provider)
# and expires REFERRAL_EXPIRY_DAYS after it was sent: manage.py referral_reminders, daily.
REFERRAL_EXPIRY_DAYS = env_int("REFERRAL_EXPIRY_DAYS", 14, minimum=2)
REFERRAL_NUDGE_DAYS = [5, 10]
if not all(0 < day < REFERRAL_EXPIRY_DAYS for day in REFERRAL_NUDGE_DAYS):
    raise ImproperlyConfiguredEnv(
        "REFERRAL_EXPIRY_DAYS must be more than 10 (the last nudge comes at 10 days)."
    )

# Background work (emails, and later reports) goes through django-tasks. "database" keeps tasks in
# the database for `manage.py db_worker` to run (make run starts one); "immediate" runs each task
# at once in the web process (the tests, and a quick look without a worker).
TASK_BACKEND = env_str("TASK_BACKEND", "database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASK_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfiguredEnv(f"TASK_BACKEND={TASK_BACKEND!r} must be database or immediate.")
# The database backend writes the task in the same transaction as the change that caused it, so
# an email is sent only for a change that was saved.
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASK_BACKEND]}}
# A search shows at most this many services, the best first; beyond it the page says "more than".
SEARCH_RESULT_CAP = env_int("SEARCH_RESULT_CAP", 500, minimum=20)

# --- Sign-in protection (issue 7, point 3): django-axes and the login rate limit. -------------
# The client's address, for the lockout and the rate limit alike (supportmap.signin.client_ip): the
# connection's own address, or behind our TLS proxy (BEHIND_TLS_PROXY=1) the last X-Forwarded-For
# entry, the one that proxy appended. Without a proxy the header is the client's to forge.
TRUST_X_FORWARDED_FOR = env_bool("BEHIND_TLS_PROXY", False)

# The cache holds the sign-in rate limit's counts. REDIS_URL (redis://host:6379/0) shares them
# between every app server and worker; without it each process counts on its own, in memory.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    if urlsplit(REDIS_URL).scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfiguredEnv(
            f"REDIS_URL={REDIS_URL!r} must be a Redis URL, such as redis://127.0.0.1:6379/0."
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that has gone away costs a sign-in one second, not a hung worker
            # (supportmap.signin lets the attempt through to axes and logs an error).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out username and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Object permissions (accounts/rules.py): may this person edit this service?
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
MIDDLEWARE.append("axes.middleware.AxesMiddleware")

# django-axes counts wrong passwords per email address AND network address together, so one
# person's mistakes never lock out a whole GP practice behind one NHS address.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10, minimum=1)
LOGIN_COOLOFF_MINUTES = env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1)
# A callable, because axes reads a bare number as hours.
AXES_COOLOFF_TIME = "supportmap.signin.cool_off"
# Each try while locked out starts the wait again; the lockout page says so.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
# A successful sign-in clears that person's earlier failures from that address.
AXES_RESET_ON_SUCCESS = True
# The sign-in form's field is "username" (Django's AuthenticationForm) though it holds the email
# (USERNAME_FIELD): axes must read that field, or every failure is recorded with no username and
# the lockout falls on the whole address. The email is counted trimmed and in lower case, as the
# sign-in matches it.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "supportmap.signin.login_username"
AXES_CLIENT_IP_CALLABLE = "supportmap.signin.client_ip"
# A branded page, 429 with Retry-After, saying when to try again.
AXES_LOCKOUT_CALLABLE = "supportmap.signin.locked_out"
# Axes's WARNING lines ("Locking out {username: ..., ip_address: ...}") name the email address
# and network address, so whoever reads the logs can tell a typo from an attack. Passwords are
# always masked.
AXES_SENSITIVE_PARAMETERS: list[str] = []


def _is_rate(rate: str) -> bool:
    """django-ratelimit's rate: attempts/period, the period s, m, h or d, optionally multiplied."""
    count, _, period = rate.partition("/")
    multiple, unit = period[:-1], period[-1:]

    def positive_whole(text):
        return text.isascii() and text.isdecimal() and int(text) >= 1

    return (
        positive_whole(count) and unit in {"s", "m", "h", "d"} and (not multiple or positive_whole(multiple))
    )


# Sign-in attempts (POSTs to the two sign-in pages) one network address may make: "20/m" is 20 a
# minute, "100/h" 100 an hour, "50/5m" 50 in five minutes. Beyond it the answer is 429, given
# before the password hasher runs (supportmap.signin.LoginRateLimitMiddleware).
LOGIN_RATE_LIMIT = env_str("LOGIN_RATE_LIMIT", "20/m").strip()
if not _is_rate(LOGIN_RATE_LIMIT):
    raise ImproperlyConfiguredEnv(
        f"LOGIN_RATE_LIMIT={LOGIN_RATE_LIMIT!r} must be attempts per period, such as 20/m, 100/h or 50/5m."
    )
# Sign-in attempts from all addresses together: many addresses each under their own limit can
# still keep every worker hashing passwords. At about 0.4 s of CPU a check, 5 every 5 seconds
# (60 a minute, in small windows so that they cannot all come at once) take at most a fifth of
# a 2-core server and leave the rest to the directory. Beyond it, sign-in is refused for the
# rest of the window (429, "busy"), and the directory itself stays up. Without REDIS_URL each
# process counts on its own, so the site's figure is this times the workers.
LOGIN_SITE_RATE_LIMIT = env_str("LOGIN_SITE_RATE_LIMIT", "5/5s").strip()
if not _is_rate(LOGIN_SITE_RATE_LIMIT):
    raise ImproperlyConfiguredEnv(
        f"LOGIN_SITE_RATE_LIMIT={LOGIN_SITE_RATE_LIMIT!r} must be attempts per period, such as 60/m or 600/h."
    )
# Problem reports one network address may send ("5/h": five an hour; as LOGIN_RATE_LIMIT). Beyond
# it the answer is 429.
PROBLEM_REPORT_RATE_LIMIT = env_str("PROBLEM_REPORT_RATE_LIMIT", "5/h").strip()
if not _is_rate(PROBLEM_REPORT_RATE_LIMIT):
    raise ImproperlyConfiguredEnv(
        f"PROBLEM_REPORT_RATE_LIMIT={PROBLEM_REPORT_RATE_LIMIT!r} must be reports per period, such as 5/h."
    )
# Self-referrals and shortlist emails one network address may send (as PROBLEM_REPORT_RATE_LIMIT).
SELF_REFERRAL_RATE_LIMIT = env_str("SELF_REFERRAL_RATE_LIMIT", "5/h").strip()
SHORTLIST_EMAIL_RATE_LIMIT = env_str("SHORTLIST_EMAIL_RATE_LIMIT", "5/h").strip()
for _name, _rate in (
    ("SELF_REFERRAL_RATE_LIMIT", SELF_REFERRAL_RATE_LIMIT),
    ("SHORTLIST_EMAIL_RATE_LIMIT", SHORTLIST_EMAIL_RATE_LIMIT),
):
    if not _is_rate(_rate):
        raise ImproperlyConfiguredEnv(f"{_name}={_rate!r} must be a count per period, such as 5/h.")
RATELIMIT_IP_META_KEY = "supportmap.signin.client_ip"
# If the cache cannot count, let the attempt go on to axes rather than refuse everyone.
RATELIMIT_FAIL_OPEN = True
# Before the session, CSRF and authentication middleware: a refused attempt touches none of them.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
    "supportmap.signin.LoginRateLimitMiddleware",
)

# --- Accounts: second factor, sessions and cookies (issue 8, point 2). ------------------------
# After signing in with a password, whoever must give a second factor is asked for it at once.
LOGIN_REDIRECT_URL = "accounts:signed_in"
# Every page under these prefixes needs a second factor (a code from an authenticator app, or a
# backup code) from everyone who can see personal data: members of any organisation, editors,
# administrators and staff (accounts/middleware.py). The pages for signing in, signing up, resetting
# a password and giving the second factor are open (accounts.second_factor.OPEN_URL_NAMES).
SECOND_FACTOR_PRIVATE_PREFIXES = [
    "/accounts/",
    "/my-organisation/",
    "/review/",
    "/referrals/",
    "/people/",
    "/admin/",
]
# Private pages outside those prefixes, by URL name: the referral forms under /services/<slug>/
# and the shortlist's "refer to these services" (accounts.second_factor.is_private_path).
SECOND_FACTOR_PRIVATE_URL_NAMES = ["refer:staff", "shortlist:refer"]
OTP_TOTP_ISSUER = SITE_NAME
# The admin never shows an app's secret key or the backup codes themselves.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# The link that confirms a new account's email address works for this many days.
EMAIL_VERIFICATION_DAYS = env_int("EMAIL_VERIFICATION_DAYS", 3, minimum=1)

# Sessions end after SESSION_IDLE_MINUTES without a request, and SESSION_ABSOLUTE_HOURS after
# signing in, whichever comes first (accounts.middleware.SessionTimeoutMiddleware); the cookie
# itself goes when the browser closes, and the server forgets the session after the absolute time.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_ABSOLUTE_HOURS = env_int("SESSION_ABSOLUTE_HOURS", 12, minimum=1)
if SESSION_IDLE_MINUTES > SESSION_ABSOLUTE_HOURS * 60:
    raise ImproperlyConfiguredEnv(
        f"SESSION_IDLE_MINUTES={SESSION_IDLE_MINUTES} must not be longer than SESSION_ABSOLUTE_HOURS="
        f"{SESSION_ABSOLUTE_HOURS} hours."
    )
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Cookies: Secure in production (SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE above), never readable
# by scripts, and not sent with requests that other sites start (except following a plain link).
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# After the messages middleware, so that a timed-out session can leave a message for the sign-in
# page; the timeout comes first, so an expired session goes to sign in, not to the second factor.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "accounts.middleware.SessionTimeoutMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("accounts.middleware.SessionTimeoutMiddleware") + 1,
    "accounts.middleware.SecondFactorMiddleware",
)
