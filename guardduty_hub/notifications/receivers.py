"""The upsert hook: queue the findings a written page brings to each channel's rules.

Runs inside the page's transaction (findings.signals.finding_page_upserted): the queued items
(the outbox) commit or roll back with the findings, so a consumer killed mid-batch queues
nothing twice and loses nothing. Only the flush is scheduled after the commit. With no rule
this is one cache read; with rules, one INSERT ... ON CONFLICT for the states and one insert of
the items per page, and only for findings some rule matched.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from guardduty_hub.notifications import outbox
from guardduty_hub.notifications.models import Channel, Rule
from guardduty_hub.notifications.rules import active_rules, forget_rules
from guardduty_hub.notifications.tasks import channel_flush_soon


def notifications_queue_page_signal(
    sender, findings, created_ids=(), reopened_ids=(), **kwargs
) -> None:
    rules = active_rules()
    if not rules:
        return
    channels = outbox.notifications_queue(
        findings, rules, created=set(created_ids), reopened=set(reopened_ids), now=timezone.now()
    )
    if channels:
        transaction.on_commit(lambda: channel_flush_soon(channels))


def connect_rule_cache() -> None:
    for model in (Rule, Channel):
        post_save.connect(forget_rules, sender=model, dispatch_uid=f"notifications.forget.{model}")
        post_delete.connect(
            forget_rules, sender=model, dispatch_uid=f"notifications.forget_del.{model}"
        )
