"""Each user's own settings: the time zone pages show times in (UTC by default)."""

from django.contrib import messages
from django.shortcuts import redirect, render

from guardduty_hub.findings.forms import PreferencesForm
from guardduty_hub.findings.timezones import profile_set_time_zone, user_time_zone


def preferences(request):
    form = PreferencesForm(
        request.POST or None, initial={"time_zone": user_time_zone(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        profile_set_time_zone(request.user, form.cleaned_data["time_zone"], request.session)
        messages.success(request, f"Times are now shown in {form.cleaned_data['time_zone']}.")
        return redirect("findings:preferences")
    return render(request, "findings/preferences.html", {"form": form})
