"""Newsroom settings: one module, every value read from the environment.

Every variable is listed with its meaning in ``.env.example`` and the README.
With nothing set, the project runs on an embedded SQLite file and an
in-process cache, with ``DEBUG`` off; ``make run`` turns ``DEBUG`` on.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# The first ``make run`` writes .env (DEBUG on, a generated key) for local use;
# ENV_FILE points elsewhere, or at a file that does not exist to read none.
environ.Env.read_env(env.str("ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# A key is only generated for local development; a production process that
# forgot its key must not start with a guessable one.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. "
            "Set SECRET_KEY in the environment or .env, or set DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "articles.apps.DeskAdminConfig",  # django.contrib.admin with the desk home
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "axes",
    "csp",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before CommonMiddleware, which would otherwise give a 304 "Content-Length: 0".
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its answer.
    "axes.middleware.AxesMiddleware",
]

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT failures for one
# username, or from one client address, sign-in is refused for the cool-off
# time, whether or not the username exists, with the same words either way.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

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
                "articles.context_processors.site",
            ],
        },
    },
]


def _database(url_variable: str, default: str | None = None) -> dict:
    database = env.db(url_variable, default=default)
    database.setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    database["CONN_HEALTH_CHECKS"] = True
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers go on while one writer commits; the busy timeout makes
        # a second writer wait instead of failing with "database is locked".
        # Connections are kept (CONN_MAX_AGE) as on PostgreSQL: opening one and
        # running the PRAGMAs cost ~1 ms of every uncached page.
        database.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
    elif database["ENGINE"] == "django.db.backends.postgresql":
        # Server-side binding lets psycopg prepare a statement once it has run
        # five times on a connection, so the reader pages' queries skip the
        # planner. A pooler that cannot keep prepared statements (PgBouncer
        # before 1.21 in transaction mode) needs DATABASE_PREPARED_STATEMENTS=0.
        database.setdefault("OPTIONS", {}).update(
            server_side_binding=True,
            prepare_threshold=5 if env.bool("DATABASE_PREPARED_STATEMENTS", default=True) else None,
        )
        # A database host that does not answer makes a request wait this long, not
        # the operating system's two minutes, before the reader gets the 503 page.
        database["OPTIONS"].setdefault(
            "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
        )
    return database


DATABASES = {"default": _database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# A read replica of the primary, optional: every read outside a transaction
# goes to it (newsroom/routers.py), every write and every read inside one to
# the primary.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = _database("DATABASE_REPLICA_URL")
    DATABASE_ROUTERS = ["newsroom.routers.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://newsroom"),
}
CACHES["default"].setdefault("KEY_PREFIX", env.str("CACHE_KEY_PREFIX", default="newsroom"))
# The same store twice: "default" answers a miss while Redis is away, "strict"
# raises newsroom.cache.CacheUnavailable for the callers that must know
# (flood limits, invalidation). Socket timeouts and the pause after a failure
# come from newsroom/cache.py unless CACHE_URL's query sets them.
CACHES["strict"] = dict(CACHES["default"])
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    for alias, strict in (("default", False), ("strict", True)):
        CACHES[alias] = {
            **CACHES[alias],
            "BACKEND": "newsroom.cache.RedisCache",
            "OPTIONS": {**CACHES[alias].get("OPTIONS", {}), "strict": strict},
        }

# Fragments (a story, a comment thread, the sections bar) are keyed by the
# versions of what they show, which live in the shared cache above: a change
# gives them new keys in every process at once. So each process keeps its own
# in memory ({% fragment %} and Django's {% cache %} use this alias), sparing
# a round trip to Redis per fragment; the oldest are dropped past the limit.
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "newsroom-fragments",
    "OPTIONS": {"MAX_ENTRIES": env.int("FRAGMENT_CACHE_ENTRIES", default=2000)},
}

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploaded images and their renditions. On one server they are files under
# MEDIA_ROOT, which the proxy serves at MEDIA_URL (Django serves them itself
# when MEDIA_SERVE is on, as in development). Several servers share an
# S3-compatible bucket instead: set AWS_STORAGE_BUCKET_NAME (and install the
# "s3" extra); the credentials come from boto3's usual AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY variables, never from this file.
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_SERVE = env.bool("MEDIA_SERVE", default=DEBUG)
if env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            "location": env.str("AWS_LOCATION", default=""),
            # Public pages link to images for every reader and CDN: plain URLs, not signed ones.
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
            "file_overwrite": False,
            # Every stored name carries its content's hash: a URL never changes what it shows.
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }

# Uploaded pages are read into memory and cleaned; anything bigger than this
# is refused with a message rather than processed.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# Production hardening: on unless DEBUG. TLS ends at the proxy, which says so
# in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

LOGIN_URL = "admin:login"

AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("LOGIN_COOLOFF_MINUTES", default=15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "articles.clients.client_ip"
AXES_LOCKOUT_CALLABLE = "articles.admin.lockout.locked_out"
# The database keeps the count: it must hold while the cache is away.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


# Images may also come from where uploads are served when that is not this
# site: an absolute MEDIA_URL, the bucket's custom domain or endpoint, and any
# origin CSP_IMG_SRC lists (a CDN, say).
_IMAGE_SOURCES = {
    _origin(MEDIA_URL),
    _origin(env.str("AWS_S3_ENDPOINT_URL", default="")),
    *env.list("CSP_IMG_SRC", default=[]),
}
if env.str("AWS_S3_CUSTOM_DOMAIN", default=""):
    _IMAGE_SOURCES.add(f"https://{env.str('AWS_S3_CUSTOM_DOMAIN')}")

# Content-Security-Policy (django-csp): scripts, styles and everything else
# come from this site only, and nothing inline runs. The public pages carry
# no inline script; JSON-LD is data, which the policy does not block.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *sorted(source for source in _IMAGE_SOURCES if source)],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

NEWSROOM = {
    "SITE_NAME": env.str("SITE_NAME", default="The Harbourside Courier"),
    "SITE_URL": env.str("SITE_URL", default="http://127.0.0.1:8000"),
    "PAGE_CACHE_SECONDS": env.int("PAGE_CACHE_SECONDS", default=60),
    # How long a fragment (a story, a comment thread, the sections bar) stays
    # cached unasked; a change gives it a new key at once whatever this says.
    # Off under DEBUG, so that an edited template shows on the next reload.
    "FRAGMENT_CACHE_SECONDS": env.int("FRAGMENT_CACHE_SECONDS", default=0 if DEBUG else 3600),
    "IMPORT_MAX_BYTES": env.int("IMPORT_MAX_BYTES", default=5 * 1024 * 1024),
    # Largest image file and picture the desk accepts; a decompression bomb
    # is refused by its pixel count before it is decoded.
    "IMAGE_MAX_BYTES": env.int("IMAGE_MAX_BYTES", default=10 * 1024 * 1024),
    "IMAGE_MAX_PIXELS": env.int("IMAGE_MAX_PIXELS", default=50_000_000),
    # Proxies in front of gunicorn that append the client to X-Forwarded-For.
    "TRUSTED_PROXY_COUNT": env.int("TRUSTED_PROXY_COUNT", default=0),
    # Requests per minute one read-API token may make, unless the desk sets its own.
    "API_RATE_LIMIT": env.int("API_RATE_LIMIT", default=600),
}

# Background work on Celery. With no broker, every task runs at once in the
# process that queued it (make run, make test, manage.py ingest on a laptop);
# production names Redis, and `celery -A newsroom worker` processes on any
# number of machines share the queue. A worker takes one task at a time and
# acknowledges it only when done, so a worker that dies leaves its task to
# be delivered again once the visibility timeout passes.
_BROKER = env.str("CELERY_BROKER_URL", default="")
CELERY_BROKER_URL = _BROKER or "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = not _BROKER
# In-process, a retry re-runs the task at once rather than raising to the caller.
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# What beat starts: due feeds every minute; items a lost message left waiting.
CELERY_BEAT_SCHEDULE = {
    "feeds-poll-due": {"task": "articles.tasks.feeds_poll_due", "schedule": 60.0},
    "ingest-requeue-stale": {"task": "articles.tasks.ingest_requeue_stale", "schedule": 300.0},
}

# The wire in: fetching feeds and pages, and the limits on what comes in.
INGEST = {
    "FETCH_TIMEOUT": env.float("INGEST_FETCH_TIMEOUT", default=15.0),
    "FETCH_MAX_BYTES": env.int("INGEST_FETCH_MAX_BYTES", default=5 * 1024 * 1024),
    # Networks fetched although private or loopback (CIDR, comma-separated).
    "ALLOW_ADDRESSES": env.list("INGEST_ALLOW_ADDRESSES", default=[]),
    "HOST_INTERVAL": env.int("INGEST_HOST_INTERVAL", default=1),
    "USER_AGENT": env.str(
        "INGEST_USER_AGENT",
        default=f"NewsroomBot/1.0 (+{env.str('SITE_URL', default='http://127.0.0.1:8000')})",
    ),
    "MAX_ATTEMPTS": env.int("INGEST_MAX_ATTEMPTS", default=3),
    "RETRY_SECONDS": env.int("INGEST_RETRY_SECONDS", default=30),
    "STALE_MINUTES": env.int("INGEST_STALE_MINUTES", default=15),
    "REPEAT_DAYS": env.int("INGEST_REPEAT_DAYS", default=3),
    "ARCHIVE_MAX_FILES": env.int("INGEST_ARCHIVE_MAX_FILES", default=20_000),
    "ARCHIVE_MAX_BYTES": env.int("INGEST_ARCHIVE_MAX_BYTES", default=1024 * 1024 * 1024),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
