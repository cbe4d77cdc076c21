"""The simulator over HTTP: moto's server app with the simulator installed first.

    python -m guardduty_hub.simulator --host 127.0.0.1 --port 5000 [--world demo|empty] [--seed N]

Serves GuardDuty, STS (and every other moto service) on one port, so boto3, the AWS CLI and the
hub reach it with AWS_ENDPOINT_URL_GUARDDUTY / AWS_ENDPOINT_URL_STS (or AWS_ENDPOINT_URL).
Prints one ready line once it accepts connections; stops cleanly on SIGTERM or Ctrl-C.
"""

import argparse
import signal
import sys
import threading
import time
from typing import Any

from guardduty_hub.simulator import controls, install
from guardduty_hub.simulator.world import LOCK

READY = "GuardDuty simulator ready on http://{host}:{port} (world: {world})"


class _Stop(Exception):
    pass


def _raise_stop(signum: int, frame: Any) -> None:
    raise _Stop


def build_app() -> Any:
    """The WSGI app: moto's dispatcher, after install() so every route is in place."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    install()
    return DomainDispatcherApplication(create_backend_app)


def _start_activity(interval: float, seed: int) -> threading.Thread:
    """Keep the world alive, as a real GuardDuty would: a few new findings and re-occurrences."""

    def run() -> None:
        tick = 0
        while True:
            time.sleep(interval)
            tick += 1
            try:
                with LOCK:
                    controls.advance_activity(seed=seed * 100_003 + tick, new=1, reoccur=3)
            except Exception as exc:  # the demo must outlive a bad tick
                print(f"activity tick {tick} failed: {exc!r}", file=sys.stderr, flush=True)

    thread = threading.Thread(target=run, name="simulator-activity", daemon=True)
    thread.start()
    return thread


def add_activity_option(parser: argparse.ArgumentParser, default: float) -> None:
    """--activity, here and in the demo, which passes its own value on to the simulator it starts."""
    parser.add_argument(
        "--activity",
        type=float,
        default=default,
        metavar="SECONDS",
        help=f"every SECONDS, new findings and re-occurrences in every detector (default {default:g}; 0 = never)",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guardduty_hub.simulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--world", choices=["demo", "empty"], default="empty")
    parser.add_argument("--seed", type=int, default=0, help="makes the demo world repeatable")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    add_activity_option(parser, default=0)
    args = parser.parse_args(argv)

    from moto.moto_server.werkzeug_app import MotoRequestHandler
    from werkzeug.serving import WSGIRequestHandler, make_server

    app = build_app()
    if args.world != "empty":
        controls.reset(args.world, seed=args.seed)

    class QuietHandler(MotoRequestHandler):
        def log_request(self, *a: Any, **kw: Any) -> None:
            if args.verbose:
                WSGIRequestHandler.log_request(self, *a, **kw)

    server = make_server(args.host, args.port, app, threaded=True, request_handler=QuietHandler)
    signal.signal(signal.SIGTERM, _raise_stop)
    if args.activity > 0:
        _start_activity(args.activity, args.seed)
    print(READY.format(host=args.host, port=server.server_port, world=args.world), flush=True)
    try:
        server.serve_forever()
    except (_Stop, KeyboardInterrupt):
        pass
    finally:
        server.server_close()
    print("GuardDuty simulator stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
