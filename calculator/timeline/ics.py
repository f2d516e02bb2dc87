"""An iCalendar file (RFC 5545) of the renewals and milestones, written from the format's
own rules: CRLF line ends (3.1), lines folded at 75 octets without splitting a UTF-8
character (3.1), TEXT escaping of backslash, semicolon, comma and newline (3.3.11), all-day
events as DATE values with an exclusive DTEND (3.6.1), a UID and a DTSTAMP in UTC on every
event (3.8.4.7, 3.8.7.2), and a DISPLAY alarm some days ahead (3.6.6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

CRLF = "\r\n"
LIMIT = 75


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets; each continuation starts with a space."""
    out, piece, size, room = [], [], 0, LIMIT
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > room:
            out.append("".join(piece))
            piece, size, room = [" "], 1, LIMIT
        piece.append(ch)
        size += n
    out.append("".join(piece))
    return CRLF.join(out)


def _date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def event(uid: str, start: dt.date, end: dt.date, summary: str, description: str, stamp: dt.datetime,
          alarm_days: int) -> list[str]:
    """One all-day VEVENT from ``start`` to ``end`` (both included)."""
    return [
        "BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp.astimezone(dt.timezone.utc).strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART;VALUE=DATE:{_date(start)}", f"DTEND;VALUE=DATE:{_date(end + dt.timedelta(days=1))}",
        f"SUMMARY:{escape(summary)}", f"DESCRIPTION:{escape(description)}", "TRANSP:TRANSPARENT",
        "BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape(summary)}", f"TRIGGER:-P{alarm_days}D", "END:VALARM",
        "END:VEVENT",
    ]


def calendar(events: list[dict[str, Any]], stamp: dt.datetime, alarm_days: int) -> str:
    """``events``: {uid, start, end, summary, description}. The whole file as text (CRLF, folded)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//shpoints//points timeline//ZH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for e in events:
        lines += event(e["uid"], e["start"], e["end"], e["summary"], e["description"], stamp, alarm_days)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
