"""Prompt templates with ``{variables}`` expanded over a table of values.

A table is CSV or TSV text with a header row, or (for a template with one variable)
one value per line. Everything is checked before anything is sent: a bad row is
listed by its line number with the reason, and the whole batch is refused. Input is
hostile by default: the text is read in bounded pieces (a 10 MB line is measured,
never decoded or parsed), invalid UTF-8 is reported per line, and the count of rows
is capped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from studio.core.errors import Text
from studio.core.wording import plural

#: the most bytes a values table may hold (a file is read no further)
MAX_TABLE_BYTES = 16 * 1024 * 1024
#: the longest line of a table (a prompt is at most 32,000 characters anyway)
MAX_LINE_BYTES = 64 * 1024
#: the most rows (members) one batch may have
MAX_ROWS = 10_000
#: how many bad rows an error lists (the rest are counted)
LISTED_BAD_ROWS = 20

#: a variable's name is a word in any script (``{animal}``, ``{动物}``), not starting
#: with a digit
_TOKEN = re.compile(r"\{\{|\}\}|\{([^\W\d]\w*)\}|\{|\}")


def variable_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of every ``{variable}`` in ``text``, tolerating lone braces
    (a saved prompt need not be a valid template to be shown or searched)."""
    return [(m.start(), m.end(), m.group(1)) for m in _TOKEN.finditer(text) if m.group(1)]


def variables_in(text: str) -> tuple[str, ...]:
    """The distinct ``{variables}`` of ``text`` in order of first use."""
    return tuple(dict.fromkeys(name for _s, _e, name in variable_spans(text)))


@dataclass(frozen=True)
class BadRow:
    """One refused line of the values table (1-based, as an editor counts).

    ``text`` is the reason as a phrase a UI translates; ``reason`` is its English."""

    line: int
    reason: str
    text: Text | None = field(default=None, compare=False)

    @classmethod
    def of(cls, line: int, text: Text) -> BadRow:
        return cls(line, str(text), text)

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class TemplateError(ValueError):
    """The template or its table cannot make a batch; nothing was sent."""

    def __init__(
        self, message: str | Text, bad_rows: list[BadRow] | None = None, bad_count: int = 0
    ):
        #: the message as a phrase a UI translates (None for a plain English message)
        self.text = message if isinstance(message, Text) else None
        self.message = str(message)
        self.bad_rows = bad_rows or []
        #: how many rows were bad in all (``bad_rows`` lists at most LISTED_BAD_ROWS)
        self.bad_count = bad_count or len(self.bad_rows)
        listed = "; ".join(str(b) for b in self.bad_rows)
        more = self.bad_count - len(self.bad_rows)
        tail = f" ({more} more)" if more > 0 else ""
        super().__init__(f"{self.message}: {listed}{tail}" if listed else self.message)

    def to_json(self) -> dict[str, object]:
        return {
            "message": self.message,
            "bad_rows": [{"line": b.line, "reason": b.reason} for b in self.bad_rows],
            "bad_count": self.bad_count,
        }


@dataclass(frozen=True)
class Template:
    text: str
    #: the variables in order of first use
    variables: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Template:
        """``{name}`` is a variable; ``{{`` and ``}}`` are literal braces."""
        names: list[str] = []
        for m in _TOKEN.finditer(text):
            token = m.group(0)
            if token in ("{{", "}}"):
                continue
            name = m.group(1)
            if name is None:
                raise TemplateError(
                    Text.of(
                        "the template has a lone '{token}' at character {at}: a variable is"
                        " {example} (letters, digits, _); write {open} or {close} for a brace",
                        token=token,
                        at=m.start() + 1,
                        example="{name}",
                        open="{{",
                        close="}}",
                    )
                )
            if name not in names:
                names.append(name)
        if not names:
            raise TemplateError(Text.of("the template has no {{variables}} to fill"))
        return cls(text, tuple(names))

    def length(self, values: dict[str, str]) -> int:
        """The filled prompt's length, without building it (a value used 1,000 times
        is not copied 1,000 times to find out it is too long)."""
        total = len(self.text)
        for m in _TOKEN.finditer(self.text):
            name = m.group(1)
            total += (1 if name is None else len(values[name])) - len(m.group(0))
        return total

    def fill(self, values: dict[str, str]) -> str:
        def repl(m: re.Match[str]) -> str:
            token = m.group(0)
            if token == "{{":
                return "{"
            if token == "}}":
                return "}"
            return values[m.group(1)]

        return _TOKEN.sub(repl, self.text)


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]


@dataclass
class Table:
    columns: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)


def read_values_file(path: Path) -> bytes:
    """A values file's bytes, read no further than the cap (refused when over it)."""
    from studio.core.regular import open_regular

    try:
        with open_regular(path) as fh:  # a named pipe would block the open for good
            data = fh.read(MAX_TABLE_BYTES + 1)
    except OSError as exc:
        raise TemplateError(
            Text.of("cannot read {path}: {reason}", path=str(path), reason=exc.strerror or exc)
        ) from exc
    if len(data) > MAX_TABLE_BYTES:
        raise TemplateError(
            Text.of("{path} is larger than {mb} MB", path=str(path), mb=MAX_TABLE_BYTES >> 20)
        )
    return data


def _lines(data: bytes, bad: list[BadRow]) -> list[tuple[int, str | None]]:
    """(line number, text) per line; None for a line that was refused (too long,
    not UTF-8). Lines are measured as bytes first, so a huge line is never decoded."""
    if len(data) > MAX_TABLE_BYTES:
        raise TemplateError(Text.of("the values are larger than {mb} MB", mb=MAX_TABLE_BYTES >> 20))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\n" not in data and b"\r" in data:
        data = data.replace(b"\r", b"\n")  # classic Mac line ends (Excel's "CSV (Macintosh)")
    out: list[tuple[int, str | None]] = []
    start, number = 0, 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        number += 1
        raw = data[start:end].rstrip(b"\r")
        start = end + 1
        if len(raw) > MAX_LINE_BYTES:
            bad.append(
                BadRow.of(
                    number,
                    Text.of(
                        "is {size:,} bytes long; at most {limit:,}",
                        size=len(raw),
                        limit=MAX_LINE_BYTES,
                    ),
                )
            )
            out.append((number, None))
            continue
        try:
            out.append((number, raw.decode("utf-8")))
        except UnicodeDecodeError as exc:
            bad.append(
                BadRow.of(number, Text.of("is not valid UTF-8 (byte {at})", at=exc.start + 1))
            )
            out.append((number, None))
    return out


def parse_table(data: bytes | str, template: Template) -> Table:
    """The rows of ``data`` for ``template``; raises TemplateError listing bad rows.

    A template with one variable whose first line is not that variable's name takes
    one value per line (commas and tabs included); otherwise the first line is a
    CSV header (TSV when it holds a tab)."""
    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
    bad: list[BadRow] = []
    lines = _lines(raw, bad)
    while lines and lines[-1][1] is not None and not (lines[-1][1] or "").strip():
        lines.pop()  # blank lines at the end are not rows
    if not lines:
        raise TemplateError(Text.of("the values table is empty"))
    first_no, first = lines[0]
    if first is None:
        raise TemplateError(Text.of("the values table's first line cannot be read"), bad)
    single = len(template.variables) == 1
    if single and first.strip() != template.variables[0]:
        table = Table(template.variables)
        _single_rows(lines, template.variables[0], table, bad)
    else:
        delimiter = "\t" if "\t" in first else ","
        import csv  # a values table is read: not needed before

        try:
            header = tuple(
                c.strip() for c in next(csv.reader([first], delimiter=delimiter, strict=True))
            )
        except csv.Error as exc:  # a stray carriage return, a quote left open
            raise TemplateError(
                Text.of(
                    "the table's header (line {line}) cannot be read as CSV ({reason})",
                    line=first_no,
                    reason=exc,
                )
            ) from None
        unknown = [v for v in template.variables if v not in header]
        if unknown:
            raise TemplateError(
                Text.of(
                    "the template uses {names}, which the table's header (line {line}:"
                    " {header}) does not have",
                    names=", ".join("{" + u + "}" for u in unknown),
                    line=first_no,
                    header=", ".join(header),
                )
            )
        table = Table(header)
        _csv_rows(lines[1:], delimiter, template, table, bad)
    if len(table.rows) + len(bad) > MAX_ROWS:
        raise TemplateError(Text.of("the table has more than {n:,} rows", n=MAX_ROWS))
    if bad:
        bad.sort(key=lambda b: b.line)
        raise TemplateError(
            Text.of("some rows of the values table are refused"), bad[:LISTED_BAD_ROWS], len(bad)
        )
    if not table.rows:
        raise TemplateError(Text.of("the values table has no rows"))
    return table


def _single_rows(
    lines: list[tuple[int, str | None]], name: str, table: Table, bad: list[BadRow]
) -> None:
    for number, text in lines:
        if text is None:
            continue
        if not text.strip():
            bad.append(BadRow.of(number, Text.of("is empty")))
            continue
        table.rows.append(Row(number, {name: text.strip()}))


def _csv_rows(
    lines: list[tuple[int, str | None]],
    delimiter: str,
    template: Template,
    table: Table,
    bad: list[BadRow],
) -> None:
    import csv

    width = len(table.columns)
    for number, text in lines:
        if text is None:
            continue
        if not text.strip():
            bad.append(BadRow.of(number, Text.of("is empty")))
            continue
        try:
            cells = next(csv.reader([text], delimiter=delimiter, strict=True))
        except csv.Error as exc:
            bad.append(BadRow.of(number, Text.of("cannot be read as CSV ({reason})", reason=exc)))
            continue
        if len(cells) != width:
            bad.append(
                BadRow.of(
                    number,
                    Text.of(
                        plural(
                            len(cells),
                            "has {count} value; the header has {width}",
                            "has {count} values; the header has {width}",
                        ),
                        count=len(cells),
                        width=width,
                    ),
                )
            )
            continue
        values = {c: v.strip() for c, v in zip(table.columns, cells, strict=True)}
        empty = [v for v in template.variables if not values[v]]
        if empty:
            bad.append(
                BadRow.of(number, Text.of("has no value for {names}", names=", ".join(empty)))
            )
            continue
        table.rows.append(Row(number, values))


@dataclass(frozen=True)
class Expanded:
    """One member's prompt and the row it came from."""

    line: int
    values: dict[str, str]
    prompt: str


#: the longest prompt any model takes (used when the model's own limit is unknown)
PROMPT_CEILING = 32_000


def expand(template: Template, table: Table, prompt_max: int | None = None) -> list[Expanded]:
    """Every row's prompt; a prompt over ``prompt_max`` characters is a bad row."""
    limit = PROMPT_CEILING if prompt_max is None else prompt_max
    out: list[Expanded] = []
    bad: list[BadRow] = []
    for row in table.rows:
        length = template.length(row.values)
        prompt = template.fill(row.values).strip() if length <= 2 * limit else ""
        if length > 2 * limit or len(prompt) > limit:
            size = len(prompt) if prompt else length
            bad.append(
                BadRow.of(
                    row.line,
                    Text.of(
                        "makes a prompt of {size:,} characters; the model accepts at most"
                        " {limit:,}",
                        size=size,
                        limit=limit,
                    ),
                )
            )
            continue
        out.append(Expanded(row.line, row.values, prompt))
    if bad:
        raise TemplateError(Text.of("some prompts are too long"), bad[:LISTED_BAD_ROWS], len(bad))
    return out


def expand_text(text: str, values: bytes | str, prompt_max: int | None = None) -> list[Expanded]:
    """Parse ``text`` and ``values`` and expand them (the one call front ends make)."""
    template = Template.parse(text)
    return expand(template, parse_table(values, template), prompt_max)
