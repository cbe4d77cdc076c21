"""The one-command demo: `python -m guardduty_hub.demo` (what `./scripts/demo` runs).

It runs the whole product on the embedded default (SQLite in ./var, Celery on kombu's
filesystem:// transport, the GuardDuty simulator as the AWS endpoint) and stops it on Ctrl-C.
"""
