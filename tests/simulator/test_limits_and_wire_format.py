"""Server-side limits and GuardDuty's error wire format (reference section 1)."""

import json

import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from tests.simulator.conftest import MEMBER


def _error(call):
    with pytest.raises(ClientError) as caught:
        call()
    return caught.value.response


@pytest.mark.parametrize(
    ("operation", "list_name"),
    [
        ("invite_members", "AccountIds"),
        ("get_members", "AccountIds"),
        ("disassociate_members", "AccountIds"),
        ("delete_members", "AccountIds"),
        ("start_monitoring_members", "AccountIds"),
        ("stop_monitoring_members", "AccountIds"),
        ("get_member_detectors", "AccountIds"),
    ],
)
def test_more_than_50_accounts_is_a_400(gd_sim, operation, list_name):
    ids = [f"{100000000000 + n}" for n in range(51)]
    response = _error(
        lambda: getattr(gd_sim.guardduty(), operation)(
            DetectorId=gd_sim.detector(), **{list_name: ids}
        )
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Code"] == "BadRequestException"
    assert "was 51. Max allowed length is 50." in response["Error"]["Message"]


def test_create_members_with_132_details_reports_aws_message(gd_sim):
    details = [{"AccountId": f"{100000000000 + n}", "Email": "r@example.com"} for n in range(132)]
    response = _error(
        lambda: gd_sim.guardduty().create_members(
            DetectorId=gd_sim.detector(), AccountDetails=details
        )
    )
    assert response["Error"]["Message"] == (
        "The request failed because the length provided for the accountDetails array was 132. "
        "Max allowed length is 50."
    )


def test_invitation_batches_capped_too(gd_sim):
    gd_sim.detector(MEMBER)
    ids = [f"{100000000000 + n}" for n in range(51)]
    response = _error(lambda: gd_sim.guardduty(MEMBER).decline_invitations(AccountIds=ids))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400


# 0 fails botocore's own validation (min 1); the maxima are the server's job.
@pytest.mark.parametrize("max_results", [51, 100])
def test_max_results_outside_1_to_50(gd_sim, max_results):
    detector = gd_sim.detector()
    for call in (
        lambda: gd_sim.guardduty().list_members(DetectorId=detector, MaxResults=max_results),
        lambda: gd_sim.guardduty().list_invitations(MaxResults=max_results),
        lambda: gd_sim.guardduty().list_detectors(MaxResults=max_results),
    ):
        response = _error(call)
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
        assert response["Error"]["Code"] == "BadRequestException"


def test_garbage_next_token_is_a_400(gd_sim):
    response = _error(
        lambda: gd_sim.guardduty().list_members(
            DetectorId=gd_sim.detector(), NextToken="not-a-token"
        )
    )
    assert response["Error"]["Code"] == "BadRequestException"


def _signed(method, url, body=None):
    request = AWSRequest(
        method=method, url=url, data=body, headers={"Content-Type": "application/json"}
    )
    SigV4Auth(Credentials("testing", "testing"), "guardduty", "us-east-1").add_auth(request)
    return requests.request(method, url, data=body, headers=dict(request.headers), timeout=10)


@pytest.mark.server
def test_raw_error_wire_format_over_http(simulator_http):
    endpoint = simulator_http.endpoint
    detector = simulator_http.detector()
    too_many = json.dumps({"accountIds": [f"{100000000000 + n}" for n in range(51)]})
    response = _signed("POST", f"{endpoint}/detector/{detector}/member/get", too_many)
    assert response.status_code == 400
    assert response.headers["x-amzn-ErrorType"] == "BadRequestException"
    assert response.json() == {
        "message": "The request failed because the length provided for the accountIds array "
        "was 51. Max allowed length is 50.",
        "__type": "InvalidInputException",
    }
    foreign = _signed("GET", f"{endpoint}/detector/{'0' * 32}/member")
    assert foreign.status_code == 400
    assert foreign.json()["message"] == (
        "The request is rejected because the input detectorId is not owned by the current account."
    )
    page = _signed("GET", f"{endpoint}/detector/{detector}/member?onlyAssociated=false")
    assert page.status_code == 200
    assert page.json() == {"members": [], "nextToken": ""}
