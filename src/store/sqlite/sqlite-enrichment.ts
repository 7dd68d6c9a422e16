import type Database from 'better-sqlite3'
import { foldKey } from '../indexed-fields.js'
import {
  enrichmentRows, toCorrection, toEntity, toEvent, toRecordEntity, toState, toTimelineEvent,
  type CorrectionDbRow, type EntityDbRow, type EventDbRow, type RecordEntityDbRow, type StateDbRow,
} from '../enrichment-rows.js'
import type {
  EnrichmentRepo, EnrichmentState, EntityCorrectionRow, EntityRow, RecordEnrichmentRow, TimelineEvent, TimelineQuery,
} from '../store.js'
import { markSearchChange } from './search-columns.js'

type Gate = <T>(f: () => T) => Promise<T>

const PUBLISHED = "p.status = 'published'"

// Prepared once per connection: every indexed record runs it, and preparing cost an import
// about a twentieth of its time.
const entityFacetStatements = new WeakMap<Database.Database, Database.Statement<[string]>>()

/** Re-adds a record's `entity` search facets from its stored entities (the record's index update drops them). */
export function indexEntityFacets(db: Database.Database, publicationId: string): void {
  let statement = entityFacetStatements.get(db)
  if (!statement) {
    statement = db.prepare<[string]>(`
    INSERT OR IGNORE INTO search_facets (field, key, doc, value)
    SELECT 'entity', e.fold, d.doc, e.name FROM record_entities r
    JOIN entities e ON e.key = r.entity_key JOIN search_docs d ON d.id = r.publication_id
    WHERE r.publication_id = ?`)
    entityFacetStatements.set(db, statement)
  }
  statement.run(publicationId)
}

export class SqliteEnrichment implements EnrichmentRepo {
  constructor(
    private readonly db: Database.Database,
    private readonly gate: Gate,
  ) {}

  save(publicationId: string, enrichment: RecordEnrichmentRow, at: string): Promise<void> {
    return this.gate(() => {
      const db = this.db
      const rows = enrichmentRows(publicationId, enrichment.entities, enrichment.events)
      db.transaction(() => {
        db.prepare('DELETE FROM record_entities WHERE publication_id = ?').run(publicationId)
        db.prepare('DELETE FROM record_events WHERE publication_id = ?').run(publicationId)
        const entity = db.prepare('INSERT INTO entities (key, name, fold, type, country) VALUES (@key, @name, @fold, @type, @country) ON CONFLICT (key) DO NOTHING')
        for (const e of rows.entities) entity.run(e)
        const link = db.prepare('INSERT INTO record_entities (publication_id, entity_key, mentions, fields, surfaces) VALUES (@publication_id, @entity_key, @mentions, @fields, @surfaces)')
        for (const l of rows.links) link.run(l)
        const event = db.prepare(`INSERT INTO record_events (publication_id, seq, starts, ends, value, precision, type, text, sentence, entity_keys, field)
          VALUES (@publication_id, @seq, @starts, @ends, @value, @precision, @type, @text, @sentence, @entity_keys, @field)`)
        for (const e of rows.events) event.run(e)
        db.prepare(`INSERT INTO enrichment_state (publication_id, version, status, error, attempts, updated_at) VALUES (?, ?, 'ok', NULL, 0, ?)
          ON CONFLICT (publication_id) DO UPDATE SET version = excluded.version, status = 'ok', error = NULL, attempts = 0, updated_at = excluded.updated_at`)
          .run(publicationId, enrichment.version, at)
        const doc = db.prepare('SELECT doc FROM search_docs WHERE id = ?').pluck().get(publicationId) as number | undefined
        if (doc !== undefined) {
          db.prepare("DELETE FROM search_facets WHERE field = 'entity' AND doc = ?").run(doc)
          indexEntityFacets(db, publicationId)
        }
        // The analysts' views are cached by this generation, so it moves even without a doc.
        markSearchChange(db, doc === undefined ? [] : [doc])
      })()
    })
  }

  markFailed(publicationId: string, version: string, error: string, at: string): Promise<void> {
    return this.gate(() => {
      this.db.prepare(`INSERT INTO enrichment_state (publication_id, version, status, error, attempts, updated_at) VALUES (?, ?, 'failed', ?, 1, ?)
        ON CONFLICT (publication_id) DO UPDATE SET status = 'failed', error = excluded.error, updated_at = excluded.updated_at,
          attempts = CASE WHEN enrichment_state.status = 'failed' AND enrichment_state.version = excluded.version THEN enrichment_state.attempts + 1 ELSE 1 END,
          version = excluded.version`).run(publicationId, version, error.slice(0, 2000), at)
    })
  }

  state(publicationId: string): Promise<EnrichmentState | undefined> {
    return this.gate(() => {
      const row = this.db.prepare('SELECT * FROM enrichment_state WHERE publication_id = ?').get(publicationId) as StateDbRow | undefined
      return row && toState(row)
    })
  }

  stale(version: string, maxAttempts: number, limit: number): Promise<string[]> {
    return this.gate(() => this.db.prepare(`
      SELECT p.id FROM publications p LEFT JOIN enrichment_state s ON s.publication_id = p.id
      WHERE p.status <> 'deleted' AND (s.publication_id IS NULL OR s.version <> ? OR (s.status = 'failed' AND s.attempts < ?))
      ORDER BY p.id LIMIT ?`).pluck().all(version, maxAttempts, limit) as string[])
  }

  failures(limit: number): Promise<EnrichmentState[]> {
    return this.gate(() => (this.db.prepare("SELECT * FROM enrichment_state WHERE status = 'failed' ORDER BY updated_at DESC LIMIT ?").all(limit) as StateDbRow[]).map(toState))
  }

  forRecord(publicationId: string): Promise<RecordEnrichmentRow | undefined> {
    return this.gate(() => {
      const state = this.db.prepare("SELECT version FROM enrichment_state WHERE publication_id = ? AND status = 'ok'").pluck().get(publicationId) as string | undefined
      if (state === undefined) return undefined
      const entities = (this.db.prepare(`SELECT e.key, e.name, e.type, e.country, r.mentions, r.fields, r.surfaces FROM record_entities r
        JOIN entities e ON e.key = r.entity_key WHERE r.publication_id = ? ORDER BY r.mentions DESC, e.name`).all(publicationId) as RecordEntityDbRow[]).map(toRecordEntity)
      const events = (this.db.prepare('SELECT * FROM record_events WHERE publication_id = ? ORDER BY seq').all(publicationId) as EventDbRow[]).map(toEvent)
      return { version: state, entities, events }
    })
  }

  entity(key: string): Promise<(EntityRow & { records: number }) | undefined> {
    return this.gate(() => {
      const row = this.db.prepare(`SELECT e.key, e.name, e.type, e.country,
        (SELECT count(*) FROM record_entities r JOIN publications p ON p.id = r.publication_id WHERE r.entity_key = e.key AND ${PUBLISHED}) AS records
        FROM entities e WHERE e.key = ?`).get(key) as (EntityDbRow & { records: number }) | undefined
      return row && { ...toEntity(row), records: row.records }
    })
  }

  topEntities(options: { type?: string; prefix?: string; limit: number; offset?: number }): Promise<(EntityRow & { records: number })[]> {
    return this.gate(() => {
      const prefix = options.prefix ? foldKey(options.prefix) : null
      const rows = this.db.prepare(`SELECT e.key, e.name, e.type, e.country, count(*) AS records FROM record_entities r
        JOIN entities e ON e.key = r.entity_key JOIN publications p ON p.id = r.publication_id
        WHERE ${PUBLISHED} AND (@type IS NULL OR e.type = @type) AND (@prefix IS NULL OR substr(e.fold, 1, length(@prefix)) = @prefix)
        GROUP BY e.key ORDER BY records DESC, e.name LIMIT @limit OFFSET @offset`)
        .all({ type: options.type ?? null, prefix, limit: options.limit, offset: options.offset ?? 0 }) as (EntityDbRow & { records: number })[]
      return rows.map((r) => ({ ...toEntity(r), records: r.records }))
    })
  }

  recordsMentioning(key: string, limit: number, offset = 0): Promise<{ publicationId: string; mentions: number }[]> {
    return this.gate(() => this.db.prepare(`SELECT r.publication_id AS publicationId, r.mentions FROM record_entities r
      JOIN publications p ON p.id = r.publication_id WHERE r.entity_key = ? AND ${PUBLISHED}
      ORDER BY coalesce(p.published, '') DESC, p.id LIMIT ? OFFSET ?`).all(key, limit, offset) as { publicationId: string; mentions: number }[])
  }

  allRecordsMentioning(key: string): Promise<string[]> {
    return this.gate(() => this.db.prepare('SELECT publication_id FROM record_entities WHERE entity_key = ?').pluck().all(key) as string[])
  }

  coMentioned(key: string, limit: number): Promise<(EntityRow & { records: number })[]> {
    return this.gate(() => {
      const rows = this.db.prepare(`SELECT e.key, e.name, e.type, e.country, count(*) AS records FROM record_entities a
        JOIN record_entities b ON b.publication_id = a.publication_id AND b.entity_key <> a.entity_key
        JOIN entities e ON e.key = b.entity_key JOIN publications p ON p.id = a.publication_id
        WHERE a.entity_key = ? AND ${PUBLISHED} GROUP BY b.entity_key ORDER BY records DESC, e.name LIMIT ?`).all(key, limit) as (EntityDbRow & { records: number })[]
      return rows.map((r) => ({ ...toEntity(r), records: r.records }))
    })
  }

  monthlyMentions(keys: string[]): Promise<{ key: string; month: string; records: number }[]> {
    return this.gate(() => {
      if (keys.length === 0) return []
      return this.db.prepare(`SELECT r.entity_key AS key, substr(p.published, 1, 7) AS month, count(*) AS records FROM record_entities r
        JOIN publications p ON p.id = r.publication_id
        WHERE r.entity_key IN (${keys.map(() => '?').join(', ')}) AND ${PUBLISHED} AND length(p.published) >= 7
        GROUP BY r.entity_key, month ORDER BY month, r.entity_key`).all(...keys) as { key: string; month: string; records: number }[]
    })
  }

  timeline(query: TimelineQuery): Promise<{ total: number; events: TimelineEvent[] }> {
    return this.gate(() => {
      const where = [PUBLISHED]
      const params: Record<string, unknown> = {}
      if (query.entity) {
        where.push("EXISTS (SELECT 1 FROM json_each(ev.entity_keys) j WHERE j.value = @entity)")
        params.entity = query.entity
      }
      for (const field of ['topic', 'author'] as const) {
        const value = query[field]
        if (!value) continue
        const key = foldKey(value)
        const facet = field === 'author' && !key.includes(' ') ? 'author-word' : field
        where.push(`ev.publication_id IN (SELECT d.id FROM search_facets f JOIN search_docs d ON d.doc = f.doc WHERE f.field = '${facet}' AND f.key = @${field})`)
        params[field] = key
      }
      if (query.from) {
        where.push('ev.ends >= @from')
        params.from = query.from
      }
      if (query.to) {
        where.push('ev.starts <= @to')
        params.to = query.to
      }
      const from = `FROM record_events ev JOIN publications p ON p.id = ev.publication_id WHERE ${where.join(' AND ')}`
      const total = this.db.prepare(`SELECT count(*) ${from}`).pluck().get(params) as number
      const rows = this.db.prepare(`SELECT ev.*, p.published ${from} ORDER BY ev.starts, ev.ends, ev.publication_id, ev.seq LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit: query.limit, offset: query.offset ?? 0 }) as EventDbRow[]
      return { total, events: rows.map(toTimelineEvent) }
    })
  }

  countries(): Promise<{ country: string; records: number }[]> {
    return this.gate(() => this.db.prepare(`SELECT e.country, count(DISTINCT r.publication_id) AS records FROM record_entities r
      JOIN entities e ON e.key = r.entity_key JOIN publications p ON p.id = r.publication_id
      WHERE e.country IS NOT NULL AND e.type = 'LOC' AND ${PUBLISHED} GROUP BY e.country ORDER BY records DESC, e.country`).all() as { country: string; records: number }[])
  }

  rename(key: string, name: string, type?: string, country?: string): Promise<void> {
    return this.gate(() => {
      const db = this.db
      db.transaction(() => {
        const old = db.prepare('SELECT fold FROM entities WHERE key = ?').pluck().get(key) as string | undefined
        db.prepare(`INSERT INTO entities (key, name, fold, type, country, renamed) VALUES (@key, @name, @fold, coalesce(@type, 'ORG'), @country, 1)
          ON CONFLICT (key) DO UPDATE SET name = excluded.name, fold = excluded.fold, renamed = 1,
            type = coalesce(@type, entities.type), country = coalesce(@country, entities.country)`)
          .run({ key, name, fold: foldKey(name), type: type ?? null, country: country ?? null })
        if (old !== undefined) {
          // the records naming it are found under the new name from now on
          const naming = db.prepare('SELECT d.doc, r.publication_id AS id FROM record_entities r JOIN search_docs d ON d.id = r.publication_id WHERE r.entity_key = ?').all(key) as { doc: number; id: string }[]
          const drop = db.prepare("DELETE FROM search_facets WHERE field = 'entity' AND key = ? AND doc = ?")
          for (const { doc, id } of naming) {
            drop.run(old, doc)
            indexEntityFacets(db, id)
          }
          markSearchChange(db, naming.map((n) => n.doc))
        }
      })()
    })
  }

  addCorrection(c: Omit<EntityCorrectionRow, 'id'>): Promise<EntityCorrectionRow> {
    return this.gate(() => {
      const row = this.db.prepare(`INSERT INTO entity_corrections (kind, publication_id, entity_key, target_key, name, type, country, account, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`)
        .get(c.kind, c.publicationId ?? null, c.key, c.target ?? null, c.name ?? null, c.type ?? null, c.country ?? null, c.account ?? null, c.createdAt) as CorrectionDbRow
      return toCorrection(row)
    })
  }

  corrections(publicationId?: string): Promise<EntityCorrectionRow[]> {
    return this.gate(() => (this.db.prepare('SELECT * FROM entity_corrections WHERE publication_id IS NULL OR publication_id = ? ORDER BY id')
      .all(publicationId ?? null) as CorrectionDbRow[]).map(toCorrection))
  }

  allCorrections(): Promise<EntityCorrectionRow[]> {
    return this.gate(() => (this.db.prepare('SELECT * FROM entity_corrections ORDER BY id').all() as CorrectionDbRow[]).map(toCorrection))
  }
}
