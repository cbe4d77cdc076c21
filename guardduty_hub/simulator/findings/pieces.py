"""What a type builder returns: boto3 PascalCase parts of one finding and the description words."""

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Pieces:
    resource: dict[str, Any]
    action: dict[str, Any] | None = None
    # Extra members of Service: RuntimeDetails, EbsVolumeScanDetails, Detection, ...
    service: dict[str, Any] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)
