"""The report database: the tidy tables (tables.py) in SQLite or PostgreSQL.

``mrx extract ARCHIVE --db sqlite:///reports.db`` keeps a database in step with a growing
archive of files:

- a file whose sha256 is already stored is skipped, before it is extracted
  (``ReportStore.has`` / ``has_file``: the question a resumable batch asks);
- a changed file (same path, new sha256) replaces the rows of its old version;
- everything else is added.

The layout is the one of ``to_frames`` and the CSV/xlsx tables (one source of truth,
tables.py), with primary keys, foreign keys to ``reports.id`` and indexes for dashboard
queries, plus ``files`` (one row per stored file: sha256, path, how many reports),
``failed_files`` (the files of the latest runs that gave no record, and why: they are
tried again on the next run and leave the table once they succeed) and ``mrx_meta``
(the layout version). Only SQLAlchemy Core is used, so any URL SQLAlchemy
knows works: ``sqlite:///reports.db`` (embedded, nothing to install; a bare file path
means the same) or ``postgresql+psycopg://user@host/db`` (with a PostgreSQL driver
installed). Note that ``index``, ``start`` and ``end`` are SQL key words: quote them in
hand-written queries (``SELECT "end" - "start" FROM problems``).
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from extractor.about import __version__
from extractor.io.paths import display_path, internal_path, path_bytes
from extractor.schema import Record
from extractor.outputs.tables import DTYPES, TABLES, as_record, record_rows

if TYPE_CHECKING:
    import pandas as pd

# Changes whenever a table's columns change (a field declared, a column added): a database
# made with another layout is refused with a one-line reason instead of half-written.
LAYOUT_VERSION = hashlib.sha256(repr([(t.name, t.columns, t.key) for t in TABLES.values()])
                                .encode()).hexdigest()[:12]
FILES_TABLE = "files"
FAILED_TABLE = "failed_files"
META_TABLE = "mrx_meta"


# Concurrent writers (two runs on one database): how long SQLite waits for a lock, and how
# often a transaction that lost a race (locked, serialisation failure, deadlock) is retried.
SQLITE_BUSY_TIMEOUT_S = 60
RETRIES = 8
RETRY_PAUSE_S = 0.05


class StoreError(Exception):
    """A database that cannot be used (bad URL, older layout, no driver); one line for the user."""


def sha256_file(path: str | os.PathLike) -> str:
    """The sha256 of a file's bytes, as ``record.source.sha256`` has it."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def database_url(url: str) -> str:
    """A SQLAlchemy URL; a bare path (no ``://``) is a SQLite file."""
    return url if "://" in url else f"sqlite:///{url}"


def build_metadata():
    """SQLAlchemy Tables for TABLES plus ``files``, ``failed_files`` and ``mrx_meta``."""
    import sqlalchemy as sa

    types = {"str": sa.Text, "int": sa.Integer, "bool": sa.Boolean, "float": sa.Float}
    md = sa.MetaData()
    for name, table in TABLES.items():
        columns = []
        for column, kind in table.columns:
            args = []
            if column == "report_id":
                args.append(sa.ForeignKey("reports.id", ondelete="CASCADE"))
            columns.append(sa.Column(column, types[kind](), *args, primary_key=column in table.key,
                                     nullable=column not in table.key))
        indexes = [sa.Index(f"ix_{name}_{'_'.join(cols)}", *cols) for cols in table.indexes]
        # child tables' primary keys start with report_id: they serve look-ups by report
        sa.Table(name, md, *columns, *indexes)
    sa.Table(FILES_TABLE, md,
             sa.Column("sha256", sa.Text, primary_key=True),
             sa.Column("path", sa.Text, nullable=False, index=True),
             sa.Column("path_bytes", sa.Text),
             sa.Column("n_reports", sa.Integer, nullable=False),
             sa.Column("mrx_version", sa.Text),
             sa.Column("stored_at", sa.Text))
    sa.Table(FAILED_TABLE, md,
             sa.Column("path", sa.Text, primary_key=True),
             sa.Column("path_bytes", sa.Text),
             sa.Column("error", sa.Text, nullable=False),
             sa.Column("mrx_version", sa.Text),
             sa.Column("tried_at", sa.Text))
    sa.Table(META_TABLE, md,
             sa.Column("key", sa.Text, primary_key=True),
             sa.Column("value", sa.Text))
    return md


class ReportStore:
    """A database of reports. Use as a context manager, or call ``close()``.

    ``add(records)`` takes the records of one file; files are written in batches of
    ``batch_files`` per transaction (``flush()`` writes what is pending).
    """

    def __init__(self, url: str, *, batch_files: int = 100):
        import sqlalchemy as sa

        self.url = database_url(url)
        try:
            sa_url = sa.engine.make_url(self.url)
        except sa.exc.ArgumentError as e:
            raise StoreError(f"not a database URL: {url!r} ({e})") from None
        if sa_url.get_backend_name() == "sqlite" and sa_url.database not in (None, "", ":memory:"):
            Path(sa_url.database).parent.mkdir(parents=True, exist_ok=True)
        sqlite = sa_url.get_backend_name() == "sqlite"
        try:
            self.engine = sa.create_engine(sa_url, **({"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_S}}
                                                      if sqlite else {}))
        except (ImportError, sa.exc.NoSuchModuleError) as e:
            raise StoreError(f"cannot open {sa_url.render_as_string()}: {e}") from None
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            sa.event.listen(self.engine, "begin", _sqlite_begin)
        self.md = build_metadata()
        self.t = self.md.tables
        self.batch_files = batch_files
        self._pending: dict[str, tuple[str, list[Record]]] = {}  # sha256 -> (path, records)
        self._failed: dict[str, str] = {}  # path -> error
        self.stats = {"files_added": 0, "reports_added": 0, "files_skipped": 0, "files_replaced": 0}
        # (path, reason) of the files that could not be stored: error entries for the caller
        self.unstored: list[tuple[str, str]] = []
        try:
            _retrying(self._setup, schema=True)
        except sa.exc.SQLAlchemyError as e:
            raise StoreError(f"cannot use {sa_url.render_as_string()}: {e.__class__.__name__}: "
                             f"{str(e).splitlines()[0]}") from None

    def _setup(self):
        import sqlalchemy as sa

        meta = self.t[META_TABLE]
        with self._writing() as conn:
            self.md.create_all(conn)  # checks first; a table created meanwhile is retried
            version = conn.execute(sa.select(meta.c.value).where(meta.c.key == "layout_version")).scalar()
            if version is None:
                conn.execute(meta.insert(), [{"key": "layout_version", "value": LAYOUT_VERSION}])
            elif version != LAYOUT_VERSION:
                raise StoreError(f"the database has table layout {version}, this mrx writes "
                                 f"{LAYOUT_VERSION}: write to a new database")

    @contextlib.contextmanager
    def _writing(self):
        """A write transaction (on SQLite it holds the write lock from its start)."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(mrx_write=True)
            with conn.begin():
                yield conn

    # -- asking ---------------------------------------------------------------------
    def has(self, sha256: str) -> bool:
        """Is a file with this sha256 stored (or waiting to be)? Ask before extracting."""
        import sqlalchemy as sa

        if sha256 in self._pending:
            return True
        files = self.t[FILES_TABLE]
        with self.engine.connect() as conn:
            return conn.execute(sa.select(files.c.sha256).where(files.c.sha256 == sha256)).first() is not None

    def has_file(self, path: str | os.PathLike) -> bool:
        """Is this file's current content stored? (Hashes the file; False if unreadable.)"""
        try:
            return self.has(sha256_file(path))
        except OSError:
            return False

    def stored_sha256(self) -> set[str]:
        """Every stored file's sha256 (for callers that check many files at once)."""
        import sqlalchemy as sa

        files = self.t[FILES_TABLE]
        with self.engine.connect() as conn:
            return set(conn.execute(sa.select(files.c.sha256)).scalars()) | set(self._pending)

    # -- writing --------------------------------------------------------------------
    def add(self, records: Iterable[Record]) -> bool:
        """Queue the records of one file; False (and nothing queued) when already stored."""
        records = [as_record(r) for r in records]
        if not records:
            return False
        source = records[0].source
        if any(r.source.sha256 != source.sha256 for r in records):
            raise ValueError("add() takes the records of one file (one sha256) at a time")
        if self.has(source.sha256):
            self.stats["files_skipped"] += 1
            return False
        self._pending[source.sha256] = (source.path, records)
        if len(self._pending) >= self.batch_files:
            self.flush()
        return True

    def add_all(self, records: Iterable[Record]) -> None:
        """Queue a stream of records, grouped into files by consecutive sha256."""
        for _ in self.tee(as_record(r) for r in records):
            pass

    def tee(self, records: Iterable[Record]) -> Iterator[Record]:
        """Pass records through while storing them (grouped into files by sha256).

        A file's records are queued once its last record has gone by, so a batch that
        is stopped midway stores only whole files.
        """
        group: list[Record] = []
        for record in records:
            # two identical files in a row are two files (the second a duplicate), not one
            if group and (record.source.sha256, record.source.path, record.source.path_bytes) != \
                    (group[0].source.sha256, group[0].source.path, group[0].source.path_bytes):
                self.add(group)
                group = []
            group.append(record)
            yield record
        if group:
            self.add(group)

    def fail(self, path: str, error: str) -> None:
        """Record a file that gave no record (replacing an earlier failure of that path).

        ``path`` may hold undecodable bytes (surrogate-escaped): it is stored readable,
        with its exact bytes in ``path_bytes``."""
        self._failed[path] = error
        if len(self._failed) >= self.batch_files:
            self.flush()

    def skip(self) -> None:
        """Count a file that the caller skipped after asking ``has``."""
        self.stats["files_skipped"] += 1

    def flush(self) -> None:
        """Write the queued files in one transaction."""
        import sqlalchemy as sa

        if not self._pending and not self._failed:
            return
        pending, self._pending = self._pending, {}
        failed, self._failed = self._failed, {}
        try:
            _retrying(lambda: self._write(pending, failed))
        except sa.exc.IntegrityError:
            # another run stored some of these files meanwhile: one transaction per file
            self._write_each(pending, failed)
        except sa.exc.SQLAlchemyError as e:
            raise self._store_error(e) from e

    def _store_error(self, e: Exception) -> StoreError:
        return StoreError(f"cannot write to {self.engine.url.render_as_string()}: "
                          f"{e.__class__.__name__}: {str(e).splitlines()[0]}")

    def _write_each(self, pending: dict[str, tuple[str, list[Record]]], failed: dict[str, str]) -> None:
        """Write files one per transaction: a file another writer stored meanwhile is
        skipped, a file that cannot be stored goes to ``unstored`` (never lost silently)."""
        import sqlalchemy as sa

        for sha, entry in pending.items():
            try:
                _retrying(lambda: self._write({sha: entry}, {}))
            except sa.exc.IntegrityError as e:
                if self.has(sha):
                    self.stats["files_skipped"] += 1  # stored meanwhile by another run
                else:
                    source = entry[1][0].source
                    self.unstored.append((internal_path(source.path, source.path_bytes),
                                          "cannot be stored in the database: "
                                          f"{e.__class__.__name__}: {str(e).splitlines()[0]}"))
            except sa.exc.SQLAlchemyError as e:
                raise self._store_error(e) from e
        if failed:
            try:
                _retrying(lambda: self._write({}, failed))
            except sa.exc.SQLAlchemyError as e:
                raise self._store_error(e) from e

    def _write(self, pending: dict[str, tuple[str, list[Record]]], failed: dict[str, str]) -> None:
        import sqlalchemy as sa

        files, failures = self.t[FILES_TABLE], self.t[FAILED_TABLE]
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        rows: dict[str, list[dict]] = {name: [] for name in TABLES}
        file_rows = []
        stats = dict.fromkeys(self.stats, 0)
        with self._writing() as conn:
            for sha, (path, records) in pending.items():
                if conn.execute(sa.select(files.c.sha256).where(files.c.sha256 == sha)).first():
                    stats["files_skipped"] += 1  # stored meanwhile by another run
                    continue
                if path != "-":  # stdin has no identity to replace
                    stats["files_replaced"] += self._delete(conn, path, keep_sha256=sha)
                file_rows.append({"sha256": sha, "path": path, "path_bytes": records[0].source.path_bytes,
                                  "n_reports": len(records),
                                  "mrx_version": __version__, "stored_at": now})
                for record in records:
                    for name, table_rows in record_rows(record).items():
                        rows[name].extend(table_rows)
                stats["files_added"] += 1
                stats["reports_added"] += len(records)
            # A path leaves failed_files when it is stored, and holds its latest failure.
            failed_rows = [{"path": display_path(path), "path_bytes": path_bytes(path), "error": error,
                            "mrx_version": __version__, "tried_at": now} for path, error in failed.items()]
            paths = [row["path"] for row in file_rows] + [row["path"] for row in failed_rows]
            if paths:
                conn.execute(sa.delete(failures).where(failures.c.path.in_(paths)))
            if failed_rows:
                conn.execute(failures.insert(), failed_rows)
            if file_rows:
                conn.execute(files.insert(), file_rows)
            for name in TABLES:  # reports first: the others refer to it
                if rows[name]:
                    conn.execute(self.t[name].insert(), rows[name])
        for key, value in stats.items():  # counted once the transaction has committed
            self.stats[key] += value

    def _delete(self, conn, path: str, keep_sha256: str | None = None) -> int:
        """Delete the rows of the files stored under ``path`` (but ``keep_sha256``)."""
        import sqlalchemy as sa

        files, reports = self.t[FILES_TABLE], self.t["reports"]
        cond = files.c.path == path
        if keep_sha256 is not None:
            cond = sa.and_(cond, files.c.sha256 != keep_sha256)
        old = list(conn.execute(sa.select(files.c.sha256).where(cond)).scalars())
        if not old:
            return 0
        ids = sa.select(reports.c.id).where(reports.c.sha256.in_(old)).scalar_subquery()
        for name in TABLES:
            if name != "reports":
                conn.execute(sa.delete(self.t[name]).where(self.t[name].c.report_id.in_(ids)))
        conn.execute(sa.delete(reports).where(reports.c.sha256.in_(old)))
        conn.execute(sa.delete(files).where(files.c.sha256.in_(old)))
        return len(old)

    def remove(self, path: str) -> int:
        """Delete everything stored for ``path``; returns how many file versions went."""
        self.flush()
        with self._writing() as conn:
            return self._delete(conn, path)

    # -- reading --------------------------------------------------------------------
    def frames(self) -> dict[str, "pd.DataFrame"]:
        """The stored tables as DataFrames (same columns and dtypes as ``to_frames``)."""
        import pandas as pd
        import sqlalchemy as sa

        self.flush()
        out = {}
        with self.engine.connect() as conn:
            for name, table in TABLES.items():
                t = self.t[name]
                order = ("path", "index") if name == "reports" else table.key
                df = pd.read_sql(sa.select(t).order_by(*[t.c[k] for k in order]), conn)
                out[name] = df.astype({c: DTYPES[k] for c, k in table.columns})
            for name in (FILES_TABLE, FAILED_TABLE):
                t = self.t[name]
                out[name] = pd.read_sql(sa.select(t).order_by(t.c.path), conn)
        return out

    def count(self, table: str = "reports") -> int:
        import sqlalchemy as sa

        self.flush()
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(self.t[table])).scalar_one()

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.engine.dispose()

    def __enter__(self) -> "ReportStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _sqlite_pragmas(dbapi_conn, _record):
    # transactions are begun by _sqlite_begin, not by the driver
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    try:
        # readers do not wait for a writer; persistent, so set once per database
        cur.execute("PRAGMA journal_mode=WAL")
    except Exception:  # noqa: BLE001 - another connection is switching it: it will be WAL
        pass
    cur.close()


def _sqlite_begin(conn):
    """A write transaction takes the write lock at its start (BEGIN IMMEDIATE): a
    transaction that read first and then wrote could not wait for another writer, SQLite
    would fail it at once with "database is locked"."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("mrx_write") else "BEGIN")


def _retrying(write, *, schema: bool = False):
    """Run ``write`` (one transaction), again when it lost a race with another writer: a
    lock (SQLite), a serialisation failure or deadlock (PostgreSQL), or, while creating
    the tables (``schema``), a table another run created at the same moment."""
    import sqlalchemy as sa

    for attempt in range(RETRIES + 1):
        try:
            return write()
        except (sa.exc.OperationalError, sa.exc.ProgrammingError, sa.exc.IntegrityError) as e:
            message = str(e).lower()
            raced = any(word in message for word in ("locked", "busy", "deadlock", "could not serialize"))
            if schema:
                raced = raced or "already exists" in message or "duplicate key" in message \
                    or "unique constraint" in message
            if not raced or attempt == RETRIES:
                raise
            time.sleep(RETRY_PAUSE_S * (attempt + 1))


def to_database(records: Iterable[Record], url: str) -> dict:
    """Write records into the database at ``url``; returns the store's counts."""
    with ReportStore(url) as store:
        store.add_all(records)
    return store.stats
