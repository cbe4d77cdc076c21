"""Long-lived processes freeze what they loaded at start out of the garbage collector's sight.

A sync page allocates thousands of short-lived containers (parsed findings), so the collector
runs often, and each full collection walked every object the process had loaded as well: Django,
the app, botocore's service models, a few hundred thousand objects. That was about an eighth of
a sync's CPU. `gc.freeze()` moves them to a permanent generation; collections then walk only
what the work allocates. Called by Celery worker processes (guardduty_hub/celery.py), the
`sync_findings` command and the benches that stand in for a worker; gunicorn.conf.py does the
same for web workers.
"""

import gc


def freeze_loaded_heap() -> None:
    """Load what a worker will need, then freeze everything alive (call once per process)."""
    # Local for start-up cost, not a cycle: celery.py imports this module with the package, and
    # boto3/botocore would then load in every process, manage.py commands included.
    from guardduty_hub.aws.factory import preload_service_models

    preload_service_models()
    gc.collect()
    gc.freeze()
