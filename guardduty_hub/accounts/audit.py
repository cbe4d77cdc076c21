"""Writing the audit trail: one function, so every event has the same shape."""

from django.utils.text import Truncator

from guardduty_hub.accounts.models import AuditEvent

LABEL_LENGTH = AuditEvent._meta.get_field("target_label").max_length
FINDING = "findings.finding"
# What a finding's label is made of (audit_label); loaded in one query when a caller's .only()
# left some out.
FINDING_LABEL_FIELDS = ("title", "type", "guardduty_id")


def audit_label(target) -> str:
    """How the trail names `target` (a model instance), cut to the column.

    A finding by its title, as people know it, then its type: "<title> · <type>" (a long title
    is shortened, never the type). Without a title, its type and GuardDuty id (Finding.__str__,
    which Django admin and others keep using). Anything else by str().
    """
    if target._meta.label_lower != FINDING or not target.title.strip():
        return str(target)[:LABEL_LENGTH]
    # Finding text is free-form (newlines, runs of spaces): one line in the log.
    title = " ".join(target.title.split())
    suffix = f" · {target.type}"
    title = Truncator(title).chars(LABEL_LENGTH - len(suffix))
    return f"{title}{suffix}"[:LABEL_LENGTH]


def audit_record(actor, action: str, target, *, label: str = "", **details) -> AuditEvent:
    """Record that `actor` (a user or None for the system) did `action` to `target`.

    `target` is a model instance, or a (type, id) pair for things that are not rows.
    """
    if isinstance(target, tuple):
        target_type, target_id = target
    else:
        target_type, target_id = target._meta.label_lower, str(target.pk)
        label = label or audit_label(target)
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_label=user.get_username() if user else "system",
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        target_label=label[:LABEL_LENGTH],
        details=details,
    )


def audit_record_system_many(action: str, targets, **details) -> list[AuditEvent]:
    """The system did `action` to each of `targets` (model instances): one INSERT for all."""
    targets = list(targets)
    _load_finding_label_fields(targets)
    return AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=None,
            actor_label="system",
            action=action,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            target_label=audit_label(target),
            details=details,
        )
        for target in targets
    )


def _load_finding_label_fields(targets: list) -> None:
    """Fill in the label's columns that the caller's .only() deferred: one query for all the
    targets, where reading each deferred title would cost a query per finding."""
    partial = [
        t
        for t in targets
        if t._meta.label_lower == FINDING
        and t.get_deferred_fields().intersection(FINDING_LABEL_FIELDS)
    ]
    if not partial:
        return
    model = type(partial[0])
    loaded = model._base_manager.filter(pk__in=[t.pk for t in partial]).values(
        "pk", *FINDING_LABEL_FIELDS
    )
    by_pk = {row.pop("pk"): row for row in loaded}
    for target in partial:
        row = by_pk.get(target.pk, {})  # a row gone meanwhile: no title rather than a query
        for field in target.get_deferred_fields().intersection(FINDING_LABEL_FIELDS):
            setattr(target, field, row.get(field, ""))
