#!/usr/bin/env python3
"""Build the static site into dist/ (Python >= 3.11; the work is in sitebuild/).

    python build.py                   fetch + verify pinned artifacts, build dist/
    python build.py serve [--port N]  build, then serve dist/ on 127.0.0.1
    python build.py venv [--extra X]  create/update .venv (the project, pinned; extras such as test)
    python build.py lock              refetch every artifact, rewrite pyodide.lock.json hashes
    python build.py icons             redraw web/icons/*.png
    python build.py constraints       print the shipped wheels as pip constraints (name==version)

Third-party files come only from pyodide.lock.json (fetched with `npm pack` /
`pip download` into .cache/artifacts/, sha256-checked), so a rebuild needs no
network. The build runs its Python steps (the calculator's wheel, formspec.json,
Brotli) in the project's virtualenv (.venv/, created here when needed) so the pinned
versions are used.
"""

from __future__ import annotations

import argparse
import sys

from sitebuild.process import BuildError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("build", help="build dist/ (the default)")
    serve = commands.add_parser("serve", help="build, then serve dist/ on 127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    venv = commands.add_parser("venv", help="create or update .venv; print its python")
    venv.add_argument("--extra", action="append", default=[], help="an optional-dependencies group (repeatable)")
    commands.add_parser("lock", help="refetch the artifacts and rewrite the hashes in pyodide.lock.json")
    commands.add_parser("icons", help="redraw web/icons/*.png")
    commands.add_parser("constraints", help="print the shipped wheels as pip constraints")
    args = parser.parse_args(argv)
    try:
        if args.command == "venv":
            from sitebuild.venv import venv_python

            print(venv_python(args.extra))
        elif args.command == "lock":
            from sitebuild.lock import relock
            from sitebuild.venv import venv_python

            relock(venv_python())
        elif args.command == "icons":
            from sitebuild.icons import write_icons

            write_icons()
        elif args.command == "constraints":
            from sitebuild.lock import constraints

            sys.stdout.write(constraints())
        else:
            from sitebuild.assemble import build

            build()
    except BuildError as e:
        print(f"build.py: error: {e}", file=sys.stderr)
        return 1
    if args.command == "serve":
        from sitebuild.paths import DIST
        from sitebuild.serve import make_server

        server = make_server(DIST, args.port)
        print(f"serving dist/ on http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
