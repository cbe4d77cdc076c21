"""The GuardDuty side of bench/sync.py, bench/ingest.py and bench/fanout.py (bench/load.py too):
administrators' detectors seeded with findings in the simulator (an HTTP process), reached
through boto3 as any client would."""

import itertools
import random
from datetime import datetime, timedelta

ADMINS = ("123456789012", "210000000001")  # the first uses the hub's own credentials
ROLE = "GuardDutyHubRole"
SEED_BATCH = 5000


def boto3_session(account: str, endpoint: str):
    import boto3

    if account == ADMINS[0]:
        return boto3.Session(region_name="us-east-1")
    creds = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1").assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/{ROLE}", RoleSessionName="bench"
    )["Credentials"]
    return boto3.Session(
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
        region_name="us-east-1",
    )


def seed(endpoint: str, account: str, region: str, count: int, seed_no: int, end: datetime) -> str:
    """Detector + `count` findings over the 90 days before `end`; returns the detector id.

    A few hundred realistic findings come from the simulator's generator; the rest are copies
    of them under new ids and times (uniform over the window), loaded in the API wire shape in
    bulk (the simulator stores them as given): seeding 100,000 findings takes seconds.
    """
    import requests

    gd = boto3_session(account, endpoint).client(
        "guardduty", region_name=region, endpoint_url=endpoint
    )
    detector = detector_id(gd)
    clones = cloned_findings(account, region, detector, count, seed_no, end)
    with requests.Session() as http:
        while batch := list(itertools.islice(clones, SEED_BATCH)):
            post_findings(http, endpoint, account, region, batch)
    return detector


def detector_id(gd) -> str:
    """The detector of a boto3 GuardDuty client's account and region, created if there is none."""
    ids = gd.list_detectors()["DetectorIds"]
    return ids[0] if ids else gd.create_detector(Enable=True)["DetectorId"]


def post_findings(http, endpoint, account, region, findings, *, publish=False, timeout=600):
    """Store `findings` (API wire shape) in the simulator as given; `publish`: and send each to
    EventBridge, as GuardDuty does with a new finding."""
    http.post(
        f"{endpoint}/moto-api/static/guardduty/findings",
        timeout=timeout,
        json={
            "accountId": account,
            "region": region,
            "shape": "wire",
            "publish": publish,
            "findings": findings,
        },
    ).raise_for_status()


def cloned_findings(account, region, detector, count, seed_no, end):
    from guardduty_hub.simulator.findings.clock import iso
    from guardduty_hub.simulator.findings.convert import to_wire
    from guardduty_hub.simulator.findings.generate import finding_arn, generate_findings

    window = timedelta(days=90)
    base = [
        to_wire(f)
        for f in generate_findings(
            account, region, detector, min(count, 500), seed_no, start=end - window, end=end
        )
    ]
    rng = random.Random(f"bench-{seed_no}")
    for n in range(count):
        src = base[n % len(base)]
        finding_id = f"{rng.getrandbits(128):032x}"
        updated = end - timedelta(seconds=rng.uniform(0, window.total_seconds()))
        created = updated if src["createdAt"] == src["updatedAt"] else updated - timedelta(days=1)
        yield {
            **src,
            "id": finding_id,
            "arn": finding_arn(region, account, detector, finding_id),
            "createdAt": iso(created),
            "updatedAt": iso(updated),
            "service": {
                **src["service"],
                "eventFirstSeen": iso(created - timedelta(minutes=5)),
                "eventLastSeen": iso(updated - timedelta(seconds=30)),
            },
        }
