"""Time a 5,000-row CSV going through the upload view end to end (validate + import, no AWS).

Runs against a temporary database: a fresh SQLite file, or, when DATABASE_URL is set, a
`test_<name>` database created next to it and dropped afterwards. Prints exactly one JSON line:
{"metric": "csv_5000_seconds", "value": ..., "target": 2, "better": "lower"}

    .venv/bin/python bench/csv_import.py
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROWS = 5000


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    tmp = tempfile.TemporaryDirectory(prefix="gdh-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guardduty_hub.settings")
    os.environ["GDH_VAR_DIR"] = tmp.name
    os.environ.setdefault("LOG_LEVEL", "WARNING")

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    if connection.vendor == "sqlite":
        # A file, not :memory:, so the numbers match a real deployment's SQLite.
        connection.settings_dict["TEST"]["NAME"] = str(Path(tmp.name) / "bench.sqlite3")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(json.dumps(measure()))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        tmp.cleanup()


def measure() -> dict:
    from django.contrib.auth.models import Group, User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from guardduty_hub.accounts.models import AwsAccount
    from guardduty_hub.core.roles import ADMIN

    admin = User.objects.create_user("bench-admin")
    admin.groups.add(Group.objects.get(name=ADMIN))
    client = Client()
    client.force_login(admin)
    lines = ["Account ID,Email"]
    lines += [f"{100000000000 + n},member{n}@example.com" for n in range(ROWS)]
    content = ("\r\n".join(lines) + "\r\n").encode()

    upload = SimpleUploadedFile("members.csv", content, "text/csv")
    started = time.perf_counter()
    response = client.post("/accounts/import/", {"file": upload})
    elapsed = time.perf_counter() - started
    imported = AwsAccount.objects.count()
    if response.status_code != 302 or imported != ROWS:
        raise SystemExit(
            f"upload failed: HTTP {response.status_code}, {imported} accounts imported"
        )
    return {
        "metric": "csv_5000_seconds",
        "value": round(elapsed, 3),
        "target": 2,
        "better": "lower",
    }


if __name__ == "__main__":
    main()
