"""The prompt library's SQLite file: saved prompts, tags, and recent use.

Its own file (``prompts.sqlite3`` in the data folder) rather than a table of the
history: prompts are the user's writing, not a record of jobs, and the CLI's
``prompts`` command reads it without opening the history. The GUI and the CLI may
write at once, so: WAL, a generous busy timeout, each change one ``BEGIN IMMEDIATE``
transaction (a crash leaves the library as it was before or after, never between).

Recent prompts are a view of the same table: every prompt that starts a job is
recorded as used; one that was never saved is kept only among the last
``RECENT_KEEP`` used, and saving it makes it part of the library.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from studio.core.prompt_library.entry import (
    MAX_TITLE,
    SNIPPET_TAG,
    Entry,
    LibraryError,
    clean_tags,
    clean_text,
    clean_title,
)

#: 2 added the indexes in the library's order
SCHEMA_VERSION = 2
#: how long a write waits for another process's (the CLI's; the window waits less)
BUSY_TIMEOUT_MS = 30_000
#: unsaved prompts remembered as recent
RECENT_KEEP = 50
_MIGRATED = "migrated-settings"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS prompts (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    saved INTEGER NOT NULL DEFAULT 1,
    created_at REAL NOT NULL,
    used_at REAL,
    uses INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS prompt_tags (
    prompt_id INTEGER NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
    tag TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (prompt_id, tag)
);
CREATE INDEX IF NOT EXISTS prompt_tags_by_tag ON prompt_tags(tag);
CREATE INDEX IF NOT EXISTS prompts_by_use ON prompts(used_at);
CREATE INDEX IF NOT EXISTS prompts_unsaved ON prompts(saved, used_at);
-- the library's order (last used or made first): a search with a limit walks it
CREATE INDEX IF NOT EXISTS prompts_in_order
    ON prompts(saved, COALESCE(used_at, created_at) DESC, id DESC);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_COLUMNS = "p.id, p.text, p.title, p.saved, p.created_at, p.used_at, p.uses"


@dataclass(frozen=True)
class Incoming:
    """A prompt to merge in (from a file or old settings), already checked."""

    text: str
    title: str = ""
    tags: tuple[str, ...] = ()
    created_at: float | None = None
    used_at: float | None = None
    uses: int = 0
    saved: bool = True


@dataclass(frozen=True)
class Query:
    """Words (each must occur in the text, title or a tag) and tags (each must be on it).

    In typed text, ``#word`` or ``tag:word`` is a tag."""

    words: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str, tags: Iterable[str] = ()) -> Query:
        words: list[str] = []
        wanted = list(tags)
        for token in text.split():
            if token.startswith("#") and len(token) > 1:
                wanted.append(token[1:])
            elif token.casefold().startswith("tag:") and len(token) > 4:
                wanted.append(token[4:])
            else:
                words.append(token)
        return cls(tuple(words), tuple(dict.fromkeys(t for t in wanted if t)))


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class PromptLibrary:
    """Saved prompts and recent use, in one SQLite file."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Callable[[], float] = time.time,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> None:
        self.path = path
        self._clock = clock
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout_ms / 1000)
        try:
            self._db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise LibraryError.of(
                    "{file} was written by a newer version of Image Studio", file=str(path)
                )
            if version < SCHEMA_VERSION:  # every statement is IF NOT EXISTS
                self._db.executescript(_SCHEMA)
                self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            self._db.close()
            raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> PromptLibrary:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: everything in it is written, or nothing. Another process
        writing longer than the busy timeout is a LibraryError, not a hang."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            raise LibraryError.of(
                "the prompt library is busy: another Image Studio is writing to it; "
                "try again in a moment"
            ) from exc
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # --- reading -----------------------------------------------------------
    def _entries(self, sql: str, args: Sequence[object] = ()) -> list[Entry]:
        rows = self._db.execute(sql, args).fetchall()
        if not rows:
            return []
        tags: dict[int, list[str]] = {}
        ids = [r[0] for r in rows]
        for start in range(0, len(ids), 900):  # SQLite's limit on bound values
            chunk = ids[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for pid, tag in self._db.execute(
                f"SELECT prompt_id, tag FROM prompt_tags WHERE prompt_id IN ({marks}) "
                "ORDER BY rowid",
                chunk,
            ):
                tags.setdefault(pid, []).append(tag)
        return [
            Entry(r[0], r[1], r[2], tuple(tags.get(r[0], ())), bool(r[3]), r[4], r[5], r[6])
            for r in rows
        ]

    def get(self, entry_id: int) -> Entry | None:
        found = self._entries(f"SELECT {_COLUMNS} FROM prompts p WHERE p.id = ?", (entry_id,))
        return found[0] if found else None

    def find_text(self, text: str) -> Entry | None:
        found = self._entries(f"SELECT {_COLUMNS} FROM prompts p WHERE p.text = ?", (text.strip(),))
        return found[0] if found else None

    def search(
        self, query: Query | str = "", *, limit: int | None = None, saved_only: bool = True
    ) -> list[Entry]:
        """Saved prompts matching ``query``, the most recently used (or made) first."""
        q = Query.parse(query) if isinstance(query, str) else query
        where, args = (["p.saved = 1"] if saved_only else []), list[object]()
        for word in q.words:
            pattern = _like(word)
            where.append(
                "(p.text LIKE ? ESCAPE '\\' OR p.title LIKE ? ESCAPE '\\' OR EXISTS "
                "(SELECT 1 FROM prompt_tags w WHERE w.prompt_id = p.id AND w.tag LIKE ? "
                "ESCAPE '\\'))"
            )
            args += [pattern, pattern, pattern]
        for tag in q.tags:
            where.append("p.id IN (SELECT t.prompt_id FROM prompt_tags t WHERE t.tag = ?)")
            args.append(tag)
        sql = f"SELECT {_COLUMNS} FROM prompts p"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY COALESCE(p.used_at, p.created_at) DESC, p.id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return self._entries(sql, args)

    def count(self) -> int:
        """How many prompts are saved."""
        return int(self._db.execute("SELECT COUNT(*) FROM prompts WHERE saved = 1").fetchone()[0])

    def recent(self, limit: int = 30) -> list[Entry]:
        """The prompts used last (saved or not), newest first."""
        return self._entries(
            f"SELECT {_COLUMNS} FROM prompts p WHERE p.used_at IS NOT NULL "
            "ORDER BY p.used_at DESC, p.id DESC LIMIT ?",
            (limit,),
        )

    def snippets(self) -> list[Entry]:
        """Saved prompts tagged ``snippet``, by title: the composer inserts them at the cursor."""
        found = self.search(Query(tags=(SNIPPET_TAG,)))
        return sorted(found, key=lambda e: e.label.casefold())

    def tags(self) -> list[tuple[str, int]]:
        """Every tag with how many prompts carry it, by name (only saved prompts have tags:
        a prompt that was only used has none, and giving it one saves it)."""
        rows = self._db.execute(
            "SELECT MIN(tag), COUNT(*) FROM prompt_tags GROUP BY tag ORDER BY tag"
        ).fetchall()
        return [(r[0], int(r[1])) for r in rows]

    # --- writing -----------------------------------------------------------
    def save(self, text: str, title: str = "", tags: Iterable[str] = ()) -> Entry:
        """Put ``text`` in the library (an existing prompt keeps its history and gains the
        tags; a title given replaces its title)."""
        incoming = Incoming(clean_text(text), clean_title(title), clean_tags(tags))
        with self._write():
            entry_id, _new = self._merge(incoming, retitle=True)
        return self._must(entry_id)

    def update(self, entry_id: int, *, text: str, title: str, tags: Iterable[str]) -> Entry:
        """Replace a saved prompt's text, title and tags (an edit)."""
        text, title, clean = clean_text(text), clean_title(title), clean_tags(tags)
        with self._write() as db:
            other = db.execute(
                "SELECT id FROM prompts WHERE text = ? AND id != ?", (text, entry_id)
            ).fetchone()
            if other is not None:
                raise LibraryError.of("another saved prompt already has this text")
            changed = db.execute(
                "UPDATE prompts SET text = ?, title = ?, saved = 1 WHERE id = ?",
                (text, title, entry_id),
            ).rowcount
            if not changed:
                raise LibraryError.of("this prompt is no longer in the library")
            db.execute("DELETE FROM prompt_tags WHERE prompt_id = ?", (entry_id,))
            db.executemany(
                "INSERT OR IGNORE INTO prompt_tags (prompt_id, tag) VALUES (?, ?)",
                [(entry_id, t) for t in clean],
            )
        return self._must(entry_id)

    def record_use(self, text: str) -> Entry | None:
        """``text`` started a job: it becomes the most recent prompt."""
        text = text.strip()
        if not text:
            return None
        now = self._clock()
        with self._write() as db:
            row = db.execute("SELECT id FROM prompts WHERE text = ?", (text,)).fetchone()
            if row is None:
                entry_id = db.execute(
                    "INSERT INTO prompts (text, saved, created_at, used_at, uses) "
                    "VALUES (?, 0, ?, ?, 1)",
                    (text, now, now),
                ).lastrowid
            else:
                entry_id = row[0]
                db.execute(
                    "UPDATE prompts SET used_at = ?, uses = uses + 1 WHERE id = ?", (now, entry_id)
                )
            db.execute(
                "DELETE FROM prompts WHERE saved = 0 AND id NOT IN (SELECT id FROM prompts "
                "WHERE saved = 0 ORDER BY used_at DESC, id DESC LIMIT ?)",
                (RECENT_KEEP,),
            )
        return self.get(int(entry_id or 0))

    def delete(self, entry_id: int) -> Entry | None:
        """Remove a prompt; the returned entry can be handed to :meth:`restore` (undo)."""
        entry = self.get(entry_id)
        if entry is None:
            return None
        with self._write() as db:
            db.execute("DELETE FROM prompts WHERE id = ?", (entry_id,))
        return entry

    def restore(self, entry: Entry) -> Entry:
        """Put a deleted prompt back as it was (merged, if its text came back meanwhile)."""
        with self._write() as db:
            taken = db.execute("SELECT 1 FROM prompts WHERE id = ?", (entry.id,)).fetchone()
            if taken is None and self.find_text(entry.text) is None:
                db.execute(
                    "INSERT INTO prompts (id, text, title, saved, created_at, used_at, uses) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (entry.id, entry.text, entry.title, int(entry.saved), entry.created_at,
                     entry.used_at, entry.uses),
                )  # fmt: skip
                db.executemany(
                    "INSERT OR IGNORE INTO prompt_tags (prompt_id, tag) VALUES (?, ?)",
                    [(entry.id, t) for t in entry.tags],
                )
                entry_id = entry.id
            else:
                incoming = Incoming(
                    entry.text, entry.title, entry.tags, entry.created_at, entry.used_at,
                    entry.uses, entry.saved,
                )  # fmt: skip
                entry_id, _new = self._merge(incoming, retitle=False)
        return self._must(entry_id)

    def merge_many(self, entries: Iterable[Incoming]) -> tuple[int, int]:
        """Merge checked prompts in one transaction: (how many were new, how many merged
        into a prompt the library had)."""
        added = merged = 0
        with self._write():
            for incoming in entries:
                _id, new = self._merge(incoming, retitle=False)
                added, merged = (added + 1, merged) if new else (added, merged + 1)
        return added, merged

    def _merge(self, item: Incoming, *, retitle: bool) -> tuple[int, bool]:
        """Insert ``item`` or fold it into the prompt with the same text: tags are joined,
        the earliest creation and latest use kept, the larger use count kept, an empty
        title filled. Runs inside a transaction."""
        db = self._db
        now = self._clock()
        row = db.execute(
            "SELECT id, title, saved, created_at, used_at, uses FROM prompts WHERE text = ?",
            (item.text,),
        ).fetchone()
        if row is None:
            entry_id = int(
                db.execute(
                    "INSERT INTO prompts (text, title, saved, created_at, used_at, uses) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (item.text, item.title, int(item.saved), item.created_at or now,
                     item.used_at, item.uses),
                ).lastrowid or 0
            )  # fmt: skip
            new = True
        else:
            entry_id, title, saved, created, used, uses = row
            if item.title and (retitle or not title):
                title = item.title
            if item.created_at is not None:
                created = min(created, item.created_at)
            if item.used_at is not None:
                used = item.used_at if used is None else max(used, item.used_at)
            db.execute(
                "UPDATE prompts SET title = ?, saved = ?, created_at = ?, used_at = ?, uses = ? "
                "WHERE id = ?",
                (title, int(saved or item.saved), created, used, max(uses, item.uses), entry_id),
            )
            new = False
        db.executemany(
            "INSERT OR IGNORE INTO prompt_tags (prompt_id, tag) VALUES (?, ?)",
            [(entry_id, t) for t in item.tags],
        )
        return entry_id, new

    def _must(self, entry_id: int) -> Entry:
        entry = self.get(entry_id)
        if entry is None:  # another process deleted it this very moment
            raise LibraryError.of("this prompt is no longer in the library")
        return entry

    # --- the settings of earlier versions ---------------------------------------
    def migrate(self, snippets: Sequence[tuple[str, str]], recent: Sequence[str]) -> int | None:
        """Move earlier versions' snippets (saved, tagged ``snippet``) and recent prompts
        (newest first) in, once; None when that was done before, else how many came in."""
        if self._db.execute("SELECT 1 FROM meta WHERE key = ?", (_MIGRATED,)).fetchone():
            return None
        now = self._clock()
        items: list[Incoming] = []
        for age, prompt in enumerate(recent):
            if prompt.strip():  # the order survives as use times a second apart
                at = now - age
                items.append(
                    Incoming(prompt.strip(), created_at=at, used_at=at, uses=1, saved=False)
                )
        for name, text in snippets:
            if text.strip():
                title = " ".join(name.split())[:MAX_TITLE]
                items.append(Incoming(text.strip(), title, (SNIPPET_TAG,), created_at=now))
        with self._write() as db:
            if db.execute("SELECT 1 FROM meta WHERE key = ?", (_MIGRATED,)).fetchone():
                return None  # another process got there first
            for item in items:
                self._merge(item, retitle=False)
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (_MIGRATED, str(now)))
        return len(items)
