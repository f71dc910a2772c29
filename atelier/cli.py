"""`atelier`: the project's command line. Each subcommand lives in its own module, which
provides `add_arguments(parser)` and `run(args) -> int` (the exit code)."""

from __future__ import annotations

import argparse
import importlib
import sys

SUBCOMMANDS = {
    "demo-data": ("atelier.demo", "write a deterministic demo exports folder"),
    "validate": (
        "atelier.validate",
        "check an exports folder against the contract (great-expectations)",
    ),
    "load": ("atelier.load", "load an exports folder into a server warehouse's raw schema"),
    "benchmark": ("atelier.benchmark", "time dbt build on generated exports of many businesses"),
    "report": (
        "atelier.report",
        "write the scorecard as self-contained HTML pages, one per business (French or English)",
    ),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="atelier", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        module = importlib.import_module(module_name)
        subparser = commands.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(subparser)
        subparser.set_defaults(run=module.run)
    args = parser.parse_args(argv)
    from atelier.reader import ExportsError

    try:
        return args.run(args)
    except ExportsError as error:  # a structural fault of an exports folder: one line
        print(f"atelier {args.command}: error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
