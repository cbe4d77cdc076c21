"""Fields the API's serializers share."""

from rest_framework import serializers


class AccountIdField(serializers.CharField):
    """A related AWS account, shown by its 12-digit id: how every API row names an account.

    `AccountIdField("state.administrator")` reads `state.administrator.account_id`; read only.
    """

    def __init__(self, relation: str, **kwargs) -> None:
        super().__init__(source=f"{relation}.account_id", read_only=True, **kwargs)
