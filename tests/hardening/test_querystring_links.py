"""{% querystring %} writes the whole query string, its "?" included: a template that puts a "?"
before it links to "??a=1&page=2", and the first parameter (a filter) is lost on the next page.
"""

import re
from pathlib import Path

from django.conf import settings

QUESTION_MARK_BEFORE_TAG = re.compile(r"\?\{%\s*querystring\b")


def test_no_template_writes_a_question_mark_before_querystring():
    roots = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]] + [
        Path(settings.BASE_DIR) / "guardduty_hub"
    ]
    offenders = [
        f"{path}:{number}"
        for root in roots
        for path in root.rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if QUESTION_MARK_BEFORE_TAG.search(line)
    ]
    assert offenders == []
