"""The schema, as numbered migrations. Each runs once per database, in order, inside a
transaction, and is recorded in `schema_migrations`; never edit one that has shipped, add the
next. The same SQL serves DuckDB and PostgreSQL: `{DOUBLE}` and `{JSON}` are the only words
that differ."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Dialect = Literal["duckdb", "postgres"]

_TYPES: dict[Dialect, dict[str, str]] = {
    "duckdb": {"DOUBLE": "DOUBLE", "JSON": "JSON"},
    "postgres": {"DOUBLE": "DOUBLE PRECISION", "JSON": "JSONB"},
}

LEDGER = """CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL
)"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]
    postgres_only: tuple[str, ...] = ()

    def sql(self, dialect: Dialect) -> list[str]:
        extra = self.postgres_only if dialect == "postgres" else ()
        return [s.format(**_TYPES[dialect]) for s in (*self.statements, *extra)]


# Version 1 is the schema of eventwire 0.1 (`eventwire code --db`); `IF NOT EXISTS` lets the
# files it wrote adopt the ledger.
_DOCUMENTS_AND_EVENTS = Migration(
    1,
    "documents and events",
    (
        """CREATE TABLE IF NOT EXISTS documents (
            id VARCHAR PRIMARY KEY, title VARCHAR, text VARCHAR NOT NULL, outlet VARCHAR,
            url VARCHAR, published_at DATE, language VARCHAR, mentions {JSON}
        )""",
        """CREATE TABLE IF NOT EXISTS events (
            id VARCHAR PRIMARY KEY, document_id VARCHAR NOT NULL, type VARCHAR NOT NULL,
            cameo VARCHAR NOT NULL, quad_class INTEGER, intensity {DOUBLE},
            source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
            target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
            modality VARCHAR, negated BOOLEAN, attribution VARCHAR,
            date_start DATE, date_end DATE, date_granularity VARCHAR,
            location_name VARCHAR, location_country VARCHAR, lat {DOUBLE}, lon {DOUBLE},
            evidence VARCHAR, confidence {DOUBLE}, coder VARCHAR, record {JSON}
        )""",
    ),
)

_NEW_DOCUMENT_COLUMNS = (
    "location VARCHAR",  # where it was read: `feed.xml#3`, `big.jsonl:17`
    "coder VARCHAR",  # the stage versions that coded it (JSON text, compared as a string)
    "run_id VARCHAR",
    "coded_at TIMESTAMP",
)
_NEW_EVENT_COLUMNS = (
    "trigger_text VARCHAR",
    "trigger_start INTEGER",
    "trigger_end INTEGER",
    "source_text VARCHAR",
    "source_actor_id VARCHAR",
    "target_text VARCHAR",
    "target_actor_id VARCHAR",
    "attribution_kind VARCHAR",
    "attribution_scope VARCHAR",
    "date_text VARCHAR",
    "date_inferred BOOLEAN",
    "location_text VARCHAR",
    "location_place_id VARCHAR",
    "location_gazetteer_id VARCHAR",
    "quantities {JSON}",
    "evidence_sentence INTEGER",
    "evidence_start INTEGER",
    "evidence_end INTEGER",
    "notes {JSON}",
)

_CORPUS = Migration(
    2,
    "corpus: mentions, actors, places, runs; provenance of documents; typed event fields",
    (
        "DROP TABLE IF EXISTS schema_version",  # 0.1's single-number ledger
        *(f"ALTER TABLE documents ADD COLUMN IF NOT EXISTS {c}" for c in _NEW_DOCUMENT_COLUMNS),
        *(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {c}" for c in _NEW_EVENT_COLUMNS),
        """CREATE TABLE IF NOT EXISTS mentions (
            document_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, idx INTEGER NOT NULL,
            text VARCHAR NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
            name VARCHAR, country VARCHAR, sector VARCHAR, actor_id VARCHAR, place_id VARCHAR,
            lat {DOUBLE}, lon {DOUBLE}, date_start DATE, date_end DATE, granularity VARCHAR,
            value {DOUBLE}, unit VARCHAR, counted VARCHAR, rule VARCHAR, score {DOUBLE},
            PRIMARY KEY (document_id, kind, idx)
        )""",
        """CREATE TABLE IF NOT EXISTS actors (
            id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, country VARCHAR, sector VARCHAR,
            kind VARCHAR
        )""",
        """CREATE TABLE IF NOT EXISTS places (
            id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, country VARCHAR, lat {DOUBLE},
            lon {DOUBLE}, gazetteer_id VARCHAR, feature VARCHAR
        )""",
        """CREATE TABLE IF NOT EXISTS runs (
            id VARCHAR PRIMARY KEY, command VARCHAR NOT NULL, status VARCHAR NOT NULL,
            started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP, inputs {JSON}, options {JSON},
            coder VARCHAR, documents_read BIGINT DEFAULT 0, documents_coded BIGINT DEFAULT 0,
            documents_skipped BIGINT DEFAULT 0, inputs_failed BIGINT DEFAULT 0,
            events BIGINT DEFAULT 0, resumed INTEGER DEFAULT 0, failures {JSON}
        )""",
    ),
    # DuckDB's indexes slow bulk inserts more than they speed these; PostgreSQL needs them to
    # delete a document's rows when re-coding, and to answer dyad queries.
    postgres_only=(
        "CREATE INDEX IF NOT EXISTS events_document_idx ON events (document_id)",
        "CREATE INDEX IF NOT EXISTS events_dyad_idx ON events (source_country, target_country)",
        "CREATE INDEX IF NOT EXISTS mentions_document_idx ON mentions (document_id)",
        "CREATE INDEX IF NOT EXISTS documents_coder_idx ON documents (coder)",
    ),
)

# Version 3: the date each document's relative dates were read against (and whether it was a
# fallback, not the document's own date), every place a document was seen (the same text from a
# feed and a JSON Lines file is one document seen twice), and what a run needs to tell a live run
# from a dead one and to count its warnings.
_PROVENANCE = Migration(
    3,
    "date anchors, sightings, run liveness and warnings",
    (
        "ALTER TABLE documents ADD COLUMN IF NOT EXISTS anchor_date DATE",
        "ALTER TABLE documents ADD COLUMN IF NOT EXISTS anchor_fallback BOOLEAN",
        """CREATE TABLE IF NOT EXISTS sightings (
            document_id VARCHAR NOT NULL, location VARCHAR NOT NULL, url VARCHAR,
            run_id VARCHAR, seen_at TIMESTAMP, PRIMARY KEY (document_id, location)
        )""",
        "ALTER TABLE runs ADD COLUMN IF NOT EXISTS pid INTEGER",
        "ALTER TABLE runs ADD COLUMN IF NOT EXISTS host VARCHAR",
        "ALTER TABLE runs ADD COLUMN IF NOT EXISTS heartbeat_at TIMESTAMP",
        "ALTER TABLE runs ADD COLUMN IF NOT EXISTS documents_undated BIGINT DEFAULT 0",
        "ALTER TABLE runs ADD COLUMN IF NOT EXISTS documents_other_language BIGINT DEFAULT 0",
        "ALTER TABLE runs ADD COLUMN IF NOT EXISTS warnings {JSON}",
    ),
    postgres_only=("CREATE INDEX IF NOT EXISTS sightings_document_idx ON sightings (document_id)",),
)

# Version 4: the analysis layer's event clusters (one real-world event, many reports), their
# members, and the story (documents reporting the same happening) of each document.
_CLUSTERS = Migration(
    4,
    "event clusters, their members and stories",
    (
        """CREATE TABLE IF NOT EXISTS clusters (
            id VARCHAR PRIMARY KEY, version VARCHAR NOT NULL, story_id VARCHAR,
            type VARCHAR, quad_class INTEGER, source_country VARCHAR, target_country VARCHAR,
            date_start DATE, date_end DATE, date_granularity VARCHAR, location_name VARCHAR,
            location_country VARCHAR, lat {DOUBLE}, lon {DOUBLE}, location_precision VARCHAR,
            reports INTEGER NOT NULL, outlets INTEGER NOT NULL, first_published DATE,
            first_outlet VARCHAR, intensity {DOUBLE}, corroboration {JSON}
        )""",
        """CREATE TABLE IF NOT EXISTS cluster_members (
            event_id VARCHAR PRIMARY KEY, cluster_id VARCHAR NOT NULL,
            document_id VARCHAR NOT NULL, version VARCHAR NOT NULL, coder VARCHAR
        )""",
        """CREATE TABLE IF NOT EXISTS stories (
            document_id VARCHAR PRIMARY KEY, story_id VARCHAR NOT NULL, version VARCHAR NOT NULL
        )""",
    ),
    postgres_only=(
        "CREATE INDEX IF NOT EXISTS cluster_members_cluster_idx ON cluster_members (cluster_id)",
        "CREATE INDEX IF NOT EXISTS clusters_date_idx ON clusters (date_start)",
    ),
)

# Version 5: the link component each clustered event belongs to (clusters are average-linkage
# groups within a component, so a new report that links into a component regroups all of it).
_CLUSTER_COMPONENTS = Migration(
    5,
    "the link component of each clustered event",
    ("ALTER TABLE cluster_members ADD COLUMN IF NOT EXISTS component_id VARCHAR",),
    postgres_only=(
        "CREATE INDEX IF NOT EXISTS cluster_members_component_idx "
        "ON cluster_members (component_id)",
    ),
)

MIGRATIONS: tuple[Migration, ...] = (
    _DOCUMENTS_AND_EVENTS,
    _CORPUS,
    _PROVENANCE,
    _CLUSTERS,
    _CLUSTER_COMPONENTS,
)
TABLES = ("documents", "mentions", "actors", "places", "events", "runs", "sightings")
