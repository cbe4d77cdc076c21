"""How simulator operations are declared.

A handler is a plain function taking a `Call` and returning the response body as a dict with
GuardDuty's wire (camelCase) names. `install()` turns every registered handler into a method of
moto's `GuardDutyResponse`, so moto's own dispatch (URL regex -> botocore model -> method name)
reaches it, in-process under `mock_aws` and in the HTTP server alike.

    @handles("ListInvitations")
    def list_invitations(call: Call) -> dict: ...
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Handler = Callable[["Call"], dict[str, Any] | None]

HANDLERS: dict[str, Handler] = {}


@dataclass
class Call:
    """One GuardDuty API request, as the handler sees it."""

    operation: str
    account_id: str
    region: str
    # Wire names: JSON body members, query string members and URI labels merged.
    params: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)

    @property
    def backend(self):
        """moto's GuardDutyBackend of the calling account and region."""
        from moto.guardduty.models import guardduty_backends

        return guardduty_backends[self.account_id][self.region]


def handles(operation: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        if operation in HANDLERS and HANDLERS[operation] is not func:
            raise RuntimeError(f"Two simulator handlers for {operation}")
        HANDLERS[operation] = func
        return func

    return register


# Per-(account, region) state that simulator modules add to moto's GuardDutyBackend. install()
# makes every backend get a fresh attribute from each factory, also after moto's reset().
STATE_FACTORIES: dict[str, Callable[[], Any]] = {}

# Run before every GuardDuty request, moto's own operations included (fault injection).
# A hook raises a GuardDutyError to fail the request.
BEFORE_CALL: list[Callable[[Call], None]] = []


def backend_state(name: str, factory: Callable[[], Any]) -> None:
    """Declare an attribute `name` that every GuardDutyBackend carries."""
    STATE_FACTORIES[name] = factory
