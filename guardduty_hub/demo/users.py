"""The demo's sign-ins: one user per role, printed by the launcher.

Later issues add rows here (e.g. a member owner once account scopes exist). The password is
public on purpose: the demo listens on 127.0.0.1 and talks only to the simulator.
"""

from dataclasses import dataclass

from guardduty_hub.core import roles

DEMO_PASSWORD = "guardduty-demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    # Staff users may open the Django admin site (users, groups, later tokens and scopes).
    staff: bool = False


DEMO_USERS: list[DemoUser] = [
    DemoUser("admin", "Alice Admin", roles.ADMIN, staff=True),
    DemoUser("analyst", "Bob Analyst", roles.ANALYST),
    DemoUser("viewer", "Carol Viewer", roles.VIEWER),
    # Owns the demo member left Invited (scoped by guardduty_hub.demo.world).
    DemoUser("member", "Dave Member", roles.MEMBER_OWNER),
]


def create_demo_users() -> list[DemoUser]:
    """Create or refresh every demo user: idempotent, and resets the password each run."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user_model = get_user_model()
    for spec in DEMO_USERS:
        first, _, last = spec.full_name.partition(" ")
        user, _ = user_model.objects.get_or_create(username=spec.username)
        user.first_name, user.last_name = first, last
        user.is_staff = spec.staff
        user.is_superuser = spec.staff
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=spec.role)])
    return DEMO_USERS
