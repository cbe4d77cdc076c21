"""GuardDuty's error wire format.

Real GuardDuty answers HTTP 400 with `x-amzn-ErrorType: BadRequestException` and a body
`{"message": ..., "__type": "InvalidInputException"}`; botocore takes the code from the header.
"""

import json
from typing import Any

from moto.core.exceptions import JsonRESTError


class GuardDutyError(JsonRESTError):
    def __init__(
        self,
        message: str,
        *,
        status: int = 400,
        error_type: str = "BadRequestException",
        legacy_type: str = "InvalidInputException",
    ) -> None:
        super().__init__(legacy_type, message)
        # Set after moto's __init__, which stores the body's legacy type as error_type.
        self.amzn_error_type = error_type
        self.code = status
        # JsonRESTError's body says "message" and "__type"; GuardDuty sends exactly those.
        self.description = json.dumps({"message": message, "__type": legacy_type})

    def get_headers(self, *args: Any, **kwargs: Any) -> list[tuple[str, str]]:
        return [("X-Amzn-ErrorType", self.amzn_error_type), ("Content-Type", "application/json")]


def bad_request(message: str) -> GuardDutyError:
    return GuardDutyError(message)


def invalid_parameter(name: str) -> GuardDutyError:
    return GuardDutyError(
        f"The request is rejected because the parameter {name} has an invalid value."
    )


def too_many(name: str, length: int, maximum: int = 50) -> GuardDutyError:
    return GuardDutyError(
        f"The request failed because the length provided for the {name} array was {length}. "
        f"Max allowed length is {maximum}."
    )


def detector_not_owned() -> GuardDutyError:
    return GuardDutyError(
        "The request is rejected because the input detectorId is not owned by the current account."
    )


def access_denied(message: str) -> GuardDutyError:
    return GuardDutyError(
        message, status=403, error_type="AccessDeniedException", legacy_type="AccessDeniedException"
    )
