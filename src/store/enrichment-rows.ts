import type { EnrichmentState, EntityCorrectionRow, EventRow, RecordEntityRow, TimelineEvent } from './store.js'
import { foldKey } from './indexed-fields.js'

/** Table rows of the enrichment tables and their mapping, shared by both backends. */

export interface EntityDbRow {
  key: string
  name: string
  type: string
  country: string | null
}

export interface RecordEntityDbRow extends EntityDbRow {
  mentions: number
  fields: string
  surfaces: string
}

export interface EventDbRow {
  publication_id: string
  seq: number
  starts: string
  ends: string
  value: string
  precision: string
  type: string
  text: string
  sentence: string
  /** JSON text (SQLite) or already parsed (PostgreSQL jsonb). */
  entity_keys: string | string[]
  field: string
  published?: string | null
}

export interface StateDbRow {
  publication_id: string
  version: string
  status: 'ok' | 'failed'
  error: string | null
  attempts: number
  updated_at: string
}

export interface CorrectionDbRow {
  id: number
  kind: EntityCorrectionRow['kind']
  publication_id: string | null
  entity_key: string
  target_key: string | null
  name: string | null
  type: string | null
  country: string | null
  account: string | null
  created_at: string
}

export const toEntity = (r: EntityDbRow) => ({ key: r.key, name: r.name, type: r.type, ...(r.country ? { country: r.country } : {}) })

export const toRecordEntity = (r: RecordEntityDbRow): RecordEntityRow => ({
  ...toEntity(r),
  mentions: r.mentions,
  fields: JSON.parse(r.fields) as string[],
  surfaces: JSON.parse(r.surfaces) as string[],
})

export const toEvent = (r: EventDbRow): EventRow => ({
  start: r.starts,
  end: r.ends,
  value: r.value,
  precision: r.precision,
  type: r.type,
  text: r.text,
  sentence: r.sentence,
  entities: typeof r.entity_keys === 'string' ? (JSON.parse(r.entity_keys) as string[]) : r.entity_keys,
  field: r.field,
})

export const toTimelineEvent = (r: EventDbRow): TimelineEvent => ({
  ...toEvent(r),
  publicationId: r.publication_id,
  seq: r.seq,
  ...(r.published ? { published: r.published } : {}),
})

export const toState = (r: StateDbRow): EnrichmentState => ({
  publicationId: r.publication_id,
  version: r.version,
  status: r.status,
  ...(r.error ? { error: r.error } : {}),
  attempts: r.attempts,
  updatedAt: r.updated_at,
})

export const toCorrection = (r: CorrectionDbRow): EntityCorrectionRow => ({
  id: Number(r.id),
  kind: r.kind,
  ...(r.publication_id ? { publicationId: r.publication_id } : {}),
  key: r.entity_key,
  ...(r.target_key ? { target: r.target_key } : {}),
  ...(r.name ? { name: r.name } : {}),
  ...(r.type ? { type: r.type } : {}),
  ...(r.country ? { country: r.country } : {}),
  ...(r.account ? { account: r.account } : {}),
  createdAt: r.created_at,
})

/** The rows one record's enrichment writes. */
export function enrichmentRows(publicationId: string, entities: RecordEntityRow[], events: EventRow[]) {
  return {
    entities: entities.map((e) => ({
      key: e.key, name: e.name, fold: foldKey(e.name), type: e.type, country: e.country ?? null,
    })),
    links: entities.map((e) => ({
      publication_id: publicationId, entity_key: e.key, mentions: e.mentions,
      fields: JSON.stringify(e.fields), surfaces: JSON.stringify(e.surfaces),
    })),
    events: events.map((e, seq) => ({
      publication_id: publicationId, seq, starts: e.start, ends: e.end, value: e.value, precision: e.precision,
      type: e.type, text: e.text, sentence: e.sentence, entity_keys: JSON.stringify(e.entities), field: e.field,
    })),
  }
}
