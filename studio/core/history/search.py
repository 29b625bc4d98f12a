"""Turning a :class:`JobQuery` into SQL.

Prompt search uses the FTS5 ``trigram`` tokenizer, which finds any substring of
three characters or more in any script (Chinese has no spaces to split words
on, so a word tokenizer would not do). Shorter terms ("猫", "ai") cannot be
trigram-matched and fall back to ``LIKE`` over the same columns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from studio.core.history.queries import JobQuery

TRIGRAM = 3


def split_terms(text: str) -> list[str]:
    """Whitespace-separated terms; a double-quoted part is one term ("a red fox")."""
    terms: list[str] = []
    buf: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
            if not quoted and buf:
                terms.append("".join(buf))
                buf = []
            continue
        if ch.isspace() and not quoted:
            if buf:
                terms.append("".join(buf))
                buf = []
            continue
        buf.append(ch)
    if buf:
        terms.append("".join(buf))
    return [t for t in (t.strip() for t in terms) if t]


def fts_phrase(term: str) -> str:
    """``term`` as an FTS5 string literal (so operators and punctuation in it are plain text)."""
    return '"' + term.replace('"', '""') + '"'


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class Selection:
    """The jobs a query selects, as SQL parts: ``SELECT … FROM {source} WHERE {where}
    ORDER BY {key} DESC``.

    With words of three characters or more the full-text index drives the query and
    yields its rows newest first (FTS5 walks its rowids backwards), so the first page
    costs the same whether 100 or 100,000 jobs match; the other filters are checked on
    the way. Without such words the jobs table is walked by id, newest first. Ids only
    grow, so id order is start order.
    """

    source: str
    where: str
    params: list[Any]
    key: str
    newest_first: bool = True

    def page(
        self,
        columns: str,
        *,
        limit: int,
        before_id: int | None = None,
        after_id: int | None = None,
        offset: int = 0,
        from_end: bool = False,
    ) -> tuple[str, list[Any]]:
        """A page of ``limit`` rows in the listing's order (newest first, or oldest first
        for ``JobQuery.oldest_first``), those listed after ``before_id`` when given (keyset
        paging: a deep page costs what the first one does). With ``after_id`` the page
        is the ``limit`` rows listed just before it, read backwards (a view scrolling up);
        ``offset`` skips rows first. ``from_end`` reads backwards from the listing's end
        (the last rows; a view jumped to the bottom of a long history)."""
        where, params = self.where, list(self.params)
        later, earlier = ("<", ">") if self.newest_first else (">", "<")
        if before_id is not None:
            where = f"{where} AND {self.key} {later} ?"
            params.append(int(before_id))
        if after_id is not None:
            where = f"{where} AND {self.key} {earlier} ?"
            params.append(int(after_id))
        backwards = after_id is not None or from_end
        order = "DESC" if self.newest_first != backwards else "ASC"
        sql = (
            f"SELECT {columns} FROM {self.source} WHERE {where} ORDER BY {self.key} {order} LIMIT ?"
        )
        params.append(int(limit))
        if offset:
            sql += " OFFSET ?"
            params.append(int(offset))
        return sql, params

    def count(
        self, *, before_id: int | None = None, limit: int | None = None
    ) -> tuple[str, list[Any]]:
        """Count the rows (those listed after ``before_id``; at most ``limit`` of them,
        which bounds the cost for a count shown as "1,000+")."""
        where, params = self.where, list(self.params)
        if before_id is not None:
            where = f"{where} AND {self.key} {'<' if self.newest_first else '>'} ?"
            params.append(int(before_id))
        if limit is None:
            return f"SELECT COUNT(*) FROM {self.source} WHERE {where}", params
        inner = f"SELECT 1 FROM {self.source} WHERE {where} LIMIT ?"
        return f"SELECT COUNT(*) FROM ({inner})", [*params, int(limit)]


def selection(query: JobQuery) -> Selection:
    long_terms = [t for t in split_terms(query.text or "") if len(t) >= TRIGRAM]
    where, params = where_clause(query, fts_inline=bool(long_terms))
    newest = not query.oldest_first
    if long_terms:
        source = "jobs_fts f JOIN jobs j ON j.id = f.rowid"
        return Selection(source, where, params, "f.rowid", newest)
    return Selection("jobs j", where, params, "j.id", newest)


def where_clause(
    query: JobQuery, *, alias: str = "j", fts_inline: bool = False
) -> tuple[str, list[Any]]:
    """``(sql, params)`` for a WHERE clause (``"1"`` when nothing filters).

    ``fts_inline``: the query joins ``jobs_fts`` itself (see :func:`selection`), so the
    full-text condition is a plain ``MATCH`` rather than a subquery.
    """
    parts: list[str] = []
    params: list[Any] = []
    if query.text and query.text.strip():
        terms = split_terms(query.text)
        long_terms = [t for t in terms if len(t) >= TRIGRAM]
        short_terms = [t for t in terms if len(t) < TRIGRAM]
        if long_terms:
            if fts_inline:
                parts.append("jobs_fts MATCH ?")
            else:
                parts.append(f"{alias}.id IN (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?)")
            params.append(" AND ".join(fts_phrase(t) for t in long_terms))
        for term in short_terms:
            parts.append(
                f"({alias}.prompt LIKE ? ESCAPE '\\' OR {alias}.revised_prompts LIKE ? ESCAPE '\\')"
            )
            pattern = like_pattern(term)
            params.extend([pattern, pattern])
    for column, value in (
        ("provider_id", query.provider_id),
        ("model", query.model),
        ("status", query.status),
        ("mode", query.mode),
    ):
        if value:
            parts.append(f"{alias}.{column} = ?")
            params.append(value)
    if query.format:
        parts.append(
            f"EXISTS (SELECT 1 FROM images fi WHERE fi.job_id = {alias}.id AND fi.format = ?)"
        )
        params.append(query.format.lower())
    if query.group_id is not None:
        parts.append(
            f"EXISTS (SELECT 1 FROM group_members gm WHERE gm.job_id = {alias}.id"
            " AND gm.group_id = ?)"
        )
        params.append(int(query.group_id))
    if query.favourite is not None:
        parts.append(f"{alias}.favourite = ?")
        params.append(1 if query.favourite else 0)
    if query.since is not None:
        parts.append(f"{alias}.created_at >= ?")
        params.append(float(query.since))
    if query.until is not None:
        parts.append(f"{alias}.created_at < ?")
        params.append(float(query.until))
    if query.collapse:
        collapsed, more = _collapse(query, alias)
        parts.extend(collapsed)
        params.extend(more)
    return (" AND ".join(parts) if parts else "1"), params


def _collapse(query: JobQuery, alias: str) -> tuple[list[str], list[Any]]:
    """No newer member of the job's group, nor a newer turn of its thread, matches too:
    the job stands for its group or thread (two index lookups for a job of neither)."""
    inner, inner_params = where_clause(replace(query, collapse=False), alias="m2")
    newer_match = f"JOIN jobs m2 ON m2.id = {{member}} WHERE {{link}} AND {inner}"
    group = (
        "NOT EXISTS (SELECT 1 FROM group_members g1 JOIN group_members g2"
        f" ON g2.group_id = g1.group_id AND g2.job_id > {alias}.id "
        + newer_match.format(member="g2.job_id", link=f"g1.job_id = {alias}.id")
        + ")"
    )
    thread = (
        "NOT EXISTS (SELECT 1 FROM turns t1 JOIN turns t2"
        f" ON t2.thread_id = t1.thread_id AND t2.job_id > {alias}.id "
        + newer_match.format(member="t2.job_id", link=f"t1.job_id = {alias}.id")
        + ")"
    )
    return [group, thread], [*inner_params, *inner_params]
