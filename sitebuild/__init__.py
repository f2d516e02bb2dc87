"""The build of the static site, one module per job; `build.py` is its command line.

    paths.py            where things are (the repository, dist/, .cache/)
    process.py          BuildError, running a tool, hashing a file
    project.py          facts from pyproject.toml
    lock.py             pyodide.lock.json: fetch, verify and re-pin the third-party artifacts
    venv.py             THE owner of .venv (the build and tests/run.sh both ask it)
    calculator_wheel.py the calculator's wheel (`pip wheel`, deterministic)
    pyodide_node.py     run a program of in_pyodide/ in the pinned Pyodide under Node
    bytecode.py         .pyc for what the browser imports (wheels and python_stdlib.zip)
    headers.py          the HTTP headers and the one CSP (server, _headers, HTML <meta>)
    assemble.py         dist/, step by step
    compress.py         precompressed .br/.gz siblings of the large files of dist/
    serve.py            the development server that tests and benchmarks import
    icons.py            the PNG icons of web/icons/
"""

from sitebuild.process import BuildError

__all__ = ["BuildError"]
