/**
 * Versioned schema changes, applied in order, each once, each in its own transaction.
 * Names are timestamps so that both backends list the same names in the same order.
 */
import type Database from 'better-sqlite3'
import { reindexAll } from './sqlite-search-index.js'

export interface SqliteMigration {
  name: string
  sql: string
  /** Work SQL alone cannot do (filling an index from the records), in the same transaction. */
  after?: (db: Database.Database) => void
  /**
   * The migration rebuilds a table others reference: foreign keys are switched off around it
   * (SQLite's documented procedure), so dropping the old table cascades nothing, and checked
   * before it commits.
   */
  rebuildsTables?: boolean
}

export const SQLITE_MIGRATIONS: SqliteMigration[] = [
  {
    name: '20261124T1900-publications',
    sql: `
      CREATE TABLE publications (
        id          TEXT PRIMARY KEY,
        slug        TEXT NOT NULL UNIQUE,
        status      TEXT NOT NULL CHECK (status IN ('draft', 'published', 'withdrawn')),
        type        TEXT NOT NULL,
        title       TEXT NOT NULL,
        published   TEXT,               -- ISO-8601 prefix: 2023, 2023-01 or 2023-01-18
        url_key     TEXT,               -- normalised original URL, for de-duplication
        match_key   TEXT NOT NULL,      -- normalised title | outlet | date, for de-duplication
        fields      TEXT NOT NULL,      -- the editable fields as JSON (model PublicationFields)
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        revision    INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX publications_url_key ON publications (url_key) WHERE url_key IS NOT NULL;
      CREATE INDEX publications_match_key ON publications (match_key);
      CREATE INDEX publications_listing ON publications (coalesce(published, ''), created_at, id);

      CREATE TABLE revisions (
        publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
        number         INTEGER NOT NULL,
        at             TEXT NOT NULL,
        actor          TEXT NOT NULL,
        action         TEXT NOT NULL,
        changes        TEXT,            -- JSON {field: {from, to}}; NULL for the creation
        PRIMARY KEY (publication_id, number)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    name: '20261124T2200-search',
    // search_docs gives each record a stable integer for the full-text index, with what results
    // are filtered and sorted by; search_facets holds the many-valued facets (authors, outlet,
    // topics, regions, program) as (field, folded key, shown value). search_text is contentless:
    // the text lives in publications.fields, and snippets are cut from it.
    sql: `
      CREATE TABLE search_docs (
        doc      INTEGER PRIMARY KEY,
        id       TEXT NOT NULL UNIQUE REFERENCES publications (id) ON DELETE CASCADE,
        visible  INTEGER NOT NULL,     -- 1 when published: what the public may find
        type     TEXT NOT NULL,
        year     INTEGER,
        date     TEXT NOT NULL,        -- the publication date as an ISO prefix, '' when unknown
        lang     TEXT
      ) STRICT;
      CREATE INDEX search_docs_by_date ON search_docs (visible, date, doc);
      -- Harvesters (OAI-PMH) read records in order of change.
      CREATE INDEX publications_by_change ON publications (updated_at, id);
      CREATE INDEX search_docs_by_type ON search_docs (type, visible);
      CREATE INDEX search_docs_by_year ON search_docs (year, visible);

      CREATE TABLE search_facets (
        field  TEXT NOT NULL,
        key    TEXT NOT NULL,
        doc    INTEGER NOT NULL,
        value  TEXT NOT NULL,
        PRIMARY KEY (field, key, doc)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX search_facets_by_doc ON search_facets (doc);

      CREATE VIRTUAL TABLE search_text USING fts5 (
        title, summary, people, body,
        content = '', contentless_delete = 1,
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
      CREATE VIRTUAL TABLE search_vocab USING fts5vocab (search_text, row);

      -- Bumped by every change to the index, so a process holding the filter columns in memory
      -- knows when to reload them.
      CREATE TABLE search_state (id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL) STRICT;
      INSERT INTO search_state (id, generation) VALUES (1, 0);
    `,
    after: reindexAll,
  },
  {
    name: '20261124T2300-api-tokens',
    sql: `
      CREATE TABLE api_tokens (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        scopes      TEXT NOT NULL,      -- JSON array: read, write, admin
        hash        TEXT NOT NULL UNIQUE, -- SHA-256 of the secret; the secret itself is never stored
        created_at  TEXT NOT NULL,
        revoked_at  TEXT
      ) STRICT;
    `,
  },
  {
    name: '20261125T0000-deleted-status',
    rebuildsTables: true,
    sql: `
      CREATE TABLE publications_next (
        id          TEXT PRIMARY KEY,
        slug        TEXT NOT NULL UNIQUE,
        status      TEXT NOT NULL CHECK (status IN ('draft', 'published', 'withdrawn', 'deleted')),
        type        TEXT NOT NULL,
        title       TEXT NOT NULL,
        published   TEXT,
        url_key     TEXT,
        match_key   TEXT NOT NULL,
        fields      TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        revision    INTEGER NOT NULL
      ) STRICT;
      INSERT INTO publications_next SELECT id, slug, status, type, title, published, url_key, match_key, fields, created_at, updated_at, revision FROM publications;
      DROP TABLE publications;
      ALTER TABLE publications_next RENAME TO publications;
      CREATE UNIQUE INDEX publications_url_key ON publications (url_key) WHERE url_key IS NOT NULL;
      CREATE INDEX publications_match_key ON publications (match_key);
      CREATE INDEX publications_listing ON publications (coalesce(published, ''), created_at, id);
      CREATE INDEX publications_by_change ON publications (updated_at, id);
    `,
  },
  {
    name: '20261125T0100-accounts',
    sql: `
      CREATE TABLE accounts (
        id            TEXT PRIMARY KEY,
        email         TEXT NOT NULL UNIQUE,  -- lower-cased
        name          TEXT NOT NULL,
        role          TEXT NOT NULL CHECK (role IN ('admin', 'editor')),
        password_hash TEXT,                  -- scrypt, with its parameters and salt; NULL: cannot sign in
        created_at    TEXT NOT NULL,
        disabled_at   TEXT
      ) STRICT;
      CREATE TABLE sessions (
        hash        TEXT PRIMARY KEY,        -- SHA-256 of the cookie's secret
        account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        csrf        TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        expires_at  TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX sessions_by_expiry ON sessions (expires_at);
    `,
  },
  {
    name: '20261125T0200-featured',
    // The home page lists the few featured records; a partial index keeps that one small read.
    sql: `CREATE INDEX publications_featured ON publications (coalesce(published, ''), created_at, id) WHERE json_extract(fields, '$.featured') = 1;`,
  },
  {
    name: '20261125T0300-record-stamps',
    // A record's stamp (status, revision, change time) read from the index alone: in the table
    // those columns sit behind the fields blob, and page caches ask for them on every view.
    sql: `CREATE INDEX publications_stamp ON publications (id, status, revision, updated_at);`,
  },
  {
    name: '20261125T0500-enrichment',
    // Entities and dated events found in each record, kept beside it (never in it: enrichment
    // makes no revision), the enricher version that found them, and editors' corrections.
    sql: `
      CREATE TABLE entities (
        key      TEXT PRIMARY KEY,           -- country:JP, person:fumio-kishida, org:group-of-seven
        name     TEXT NOT NULL,
        fold     TEXT NOT NULL,              -- the name as search facets key it
        type     TEXT NOT NULL,
        country  TEXT,
        renamed  INTEGER NOT NULL DEFAULT 0  -- named by an editor: enrichment keeps the name
      ) STRICT;
      CREATE TABLE record_entities (
        publication_id  TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
        entity_key      TEXT NOT NULL REFERENCES entities (key),
        mentions        INTEGER NOT NULL,
        fields          TEXT NOT NULL,       -- JSON array
        surfaces        TEXT NOT NULL,       -- JSON array
        PRIMARY KEY (publication_id, entity_key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX record_entities_by_entity ON record_entities (entity_key, publication_id);
      CREATE TABLE record_events (
        publication_id  TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
        seq             INTEGER NOT NULL,
        starts          TEXT NOT NULL,
        ends            TEXT NOT NULL,
        value           TEXT NOT NULL,
        precision       TEXT NOT NULL,
        type            TEXT NOT NULL,
        text            TEXT NOT NULL,
        sentence        TEXT NOT NULL,
        entity_keys     TEXT NOT NULL,       -- JSON array
        field           TEXT NOT NULL,
        PRIMARY KEY (publication_id, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX record_events_by_start ON record_events (starts, ends);
      CREATE TABLE enrichment_state (
        publication_id  TEXT PRIMARY KEY REFERENCES publications (id) ON DELETE CASCADE,
        version         TEXT NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
        error           TEXT,
        attempts        INTEGER NOT NULL,
        updated_at      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX enrichment_state_by_status ON enrichment_state (status, updated_at);
      CREATE TABLE entity_corrections (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        kind            TEXT NOT NULL CHECK (kind IN ('merge', 'rename', 'remove', 'add', 'split')),
        publication_id  TEXT REFERENCES publications (id) ON DELETE CASCADE,
        entity_key      TEXT NOT NULL,
        target_key      TEXT,
        name            TEXT,
        type            TEXT,
        country         TEXT,
        account         TEXT,
        created_at      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX entity_corrections_by_record ON entity_corrections (publication_id);
    `,
  },
  {
    name: '20261125T0600-search-change-marks',
    // Each document carries the index generation that last changed it, so a process holding the
    // search columns in memory reads only what changed since its copy instead of everything.
    sql: `
      ALTER TABLE search_docs ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX search_docs_by_change ON search_docs (changed);
    `,
  },
  {
    name: '20261125T0700-jobs',
    // The embedded archive's background jobs, worked in-process (server mode keeps them in
    // PostgreSQL with pg-boss). States as the queue reports them; dead jobs are the admins'
    // dead-letter list.
    sql: `
      CREATE TABLE jobs (
        id           TEXT PRIMARY KEY,
        kind         TEXT NOT NULL,
        data         TEXT NOT NULL,            -- JSON
        state        TEXT NOT NULL CHECK (state IN ('queued', 'retry', 'active', 'completed', 'dead')),
        attempts     INTEGER NOT NULL DEFAULT 0,
        run_after    TEXT NOT NULL,            -- queued/retry: not before; active: lost after
        created_at   TEXT NOT NULL,
        started_at   TEXT,
        finished_at  TEXT,
        error        TEXT,
        output       TEXT                      -- JSON
      ) STRICT;
      CREATE INDEX jobs_due ON jobs (state, run_after);
      CREATE INDEX jobs_by_creation ON jobs (created_at);
    `,
  },
  {
    name: '20261206T2100-search-docs-lean',
    // Filters, facets and date order are served from the in-memory search columns, so these
    // indexes were written for every record and read by nothing: three fewer B-trees to keep
    // up on each import, and a smaller index.
    sql: `
      DROP INDEX IF EXISTS search_docs_by_date;
      DROP INDEX IF EXISTS search_docs_by_type;
      DROP INDEX IF EXISTS search_docs_by_year;
    `,
  },
  {
    name: '20261207T0500-search-text-hashsize',
    // FTS5 writes its pending terms out as a new segment whenever they pass "hashsize" (1 MB by
    // default), so an import batch of 2,000 records left a dozen small segments to merge. With
    // 16 MB a batch makes about one: 1.15 times the import rate, side by side at 100,000 records.
    // The setting lives in the index's own config table, so every connection uses it.
    sql: `INSERT INTO search_text (search_text, rank) VALUES ('hashsize', 16777216);`,
  },
]
