"""Settings come from the environment and fail loudly on bad values."""

import pytest

from supportmap.env import ImproperlyConfiguredEnv, env_bool, env_int, env_list, env_str
from tests.supportmap.processes import manage

DEV_SECRET_KEY = "django-insecure-supportmap-development-key-never-use-in-production"
PRODUCTION_SECRET = "k3Jq9v-production-like-secret-key-for-the-deploy-check-0123456789abcdef"


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("yes", True), ("off", False), ("0", False)])
def test_env_bool_reads_yes_and_no(raw, expected):
    assert env_bool("DEBUG", not expected, environ={"DEBUG": raw}) is expected


def test_env_bool_refuses_anything_else():
    with pytest.raises(ImproperlyConfiguredEnv, match="DEBUG='maybe' is not a yes/no value"):
        env_bool("DEBUG", False, environ={"DEBUG": "maybe"})


def test_env_int_refuses_words_and_values_below_the_minimum():
    assert env_int("EMAIL_PORT", 25, environ={"EMAIL_PORT": "587"}) == 587
    with pytest.raises(ImproperlyConfiguredEnv, match="not a whole number"):
        env_int("EMAIL_PORT", 25, environ={"EMAIL_PORT": "smtp"})
    with pytest.raises(ImproperlyConfiguredEnv, match="must be at least 1"):
        env_int("EMAIL_PORT", 25, minimum=1, environ={"EMAIL_PORT": "0"})


def test_env_list_refuses_empty_items_and_env_str_requires_a_value():
    assert env_list("ALLOWED_HOSTS", [], environ={"ALLOWED_HOSTS": "a.org,b.org"}) == ["a.org", "b.org"]
    with pytest.raises(ImproperlyConfiguredEnv, match="has an empty item"):
        env_list("ALLOWED_HOSTS", [], environ={"ALLOWED_HOSTS": "a.org,,b.org"})
    with pytest.raises(ImproperlyConfiguredEnv, match="SECRET_KEY must be set"):
        env_str("SECRET_KEY", environ={})


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "0", "ALLOWED_HOSTS": "supportmap.example.org"}, "SECRET_KEY must be set"),
        (
            {"DEBUG": "0", "SECRET_KEY": "short", "ALLOWED_HOSTS": "supportmap.example.org"},
            "at least 50 characters",
        ),
        ({"DEBUG": "0", "SECRET_KEY": PRODUCTION_SECRET}, "ALLOWED_HOSTS must list"),
        # The development key is long enough for the length check: it must be refused by name.
        (
            {"DEBUG": "0", "SECRET_KEY": DEV_SECRET_KEY, "ALLOWED_HOSTS": "supportmap.example.org"},
            "SECRET_KEY must be set to a long random value",
        ),
        (
            {"DEBUG": "0", "SECRET_KEY": "django-insecure-" + PRODUCTION_SECRET, "ALLOWED_HOSTS": "a.org"},
            "SECRET_KEY must be set to a long random value",
        ),
        ({"ADMINS": "Ops <ops.example.org>"}, "ADMINS must be a comma-separated list of email addresses"),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT='xml' must be json or text"),
        ({"DEBUG": "perhaps"}, "DEBUG='perhaps' is not a yes/no value"),
        ({"DATABASE_URL": "mysql://root@localhost/supportmap"}, "must point at PostgreSQL"),
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL"),
        ({"EMAIL_PORT": "twenty-five"}, "EMAIL_PORT='twenty-five' is not a whole number"),
        ({"MAP_TILE_URL": "ftp://tiles.example.org/{z}/{x}/{y}.png"}, "MAP_TILE_URL="),
    ],
)
def test_refuses_to_start_with_bad_settings(env, message):
    result = manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_admins_and_static_root_come_from_the_environment():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.ADMINS); print(settings.STATIC_ROOT);"
        " print(settings.DATABASES['default']['CONN_HEALTH_CHECKS'])",
        ADMINS="Ops Team <ops@example.org>,dev@example.org",
        STATIC_ROOT="/srv/supportmap/static",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/unused",
    )
    assert result.returncode == 0, result.stderr
    admins, static_root, health_checks = result.stdout.strip().splitlines()[-3:]
    assert admins == "[('Ops Team', 'ops@example.org'), ('', 'dev@example.org')]"
    assert static_root == "/srv/supportmap/static"
    assert health_checks == "True"


def test_check_deploy_passes_with_production_like_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="supportmap.example.org",
        EMAIL_HOST="smtp.example.org",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout
