"""Notifications: channels (webhook, Slack, email), rules choosing findings for them, and the
deliveries made, each attempt a row. See README "Notifications"."""
