"""GuardDuty Hub settings: every value comes from the environment.

With no environment at all this is the embedded setup: DEBUG on with a generated local key,
SQLite in ./var, Celery without Redis. `DEBUG=false` is production mode and then SECRET_KEY and
ALLOWED_HOSTS are mandatory.
"""

import ipaddress
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from guardduty_hub.env_config import (
    env,
    env_bool,
    env_choice,
    env_durations,
    env_int,
    env_list,
    env_secret,
    local_secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env("GDH_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = local_secret_key(VAR_DIR)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    # Swagger UI's files served from our static files (the API docs page uses no CDN).
    "drf_spectacular_sidecar",
    "guardduty_hub.core",
    "guardduty_hub.accounts",
    "guardduty_hub.findings",
    "guardduty_hub.sync",
    "guardduty_hub.configuration",
    "guardduty_hub.api",
    "guardduty_hub.investigations",
    "guardduty_hub.notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # First after security, so static files (whitenoise answers them below) get it too.
    "guardduty_hub.core.security.ContentSecurityPolicyMiddleware",
    "guardduty_hub.core.security.RefuseNullCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Shows times in the signed-in user's own time zone (findings/timezones.py).
    "guardduty_hub.findings.timezones.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Every page needs sign-in unless its view is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "guardduty_hub.urls"
WSGI_APPLICATION = "guardduty_hub.wsgi.application"

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
                "guardduty_hub.navigation.navigation",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
# DATABASE_URL selects PostgreSQL (postgres://...) ; without it, a SQLite file tuned for a web
# process, a worker and beat writing at once (WAL, busy timeout, immediate transactions).
DATABASE_URL = env("DATABASE_URL", "")
_SQLITE_OPTIONS = {
    "timeout": 30,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;",
}
if DATABASE_URL:
    DATABASES = {"default": env.db_url_config(DATABASE_URL)}
    if DATABASES["default"]["ENGINE"] not in (
        "django.db.backends.postgresql",
        "django.db.backends.sqlite3",
    ):
        raise ImproperlyConfigured(
            f"DATABASE_URL must be postgres:// or sqlite://, got {DATABASES['default']['ENGINE']}."
        )
    DATABASES["default"].setdefault("CONN_MAX_AGE", env_int("DB_CONN_MAX_AGE", 60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        _db_options.update({k: v for k, v in _SQLITE_OPTIONS.items() if k not in _db_options})
    else:
        # A database host that drops packets must fail /healthz quickly, not hang it.
        _db_options.setdefault("connect_timeout", 5)
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "guardduty_hub.sqlite3",
            "OPTIONS": dict(_SQLITE_OPTIONS),
        }
    }
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Username and password checked by Django's ModelBackend, refused for a while after repeated
# failures per user name or per client address (core/sign_in_limits.py; API tokens too).
AUTHENTICATION_BACKENDS = ["guardduty_hub.core.sign_in_limits.ThrottledModelBackend"]
SIGN_IN_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5, minimum=1)
SIGN_IN_ADDRESS_FAILURE_LIMIT = env_int("SIGN_IN_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
SIGN_IN_LOCKOUT_SECONDS = env_int("SIGN_IN_LOCKOUT_SECONDS", 900, minimum=1)
# Behind a proxy every client has the proxy's address: take the one it appends to the header.
USE_X_FORWARDED_FOR = env_bool("USE_X_FORWARDED_FOR", False)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
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
WHITENOISE_USE_FINDERS = DEBUG

# --- Security ---------------------------------------------------------------------------------
# On by default in production; each can be switched off behind a TLS-terminating proxy that
# does the same job.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Sent on every response (core/security.py). Scripts and styles only from our static files;
# style attributes stay allowed (bar widths and status colours computed per row), style
# elements do not (htmx's own is switched off: hub.css has its indicator rules). Images may be
# data: URIs (Swagger UI's icons).
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600)

# --- Cache ------------------------------------------------------------------------------------
# Sign-in failure counts, API request budgets and the dashboard's numbers. Without CACHE_URL
# each process keeps its own (fine for one process; several web processes should share Redis).
CACHE_URL = env("CACHE_URL", "")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured(f"CACHE_URL must be a redis:// URL, got {CACHE_URL!r}.")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Celery -----------------------------------------------------------------------------------
# A Redis URL in CELERY_BROKER_URL (or REDIS_URL) uses Redis. Without one, tasks run eagerly in
# the calling process unless CELERY_BROKER_URL=filesystem:// (the demo's separate worker).
REDIS_URL = env("REDIS_URL", "")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", REDIS_URL)
CELERY_BROKER_IS_FILESYSTEM = CELERY_BROKER_URL.startswith("filesystem://")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_BROKER_TRANSPORT_OPTIONS: dict = {}
if CELERY_BROKER_IS_FILESYSTEM:
    _queue_dir = VAR_DIR / "celery" / "queue"
    _processed_dir = VAR_DIR / "celery" / "processed"
    # kombu keeps its broadcast exchanges in ./control unless told otherwise.
    _control_dir = VAR_DIR / "celery" / "control"
    for _d in (_queue_dir, _processed_dir, _control_dir):
        _d.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(_processed_dir),
        "control_folder": str(_control_dir),
        "store_processed": False,
        "polling_interval": 0.1,
    }
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 900)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 840)
# Redis redelivers an unacknowledged (acks_late) task after the visibility timeout: it must be
# longer than any task may run, or a slow task would run twice at once.
CELERY_BROKER_TRANSPORT_OPTIONS.setdefault(
    "visibility_timeout", max(3600, CELERY_TASK_TIME_LIMIT * 2)
)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = "UTC"
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "guardduty_hub.sync.*": {"queue": "sync"},
    "guardduty_hub.accounts.*": {"queue": "membership"},
    # Reading configuration back beside the membership refresh; changes run as operations.
    "guardduty_hub.configuration.*": {"queue": "membership"},
    "guardduty_hub.findings.*": {"queue": "default"},
    # Outside calls to webhooks, Slack and mail servers: a slow endpoint never holds a sync.
    "guardduty_hub.notifications.*": {"queue": "notifications"},
    "guardduty_hub.core.*": {"queue": "default"},
}
CELERY_BEAT_SCHEDULE: dict = {}


def _beat_every(task: str, seconds: int) -> dict:
    """A beat entry that fans out every `seconds`; a run not started by the next one expires."""
    return {"task": task, "schedule": seconds, "options": {"expires": seconds}}


# --- AWS --------------------------------------------------------------------------------------
AWS_DEFAULT_REGION = env("AWS_DEFAULT_REGION", "us-east-1")
AWS_RETRY_MODE = env_choice("AWS_RETRY_MODE", "standard", ("standard", "adaptive", "legacy"))
AWS_MAX_ATTEMPTS = env_int("AWS_MAX_ATTEMPTS", 5)
AWS_CONNECT_TIMEOUT = env_int("AWS_CONNECT_TIMEOUT", 5)
AWS_READ_TIMEOUT = env_int("AWS_READ_TIMEOUT", 30)
# Role assumed in accounts that have no role ARN of their own.
AWS_DEFAULT_ROLE_NAME = env("AWS_DEFAULT_ROLE_NAME", "OrganizationAccountAccessRole")
AWS_ROLE_SESSION_NAME = env("AWS_ROLE_SESSION_NAME", "guardduty-hub")
# GuardDuty responses parsed by the hub's compiled parser (aws/fast_parse.py, same output, a
# fraction of the CPU). false: botocore's own parser, e.g. if a botocore upgrade breaks it.
AWS_FAST_PARSE = env_bool("AWS_FAST_PARSE", True)

# --- Membership -------------------------------------------------------------------------------
# Beat refreshes every administrator's member status (ListMembers, all statuses) this often.
MEMBERSHIP_REFRESH_SECONDS = env_int("MEMBERSHIP_REFRESH_SECONDS", 900, minimum=60)
CELERY_BEAT_SCHEDULE["refresh-memberships"] = _beat_every(
    "guardduty_hub.accounts.memberships_refresh_all", MEMBERSHIP_REFRESH_SECONDS
)
# GuardDuty configuration (lists, rules, detectors) is read back with the memberships.
CELERY_BEAT_SCHEDULE["refresh-configuration"] = _beat_every(
    "guardduty_hub.configuration.refresh_all", MEMBERSHIP_REFRESH_SECONDS
)

# --- Sync -------------------------------------------------------------------------------------
SYNC_INTERVAL_SECONDS = env_int("SYNC_INTERVAL_SECONDS", 300)
# Archive state changed outside the hub does not move updatedAt: re-check it this often.
SYNC_RECONCILE_INTERVAL_SECONDS = env_int("SYNC_RECONCILE_INTERVAL_SECONDS", 3600)
# Each incremental run re-lists this much before the watermark (late or skewed updatedAt).
SYNC_OVERLAP_SECONDS = env_int("SYNC_OVERLAP_SECONDS", 300)
# A run's claim on its (administrator, region); renewed per page, longer than the hard limit.
SYNC_TASK_TIME_LIMIT = env_int("SYNC_TASK_TIME_LIMIT", CELERY_TASK_TIME_LIMIT)
SYNC_LEASE_SECONDS = env_int("SYNC_LEASE_SECONDS", SYNC_TASK_TIME_LIMIT + 120)
# Retries of transient AWS errors inside a page, on top of botocore's own.
SYNC_PAGE_ATTEMPTS = env_int("SYNC_PAGE_ATTEMPTS", 5)
SYNC_RETRY_BASE_SECONDS = env_int("SYNC_RETRY_BASE_MS", 1000) / 1000
SYNC_RETRY_MAX_SECONDS = env_int("SYNC_RETRY_MAX_MS", 30000) / 1000
# Beat only fans out: one task per enabled (administrator, region), expiring after an interval.
CELERY_BEAT_SCHEDULE["sync-findings"] = _beat_every(
    "guardduty_hub.sync.sync_all", SYNC_INTERVAL_SECONDS
)
CELERY_BEAT_SCHEDULE["reconcile-archived-findings"] = _beat_every(
    "guardduty_hub.sync.reconcile_all", SYNC_RECONCILE_INTERVAL_SECONDS
)

# --- Finding list -----------------------------------------------------------------------------
# "Select all N matching": up to this many findings are acted on in the request; more run as a
# background operation with a progress page.
FINDINGS_BULK_INLINE_MAX = env_int("FINDINGS_BULK_INLINE_MAX", 500, minimum=1)
# Above this many visible accounts the list's account filter is a search-as-you-type picker
# instead of a checkbox per account.
FINDINGS_ACCOUNT_PICKER_THRESHOLD = env_int("FINDINGS_ACCOUNT_PICKER_THRESHOLD", 200, minimum=0)

# --- Event ingest (EventBridge -> SQS -> `manage.py consume_findings`) -------------------------
# The hub's queue of GuardDuty finding events (README "Near-real-time findings"); empty: the
# consumer has nothing to read and polling alone keeps findings current.
INGEST_QUEUE_URL = env("INGEST_QUEUE_URL", "")
INGEST_QUEUE_REGION = env("INGEST_QUEUE_REGION", "") or AWS_DEFAULT_REGION
# A batch is committed when it holds this many messages or its first message waited this long.
INGEST_BATCH_SIZE = env_int("INGEST_BATCH_SIZE", 100, minimum=1)
INGEST_BATCH_WINDOW_SECONDS = env_int("INGEST_BATCH_WINDOW_MS", 300) / 1000
# Received messages stay hidden from other consumers this long; longer than a batch takes.
INGEST_VISIBILITY_TIMEOUT = env_int("INGEST_VISIBILITY_TIMEOUT", 60, minimum=1)
# A message handed out this many times without being stored is dead-lettered with its last
# error (the queue's own RedrivePolicy, set higher, catches a consumer that dies on it).
INGEST_MAX_RECEIVES = env_int("INGEST_MAX_RECEIVES", 5, minimum=1)
# setup_event_ingest: names of the resources it creates in the hub's account and region.
INGEST_QUEUE_NAME = env("INGEST_QUEUE_NAME", "guardduty-hub-findings")
INGEST_EVENT_BUS_NAME = env("INGEST_EVENT_BUS_NAME", "guardduty-hub")
# Role in each administrator account EventBridge uses to forward to another region's bus.
INGEST_FORWARDER_ROLE_NAME = env("INGEST_FORWARDER_ROLE_NAME", "GuardDutyHubEventForwarder")

# --- SLA clocks (findings/sla.py) -------------------------------------------------------------
# Seconds per severity band, counted from the finding's first seen: a New finding is due to be
# acknowledged (any other open status) within SLA_ACKNOWLEDGE, an open one to be resolved (or
# judged a false positive) within SLA_RESOLVE. The resolve times are the issue's; acknowledging
# is the on-call part: Critical within the hour, Low within a few days.
SLA_BANDS = ("critical", "high", "medium", "low")
_HOUR, _DAY = 3600, 86400
SLA_ACKNOWLEDGE = env_durations(
    "SLA_ACKNOWLEDGE",
    {"critical": _HOUR, "high": 4 * _HOUR, "medium": _DAY, "low": 3 * _DAY},
    keys=SLA_BANDS,
)
SLA_RESOLVE = env_durations(
    "SLA_RESOLVE",
    {"critical": _DAY, "high": 7 * _DAY, "medium": 30 * _DAY, "low": 90 * _DAY},
    keys=SLA_BANDS,
)
for _band in SLA_BANDS:
    if SLA_ACKNOWLEDGE[_band] > SLA_RESOLVE[_band]:
        raise ImproperlyConfigured(
            f"SLA_ACKNOWLEDGE for {_band} is longer than its SLA_RESOLVE: a finding would be "
            "due to be resolved before it is due to be acknowledged."
        )

# --- Metrics (/metrics, Prometheus text format) ----------------------------------------------
# A scrape passes with `Authorization: Bearer <token>` or from one of these addresses or
# networks (REMOTE_ADDR); with neither set /metrics answers 404.
METRICS_TOKEN = env_secret("METRICS_TOKEN")
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", [])
for _network in METRICS_ALLOWED_IPS:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"METRICS_ALLOWED_IPS: {_network!r} is not an address or network."
        ) from None

# --- Notifications (webhook, Slack, email; README "Notifications") ---------------------------
# Seals channel secrets (Fernet key or any passphrase); empty: derived from SECRET_KEY.
NOTIFICATIONS_KEY = env_secret("NOTIFICATIONS_KEY")
# At most one message per channel per window; the first finding of a quiet channel waits this
# gather time so that a burst's first page goes in one message.
NOTIFICATIONS_WINDOW_SECONDS = env_int("NOTIFICATIONS_WINDOW_SECONDS", 60, minimum=1)
NOTIFICATIONS_GATHER_SECONDS = env_int("NOTIFICATIONS_GATHER_SECONDS", 2)
NOTIFICATIONS_TIMEOUT_SECONDS = env_int("NOTIFICATIONS_TIMEOUT_SECONDS", 5, minimum=1)
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 5, minimum=1)
NOTIFICATIONS_RETRY_BASE_SECONDS = env_int("NOTIFICATIONS_RETRY_BASE_SECONDS", 10, minimum=1)
# Most findings listed in one message (the rest are counted).
NOTIFICATIONS_MAX_LISTED = env_int("NOTIFICATIONS_MAX_LISTED", 20, minimum=1)
# Beat sweeps for flushes and deliveries a lost worker left behind.
NOTIFICATIONS_SWEEP_SECONDS = env_int("NOTIFICATIONS_SWEEP_SECONDS", 30, minimum=5)
CELERY_BEAT_SCHEDULE["notifications-sweep"] = {
    "task": "guardduty_hub.notifications.sweep",
    "schedule": NOTIFICATIONS_SWEEP_SECONDS,
    "options": {"expires": NOTIFICATIONS_SWEEP_SECONDS},
}
# Webhook and Slack URLs may point at loopback, private, link-local and other non-public
# addresses, and use http:// (notifications/addresses.py): off, https:// to public addresses
# only (SSRF). On for the demo and tests' local receivers, or receivers on an internal network.
NOTIFICATIONS_ALLOW_PRIVATE_ADDRESSES = env_bool("NOTIFICATIONS_ALLOW_PRIVATE_ADDRESSES", False)
# Beat's scan for findings that just missed an SLA deadline (rules with "also when overdue").
NOTIFICATIONS_OVERDUE_SECONDS = env_int("NOTIFICATIONS_OVERDUE_SECONDS", 60, minimum=10)
CELERY_BEAT_SCHEDULE["notifications-overdue"] = _beat_every(
    "guardduty_hub.notifications.overdue", NOTIFICATIONS_OVERDUE_SECONDS
)
# Email channels: Django's mail settings.
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = NOTIFICATIONS_TIMEOUT_SECONDS
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "guardduty-hub@localhost")

# --- REST framework ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        # Hashed, named, revocable tokens (api/models.py ApiToken), not DRF's plain authtoken.
        "guardduty_hub.api.authentication.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "GuardDuty Hub API",
    "VERSION": "1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No badge fetched from validator.swagger.io: the page loads nothing from elsewhere (CSP).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # Several models have a "kind": name each enum after its model.
    "ENUM_NAME_OVERRIDES": {
        "AccountKindEnum": "guardduty_hub.accounts.models.AccountKind",
        "OperationKindEnum": "guardduty_hub.accounts.models.OperationKind",
        "SyncRunKindEnum": "guardduty_hub.sync.models.SyncRunKind",
        "FindingStatusEnum": "guardduty_hub.findings.choices.FindingStatus",
        "SyncRunStatusEnum": "guardduty_hub.sync.models.SyncRunStatus",
        "FeedbackEnum": "guardduty_hub.findings.choices.Feedback",
        "ListKindEnum": "guardduty_hub.configuration.models.ListKind",
        "RuleActionEnum": "guardduty_hub.configuration.models.RuleAction",
        # A membership operation's state and a bulk run's status: the same five values.
        "OperationStateEnum": "guardduty_hub.accounts.models.OperationState",
    },
}
# Requests per signed-in user (token or session) to the API, e.g. "1200/min"; empty: no limit.
API_THROTTLE_RATE = env("API_THROTTLE_RATE", "1200/min")
# PostgreSQL statement timeout of the web server's queries (gunicorn.conf.py sets it on each
# connection of its workers; Celery never reads that file), so one runaway query ends with an
# error page instead of holding a worker. Milliseconds; 0: none.
WEB_STATEMENT_TIMEOUT_MS = env_int("WEB_STATEMENT_TIMEOUT_MS", 10_000, minimum=0)

# "json": one JSON object per line (core/log_format.py), for log shippers; Celery workers too.
LOG_FORMAT = env_choice("LOG_FORMAT", "text", ("text", "json"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "client_errors_on_one_line": {"()": "guardduty_hub.core.log_filters.ClientErrorsOnOneLine"}
    },
    "formatters": {"json": {"()": "guardduty_hub.core.log_format.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["client_errors_on_one_line"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "botocore": {"level": "WARNING"},
        "urllib3": {"level": "WARNING"},
    },
}
