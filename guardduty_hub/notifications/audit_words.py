"""How the audit log reads the notifications app's events (accounts.audit_words holds the
registry). Imported by NotificationsConfig.ready()."""

from guardduty_hub.accounts.audit_words import counted, describe, labelled
from guardduty_hub.notifications.choices import ChannelKind

describe(
    "notifications.channel_delete",
    lambda d: (
        "Deleted the notification channel, with "
        + counted(d.get("rules", 0), "%(n)d rule", "%(n)d rules")
        + " and "
        + counted(d.get("deliveries", 0), "%(n)d delivery", "%(n)d deliveries")
    ),
    values={"kind": labelled(dict(ChannelKind.choices))},
)
describe(
    "notifications.channel_save",
    lambda d: "Added the notification channel" if d.get("created") else "Changed the channel",
    values={"kind": labelled(dict(ChannelKind.choices))},
    hidden=("created",),
)
describe(
    "notifications.rule_save",
    lambda d: (
        ("Added a rule to channel " if d.get("created") else "Changed a rule of channel ")
        + str(d.get("channel", ""))
    ),
)
describe(
    "notifications.rule_delete",
    lambda d: "Deleted a rule of channel " + str(d.get("channel", "")),
    hidden=("channel",),
)
