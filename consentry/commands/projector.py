"""`consentry projector`: keep the read models and the hash chain up to date from the event
log, as a process of its own (for deployments whose API replicas run with
CONSENTRY_PROJECTIONS=external). Tracked and resumable: each pass starts where the last
committed one stopped, so it can be killed and restarted at any time."""

import argparse
import signal
import threading
import time


def register(subcommands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = subcommands.add_parser(
        "projector", help="follow the event log: read models and the audit hash chain"
    )
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between passes")
    parser.add_argument("--once", action="store_true", help="one pass, then exit")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from consentry.services import open_services
    from consentry.settings import Settings

    services = open_services(Settings())
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        while True:
            started = time.perf_counter()
            projected = services.registry.app.read_model.catch_up()
            chained = services.ledger.catch_up()
            if projected or chained:
                print(
                    f"projected {projected}, chained {chained} events"
                    f" in {time.perf_counter() - started:.2f} s",
                    flush=True,
                )
            if args.once or stop.wait(args.interval):
                return 0
    finally:
        services.close()
