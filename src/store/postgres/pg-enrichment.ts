import { foldKey } from '../indexed-fields.js'
import {
  enrichmentRows, toCorrection, toEntity, toEvent, toRecordEntity, toState, toTimelineEvent,
  type CorrectionDbRow, type EntityDbRow, type EventDbRow, type RecordEntityDbRow, type StateDbRow,
} from '../enrichment-rows.js'
import type {
  EnrichmentRepo, EnrichmentState, EntityCorrectionRow, EntityRow, RecordEnrichmentRow, TimelineEvent, TimelineQuery,
} from '../store.js'
import { lockName, pipelined, type Sql } from './pg-sql.js'

type Atomic = <T>(work: (sql: Sql) => Promise<T>) => Promise<T>

/** Re-adds a record's `entity` search facets from its stored entities (the record's index update drops them). */
export function entityFacetsStatement(sql: Sql, publicationId: string) {
  return sql`INSERT INTO search_facets (field, key, id, value)
    SELECT 'entity', e.fold, r.publication_id, e.name FROM record_entities r JOIN entities e ON e.key = r.entity_key
    WHERE r.publication_id = ${publicationId} AND EXISTS (SELECT 1 FROM search_docs d WHERE d.id = r.publication_id)
    ON CONFLICT DO NOTHING`
}

const withRecords = (r: EntityDbRow & { records: number }) => ({ ...toEntity(r), records: Number(r.records) })

export class PgEnrichment implements EnrichmentRepo {
  constructor(
    private readonly sql: Sql,
    private readonly atomic: Atomic,
  ) {}

  save(publicationId: string, enrichment: RecordEnrichmentRow, at: string): Promise<void> {
    const rows = enrichmentRows(publicationId, enrichment.entities, enrichment.events)
    // Shared entities are upserted in one order by every save, so two saves never wait on
    // each other's entity rows crosswise (a deadlock).
    rows.entities.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    return this.atomic(async (sql) => {
      const statements: Promise<unknown>[] = [
        // Saves of one record take turns: two workers enriching it at once would otherwise both
        // delete the old rows (neither sees the other's new ones) and collide inserting theirs.
        lockName(sql, `enrich:${publicationId}`),
        sql`DELETE FROM record_entities WHERE publication_id = ${publicationId}`,
        sql`DELETE FROM record_events WHERE publication_id = ${publicationId}`,
      ]
      if (rows.entities.length) {
        statements.push(sql`INSERT INTO entities ${sql(rows.entities, 'key', 'name', 'fold', 'type', 'country')} ON CONFLICT (key) DO NOTHING`)
        statements.push(sql`INSERT INTO record_entities ${sql(rows.links, 'publication_id', 'entity_key', 'mentions', 'fields', 'surfaces')}`)
      }
      if (rows.events.length) {
        statements.push(sql`INSERT INTO record_events ${sql(rows.events, 'publication_id', 'seq', 'starts', 'ends', 'value', 'precision', 'type', 'text', 'sentence', 'entity_keys', 'field')}`)
      }
      statements.push(sql`INSERT INTO enrichment_state (publication_id, version, status, error, attempts, updated_at) VALUES (${publicationId}, ${enrichment.version}, 'ok', NULL, 0, ${at})
        ON CONFLICT (publication_id) DO UPDATE SET version = excluded.version, status = 'ok', error = NULL, attempts = 0, updated_at = excluded.updated_at`)
      statements.push(sql`DELETE FROM search_facets WHERE field = 'entity' AND id = ${publicationId}`)
      statements.push(entityFacetsStatement(sql, publicationId))
      await pipelined(statements)
    })
  }

  async markFailed(publicationId: string, version: string, error: string, at: string): Promise<void> {
    await this.sql`INSERT INTO enrichment_state (publication_id, version, status, error, attempts, updated_at) VALUES (${publicationId}, ${version}, 'failed', ${error.slice(0, 2000)}, 1, ${at})
      ON CONFLICT (publication_id) DO UPDATE SET status = 'failed', error = excluded.error, updated_at = excluded.updated_at,
        attempts = CASE WHEN enrichment_state.status = 'failed' AND enrichment_state.version = excluded.version THEN enrichment_state.attempts + 1 ELSE 1 END,
        version = excluded.version`
  }

  async state(publicationId: string): Promise<EnrichmentState | undefined> {
    const [row] = await this.sql<StateDbRow[]>`SELECT * FROM enrichment_state WHERE publication_id = ${publicationId}`
    return row && toState(row)
  }

  async stale(version: string, maxAttempts: number, limit: number): Promise<string[]> {
    const rows = await this.sql<{ id: string }[]>`
      SELECT p.id FROM publications p LEFT JOIN enrichment_state s ON s.publication_id = p.id
      WHERE p.status <> 'deleted' AND (s.publication_id IS NULL OR s.version <> ${version} OR (s.status = 'failed' AND s.attempts < ${maxAttempts}))
      ORDER BY p.id LIMIT ${limit}`
    return rows.map((r) => r.id)
  }

  async failures(limit: number): Promise<EnrichmentState[]> {
    return (await this.sql<StateDbRow[]>`SELECT * FROM enrichment_state WHERE status = 'failed' ORDER BY updated_at DESC LIMIT ${limit}`).map(toState)
  }

  async forRecord(publicationId: string): Promise<RecordEnrichmentRow | undefined> {
    const [state] = await this.sql<{ version: string }[]>`SELECT version FROM enrichment_state WHERE publication_id = ${publicationId} AND status = 'ok'`
    if (!state) return undefined
    const [entities, events] = await Promise.all([
      this.sql<RecordEntityDbRow[]>`SELECT e.key, e.name, e.type, e.country, r.mentions, r.fields, r.surfaces FROM record_entities r
        JOIN entities e ON e.key = r.entity_key WHERE r.publication_id = ${publicationId} ORDER BY r.mentions DESC, e.name`,
      this.sql<EventDbRow[]>`SELECT * FROM record_events WHERE publication_id = ${publicationId} ORDER BY seq`,
    ])
    return { version: state.version, entities: entities.map(toRecordEntity), events: events.map(toEvent) }
  }

  async entity(key: string): Promise<(EntityRow & { records: number }) | undefined> {
    const [row] = await this.sql<(EntityDbRow & { records: number })[]>`SELECT e.key, e.name, e.type, e.country,
      (SELECT count(*) FROM record_entities r JOIN publications p ON p.id = r.publication_id WHERE r.entity_key = e.key AND p.status = 'published')::int AS records
      FROM entities e WHERE e.key = ${key}`
    return row && withRecords(row)
  }

  async topEntities(options: { type?: string; prefix?: string; limit: number; offset?: number }): Promise<(EntityRow & { records: number })[]> {
    const sql = this.sql
    const prefix = options.prefix ? foldKey(options.prefix) : undefined
    const rows = await sql<(EntityDbRow & { records: number })[]>`SELECT e.key, e.name, e.type, e.country, count(*)::int AS records FROM record_entities r
      JOIN entities e ON e.key = r.entity_key JOIN publications p ON p.id = r.publication_id
      WHERE p.status = 'published' ${options.type ? sql`AND e.type = ${options.type}` : sql``} ${prefix ? sql`AND starts_with(e.fold, ${prefix})` : sql``}
      GROUP BY e.key ORDER BY records DESC, e.name LIMIT ${options.limit} OFFSET ${options.offset ?? 0}`
    return rows.map(withRecords)
  }

  async recordsMentioning(key: string, limit: number, offset = 0): Promise<{ publicationId: string; mentions: number }[]> {
    return [...await this.sql<{ publicationId: string; mentions: number }[]>`SELECT r.publication_id AS "publicationId", r.mentions FROM record_entities r
      JOIN publications p ON p.id = r.publication_id WHERE r.entity_key = ${key} AND p.status = 'published'
      ORDER BY coalesce(p.published, '') DESC, p.id LIMIT ${limit} OFFSET ${offset}`]
  }

  async allRecordsMentioning(key: string): Promise<string[]> {
    return (await this.sql<{ id: string }[]>`SELECT publication_id AS id FROM record_entities WHERE entity_key = ${key}`).map((r) => r.id)
  }

  async coMentioned(key: string, limit: number): Promise<(EntityRow & { records: number })[]> {
    const rows = await this.sql<(EntityDbRow & { records: number })[]>`SELECT e.key, e.name, e.type, e.country, count(*)::int AS records FROM record_entities a
      JOIN record_entities b ON b.publication_id = a.publication_id AND b.entity_key <> a.entity_key
      JOIN entities e ON e.key = b.entity_key JOIN publications p ON p.id = a.publication_id
      WHERE a.entity_key = ${key} AND p.status = 'published' GROUP BY e.key ORDER BY records DESC, e.name LIMIT ${limit}`
    return rows.map(withRecords)
  }

  async monthlyMentions(keys: string[]): Promise<{ key: string; month: string; records: number }[]> {
    if (keys.length === 0) return []
    return [...await this.sql<{ key: string; month: string; records: number }[]>`SELECT r.entity_key AS key, substr(p.published, 1, 7) AS month, count(*)::int AS records
      FROM record_entities r JOIN publications p ON p.id = r.publication_id
      WHERE r.entity_key IN ${this.sql(keys)} AND p.status = 'published' AND length(p.published) >= 7
      GROUP BY r.entity_key, month ORDER BY month, r.entity_key`]
  }

  async timeline(query: TimelineQuery): Promise<{ total: number; events: TimelineEvent[] }> {
    const sql = this.sql
    let where = sql`p.status = 'published'`
    if (query.entity) where = sql`${where} AND ev.entity_keys @> ${JSON.stringify([query.entity])}::jsonb`
    for (const field of ['topic', 'author'] as const) {
      const value = query[field]
      if (!value) continue
      const key = foldKey(value)
      const facet = field === 'author' && !key.includes(' ') ? 'author-word' : field
      where = sql`${where} AND ev.publication_id IN (SELECT id FROM search_facets WHERE field = ${facet} AND key = ${key})`
    }
    if (query.from) where = sql`${where} AND ev.ends >= ${query.from}`
    if (query.to) where = sql`${where} AND ev.starts <= ${query.to}`
    const [count, rows] = await Promise.all([
      sql<{ n: number }[]>`SELECT count(*)::int AS n FROM record_events ev JOIN publications p ON p.id = ev.publication_id WHERE ${where}`,
      sql<EventDbRow[]>`SELECT ev.*, p.published FROM record_events ev JOIN publications p ON p.id = ev.publication_id WHERE ${where}
        ORDER BY ev.starts, ev.ends, ev.publication_id, ev.seq LIMIT ${query.limit} OFFSET ${query.offset ?? 0}`,
    ])
    return { total: count[0]!.n, events: rows.map(toTimelineEvent) }
  }

  async countries(): Promise<{ country: string; records: number }[]> {
    return [...await this.sql<{ country: string; records: number }[]>`SELECT e.country, count(DISTINCT r.publication_id)::int AS records FROM record_entities r
      JOIN entities e ON e.key = r.entity_key JOIN publications p ON p.id = r.publication_id
      WHERE e.country IS NOT NULL AND e.type = 'LOC' AND p.status = 'published' GROUP BY e.country ORDER BY records DESC, e.country`]
  }

  rename(key: string, name: string, type?: string, country?: string): Promise<void> {
    return this.atomic(async (sql) => {
      const [old] = await sql<{ fold: string }[]>`SELECT fold FROM entities WHERE key = ${key} FOR UPDATE`
      await sql`INSERT INTO entities (key, name, fold, type, country, renamed) VALUES (${key}, ${name}, ${foldKey(name)}, ${type ?? 'ORG'}, ${country ?? null}, true)
        ON CONFLICT (key) DO UPDATE SET name = excluded.name, fold = excluded.fold, renamed = true,
          type = coalesce(${type ?? null}, entities.type), country = coalesce(${country ?? null}, entities.country)`
      if (old) {
        await sql`DELETE FROM search_facets WHERE field = 'entity' AND key = ${old.fold} AND id IN (SELECT publication_id FROM record_entities WHERE entity_key = ${key})`
        await sql`INSERT INTO search_facets (field, key, id, value)
          SELECT 'entity', e.fold, r.publication_id, e.name FROM record_entities r JOIN entities e ON e.key = r.entity_key
          WHERE r.entity_key = ${key} AND EXISTS (SELECT 1 FROM search_docs d WHERE d.id = r.publication_id) ON CONFLICT DO NOTHING`
      }
    })
  }

  async addCorrection(c: Omit<EntityCorrectionRow, 'id'>): Promise<EntityCorrectionRow> {
    const [row] = await this.sql<CorrectionDbRow[]>`INSERT INTO entity_corrections (kind, publication_id, entity_key, target_key, name, type, country, account, created_at)
      VALUES (${c.kind}, ${c.publicationId ?? null}, ${c.key}, ${c.target ?? null}, ${c.name ?? null}, ${c.type ?? null}, ${c.country ?? null}, ${c.account ?? null}, ${c.createdAt}) RETURNING *`
    return toCorrection(row!)
  }

  async corrections(publicationId?: string): Promise<EntityCorrectionRow[]> {
    return (await this.sql<CorrectionDbRow[]>`SELECT * FROM entity_corrections WHERE publication_id IS NULL OR publication_id = ${publicationId ?? null} ORDER BY id`).map(toCorrection)
  }

  async allCorrections(): Promise<EntityCorrectionRow[]> {
    return (await this.sql<CorrectionDbRow[]>`SELECT * FROM entity_corrections ORDER BY id`).map(toCorrection)
  }
}
