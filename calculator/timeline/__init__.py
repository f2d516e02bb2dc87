"""After the score — how long the points stay valid, when to renew and confirm them,
the child's school milestones with a verdict each, what 120 unlocks, and a 居转户 pre-check
kept apart from the points. Modules: model (input), sources (dated data and citations),
validity, milestones, settle_check, unlocks, ics, report (assembles the answer)."""

from .report import timeline

__all__ = ["timeline"]
