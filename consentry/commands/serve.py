"""`consentry serve`: bring the knowledge index up to date, then run the HTTP service."""

import argparse

from consentry.settings import ServiceSettings, Settings


def register(subcommands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    defaults = ServiceSettings()
    parser = subcommands.add_parser("serve", help="run the HTTP service")
    parser.add_argument("--host", default=defaults.host)
    parser.add_argument("--port", type=int, default=defaults.port)
    parser.add_argument(
        "--skip-ingest",
        action="store_true",
        help="do not index the knowledge corpus first (replicas behind a shared index)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from consentry.app import create_app

    settings = Settings()
    master_key = settings.registry.data_dir / "keys" / "master.key"
    creates_master_key = not (
        settings.registry.master_key or settings.registry.master_key_file or master_key.exists()
    )
    app = create_app(settings, index_knowledge=not args.skip_ingest)
    services = app.state.services
    if services.bootstrap_key:
        keys_file = settings.registry.data_dir / "api-keys"
        print(
            "No API keys were configured, so an admin key was created. It is shown this once;"
            f" only its hash is kept in {keys_file}:\n\n    {services.bootstrap_key}\n",
            flush=True,
        )
    if creates_master_key:
        print(
            f"No master key was configured, so one was created in {master_key}. It decrypts"
            " every subject's personal data: back it up apart from the database.",
            flush=True,
        )
    if services.signing_key_created:
        print(f"Created the checkpoint signing key in {settings.registry.data_dir / 'keys'}.")
    uvicorn.run(app, host=args.host, port=args.port)
    return 0
