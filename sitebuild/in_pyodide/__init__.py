"""Programs the build runs inside the pinned Pyodide runtime under Node (see
sitebuild/pyodide_node.py), not in the build's own CPython: they see /host, the folder
the build mounted, and import each other from this folder."""
