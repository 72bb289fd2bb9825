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
    "supportmap",
    "directory",
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
    "django.contrib.messages.middleware.MessageMiddleware",
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
            ],
        },
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
    # Planner settings for the search (directory/candidates.py). PostgreSQL's defaults assume
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
LOGIN_REDIRECT_URL = "home"
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
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": LOG_FORMAT},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request errors reach the console through the root logger, and ADMINS by email.
        "django.request": {"handlers": ["mail_admins"], "level": "ERROR", "propagate": True},
        # RequestLogMiddleware logs every request, so runserver's own lines would be twice.
        "django.server": {"handlers": [], "propagate": False},
    },
}

# --- Sign-in protection (issue 7, point 3): django-axes and the login rate limit. -------------
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

SITE_NAME = "SupportMap"
# How long before a listing counts as not recently checked (the service page says so).
LISTING_STALE_AFTER_DAYS = env_int("LISTING_STALE_AFTER_DAYS", 183, minimum=1)
# A search shows at most this many services, the best first; beyond it the page says "more than".
SEARCH_RESULT_CAP = env_int("SEARCH_RESULT_CAP", 500, minimum=20)
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out username and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
