"""Tables of the tracking database (SQLAlchemy 2 declarative).

documents   one row per distinct content (sha256); a changed file at the same
            path becomes a new version whose `previous_id` points at the old one.
facts       every Fact field, the document it came from, review state, and the
            series key columns the analyses group by.
series      one row per series key, kept up to date at write time, so that
            conflicts and scorecards over a million facts never scan them all.
passages    paragraphs of each document's text, indexed for full-text search
            (SQLite FTS5 trigram / PostgreSQL pg_trgm: built in the migration).
corrections the audit trail of every human change, keyed so it can be
            re-applied after re-extraction (document sha256 + span).
projects    an office's register of projects (issue 9), and project_events: every
            change to one (added, edited, stage reached, progress note), audited.
api_tokens  who may write through the web API: each token's sha256 digest, never the token.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names so migrations are the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# The series that may conflict: stated by two or more documents whose values differ at all.
# One text for the partial index and for the query that reads it: a database uses a partial
# index only when it can prove the query's rows are in it.
CONFLICT_CANDIDATE = "spread > 0 AND n_docs >= 2"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(512))
    path: Mapped[str | None] = mapped_column(Text)
    # The version chain follows this key: the path when known, else the name.
    source_key: Mapped[str] = mapped_column(Text, index=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    format: Mapped[str] = mapped_column(String(16), default="txt")
    encoding: Mapped[str | None] = mapped_column(String(32))
    chars: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    meta: Mapped[str] = mapped_column(Text, default="{}")  # JSON object
    date: Mapped[str | None] = mapped_column(String(32))
    region: Mapped[str | None] = mapped_column(String(128))
    engine: Mapped[str | None] = mapped_column(String(64))  # planwatch version that extracted it
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FactRow(Base):
    __tablename__ = "facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The public id (store/ids.py): from the document's content, the span and the origin, so it
    # survives re-extraction. Unique; filled for every row by the code that inserts it.
    uid: Mapped[str | None] = mapped_column(String(16))
    # Indexed by ix_facts_span, whose first column it is.
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    doc: Mapped[str] = mapped_column(String(512))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    surface: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(16))
    indicator: Mapped[str] = mapped_column(String(256))
    measure: Mapped[str] = mapped_column(String(16))
    value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(64))
    # value in its base unit (1.3万亩 → 13000): series spreads compare these, so two
    # spellings of one figure never look like a conflict and 5亿元 vs 5万元 always does.
    base_value: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str] = mapped_column(String(16), default="exact")
    region: Mapped[str | None] = mapped_column(String(128))
    region_code: Mapped[str | None] = mapped_column(String(32))
    period: Mapped[str | None] = mapped_column(String(32))
    tier: Mapped[str] = mapped_column(String(4), default="B")
    optional: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence: Mapped[str] = mapped_column(Text, default="")
    duplicate: Mapped[bool] = mapped_column(Boolean, default=False)
    why: Mapped[str | None] = mapped_column(Text)  # the evidence behind kind, period and region
    # Review state: superseded by a newer version of its document; reviewed by a person.
    superseded: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="unreviewed")  # unreviewed|confirmed|rejected|corrected
    origin: Mapped[str] = mapped_column(String(16), default="engine")      # engine|user
    # The series key (indicator, region, period, kind) joined into one indexed string.
    series: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        # Listing filters always include `superseded = false`; put it first.
        Index("ix_facts_filter", "superseded", "indicator", "region", "period", "kind"),
        Index("ix_facts_region_period", "superseded", "region", "period"),
        Index("ix_facts_period", "superseded", "period"),
        Index("ix_facts_kind", "superseded", "kind"),
        Index("ix_facts_series", "series", "superseded"),
        Index("ix_facts_span", "document_id", "start", "end"),
        Index("ix_facts_uid", "uid", unique=True),
    )


class SeriesRow(Base):
    """Aggregates of the live (not superseded, not rejected) facts of one series key
    (indicator, region, period, kind, measure: analyse.series.series_key)."""

    __tablename__ = "series"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    indicator: Mapped[str] = mapped_column(String(256))
    region: Mapped[str | None] = mapped_column(String(128))
    period: Mapped[str | None] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    measure: Mapped[str] = mapped_column(String(16))
    n_facts: Mapped[int] = mapped_column(Integer, default=0)
    n_docs: Mapped[int] = mapped_column(Integer, default=0)
    # In base units (facts.base_value). A series whose values are all equal cannot
    # conflict, so conflicts read only the series with spread > 0.
    min_value: Mapped[float | None] = mapped_column(Float)
    max_value: Mapped[float | None] = mapped_column(Float)
    spread: Mapped[float] = mapped_column(Float, default=0.0)

    __table_args__ = (
        Index("ix_series_spread", "spread"),
        Index("ix_series_docs", "n_docs"),
        Index("ix_series_rpk", "region", "period", "kind"),
        Index("ix_series_target_cells", "kind", "period", "region"),   # the web overview's rows
        # the conflicts pages: candidate keys in key order (a few thousand of 333k at 1 M facts)
        Index("ix_series_conflicts", "key", sqlite_where=text(CONFLICT_CANDIDATE),
              postgresql_where=text(CONFLICT_CANDIDATE)),
    )


class PassageRow(Base):
    """A paragraph of a document's text, [start, end) in its offsets: what search returns."""

    __tablename__ = "passages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class CorrectionRow(Base):
    """One human change. `fact_id` is a convenience; the natural key re-finds the fact
    after re-extraction: (doc_sha256, start, end, match_indicator), then (source_key,
    surface, evidence) when the document changed elsewhere."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[int | None] = mapped_column(ForeignKey("facts.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(16))  # fix|confirm|reject|add
    doc_sha256: Mapped[str] = mapped_column(String(64), index=True)
    source_key: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    match_indicator: Mapped[str | None] = mapped_column(String(256))  # indicator before any correction
    surface: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[str | None] = mapped_column(Text)
    field: Mapped[str | None] = mapped_column(String(32))
    old_value: Mapped[str | None] = mapped_column(Text)  # JSON
    new_value: Mapped[str | None] = mapped_column(Text)  # JSON (for `add`: the whole fact)
    author: Mapped[str] = mapped_column(String(128))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_corrections_source", "source_key"),)


class TokenRow(Base):
    """A web API token: only its sha256 digest is kept (the token is shown once, when made)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ProjectRow(Base):
    """A project in an office's register (issue 9): entered by hand or from a mention in a document.
    Dates are ISO strings (YYYY-MM-DD); investments are in `investment_unit`. Every change is a
    ProjectEventRow."""

    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(256))
    region: Mapped[str | None] = mapped_column(String(128))
    unit: Mapped[str | None] = mapped_column(String(256))  # the responsible unit (责任单位)
    stage: Mapped[str] = mapped_column(String(16), default="preparing")
    planned_start: Mapped[str | None] = mapped_column(String(10))
    planned_end: Mapped[str | None] = mapped_column(String(10))
    actual_start: Mapped[str | None] = mapped_column(String(10))
    actual_end: Mapped[str | None] = mapped_column(String(10))
    planned_investment: Mapped[float | None] = mapped_column(Float)
    completed_investment: Mapped[float | None] = mapped_column(Float)
    investment_unit: Mapped[str] = mapped_column(String(16), default="亿元")
    # where it was taken from (a mention in a stored or read document), if it was
    source_doc: Mapped[str | None] = mapped_column(String(512))
    source_start: Mapped[int | None] = mapped_column(Integer)
    source_end: Mapped[int | None] = mapped_column(Integer)
    source_text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_projects_region_name", "region", "name"),)


class ProjectEventRow(Base):
    """One change to a registered project, audited like a correction: added, a field edited, a stage
    reached (dated), or a progress note (dated: the weekly dispatch)."""

    __tablename__ = "project_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(16))  # add|edit|stage|note
    date: Mapped[str | None] = mapped_column(String(10))  # when it happened (stage, note)
    field: Mapped[str | None] = mapped_column(String(32))
    old_value: Mapped[str | None] = mapped_column(Text)  # JSON
    new_value: Mapped[str | None] = mapped_column(Text)  # JSON
    note: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ProjectReviewRow(Base):
    """One step of a registered IT project's review (issue 9): submitted with a requested budget,
    pre-review (前置审查) with its result, joint review (联席评审) with a reviewer's opinion, approved
    budget. Amounts are in `amount_unit` (元, 万元, 亿元)."""

    __tablename__ = "project_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    step: Mapped[str] = mapped_column(String(16))  # submit|prereview|joint|approve
    date: Mapped[str] = mapped_column(String(10))
    amount: Mapped[float | None] = mapped_column(Float)
    amount_unit: Mapped[str | None] = mapped_column(String(8))
    result: Mapped[str | None] = mapped_column(String(16))  # pass|revise|reject (pre-review, joint review)
    reviewer: Mapped[str | None] = mapped_column(String(128))
    opinion: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


__all__ = ["Base", "CorrectionRow", "DocumentRow", "FactRow", "PassageRow", "ProjectEventRow", "ProjectReviewRow",
           "ProjectRow", "SeriesRow", "TokenRow"]
