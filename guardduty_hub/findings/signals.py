"""Signals the findings app sends to the apps above it, which connect in their AppConfig.ready.

findings sits below sync in the hub's layers (pyproject.toml [tool.importlinter]): it announces
what happened and never imports the app that reacts.
"""

from django.dispatch import Signal

# Sample findings were created in GuardDuty, inside the caller's transaction.
# Arguments: pairs, a list of (account id, region). The sync app queues those regions' syncs.
samples_generated = Signal()

# A page of findings was written by `upsert.finding_upsert_page`, inside its transaction.
# Arguments: findings, a list of (row id, FindingValues) of the findings the page created or
# changed; api_region; created_ids, the row ids among them the page created; reopened_ids, those
# it sent back to New because they re-occurred. The investigations app writes their indicators;
# the notifications app queues the messages its rules ask for.
finding_page_upserted = Signal()

# A "select all matching" run was created (bulk_matching.bulk_matching_start), inside the
# caller's transaction. Arguments: operation. The findings tasks queue it after commit.
bulk_operation_queued = Signal()
