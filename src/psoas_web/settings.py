"""Django settings for psoas, read from the environment.

One file, no local overrides. Every variable has a default that works on a
single machine: SQLite in the platform's user data directory.

    PSOAS_DATA_DIR    where psoas keeps its files (default: platformdirs' user
                      data dir); created on first use
    DATABASE_URL      e.g. postgres://user:password@host:5432/name; unset means
                      SQLite at <data dir>/psoas.sqlite3
    PSOAS_SECRET_KEY  Django's SECRET_KEY; unset means a random key generated
                      once and kept in <data dir>/secret_key
    PSOAS_DEBUG       "True" or "False" (default)
    PSOAS_PRODUCTION  "True" behind HTTPS: secure cookies, HSTS, SSL redirect
    PSOAS_ALLOWED_HOSTS  comma-separated host names (default: localhost names)
    PSOAS_EMAIL_URL   unset: e-mails are printed on the console; else SMTP, e.g.
                      smtp://user:password@mail.example.org:587 (STARTTLS)
    PSOAS_FROM_EMAIL  the sender of password-reset e-mails
    PSOAS_TEST_POSTGRES_URL  tests only: a PostgreSQL server for the "postgres"
                      alias, so the database tests run on it as well as SQLite
"""

from __future__ import annotations

import datetime
import os
import secrets
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import dj_database_url
import platformdirs
from django.core.exceptions import ImproperlyConfigured


def envbool(name: str, default: str) -> bool:
    """Return the environment variable `name` as a bool; only True/False/"" allowed."""
    value = os.getenv(name, default)
    if value not in ("", "True", "False"):
        msg = f"Unexpected value {name}={value}, use 'True' or 'False'"
        raise ImproperlyConfigured(msg)
    return value == "True"


def data_dir() -> Path:
    """Return the data directory, creating it (private to this user) if needed."""
    path = Path(os.getenv("PSOAS_DATA_DIR") or platformdirs.user_data_dir("psoas"))
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _stored_secret_key(directory: Path) -> str:
    path = directory / "secret_key"
    if not path.exists():
        # Write to a private temporary file, then link it into place: a reader
        # never sees a half-written key, and if two processes start at once the
        # first link wins and both use its key.
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".secret_key.")
        try:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(50))
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    return path.read_text().strip()


def _database(url: str) -> dict[str, Any]:
    config: dict[str, Any] = (
        dict(dj_database_url.parse(url))
        if url
        else {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": data_dir() / "psoas.sqlite3",
        }
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the CLI and the web app read while the other writes; IMMEDIATE
        # takes the write lock up front, so a busy database waits (timeout, in
        # seconds) instead of failing halfway through a transaction.
        config.setdefault("OPTIONS", {}).update(
            init_command="PRAGMA journal_mode=WAL;",
            timeout=20,
            transaction_mode="IMMEDIATE",
        )
    return config


DEBUG = envbool("PSOAS_DEBUG", "False")
SECRET_KEY = os.getenv("PSOAS_SECRET_KEY") or _stored_secret_key(data_dir())

DATABASES = {"default": _database(os.getenv("DATABASE_URL", ""))}
# Tests only: with PSOAS_TEST_POSTGRES_URL set, the database tests also run on a
# second alias, "postgres" (pytest-django creates and drops test_<name> on it).
# It does not depend on "default", so `pytest -m postgres` can set it up alone.
if os.getenv("PSOAS_TEST_POSTGRES_URL"):
    DATABASES["postgres"] = _database(os.environ["PSOAS_TEST_POSTGRES_URL"])
    DATABASES["postgres"]["TEST"] = {"DEPENDENCIES": []}

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "psoas_web.records",
    "psoas_web.site",
    "psoas_web.accounts",
    "psoas_web.learn",
    "psoas_web.assessment",
    "psoas_web.programs",
    "psoas_web.journal",
    "psoas_web.reports",
    "psoas_web.api",
    "psoas_web.coach",
    "ninja",  # serves its Swagger UI from our static files, not a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "psoas_web.urls"
WSGI_APPLICATION = "psoas_web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "psoas_web.site.context.site",
            ],
        },
    },
]

STATIC_URL = "/static/"
# Only deployments that run collectstatic need a STATIC_ROOT (PSOAS_STATIC_ROOT);
# otherwise WhiteNoise serves the apps' static folders directly.
STATIC_ROOT = os.getenv("PSOAS_STATIC_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve static files from the apps directly: no collectstatic step for `psoas serve`.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # rate-limits sign-in first
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "journal:dashboard"
LOGOUT_REDIRECT_URL = "site:home"

# django-axes: after 5 failed sign-ins for one username from one address, lock for 15
# minutes; a successful sign-in resets the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

PRODUCTION = envbool("PSOAS_PRODUCTION", "False")
ALLOWED_HOSTS = [
    host.strip()
    for host in os.getenv(
        "PSOAS_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver"
    ).split(",")
    if host.strip()
]
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

EMAIL_URL = os.getenv("PSOAS_EMAIL_URL", "")
DEFAULT_FROM_EMAIL = os.getenv("PSOAS_FROM_EMAIL", "psoas <no-reply@localhost>")
if EMAIL_URL:
    _email = urlsplit(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or 587
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_TLS = _email.scheme == "smtp"
    EMAIL_USE_SSL = _email.scheme == "smtps"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

LANGUAGE_CODE = "en-gb"
USE_I18N = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
