"""Writing the audit trail: one function, so every event has the same shape."""

from guardduty_hub.accounts.models import AuditEvent


def audit_record(actor, action: str, target, *, label: str = "", **details) -> AuditEvent:
    """Record that `actor` (a user or None for the system) did `action` to `target`.

    `target` is a model instance, or a (type, id) pair for things that are not rows.
    """
    if isinstance(target, tuple):
        target_type, target_id = target
    else:
        target_type, target_id = target._meta.label_lower, str(target.pk)
        label = label or str(target)
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_label=user.get_username() if user else "system",
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        target_label=label[:255],
        details=details,
    )


def audit_record_system_many(action: str, targets, **details) -> list[AuditEvent]:
    """The system did `action` to each of `targets` (model instances): one INSERT for all."""
    return AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=None,
            actor_label="system",
            action=action,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            target_label=str(target)[:255],
            details=details,
        )
        for target in targets
    )
