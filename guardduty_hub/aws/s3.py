"""S3, for the list files GuardDuty reads: the hub uploads them to the administrator's bucket."""

from __future__ import annotations

from guardduty_hub.aws import clients
from guardduty_hub.aws.errors import translate
from guardduty_hub.aws.sessions import AccountAccess


def put_list_file(access: AccountAccess, region: str, bucket: str, key: str, body: bytes) -> str:
    """Store `body` at s3://bucket/key (in the administrator's account); returns that location."""
    with translate("PutObject", access, region):
        clients.client(access, "s3", region).put_object(
            Bucket=bucket, Key=key, Body=body, ContentType="text/plain"
        )
    return f"s3://{bucket}/{key}"
