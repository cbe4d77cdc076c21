"""Where GuardDuty reads trusted IP and threat list files: S3 objects in moto's S3.

GuardDuty takes `s3://bucket/key` and the https:// forms of S3 object URLs (path style
`https://s3[.region].amazonaws.com/bucket/key`, virtual-hosted `https://bucket.s3[.region]
.amazonaws.com/key`). An S3 location is readable when moto's S3 holds the object, whichever
account owns the bucket (bucket names are global).
"""

import re
from urllib.parse import unquote, urlparse

_VIRTUAL_HOST = re.compile(r"^(?P<bucket>.+)\.s3([.-][a-z0-9-]+)?\.amazonaws\.com$")
_PATH_HOST = re.compile(r"^s3([.-][a-z0-9-]+)?\.amazonaws\.com$")


def s3_object(location: str) -> tuple[str, str] | None:
    """(bucket, key) of an S3 location; None for a location outside S3."""
    parsed = urlparse(location)
    path = unquote(parsed.path.lstrip("/"))
    if parsed.scheme == "s3":
        return (parsed.netloc, path) if parsed.netloc and path else None
    if parsed.scheme != "https":
        return None
    host = parsed.hostname or ""
    virtual = _VIRTUAL_HOST.match(host)
    if virtual:
        return (virtual["bucket"], path) if path else None
    if _PATH_HOST.match(host) and "/" in path:
        bucket, key = path.split("/", 1)
        return bucket, key
    return None


def readable(location: str) -> bool:
    found = s3_object(location)
    if found is None:
        return location.startswith("https://")
    from moto.s3.models import s3_backends

    bucket_name, key = found
    owner = s3_backends.bucket_accounts.get(bucket_name)
    if owner is None:
        return False
    partition, account_id = owner
    bucket = s3_backends[account_id][partition].buckets.get(bucket_name)
    return bucket is not None and bucket.keys.get(key) is not None
