"""Generate sample findings (Admin): CreateSampleFindings for chosen accounts, regions, types."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render

from guardduty_hub.accounts.selectors import hub_regions
from guardduty_hub.aws import gateway
from guardduty_hub.core import capabilities as cap
from guardduty_hub.findings.forms import SampleFindingsForm
from guardduty_hub.findings.selectors import visible_accounts
from guardduty_hub.findings.services import findings_generate_samples

MESSAGE_PAIRS = 6  # account / region pairs named in the success message; the rest are counted


@permission_required(cap.GENERATE_SAMPLES, raise_exception=True)
def finding_samples(request):
    accounts = visible_accounts(request.user)
    # The hub's regions first (where samples will be synced from), then every other one.
    ours = hub_regions()
    regions = ours + sorted(set(gateway.candidate_regions()) - set(ours))
    form = SampleFindingsForm(
        request.POST or None, accounts=accounts, regions=regions, initial={"regions": ours}
    )
    if request.method == "POST" and form.is_valid():
        chosen = [a for a in accounts if a.account_id in form.cleaned_data["accounts"]]
        result = findings_generate_samples(
            request.user, chosen, form.cleaned_data["regions"], form.cleaned_data["types"]
        )
        if result.created:
            where = ", ".join(f"{a} / {r}" for a, r in result.created[:MESSAGE_PAIRS])
            more = len(result.created) - MESSAGE_PAIRS
            where += f" and {more} more" if more > 0 else ""
            messages.success(request, f"Samples created in {where}.")
        for (account_id, region), message in result.failed.items():
            messages.error(request, f"{account_id} / {region}: {message}")
        if result.created:
            messages.info(request, "They appear in the list after the next sync (queued now).")
        return redirect("findings:samples")
    return render(request, "findings/samples.html", {"form": form, "hub_regions": ours})
