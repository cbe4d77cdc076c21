"""A small world for the access tests: two administrators, three members, work on each.

The personas come from tests/fixtures/personas.py (admin_alice, analyst_bob, viewer_carol,
member_owner_dave owning 222222222222, scoped_frank: an Analyst scoped to 111111111111,
outsider_erin with no role), plus here:
- scoped_admin_gina: an Admin scoped to 111111111111 only;
- scoped_admin_hal: an Admin scoped to 111111111111 and the administrator 999999999999, so
  that membership operations within his scope are possible.

Everything is in the in-process simulator (`sim`), so a view that calls GuardDuty reaches moto
and never the network.
"""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.utils import timezone

from guardduty_hub.accounts.models import (
    AccountKind,
    AdministratorRegion,
    AwsAccount,
    Invitation,
    MembershipOperation,
    OperationItem,
    OperationKind,
)
from guardduty_hub.core import roles
from guardduty_hub.sync.models import SyncRun, SyncRunKind, SyncRunStatus, SyncState
from tests.fixtures.personas import make_user

ADMIN_ID = "999999999999"  # the administrator hal is scoped to
OTHER_ADMIN_ID = "888888888888"  # an administrator in nobody's scope
REGION = "us-east-1"


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    # Throttle counters live in the cache; each test starts with a full budget.
    cache.clear()
    yield
    cache.clear()


@dataclass
class World:
    members: list[AwsAccount]
    admin: AwsAccount
    other_admin: AwsAccount
    # Operations: over 111 and 222 (spans scopes), over 111 only (both under `admin`).
    wide_operation: MembershipOperation
    narrow_operation: MembershipOperation
    run: SyncRun
    other_run: SyncRun


def _administrator(account_id: str, name: str) -> AwsAccount:
    admin = AwsAccount.objects.create(
        account_id=account_id, name=name, kind=AccountKind.ADMINISTRATOR
    )
    AdministratorRegion.objects.create(administrator=admin, region=REGION, detector_id="d" * 32)
    return admin


def _operation(admin, accounts, by, result="") -> MembershipOperation:
    operation = MembershipOperation.objects.create(
        kind=OperationKind.SUSPEND,
        administrator=admin,
        created_by=by,
        state="done",
        finished_at=timezone.now(),
    )
    for account in accounts:
        OperationItem.objects.create(
            operation=operation,
            account=account,
            region=REGION,
            state="done",
            result=result or f"note about {account.account_id}",
        )
    return operation


def _run(admin) -> SyncRun:
    state = SyncState.objects.create(administrator=admin, region=REGION)
    return SyncRun.objects.create(
        state=state,
        kind=SyncRunKind.INCREMENTAL,
        status=SyncRunStatus.SUCCEEDED,
        finished_at=timezone.now(),
        fetched=7,
    )


@pytest.fixture
def scoped_admin_gina(db, member_accounts):
    """Admin scoped to 111111111111 only: manages that account, sees nothing else."""
    return make_user("gina", roles.ADMIN, scope=member_accounts[:1])


@pytest.fixture
def world(sim, admin_alice, member_accounts) -> World:
    admin = _administrator(ADMIN_ID, "Hub security")
    other = _administrator(OTHER_ADMIN_ID, "Other team's administrator")
    one, two, _ = member_accounts
    # A pending invitation of 222 (dave's account), as a refresh stored it.
    Invitation.objects.create(
        member=two,
        region=REGION,
        administrator_account_id=ADMIN_ID,
        invitation_id="inv-222",
        relationship_status="Invited",
    )
    return World(
        members=member_accounts,
        admin=admin,
        other_admin=other,
        wide_operation=_operation(admin, [one, two], admin_alice),
        narrow_operation=_operation(admin, [one], admin_alice),
        run=_run(admin),
        other_run=_run(other),
    )


@pytest.fixture
def scoped_admin_hal(db, world):
    """Admin scoped to 111111111111 and the administrator 999999999999."""
    return make_user("hal", roles.ADMIN, scope=[world.members[0], world.admin])
