"""Run manage.py in a fresh process, since settings are read once at start-up."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Only what a production process would have: no test-run variables, nor settings the tests'
# own environment happens to carry, leak in.
DROPPED = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "REDIS_URL",
    "BEHIND_TLS_PROXY",
    "LOGIN_FAILURE_LIMIT",
    "LOGIN_COOLOFF_MINUTES",
    "LOGIN_RATE_LIMIT",
    "LOGIN_SITE_RATE_LIMIT",
    "ADMINS",
    "STATIC_ROOT",
    "LOG_FORMAT",
}


def manage(*args, **env):
    environ = {key: value for key, value in os.environ.items() if key not in DROPPED}
    environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'db.sqlite3'}")
    environ.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def database_url() -> str:
    """The URL of the database this test run uses (PostgreSQL), for a process started beside it."""
    from django.db import connection

    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
    )
