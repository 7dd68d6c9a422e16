/**
 * Versioned schema changes, applied in order, each once, each in its own transaction.
 * Names are timestamps so that both backends list the same names in the same order.
 */
export interface SqliteMigration {
  name: string
  sql: string
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
]
