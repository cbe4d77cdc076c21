"""The threaded HTTP simulator under concurrent reads and writes.

Readers page through ListFindings and fetch each page with GetFindings (plus statistics) while
a writer loads findings and advances activity through the controls. Every request is one
attempt (botocore would otherwise retry a 500 away), every page must be whole and consistent.
"""

import threading
import time

import requests
from botocore.config import Config

from tests.simulator.conftest import ADMIN
from tests.simulator.findings_support import REGION
from tests.simulator.test_findings_paging_volume import wire_finding

READERS = 4
ROUNDS = 3
FIRST = 200
LOADS = 12  # batches of 50 the writer adds, then activity only
NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def _read_all(gd, detector: str) -> int:
    """One full listing: ids unique, each page's findings exactly the ids asked for."""
    seen: list[str] = []
    token = ""
    while True:
        kwargs = {"NextToken": token} if token else {}
        page = gd.list_findings(
            DetectorId=detector,
            SortCriteria={"AttributeName": "updatedAt", "OrderBy": "DESC"},
            MaxResults=50,
            **kwargs,
        )
        ids = page["FindingIds"]
        assert len(ids) <= 50
        if ids:
            found = gd.get_findings(DetectorId=detector, FindingIds=ids)["Findings"]
            # Findings are never deleted: every listed id comes back, once, whole.
            assert sorted(f["Id"] for f in found) == sorted(ids)
            assert all(f["AccountId"] == ADMIN and f["Service"]["Count"] >= 1 for f in found)
        seen.extend(ids)
        token = page["NextToken"]
        if not token:
            break
    assert len(seen) == len(set(seen))
    counts = gd.get_findings_statistics(
        DetectorId=detector, FindingStatisticTypes=["COUNT_BY_SEVERITY"]
    )["FindingStatistics"]["CountBySeverity"]
    # Read after the listing while the writer only adds: never fewer than listed.
    assert sum(counts.values()) >= len(seen)
    return len(seen)


def test_concurrent_paging_while_loading_and_advancing(simulator_http):
    sim = simulator_http
    detector = sim.detector()
    findings_url = sim.control_url("findings")
    activity_url = sim.control_url("activity")

    def load(start: int, count: int) -> None:
        batch = [wire_finding(n, detector) for n in range(start, start + count)]
        body = {"accountId": ADMIN, "region": REGION, "findings": batch, "shape": "wire"}
        answer = requests.post(findings_url, json=body, timeout=30)
        assert answer.status_code == 200, answer.text

    load(0, FIRST)
    gd = sim.guardduty(config=NO_RETRIES)  # botocore clients are safe to share between threads
    errors: list[BaseException] = []
    done = threading.Event()
    first_write = threading.Event()  # readers start after it, so they overlap the writes
    listed: list[int] = []

    def reader() -> None:
        try:
            first_write.wait(30)
            for _ in range(ROUNDS):
                listed.append(_read_all(gd, detector))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    def writer() -> None:
        start = FIRST
        try:
            while not done.is_set():
                if start < FIRST + LOADS * 50:
                    load(start, 50)
                    start += 50
                first_write.set()
                answer = requests.post(
                    activity_url,
                    json={"accountId": ADMIN, "region": REGION, "new": 3, "reoccur": 20},
                    timeout=30,
                )
                assert answer.status_code == 200, answer.text
                time.sleep(0.005)
        except BaseException as exc:
            errors.append(exc)
        finally:
            first_write.set()  # a failed writer must not keep the readers waiting

    readers = [threading.Thread(target=reader) for _ in range(READERS)]
    writing = threading.Thread(target=writer)
    writing.start()
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join(timeout=120)
    done.set()
    writing.join(timeout=60)

    assert not errors, errors[0]
    assert len(listed) == READERS * ROUNDS
    # The writer really ran alongside: later listings saw more findings than the first load.
    assert max(listed) > FIRST


def _blocked_while_locked(call) -> None:
    """`call` in a thread does not finish while the test holds world.LOCK, and does after."""
    from guardduty_hub.simulator.world import LOCK

    finished = threading.Event()
    failures: list[BaseException] = []

    def run() -> None:
        try:
            call()
        except BaseException as exc:
            failures.append(exc)
        finished.set()

    with LOCK:
        thread = threading.Thread(target=run)
        thread.start()
        assert not finished.wait(0.3), "the request ran without taking world.LOCK"
        assert thread.is_alive()
    assert finished.wait(10)
    thread.join()
    assert not failures, failures[0]


def test_every_request_and_control_takes_the_world_lock(gd_sim):
    gd = gd_sim.guardduty()
    detector = gd_sim.detector()
    # One of ours, one of moto's own (CreateFilter) and an HTTP control.
    _blocked_while_locked(lambda: gd.list_findings(DetectorId=detector))
    _blocked_while_locked(
        lambda: gd.create_filter(
            DetectorId=detector,
            Name="quiet",
            FindingCriteria={"Criterion": {"severity": {"Gte": 7}}},
        )
    )
    _blocked_while_locked(
        lambda: requests.post(
            gd_sim.control_url("activity"),
            json={"accountId": ADMIN, "region": REGION, "new": 1},
            timeout=10,
        ).raise_for_status()
    )
