"""What the CLI and the web pages call: ingest, queries, analyses, exports, corrections.

Storage is planwatch.store (repo holds every SQL statement); analyses are
planwatch.analyse (pure functions over the facts a query returned); files are
written by planwatch.export. Each function opens the database it is given (a
URL, a path, or an already open Database) and closes what it opened; settings
(tolerances) come in as arguments. Filters are one typed `Query`, parsed and
validated once (query.py); query services return an `Answer` that says how the
query's names were read.

    ingestion     read_and_extract, extract_files, ingest, reextract, read_document, document_context
    queries       query_facts, iter_facts, get_fact, documents, stats, search
    analyses      scorecard, conflicts, corroboration, plan_table, panel
    exports       export, export_rows, write_rows, render_table
    corrections   fix, review, confirm, reject, add_fact, history
    projects      project_files, project_file, project_matches, task_files, task_file (named projects
                  and a plan's structure, no database)
    demo          demo
    views         overview, conflicts_page, document_view, documents_page, indicator_series, count_facts
    tokens        create_token, check_token, require_token (web API writes)
    uploads       ingest_upload (a file sent through the web), sniff
"""

from __future__ import annotations

from ..config import Settings, load_settings
from ..store.repo import Correction, DocumentInfo, FactFilter, StoredFact
from .analyses import conflicts, corroboration, panel, plan_table, scorecard
from .common import (
    DB,
    Answer,
    Database,
    database,
    default_author,
    default_db,
    fact_columns,
    open_database,
    series_of,
    shown_url,
)
from .corrections import (
    EDITABLE_FIELDS,
    add_fact,
    confirm,
    fix,
    history,
    reject,
    review,
)
from .demo import EXAMPLES, demo, example_files
from .exports import export, export_rows, render_table, write_rows
from .ingestion import (
    Extracted,
    IngestReport,
    Interrupted,
    document_context,
    extract_files,
    ingest,
    read_and_extract,
    read_document,
    reextract,
)
from .projects import (
    ProjectsOfFile,
    TasksOfFile,
    project_file,
    project_files,
    project_matches,
    task_file,
    task_files,
)
from .queries import (
    SearchHit,
    documents,
    get_fact,
    iter_facts,
    query_facts,
    search,
    stats,
)
from .query import Query
from .tokens import check_token, create_token, require_token
from .uploads import UnsupportedUpload, UploadTooLarge, ingest_upload, sniff
from .views import (
    DocumentView,
    Overview,
    conflicts_page,
    count_facts,
    document_view,
    documents_page,
    indicator_series,
    overview,
)

__all__ = [
    "DB",
    "EDITABLE_FIELDS",
    "EXAMPLES",
    "Answer",
    "Correction",
    "Database",
    "DocumentInfo",
    "DocumentView",
    "Extracted",
    "FactFilter",
    "IngestReport",
    "Interrupted",
    "Overview",
    "ProjectsOfFile",
    "Query",
    "SearchHit",
    "Settings",
    "StoredFact",
    "TasksOfFile",
    "UnsupportedUpload",
    "UploadTooLarge",
    "add_fact",
    "check_token",
    "confirm",
    "conflicts",
    "conflicts_page",
    "corroboration",
    "count_facts",
    "create_token",
    "database",
    "default_author",
    "default_db",
    "demo",
    "document_context",
    "document_view",
    "documents",
    "documents_page",
    "example_files",
    "export",
    "export_rows",
    "extract_files",
    "fact_columns",
    "fix",
    "get_fact",
    "history",
    "indicator_series",
    "ingest",
    "ingest_upload",
    "iter_facts",
    "load_settings",
    "open_database",
    "overview",
    "panel",
    "plan_table",
    "project_file",
    "project_files",
    "project_matches",
    "query_facts",
    "read_and_extract",
    "read_document",
    "reextract",
    "reject",
    "render_table",
    "require_token",
    "review",
    "scorecard",
    "search",
    "series_of",
    "shown_url",
    "sniff",
    "stats",
    "task_file",
    "task_files",
    "write_rows",
]
