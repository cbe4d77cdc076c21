"""The Content-Security-Policy refuses inline scripts and on* handlers (core/security.py): a
template that brings one back breaks its page in the browser, so it fails here first."""

import re

import pytest

from tests.foundation.envtools import REPO_ROOT

TEMPLATES = sorted(
    [*(REPO_ROOT / "templates").rglob("*.html"), *(REPO_ROOT / "guardduty_hub").rglob("*.html")]
)
# <script> without src (JSON data blocks with a type are not run, so they are allowed).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_no_inline_script(path):
    text = path.read_text()
    for pattern in (INLINE_SCRIPT, HANDLER, JAVASCRIPT_URL):
        found = pattern.search(text)
        assert found is None, f"{found.group(0)!r}: move it to a file in static/js/"
