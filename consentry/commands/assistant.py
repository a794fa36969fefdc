"""`consentry ask "…"` and `consentry eval answers`: the assistant from the command line."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx

from assistant.errors import AssistantError
from knowledge.errors import KnowledgeError

Subparsers = argparse._SubParsersAction  # the type argparse gives `add_subparsers`
EVAL_KEY_VARIABLE = "CONSENTRY_EVAL_API_KEY"


def register(subcommands: Subparsers) -> None:
    ask = subcommands.add_parser("ask", help="ask the compliance assistant a question")
    ask.add_argument("question", help="the question, in Chinese or English")
    ask.add_argument("--as-of", type=date.fromisoformat, help="the date the question is about")
    ask.add_argument("--jurisdiction", choices=["CN", "EU"], help="search only this jurisdiction")
    ask.add_argument("--json", action="store_true", help="print the whole answer as JSON")
    ask.set_defaults(handler=run_ask)
    answers = _eval_targets(subcommands).add_parser(
        "answers", help="answer-point coverage, citation precision and refusal rates"
    )
    answers.add_argument(
        "--questions", type=Path, nargs="+", required=True, help="in-scope JSON Lines files"
    )
    answers.add_argument(
        "--out-of-scope",
        type=Path,
        nargs="+",
        required=True,
        help="out-of-scope JSON Lines files, one for each --questions file (paired in order)",
    )
    answers.add_argument(
        "--corpus",
        type=Path,
        nargs="+",
        help="corpus folders (default: knowledge/ and ../shared/regulations); with --url, "
        "the texts quotes are checked against",
    )
    answers.add_argument("--index-dir", type=Path, help="keep the index here (default: temporary)")
    answers.add_argument(
        "--url", help="ask a running `consentry serve` at this URL instead of building an index"
    )
    answers.add_argument(
        "--api-key", help=f"the key to ask with under --url (default: ${EVAL_KEY_VARIABLE})"
    )
    answers.add_argument(
        "--wait",
        type=float,
        default=600.0,
        help="seconds to wait for a server still building its index (default 600)",
    )
    answers.add_argument("--show", action="store_true", help="print one line per question")
    answers.set_defaults(handler=run_eval_answers)


def _eval_targets(subcommands: Subparsers) -> Subparsers:
    """The `eval` command's targets, creating `eval` if no other module did."""
    parser = subcommands.choices.get("eval")
    if parser is None:
        parser = subcommands.add_parser("eval", help="evaluate the assistant's parts")
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest="target", required=True, metavar="TARGET")


@dataclass(frozen=True)
class LocalUser:
    """Whoever runs the command: they hold the data directory, so they act as staff."""

    role: str = "staff"
    key_id: str = "cli"
    label: str = "cli"


def run_ask(args: argparse.Namespace) -> int:
    from assistant.factory import make_assistant, open_search
    from assistant.service import AskRequest
    from assistant.settings import AssistantSettings
    from knowledge.settings import KnowledgeSettings

    try:
        assistant = make_assistant(open_search(KnowledgeSettings()), AssistantSettings())
        request = AskRequest(args.question, as_of=args.as_of, jurisdiction=args.jurisdiction)
        answer = assistant.ask(request, LocalUser(label=f"cli:{getpass.getuser()}"))
    except (AssistantError, KnowledgeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(answer.as_dict(), ensure_ascii=False, indent=2))
        return 0
    print(answer.answer)
    for citation in answer.citations:
        print(f"[{citation.label}] {citation.quote}")
    print(f"({answer.mode}{', refused' if answer.refused else ''})")
    return 0


def run_eval_answers(args: argparse.Namespace) -> int:
    from assistant.eval_run import load_sets, run_answers_evaluation, run_served_evaluation
    from assistant.settings import AssistantSettings
    from consentry.commands.evaluate import index_folder
    from knowledge.evaluation_run import default_corpus

    if len(args.questions) != len(args.out_of_scope):
        print("error: give one --out-of-scope file for each --questions file", file=sys.stderr)
        return 2
    api_key: str = args.api_key or os.environ.get(EVAL_KEY_VARIABLE) or ""
    if args.url and not api_key:
        print(f"error: --url needs --api-key or ${EVAL_KEY_VARIABLE}", file=sys.stderr)
        return 2
    corpus = args.corpus or default_corpus()
    print(f"corpus folders: {', '.join(str(path) for path in corpus)}")
    try:
        sets = load_sets(args.questions, args.out_of_scope)
        if args.url:
            print(f"asking {args.url}")
            run_served_evaluation(sets, args.url, api_key, corpus, wait_s=args.wait, show=args.show)
            return 0
        with index_folder(args.index_dir) as folder:
            run_answers_evaluation(sets, corpus, folder, AssistantSettings(), show=args.show)
    except (AssistantError, KnowledgeError, httpx.HTTPError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
