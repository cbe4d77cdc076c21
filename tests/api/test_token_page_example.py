"""The token page shows a command to try a new token with, and that command works."""

import html
import re

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_new_token_comes_with_a_working_example(client, viewer_carol):
    client.force_login(viewer_carol)
    page = client.post("/api-tokens/", {"name": "try it"}).content.decode()
    example = re.search(r'<pre id="token-example"><code>(.*?)</code></pre>', page, re.S)
    assert example, "an example command is shown with the new key"
    command = html.unescape(example.group(1))
    key, url = re.fullmatch(
        r'curl -H "Authorization: Token (\S+)" "http://testserver(\S+)"', command
    ).groups()
    answer = APIClient().get(url, HTTP_AUTHORIZATION=f"Token {key}")
    assert answer.status_code == 200
    assert "results" in answer.json()
    assert 'id="token-example"' not in client.get("/api-tokens/").content.decode()
