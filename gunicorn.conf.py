"""gunicorn's settings for the hub's web server: the one place the Dockerfile, docker-compose.yml
and bench/load.py take them from (`gunicorn --config gunicorn.conf.py guardduty_hub.wsgi`;
gunicorn also reads ./gunicorn.conf.py by itself). Command-line flags override them.
"""

import gc

# Three processes of four threads each (gthread). A request mostly waits for PostgreSQL; with
# one request per process, three slow lists would stop the site, while threads let the same
# process serve other pages meanwhile. Python is single-threaded per process, so more
# processes, not threads, are what more CPU cores want (about 2 per core, plus one).
workers = 3
threads = 4
# An idle keep-alive connection is kept this long: longer than a person's pause between
# clicks, so a browser reusing it never races the server closing it.
keepalive = 5
timeout = 30


# Memory of one sort or bitmap of a web query (PostgreSQL's default is 4 MB). A filtered list's
# total ("10,000+") reads its matches through bitmaps of two indexes (free text and account);
# at 4 MB they turn lossy and PostgreSQL re-reads ten times the rows (480 ms instead of 150 ms
# on a million findings).
WEB_WORK_MEM = "32MB"


# Compiled when a worker starts rather than by its first requests (with importing every view,
# ~0.4 s that the first visitors of each worker would wait).
WARM_TEMPLATES = ("base.html", "findings/list.html", "findings/_table.html")


def post_worker_init(worker):
    """Every PostgreSQL connection of this web worker gets the statement timeout
    (settings.WEB_STATEMENT_TIMEOUT_MS) and WEB_WORK_MEM; Celery workers never read this file.
    Then the worker imports its views, compiles its busiest templates and freezes what it loaded
    (gc.freeze) before serving."""
    from django.conf import settings
    from django.db.backends.signals import connection_created
    from django.template.loader import get_template
    from django.urls import reverse

    timeout_ms = settings.WEB_STATEMENT_TIMEOUT_MS

    def web_session(sender, connection, **kwargs):
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, false), set_config('work_mem', %s, false)",
                [str(timeout_ms), WEB_WORK_MEM],
            )

    connection_created.connect(web_session, weak=False, dispatch_uid="gdh-web-session")

    reverse("findings:list")  # imports the URLconf, so every view, and fills the reverse map
    for name in WARM_TEMPLATES:
        get_template(name)
    # Everything loaded so far lives as long as the worker: out of the garbage collector's
    # sight, a full collection no longer walks ~130,000 objects (a 50 ms pause every few hundred
    # requests).
    gc.collect()
    gc.freeze()
