"""The history database's schema as a list of migrations (``PRAGMA user_version``).

Migration ``i`` (1-based) takes a database at version ``i - 1`` to version
``i``. Never edit a migration that has shipped: add a new one. v1 is the first
schema as it was released; v2 adds favourites, the writer's process start time
(so a reused pid is not mistaken for a live writer) and full-text search; v3 lets
an input be a URL or a provider file id (stored as such, with only a thumbnail); v4
adds each job's actual cost (priced from its usage) for the spend summary; v5 adds job
groups (a compare or a batch: its template and targets, and its members, each an
ordinary job once it is sent, with the member's state so a batch's queue survives a
crash); v6 adds conversation turns (a thread is a tree of ordinary jobs: each turn
names its parent turn and the provider's ids to continue from).
"""

from __future__ import annotations

import sqlite3

V1 = """
CREATE TABLE jobs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at    REAL NOT NULL,
    finished_at   REAL,
    provider_id   TEXT NOT NULL,
    provider_name TEXT NOT NULL,
    model         TEXT NOT NULL,
    mode          TEXT NOT NULL,
    prompt        TEXT NOT NULL DEFAULT '',
    params        TEXT NOT NULL DEFAULT '{}',
    revised_prompts TEXT NOT NULL DEFAULT '[]',
    status        TEXT NOT NULL,
    error         TEXT,
    usage         TEXT,
    estimate      TEXT,
    timings       TEXT,
    source        TEXT NOT NULL DEFAULT 'gui',
    pid           INTEGER,
    hostname      TEXT
);
CREATE INDEX jobs_created ON jobs(created_at DESC, id DESC);
CREATE INDEX jobs_status ON jobs(status);

CREATE TABLE images (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id    INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    path      TEXT NOT NULL,
    width     INTEGER NOT NULL,
    height    INTEGER NOT NULL,
    format    TEXT NOT NULL,
    bytes     INTEGER NOT NULL,
    sha256    TEXT NOT NULL,
    revised_prompt TEXT
);
CREATE INDEX images_job ON images(job_id, idx);

CREATE TABLE inputs (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id    INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    role      TEXT NOT NULL,          -- 'image' or 'mask'
    path      TEXT NOT NULL,
    filename  TEXT NOT NULL,
    content_type TEXT NOT NULL
);
CREATE INDEX inputs_job ON inputs(job_id, idx);
"""

V2 = """
ALTER TABLE jobs ADD COLUMN favourite INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN pid_start TEXT;
CREATE INDEX jobs_favourite ON jobs(favourite) WHERE favourite = 1;
CREATE INDEX jobs_provider_model ON jobs(provider_id, model);

CREATE VIRTUAL TABLE jobs_fts USING fts5(
    prompt, revised_prompts, content='jobs', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER jobs_fts_ai AFTER INSERT ON jobs BEGIN
    INSERT INTO jobs_fts(rowid, prompt, revised_prompts)
    VALUES (new.id, new.prompt, new.revised_prompts);
END;
CREATE TRIGGER jobs_fts_ad AFTER DELETE ON jobs BEGIN
    INSERT INTO jobs_fts(jobs_fts, rowid, prompt, revised_prompts)
    VALUES ('delete', old.id, old.prompt, old.revised_prompts);
END;
CREATE TRIGGER jobs_fts_au AFTER UPDATE OF prompt, revised_prompts ON jobs BEGIN
    INSERT INTO jobs_fts(jobs_fts, rowid, prompt, revised_prompts)
    VALUES ('delete', old.id, old.prompt, old.revised_prompts);
    INSERT INTO jobs_fts(rowid, prompt, revised_prompts)
    VALUES (new.id, new.prompt, new.revised_prompts);
END;
INSERT INTO jobs_fts(jobs_fts) VALUES ('rebuild');
"""

V3 = """
ALTER TABLE inputs ADD COLUMN url TEXT;
ALTER TABLE inputs ADD COLUMN file_id TEXT;
"""

V4 = """
ALTER TABLE jobs ADD COLUMN cost REAL;
ALTER TABLE jobs ADD COLUMN cost_currency TEXT;
ALTER TABLE jobs ADD COLUMN cost_source TEXT;
CREATE INDEX jobs_cost ON jobs(created_at) WHERE cost IS NOT NULL;
"""

V5 = """
CREATE TABLE job_groups (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,            -- 'compare' or 'batch'
    created_at  REAL NOT NULL,
    template    TEXT NOT NULL DEFAULT '',
    spec        TEXT NOT NULL DEFAULT '{}',
    status      TEXT NOT NULL,
    pid         INTEGER,
    pid_start   TEXT
);
CREATE INDEX job_groups_created ON job_groups(created_at DESC, id DESC);

CREATE TABLE group_members (
    group_id    INTEGER NOT NULL REFERENCES job_groups(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    prompt      TEXT NOT NULL,
    target      TEXT NOT NULL DEFAULT '{}',
    state       TEXT NOT NULL,
    job_id      INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
    estimate    REAL,
    cost        REAL,
    error       TEXT,
    PRIMARY KEY (group_id, idx)
);
CREATE INDEX group_members_job ON group_members(job_id) WHERE job_id IS NOT NULL;
"""

V6 = """
CREATE TABLE turns (
    job_id        INTEGER PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
    thread_id     INTEGER NOT NULL,
    parent_job_id INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
    text_model    TEXT NOT NULL DEFAULT '',
    response_id   TEXT,
    call_id       TEXT
);
CREATE INDEX turns_thread ON turns(thread_id, job_id);
CREATE INDEX turns_parent ON turns(parent_job_id);
"""

#: a group's members by job: the collapsed listing asks "is there a newer member?" for
#: every job of a group, a range seek here instead of a walk over the members by place
#: (a 2,000-member batch made the history's first page take a quarter of a second)
V7 = """
CREATE INDEX group_members_group_job ON group_members(group_id, job_id);
"""

#: a conversation's name, given by its user (a thread without one is named by its first
#: instruction, see :func:`studio.core.history.threads.default_title`)
V8 = """
CREATE TABLE thread_titles (
    thread_id   INTEGER PRIMARY KEY,
    title       TEXT NOT NULL
);
"""

MIGRATIONS: tuple[str, ...] = (V1, V2, V3, V4, V5, V6, V7, V8)
LATEST = len(MIGRATIONS)


class SchemaTooNew(RuntimeError):
    """The database was written by a newer version of the studio."""

    def __init__(self, message: str, version: int) -> None:
        super().__init__(message)
        self.version = version


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Bring ``conn``'s database up to ``target``; returns the version reached.

    Each step runs in one ``BEGIN IMMEDIATE`` transaction together with its
    ``user_version`` bump, so two processes opening an old database at once
    cannot both apply a step, and a crash mid-step leaves the old version.
    """
    while True:
        current = schema_version(conn)
        if current > LATEST:
            raise SchemaTooNew(
                f"The history database is at schema version {current}; this version of "
                f"the studio knows up to {LATEST}. Update the studio.",
                current,
            )
        if current >= target:
            return current
        conn.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(conn) != current:  # another process migrated meanwhile
                conn.execute("ROLLBACK")
                continue
            for statement in _statements(MIGRATIONS[current]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (triggers hold ``;`` inside BEGIN..END)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
