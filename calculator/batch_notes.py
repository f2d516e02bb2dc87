"""The notes of a batch answer: each scored row gets the ``notes`` its score carries (the
pending-figures note, calculator/wages.py), and the answer lists them once for the file.

Kept apart from ``batch`` (which gives the rows' scores and errors): the rows are read again
the way ``batch.score_file`` reads them, and each one that scored is parsed for its date."""

from __future__ import annotations

from typing import Any

from . import batch, csvio
from .engine import parse
from .errors import ProfileError
from .wages import pending_notes, profile_uses_figures
from .editions import edition_on


def add_notes(data: bytes | str, scored: dict[str, Any]) -> dict[str, Any]:
    """``scored`` (``batch.score_file(data)``) with ``notes`` on every record and for the whole file."""
    header, rows = csvio.read_rows(csvio.decode(data))
    drop = batch._check_header(header, rows)
    keep = [k for k in range(len(header)) if k not in drop]
    names = [header[k] for k in keep]
    seen: dict[str, dict[str, Any]] = {}
    for record, row in zip(scored["records"], rows):
        record["notes"] = []
        if record["errors"]:
            continue
        try:
            profile = parse(csvio.profile_of(names, [row[k] if k < len(row) else "" for k in keep]))
        except ProfileError:
            continue
        record["notes"] = pending_notes(profile.as_of, profile_uses_figures(profile, edition_on(profile.as_of)))
        for note in record["notes"]:
            seen.setdefault(note["insurance_year_from"], note)
    return {**scored, "notes": [seen[k] for k in sorted(seen)]}
