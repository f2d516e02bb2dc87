"""Command line: python -m calculator score|schema|tier|formspec|plan|batch|template|timeline.

Exit status 0 on success, 2 on a refused input with one line per bad field on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import typing
from collections.abc import Sequence
from typing import Any, TextIO

from . import batch, csvio, table
from .engine import score
from .errors import ProfileError, request_error
from .formspec import form_spec
from .insurance_base import tier_for
from .planner import plan, plan_table
from .profile import Profile

REFUSED = 2
SHOWN_ERRORS = 20   # a batch's bad cells on stderr; every one is in the output file


def read_json(path: str, stdin: TextIO) -> Any:
    try:
        if path == "-":
            text = stdin.read()
        else:
            with open(path, encoding="utf-8-sig") as fh:
                text = fh.read()
    except OSError as exc:
        raise request_error(f"无法读取文件 {path}：{exc.strerror}", f"cannot read {path}: {exc.strerror}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise request_error(
            f"输入不是有效的JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）",
            f"the input is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
        ) from None


def dump(data: Any, out: TextIO) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def cmd_score(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> None:
    result = score(read_json(args.file, stdin)).model_dump(mode="json")
    out.write(table.result_table(result) + "\n") if args.format == "table" else dump(result, out)


def cmd_schema(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> None:
    dump(Profile.model_json_schema(), out)


def cmd_formspec(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> None:
    dump(form_spec(), out)


def cmd_tier(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> None:
    result = tier_for(args.monthly_base, args.on, args.average)
    if args.format == "table":
        out.write(
            f"缴费基数 Base {result['monthly_base']:g} ÷ 社平工资 Average {result['average']:g} = {result['multiple']:.4f}×"
            f" → {result['tier']} ({result['points']})\n{result['condition']['zh']}\n{result['source']['zh']}\n"
        )
    else:
        dump(result, out)


def cmd_plan(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> None:
    result = plan(read_json(args.file, stdin))
    out.write(plan_table(result) + "\n") if args.format == "table" else dump(result, out)


def _read_bytes(path: str, stdin: TextIO) -> bytes | str:
    try:
        if path == "-":
            return stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read()
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise request_error(f"无法读取文件 {path}：{exc.strerror}", f"cannot read {path}: {exc.strerror}") from None


def _write_bytes(path: str, data: bytes, out: TextIO) -> None:
    """To a file, or to standard output ("-") as bytes when it has a byte stream."""
    if path == "-":
        if hasattr(out, "buffer"):
            out.flush()
            out.buffer.write(data)
        else:
            out.write(data.decode("utf-8-sig"))
        return
    try:
        with open(path, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise request_error(f"无法写入文件 {path}：{exc.strerror}", f"cannot write {path}: {exc.strerror}") from None


def _format_of(path: str, asked: str | None) -> str:
    """The output's format: asked for, else by the file's extension (.xlsx), else CSV."""
    if asked:
        return asked
    return "xlsx" if path.lower().endswith(".xlsx") else "csv"


def cmd_batch(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> None:
    """Read a CSV (UTF-8, UTF-8 with BOM, or GBK) or an .xlsx; write the scored file as .xlsx
    or CSV (UTF-8 with BOM; on standard output: text, no BOM), each error in both languages."""
    scored = batch.score_file(_read_bytes(args.file, stdin), args.sheet)
    fmt = _format_of(args.output, args.format)
    if fmt == "xlsx":
        if args.output == "-" and not hasattr(out, "buffer"):
            raise request_error("xlsx 须写入文件（-o 文件名.xlsx）", "write the .xlsx to a file (-o name.xlsx)")
        _write_bytes(args.output, batch.to_xlsx(scored, args.lang, "both"), out)
    else:
        text = batch.to_csv(scored, args.lang, "both")
        if args.output == "-":
            out.write(text)
        else:
            _write_bytes(args.output, csvio.encode(text), out)
    sheet = f" (sheet {scored['sheet']})" if scored["sheet"] and len(scored["sheets"]) > 1 else ""
    args.err.write(f"{scored['rows']} rows{sheet}, {scored['ok_count']} scored, {scored['error_count']} with errors\n")
    errors = [e for record in scored["records"] for e in record["errors"]]
    for e in errors[:SHOWN_ERRORS]:
        args.err.write(f"{e['zh']} / {e['en']}\n")
    if len(errors) > SHOWN_ERRORS:
        more = len(errors) - SHOWN_ERRORS
        args.err.write(f"另有{more}处错误，见输出文件的“错误”列 / {more} more errors: see the output's Errors column\n")


def cmd_template(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> None:
    from . import template

    fmt = _format_of(args.output, args.format)
    if fmt == "xlsx":
        _write_bytes(args.output, template.template_xlsx(args.lang), out)
    elif args.output == "-":
        out.write(template.template_csv(args.lang))
    else:
        _write_bytes(args.output, csvio.encode(template.template_csv(args.lang)), out)


class _Parser(argparse.ArgumentParser):
    """argparse, with its refusals (a missing or unknown argument) in Chinese and English too."""

    def error(self, message: str) -> typing.NoReturn:
        self.print_usage(sys.stderr)
        self.exit(REFUSED, f"{self.prog}: 命令行参数有误（{message}） / invalid arguments: {message}\n")


def cmd_timeline(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> None:
    from .timeline import timeline
    from .timeline.model import TIMELINE_FIELDS
    from .timeline.text_report import timeline_table

    given = {name: getattr(args, name) for name in TIMELINE_FIELDS if getattr(args, name) is not None}
    req = {"timeline": given, "lang": args.lang}
    if args.profile:
        req["profile"] = read_json(args.profile, stdin)
    result = timeline(req)
    if args.ics:
        try:
            with open(args.ics, "w", encoding="utf-8", newline="") as fh:
                fh.write(result["ics"])
        except OSError as exc:
            raise request_error(f"无法写入文件 {args.ics}：{exc.strerror}", f"cannot write {args.ics}: {exc.strerror}") from None
    out.write(timeline_table(result, args.lang) + "\n") if args.format == "table" else dump(result, out)


def parser() -> argparse.ArgumentParser:
    top = _Parser(prog="python -m calculator", description="上海市居住证积分 — Shanghai residence-permit points")
    sub = top.add_subparsers(dest="command", required=True)
    p = sub.add_parser("score", help="score a profile (JSON) and print the result")
    p.add_argument("file", nargs="?", default="-", help="profile JSON file, or - for standard input (default)")
    p.add_argument("--format", choices=("json", "table"), default="json")
    p.set_defaults(run=cmd_score)
    sub.add_parser("schema", help="print the profile's JSON Schema").set_defaults(run=cmd_schema)
    sub.add_parser("formspec", help="print what the web form is generated from").set_defaults(run=cmd_formspec)
    p = sub.add_parser("tier", help="monthly contribution base -> insurance-base tier")
    p.add_argument("monthly_base", help="monthly contribution base, CNY")
    p.add_argument("--on", help="date (YYYY-MM-DD), default today")
    p.add_argument("--average", help="override the city average monthly wage")
    p.add_argument("--format", choices=("json", "table"), default="json")
    p.set_defaults(run=cmd_tier)
    p = sub.add_parser("plan", help="what would raise the total, and when the standard is reached as things go on")
    p.add_argument("file", nargs="?", default="-", help="profile JSON file, or - for standard input (default)")
    p.add_argument("--format", choices=("json", "table"), default="json")
    p.set_defaults(run=cmd_plan)
    p = sub.add_parser("batch", help="score a spreadsheet, one person a row: .xlsx, or CSV (UTF-8, UTF-8 with BOM or GBK)")
    p.add_argument("file", help=".xlsx or CSV file (told apart by content), or - for standard input")
    p.add_argument("-o", "--output", default="-",
                   help="output file: .xlsx by its extension, else CSV (UTF-8 with BOM, for Excel); - for standard output (default, CSV)")
    p.add_argument("--format", choices=("csv", "xlsx"), help="output format, when not told by the extension")
    p.add_argument("--sheet", help="the workbook's sheet to read (default: the first)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh",
                   help="language of the output's headers and verdicts (default zh); each error is given in both")
    p.set_defaults(run=cmd_batch)
    p = sub.add_parser("template", help="a batch template: the header and two example rows (CSV, or .xlsx with drop-downs)")
    p.add_argument("--format", choices=("csv", "xlsx"), help="default: by the -o file's extension, else csv")
    p.add_argument("--lang", choices=("zh", "en"), default="zh",
                   help="headers and values in Chinese (default: the clerk's language) or English (field ids)")
    p.add_argument("-o", "--output", default="-", help="output file, or - for standard output (default)")
    p.set_defaults(run=cmd_template)
    add_timeline_parser(sub)
    return top


def add_timeline_parser(sub: Any) -> None:
    """``timeline``: one option per field of the timeline's input model, with its English help."""
    from .timeline.model import TIMELINE_FIELDS, TimelineInput

    p = sub.add_parser("timeline", help="how long the points stay valid, when to renew, the child's milestones, 居转户 pre-check")
    for name in TIMELINE_FIELDS:
        info = TimelineInput.model_fields[name]
        p.add_argument("--" + name.replace("_", "-"), dest=name, help=f"{info.title}: {info.description}")
    p.add_argument("--profile", help="profile JSON file (or - for standard input), for the projection to 120")
    p.add_argument("--ics", help="also write the calendar (.ics) to this file")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the calendar and the table")
    p.add_argument("--format", choices=("json", "table"), default="json")
    p.set_defaults(run=cmd_timeline)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None, stdin: TextIO | None = None) -> int:
    out, err, stdin = out or sys.stdout, err or sys.stderr, stdin or sys.stdin
    args = parser().parse_args(argv)
    args.err = err
    try:
        args.run(args, out, stdin)
    except ProfileError as exc:
        for e in exc.errors:
            err.write(f"{e['field'] or 'input'}: {e['zh']} / {e['en']}\n")
        return REFUSED
    return 0
