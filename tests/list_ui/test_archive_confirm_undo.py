"""Bulk "Archive in GuardDuty" asks first with the count, and its result offers "Unarchive
these", which unarchives exactly those findings in GuardDuty."""

import re

from django.urls import reverse

from tests.list_ui.conftest import archived_in_guardduty, put_findings


def test_archive_asks_with_the_count_then_offers_unarchive_these(client_for, analyst_bob, gd_world):
    chosen = put_findings(gd_world, 3)
    other = put_findings(gd_world, 1, title="Left alone")
    client = client_for(analyst_bob)
    asked = {"ids": [f.pk for f in chosen], "action": "archive", "next": "/findings/?q=Port"}

    question = client.post(reverse("findings:bulk"), asked)
    page = question.content.decode()
    assert question.status_code == 200
    assert "Archive 3 findings in GuardDuty?" in page
    assert "Archive in GuardDuty: 3 findings" in page  # the button says the count again
    assert set(archived_in_guardduty(chosen).values()) == {False}  # nothing written yet

    done = client.post(reverse("findings:bulk"), {**asked, "confirmed": "yes"}, follow=True)
    assert done.redirect_chain == [("/findings/?q=Port", 302)]
    (message,) = [str(m) for m in done.context["messages"]]
    assert message.startswith("3 findings archived in GuardDuty.")
    assert set(archived_in_guardduty(chosen).values()) == {True}
    assert set(archived_in_guardduty(other).values()) == {False}

    # The message's form: unarchive, the same ids, back to the same list.
    undo = re.search(
        r'<form method="post" action="([^"]+)" class="inline undo">(.*?)</form>', message
    )
    assert undo and ">Unarchive these</button>" in undo.group(2)
    fields = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', undo.group(2))
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    assert data["action"] == ["unarchive"]
    assert sorted(map(int, data["ids"])) == [f.pk for f in chosen]
    assert data["next"] == ["/findings/?q=Port"]
    back = client.post(undo.group(1), data, follow=True)
    (said,) = [str(m) for m in back.context["messages"]]
    # ... which offers the way back again (archiving asks first, as above).
    assert said.startswith("3 findings unarchived in GuardDuty.") and "Archive these" in said
    assert set(archived_in_guardduty(chosen).values()) == {False}
