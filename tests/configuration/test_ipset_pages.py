"""The lists page: sign-in, who may read and who may change, upload through the form."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guardduty_hub.configuration.models import IntelList
from tests.configuration.conftest import GOOD_TXT, HUB_ADMIN, guardduty_sets


@pytest.fixture
def page_url(hub_admin):
    return reverse("configuration:lists", args=[HUB_ADMIN])


def test_ipset_page_needs_sign_in(client, page_url):
    response = client.get(page_url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_ipset_page_viewer_reads_but_cannot_change(client_for, viewer_carol, page_url):
    client = client_for(viewer_carol)
    response = client.get(page_url)
    assert response.status_code == 200
    assert b"Add to every region" not in response.content
    add = reverse("configuration:list_add", args=[HUB_ADMIN])
    assert client.post(add, {"kind": "trusted"}).status_code == 403


def test_ipset_page_member_owner_sees_no_administrator(client_for, member_owner_dave, page_url):
    # Out of the member owner's scope: not found (tests/access/test_url_walk.py).
    assert client_for(member_owner_dave).get(page_url).status_code == 404


def test_ipset_upload_from_the_form(
    client_for, admin_alice, list_bucket, sim, page_url, django_capture_on_commit_callbacks
):
    client = client_for(admin_alice)
    upload = SimpleUploadedFile("office.txt", GOOD_TXT, content_type="text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("configuration:list_add", args=[HUB_ADMIN]),
            {"kind": "trusted", "name": "office", "format": "TXT", "file": upload, "active": "on"},
        )
    assert response.status_code == 302 and "/accounts/operations/" in response["Location"]
    assert guardduty_sets(sim)["office"][0] == "ACTIVE"
    page = client.get(page_url).content.decode()
    assert 'data-list="office"' in page and 'data-drift="false"' in page


def test_ipset_form_shows_bad_lines(client_for, admin_alice, list_bucket, sim):
    upload = SimpleUploadedFile("bad.txt", b"10.0.0.1\n<script>x</script>\n")
    response = client_for(admin_alice).post(
        reverse("configuration:list_add", args=[HUB_ADMIN]),
        {"kind": "trusted", "name": "office", "format": "TXT", "file": upload},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Line 2:" in text and "<script>x" not in text  # escaped
    assert not IntelList.objects.exists()
