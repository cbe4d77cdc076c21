"""A finding's long fields, fetched when the analyst asks for them (the detail page's
"Show the whole description" and "Raw finding (JSON)").

A finding's text is untrusted and can be huge (a 200,000-character description took Chromium
7-14 s to lay out inline), so the detail page carries the start of the description
(findings_tags.clip) and none of the raw JSON; this view returns the whole field: an escaped
HTML fragment for htmx, plain text for a browser without the script (the same link).
"""

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from guardduty_hub.core import capabilities as cap
from guardduty_hub.findings import explain
from guardduty_hub.findings.selectors import finding_for

# field name in the URL -> the text of it
FIELDS = {
    "description": lambda finding: finding.description,
    "raw": lambda finding: explain.pretty_json(finding.raw),
}


@permission_required(cap.VIEW_FINDINGS, raise_exception=True)
def finding_full_field(request, pk: int, field: str):
    if field not in FIELDS:
        raise Http404("No such field.")
    text = FIELDS[field](finding_for(request.user, pk))
    if request.headers.get("HX-Request") != "true":
        return HttpResponse(text, content_type="text/plain; charset=utf-8")
    return render(request, "findings/_full_field.html", {"field": field, "text": text})
