"""Notification pages: channels with their rules and deliveries, for people who see every
account (messages carry findings of any account); changes for Admins of every account."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from guardduty_hub.accounts.scope import Verb, can
from guardduty_hub.findings.choices import SeverityBand
from guardduty_hub.notifications import sealed
from guardduty_hub.notifications.forms import ChannelForm, RuleForm
from guardduty_hub.notifications.models import Channel, Delivery, DeliveryAttempt, Rule
from guardduty_hub.notifications.services import channel_delete as delete_channel
from guardduty_hub.notifications.services import (
    channel_parts,
    channel_save,
    channel_send_test,
    rule_save,
)
from guardduty_hub.notifications.services import rule_delete as delete_rule
from guardduty_hub.notifications.tasks import delivery_send

RECENT_DELIVERIES = 50


def _may_view(user) -> None:
    if not can(user, Verb.VIEW):
        raise PermissionDenied("Notifications carry findings of every account.")


def _may_change(user) -> None:
    # MANAGE_SETTINGS over every account: the Admin role, unscoped.
    if not can(user, Verb.SYNC):
        raise PermissionDenied("Only Admins of every account change notifications.")


def _band_labels(bands) -> str:
    return ", ".join(SeverityBand(b).label for b in sorted(bands)) or "every severity"


def _occasions(rule: Rule) -> str:
    """When the rule sends: "new, updated, overdue"."""
    names = {"new": rule.on_new, "updated": rule.on_updated, "overdue": rule.notify_overdue}
    return ", ".join(name for name, ticked in names.items() if ticked)


def channel_list(request):
    _may_view(request.user)
    channels = Channel.objects.annotate(rule_count=Count("rules")).order_by("name")
    return render(
        request,
        "notifications/channel_list.html",
        {"channels": channels, "can_change": can(request.user, Verb.SYNC)},
    )


def channel_detail(request, pk: int):
    _may_view(request.user)
    channel = get_object_or_404(Channel, pk=pk)
    deliveries = (
        Delivery.objects.filter(channel=channel)
        .prefetch_related(
            Prefetch("attempt_rows", queryset=DeliveryAttempt.objects.order_by("number"))
        )
        .order_by("-created_at", "-id")[:RECENT_DELIVERIES]
    )
    rules = [
        {"rule": rule, "bands": _band_labels(rule.bands), "occasions": _occasions(rule)}
        for rule in channel.rules.order_by("name")
    ]
    return render(
        request,
        "notifications/channel_detail.html",
        {
            "channel": channel,
            "url_state": sealed.describe(channel.url),
            "secret_state": sealed.describe(channel.signing_secret),
            "rules": rules,
            "deliveries": deliveries,
            "can_change": can(request.user, Verb.SYNC),
        },
    )


def _channel_form(request, channel: Channel | None):
    form = ChannelForm(request.POST or None, instance=channel)
    if request.method == "POST" and form.is_valid():
        saved = channel_save(request.user, form)
        messages.success(request, f"Channel {saved.name} saved.")
        return redirect("notifications:channel", pk=saved.pk)
    return render(request, "notifications/channel_form.html", {"form": form, "channel": channel})


def channel_new(request):
    _may_change(request.user)
    return _channel_form(request, None)


def channel_edit(request, pk: int):
    _may_change(request.user)
    return _channel_form(request, get_object_or_404(Channel, pk=pk))


def channel_delete(request, pk: int):
    """GET: what goes with the channel; POST: delete it (audited)."""
    _may_change(request.user)
    channel = get_object_or_404(Channel, pk=pk)
    if request.method == "POST":
        delete_channel(request.user, channel)
        messages.success(request, f"Channel {channel.name} deleted.")
        return redirect("notifications:channels")
    context = {"channel": channel, "parts": channel_parts(channel)}
    return render(request, "notifications/channel_delete.html", context)


def channel_test(request, pk: int):
    _may_change(request.user)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    channel = get_object_or_404(Channel, pk=pk)
    with transaction.atomic():
        delivery = channel_send_test(channel)
        transaction.on_commit(lambda: delivery_send.delay(delivery.pk))
    messages.info(request, "Test message queued: its delivery appears below.")
    return redirect("notifications:channel", pk=channel.pk)


def _rule_form(request, channel: Channel, rule: Rule | None):
    form = RuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        saved = rule_save(request.user, form, channel)
        messages.success(request, f"Rule {saved.name} saved.")
        return redirect("notifications:channel", pk=channel.pk)
    context = {"form": form, "channel": channel, "rule": rule}
    return render(request, "notifications/rule_form.html", context)


def rule_new(request, pk: int):
    _may_change(request.user)
    return _rule_form(request, get_object_or_404(Channel, pk=pk), None)


def rule_edit(request, pk: int):
    _may_change(request.user)
    rule = get_object_or_404(Rule.objects.select_related("channel"), pk=pk)
    return _rule_form(request, rule.channel, rule)


def rule_delete(request, pk: int):
    _may_change(request.user)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    rule = get_object_or_404(Rule.objects.select_related("channel"), pk=pk)
    delete_rule(request.user, rule)
    messages.success(request, f"Rule {rule.name} deleted.")
    return redirect("notifications:channel", pk=rule.channel_id)
