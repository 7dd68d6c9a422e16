/**
 * The PostgreSQL schema, as versioned migrations under the same names as SQLite's, in the same
 * order. Each runs in its own transaction under an advisory lock, so app servers starting at
 * once apply each exactly once.
 *
 * Timestamps are ISO-8601 text, as in SQLite: they sort as times, and a record comes back
 * byte for byte as it went in (an export from either backend is the same file). The record's
 * fields are text too, not jsonb, which would reorder their keys. Keys and dates compare by
 * code point (COLLATE "C"), as SQLite compares them, whatever the database's locale.
 */
export interface PgMigration {
  name: string
  sql: string
}

export const PG_MIGRATIONS: PgMigration[] = [
  {
    name: '20261124T1900-publications',
    sql: `
      CREATE TABLE publications (
        id          text COLLATE "C" PRIMARY KEY,
        slug        text COLLATE "C" NOT NULL UNIQUE,
        status      text NOT NULL CONSTRAINT publications_status_check CHECK (status IN ('draft', 'published', 'withdrawn')),
        type        text NOT NULL,
        title       text NOT NULL,
        published   text COLLATE "C",
        url_key     text,
        match_key   text NOT NULL,
        fields      text NOT NULL,
        created_at  text COLLATE "C" NOT NULL,
        updated_at  text COLLATE "C" NOT NULL,
        revision    integer NOT NULL
      );
      CREATE UNIQUE INDEX publications_url_key ON publications (url_key) WHERE url_key IS NOT NULL;
      CREATE INDEX publications_match_key ON publications (match_key);
      CREATE INDEX publications_listing ON publications ((coalesce(published, '')), created_at, id);

      CREATE TABLE revisions (
        publication_id text COLLATE "C" NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
        number         integer NOT NULL,
        at             text NOT NULL,
        actor          text NOT NULL,
        action         text NOT NULL,
        changes        text,
        PRIMARY KEY (publication_id, number)
      );
    `,
  },
  {
    name: '20261124T2200-search',
    // One weighted tsvector per record (title A, summary B, authors and outlet C, body D) under
    // a configuration that folds accents and stems English but keeps stop words, as SQLite's
    // porter tokenizer does. search_facets holds the many-valued facets, as in SQLite.
    sql: `
      CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
      CREATE TEXT SEARCH DICTIONARY dossier_stem (TEMPLATE = pg_catalog.snowball, Language = english);
      CREATE TEXT SEARCH CONFIGURATION dossier_text (COPY = pg_catalog.simple);
      ALTER TEXT SEARCH CONFIGURATION dossier_text
        ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart
        WITH public.unaccent, dossier_stem;

      CREATE TABLE search_docs (
        id       text COLLATE "C" PRIMARY KEY REFERENCES publications (id) ON DELETE CASCADE,
        visible  boolean NOT NULL,
        type     text NOT NULL,
        year     integer,
        date     text COLLATE "C" NOT NULL,
        lang     text,
        tsv      tsvector NOT NULL
      );
      CREATE INDEX search_docs_tsv ON search_docs USING gin (tsv);
      CREATE INDEX search_docs_by_date ON search_docs (visible, date DESC, id DESC);
      CREATE INDEX publications_by_change ON publications (updated_at, id);

      CREATE TABLE search_facets (
        field  text NOT NULL,
        key    text COLLATE "C" NOT NULL,
        id     text COLLATE "C" NOT NULL REFERENCES search_docs (id) ON DELETE CASCADE,
        value  text COLLATE "C" NOT NULL,
        PRIMARY KEY (field, key, id)
      );
      CREATE INDEX search_facets_by_id ON search_facets (id);

      CREATE TABLE search_state (id integer PRIMARY KEY CHECK (id = 1), generation bigint NOT NULL);
      INSERT INTO search_state VALUES (1, 0);
    `,
  },
  {
    name: '20261124T2300-api-tokens',
    sql: `
      CREATE TABLE api_tokens (
        id          text PRIMARY KEY,
        name        text NOT NULL,
        scopes      text NOT NULL,
        hash        text NOT NULL UNIQUE,
        created_at  text NOT NULL,
        revoked_at  text
      );
    `,
  },
  {
    name: '20261125T0000-deleted-status',
    sql: `
      ALTER TABLE publications DROP CONSTRAINT publications_status_check;
      ALTER TABLE publications ADD CONSTRAINT publications_status_check CHECK (status IN ('draft', 'published', 'withdrawn', 'deleted'));
    `,
  },
  {
    name: '20261125T0100-accounts',
    sql: `
      CREATE TABLE accounts (
        id            text PRIMARY KEY,
        email         text NOT NULL UNIQUE,
        name          text NOT NULL,
        role          text NOT NULL CHECK (role IN ('admin', 'editor')),
        password_hash text,
        created_at    text NOT NULL,
        disabled_at   text
      );
      CREATE TABLE sessions (
        hash        text PRIMARY KEY,
        account_id  text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        csrf        text NOT NULL,
        created_at  text NOT NULL,
        expires_at  text NOT NULL
      );
      CREATE INDEX sessions_by_expiry ON sessions (expires_at);
    `,
  },
  {
    name: '20261125T0200-featured',
    sql: `CREATE INDEX publications_featured ON publications ((coalesce(published, '')), created_at, id) WHERE (fields::json ->> 'featured') = 'true';`,
  },
  {
    name: '20261125T0300-record-stamps',
    sql: `CREATE INDEX publications_stamp ON publications (id) INCLUDE (status, revision, updated_at);`,
  },
  {
    name: '20261125T0400-search-head',
    // Ranking reads only the head of a record (title, summary, authors and outlet: A, B and C),
    // a small vector kept in the row, instead of every match's whole vector with its body.
    sql: `
      ALTER TABLE search_docs ADD COLUMN head tsvector;
      UPDATE search_docs SET head = ts_filter(tsv, '{a,b,c}');
      ALTER TABLE search_docs ALTER COLUMN head SET NOT NULL;
    `,
  },
  {
    name: '20261125T0500-enrichment',
    // As in SQLite: entities and dated events beside each record, the enricher version, corrections.
    sql: `
      CREATE TABLE entities (
        key      text COLLATE "C" PRIMARY KEY,
        name     text NOT NULL,
        fold     text COLLATE "C" NOT NULL,
        type     text NOT NULL,
        country  text,
        renamed  boolean NOT NULL DEFAULT false
      );
      CREATE TABLE record_entities (
        publication_id  text COLLATE "C" NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
        entity_key      text COLLATE "C" NOT NULL REFERENCES entities (key),
        mentions        integer NOT NULL,
        fields          text NOT NULL,
        surfaces        text NOT NULL,
        PRIMARY KEY (publication_id, entity_key)
      );
      CREATE INDEX record_entities_by_entity ON record_entities (entity_key, publication_id);
      CREATE TABLE record_events (
        publication_id  text COLLATE "C" NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
        seq             integer NOT NULL,
        starts          text COLLATE "C" NOT NULL,
        ends            text COLLATE "C" NOT NULL,
        value           text NOT NULL,
        precision       text NOT NULL,
        type            text NOT NULL,
        text            text NOT NULL,
        sentence        text NOT NULL,
        entity_keys     jsonb NOT NULL,
        field           text NOT NULL,
        PRIMARY KEY (publication_id, seq)
      );
      CREATE INDEX record_events_by_start ON record_events (starts, ends);
      CREATE INDEX record_events_by_entity ON record_events USING gin (entity_keys);
      CREATE TABLE enrichment_state (
        publication_id  text COLLATE "C" PRIMARY KEY REFERENCES publications (id) ON DELETE CASCADE,
        version         text NOT NULL,
        status          text NOT NULL CHECK (status IN ('ok', 'failed')),
        error           text,
        attempts        integer NOT NULL,
        updated_at      text NOT NULL
      );
      CREATE INDEX enrichment_state_by_status ON enrichment_state (status, updated_at);
      CREATE TABLE entity_corrections (
        id              bigserial PRIMARY KEY,
        kind            text NOT NULL CHECK (kind IN ('merge', 'rename', 'remove', 'add', 'split')),
        publication_id  text COLLATE "C" REFERENCES publications (id) ON DELETE CASCADE,
        entity_key      text NOT NULL,
        target_key      text,
        name            text,
        type            text,
        country         text,
        account         text,
        created_at      text NOT NULL
      );
      CREATE INDEX entity_corrections_by_record ON entity_corrections (publication_id);
    `,
  },
  {
    name: '20261125T0600-search-version-sequence',
    // The search version (what answer caches are keyed by) becomes a sequence advanced after
    // each write commits, instead of a row every write transaction updated and held locked.
    sql: `
      CREATE SEQUENCE search_version;
      SELECT setval('search_version', (SELECT generation + 1 FROM search_state WHERE id = 1));
      DROP TABLE search_state;
    `,
  },
  {
    name: '20261125T0900-search-columns',
    // Servers hold each record's filter and facet columns in memory by document number, as
    // the SQLite store does; search_marks tells them which documents changed since they read
    // (by the writing transaction's id, compared with the snapshot they read under), written
    // by triggers so that no write path can forget it. Ranking reads head matches only, so the
    // head vectors get an index of their own.
    sql: `
      ALTER TABLE search_docs ADD COLUMN doc integer GENERATED BY DEFAULT AS IDENTITY;
      CREATE UNIQUE INDEX search_docs_doc ON search_docs (doc);
      CREATE INDEX search_docs_head ON search_docs USING gin (head);
      CREATE TABLE search_marks (doc integer PRIMARY KEY, changed xid8 NOT NULL);
      CREATE INDEX search_marks_changed ON search_marks (changed);

      CREATE FUNCTION search_mark_doc() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        INSERT INTO search_marks VALUES (NEW.doc, pg_current_xact_id())
          ON CONFLICT (doc) DO UPDATE SET changed = excluded.changed WHERE search_marks.changed <> excluded.changed;
        RETURN NULL;
      END $$;
      CREATE TRIGGER search_docs_marked AFTER INSERT OR UPDATE ON search_docs FOR EACH ROW EXECUTE FUNCTION search_mark_doc();

      CREATE FUNCTION search_mark_facets() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        INSERT INTO search_marks SELECT DISTINCT d.doc, pg_current_xact_id() FROM touched t JOIN search_docs d ON d.id = t.id
          ON CONFLICT (doc) DO UPDATE SET changed = excluded.changed WHERE search_marks.changed <> excluded.changed;
        RETURN NULL;
      END $$;
      CREATE TRIGGER search_facets_added AFTER INSERT ON search_facets REFERENCING NEW TABLE AS touched
        FOR EACH STATEMENT EXECUTE FUNCTION search_mark_facets();
      CREATE TRIGGER search_facets_removed AFTER DELETE ON search_facets REFERENCING OLD TABLE AS touched
        FOR EACH STATEMENT EXECUTE FUNCTION search_mark_facets();
    `,
  },
  {
    name: '20261125T1000-search-bodies',
    // The full vectors move to a table of their own whose rows hold only the document number
    // and a pointer to the vector (toast_tuple_target 128 sends every vector out of line): the
    // text match reads a heap of ~50-byte rows instead of one carrying the head vectors, ten
    // times fewer pages for a common word. Titles get an index of their own (ts_filter of the
    // head), for ranking title matches first.
    sql: `
      SET LOCAL maintenance_work_mem = '256MB';
      CREATE TABLE search_bodies (doc integer PRIMARY KEY REFERENCES search_docs (doc) ON DELETE CASCADE, tsv tsvector NOT NULL) WITH (toast_tuple_target = 128);
      INSERT INTO search_bodies SELECT doc, tsv FROM search_docs;
      CREATE INDEX search_bodies_tsv ON search_bodies USING gin (tsv);
      DROP INDEX search_docs_tsv;
      ALTER TABLE search_docs DROP COLUMN tsv;
      -- A dropped column keeps its space (and its vectors in the toast table) until the table
      -- is rewritten: CLUSTER rewrites it, in document order.
      CLUSTER search_docs USING search_docs_doc;
      CREATE INDEX search_docs_title ON search_docs USING gin (ts_filter(head, '{a}'));
    `,
  },
]
