"""`consentry serve`: run the HTTP service with uvicorn."""

import argparse

from consentry.settings import ServiceSettings


def register(subcommands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    defaults = ServiceSettings()
    parser = subcommands.add_parser("serve", help="run the HTTP service")
    parser.add_argument("--host", default=defaults.host)
    parser.add_argument("--port", type=int, default=defaults.port)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from consentry.app import create_app

    uvicorn.run(create_app(), host=args.host, port=args.port)
    return 0
