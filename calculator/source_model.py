"""The shape of ``parameters/sources.toml`` and of a citation of it, shared by every data file.

``sources.toml`` is the one list of what the data cites: the documents (the 办法 and its
articles, written once with its title and dates), the public notices (the average wage),
the applicant guides, and the other texts the timeline cites. Every other file cites them
with one ``reference`` shape, checked at load:

- ``{ document = "banfa_2018", article = "第六条(一)" }`` — a document and one or more of its articles;
- ``{ notice = "rsj_2026_08_18" }`` — a public notice (its address is in sources.toml only);
- ``{ text = "faq_validity" }`` — another text (a public Q&A, an article, this calculator's own settings).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from .text import Text, t


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Bilingual(Strict):
    zh: str
    en: str

    def text(self) -> Text:
        return t(self.zh, self.en)


# ------------------------------------------------------------------ sources.toml
class Document(Strict):
    title_zh: str
    title_en: str
    issued: dt.date
    in_force_from: dt.date
    number: str
    number_confirmed: bool
    articles: dict[str, str]

    def name(self) -> Text:
        """The document as editions and citations name it: title, date issued, date in force."""
        def zh_date(day: dt.date) -> str:
            return f"{day.year}年{day.month}月{day.day}日"
        return t(f"《{self.title_zh}》（{zh_date(self.issued)}印发，{zh_date(self.in_force_from)}起施行）",
                 f"{self.title_en} (issued {self.issued.isoformat()}, in force {self.in_force_from.isoformat()})")


class Notice(Strict):
    """A public notice. The titles describe it in our words: the notices' own titles are not in the project's sources."""

    title_zh: str
    title_en: str
    issued: dt.date | None = None
    url: str

    def title(self) -> Text:
        return t(self.title_zh, self.title_en)


class Guide(Strict):
    """A secondary source: a page written for applicants, not an official text."""

    title: str
    says: str
    url: str


class OtherText(Strict):
    """A text the timeline cites that is not the 办法: whether it is official, what it says,
    and (when it is not official) which office confirms it."""

    official: bool
    title_zh: str
    title_en: str
    note_zh: str
    note_en: str
    confirm_zh: str | None = None
    confirm_en: str | None = None


class Sources(Strict):
    documents: dict[str, Document]
    notices: dict[str, Notice]
    guides: dict[str, Guide]
    texts: dict[str, OtherText]


# ------------------------------------------------------------------ references
class Reference(Strict):
    """A citation of a document: its key in sources.toml and the article (第六条(一))."""

    document: str
    article: str


class NoticeReference(Strict):
    """A citation of a public notice: its key in sources.toml."""

    notice: str


class TextReference(Strict):
    """A citation of another text: its key in sources.toml."""

    text: str


class DocumentReference(Strict):
    """A citation of a whole document (no article), e.g. the 办法 as a timeline source."""

    document: str


# ------------------------------------------------------------------ loading
class DataFileError(ValueError):
    """A data file in parameters/ does not have the declared shape, or cites what sources.toml lacks."""


def validate(model: type[BaseModel], data: dict[str, Any], name: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        lines = [f"  {'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors(include_url=False)]
        raise DataFileError(f"parameters/{name} does not load:\n" + "\n".join(lines)) from None


_ARTICLE = re.compile(r"第[一二三四五六七八九十]+条")
_SHAPES = ({"document", "article"}, {"document"}, {"notice"}, {"text"})


def is_reference(node: Any) -> bool:
    """A citation in one of the shapes of this module's docstring."""
    return isinstance(node, dict) and set(node) in _SHAPES and all(isinstance(v, str) for v in node.values())


def _check_one(ref: dict[str, str], sources: Sources, where: str) -> None:
    if "document" in ref:
        doc = sources.documents.get(ref["document"])
        if doc is None:
            raise DataFileError(f"{where} names document {ref['document']!r}, which sources.toml does not list")
        if "article" in ref:
            cited = _ARTICLE.findall(ref["article"])
            missing = [a for a in cited if a not in doc.articles]
            if not cited or missing:
                raise DataFileError(f"{where} cites {ref['article']!r}, not an article of {ref['document']} in sources.toml")
    elif "notice" in ref:
        if ref["notice"] not in sources.notices:
            raise DataFileError(f"{where} names notice {ref['notice']!r}, which sources.toml does not list")
    elif ref["text"] not in sources.texts:
        raise DataFileError(f"{where} names text {ref['text']!r}, which sources.toml does not list")


def check_references(data: Any, sources: Sources, name: str, path: str = "") -> None:
    """Every citation in ``data`` (any value in one of the reference shapes) names a document
    and articles, a notice or a text that sources.toml lists."""
    if is_reference(data):
        _check_one(data, sources, f"parameters/{name}: {path or '(top)'}")
    elif isinstance(data, dict):
        for key, value in data.items():
            check_references(value, sources, name, f"{path}.{key}" if path else key)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            check_references(value, sources, name, f"{path}[{i}]")
