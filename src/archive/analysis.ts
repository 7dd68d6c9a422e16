import {
  applyCorrections, ENRICHER_VERSION, enrichRecord, gazetteer, slugOf, type EntityCorrection, type EntityType,
} from '../enrich/index.js'
import type { Publication } from '../model/index.js'
import { LRUCache } from 'lru-cache'
import { AppError, type Logger } from '../shared/index.js'
import type { EntityCorrectionRow, EntityRow, RecordEnrichmentRow, Store, TimelineEvent, TimelineQuery } from '../store/index.js'

/** Failed enrichments are retried this many times per enricher version, then left for an editor. */
export const MAX_ENRICH_ATTEMPTS = 3

export interface AnalysisDeps {
  store: Store
  log: Logger
  now: () => Date
}

export interface EntityView {
  entity: EntityRow & { records: number }
  records: { publication: Publication; mentions: number }[]
  coMentioned: (EntityRow & { records: number })[]
  monthly: { month: string; records: number }[]
}

export interface Trends {
  entities: EntityRow[]
  /** Every month from the first to the last with a mention, with records per entity (0 where none). */
  months: { month: string; counts: number[] }[]
}

export type CorrectionInput =
  | { kind: 'merge'; key: string; target: string }
  | { kind: 'rename'; key: string; name: string; type?: string }
  | { kind: 'remove'; publicationId: string; key: string }
  | { kind: 'add'; publicationId: string; name: string; type: string }
  | { kind: 'split'; publicationId: string; key: string; name: string; type: string }

const ENTITY_TYPES = new Set(['PERSON', 'ORG', 'LOC', 'AGREEMENT'])

/**
 * Entities, dated events and the views analysts read from them. Enrichment runs after each
 * write and never fails one: an error is recorded against the record and retried.
 */
export class Analysis {
  readonly #deps: AnalysisDeps
  /** Answers of the read views, until the next write (the search index version changes with every write and enrichment). */
  readonly #views = new LRUCache<string, { value: unknown }>({ max: 500 })

  constructor(deps: AnalysisDeps) {
    this.#deps = deps
  }

  /**
   * Enriches one record and stores the result with editors' corrections applied. Never
   * throws: a failure is recorded (`enrichment_state`), counted and retried by `enrichStale`.
   */
  async enrich(id: string): Promise<'ok' | 'failed'> {
    return this.#enrichIn(this.#deps.store, id)
  }

  /**
   * Enriches several records in one transaction (a commit each costs more than the work), each
   * in a savepoint of its own, so one failure is recorded and the others still land.
   */
  async enrichMany(ids: string[]): Promise<{ enriched: number; failed: number }> {
    const counts = { enriched: 0, failed: 0 }
    if (ids.length === 0) return counts
    try {
      await this.#deps.store.transaction(async (tx) => {
        for (const id of ids) counts[(await this.#enrichIn(tx, id)) === 'ok' ? 'enriched' : 'failed']++
      })
    } catch {
      // the batch could not commit: one at a time, each failure recorded
      counts.enriched = counts.failed = 0
      for (const id of ids) counts[(await this.enrich(id)) === 'ok' ? 'enriched' : 'failed']++
    }
    return counts
  }

  async #enrichIn(store: Store, id: string): Promise<'ok' | 'failed'> {
    const { log, now } = this.#deps
    const at = now().toISOString()
    try {
      const record = await store.publications.get(id)
      if (!record) throw new AppError('NOT_FOUND', `no record with id ${id}`)
      const found = enrichRecord(record)
      const corrected = applyCorrections(id, found, await store.enrichment.corrections(id))
      // a savepoint inside a batch: a failed save leaves nothing half-written
      await store.transaction((tx) => tx.enrichment.save(id, corrected, at))
      return 'ok'
    } catch (err) {
      log.warn({ err, id }, 'enrichment failed; the record is stored and will be retried')
      await store.enrichment.markFailed(id, ENRICHER_VERSION, err instanceof Error ? err.message : String(err), at).catch(() => undefined)
      return 'failed'
    }
  }

  /**
   * Enriches every record that needs it: never enriched, enriched by an older version (after an
   * upgrade), or failed fewer than MAX_ENRICH_ATTEMPTS times. Resumable: stop it any time.
   */
  async enrichStale(options: { onProgress?: (done: number, failed: number) => void } = {}): Promise<{ enriched: number; failed: number }> {
    let enriched = 0
    let failed = 0
    const tried = new Set<string>()
    for (;;) {
      const ids = (await this.#deps.store.enrichment.stale(ENRICHER_VERSION, MAX_ENRICH_ATTEMPTS, 200)).filter((id) => !tried.has(id))
      if (ids.length === 0) break
      for (let i = 0; i < ids.length; i += 50) {
        const batch = ids.slice(i, i + 50)
        batch.forEach((id) => tried.add(id))
        const done = await this.enrichMany(batch)
        enriched += done.enriched
        failed += done.failed
        options.onProgress?.(enriched, failed)
      }
    }
    return { enriched, failed }
  }

  state(id: string) {
    return this.#deps.store.enrichment.state(id)
  }

  /** When the record was last enriched (or failed): part of its page's cache key. */
  async stamp(id: string): Promise<string> {
    const state = await this.#deps.store.enrichment.state(id)
    return state ? `${state.version}/${state.status}/${state.updatedAt}` : ''
  }

  /** Whether any record waits for enrichment (after a restore, or an upgrade). */
  async needsEnrichment(): Promise<boolean> {
    return (await this.#deps.store.enrichment.stale(ENRICHER_VERSION, MAX_ENRICH_ATTEMPTS, 1)).length > 0
  }

  /** One view's answer, computed once per state of the archive. */
  async #cached<T>(name: string, args: unknown, compute: () => Promise<T>): Promise<T> {
    const key = `${await this.#deps.store.search.version()}\u0000${name}\u0000${JSON.stringify(args)}`
    const hit = this.#views.get(key)
    if (hit) return hit.value as T
    const value = await compute()
    this.#views.set(key, { value })
    return value
  }

  forRecord(id: string): Promise<RecordEnrichmentRow | undefined> {
    return this.#deps.store.enrichment.forRecord(id)
  }

  failures(limit = 100) {
    return this.#deps.store.enrichment.failures(limit)
  }

  /** An entity's page: the published records naming it, newest first, co-mentions and mentions per month. */
  async entityView(key: string, options: { limit?: number; offset?: number } = {}): Promise<EntityView> {
    return this.#cached('entityView', [key, options], () => this.#entityView(key, options))
  }

  async #entityView(key: string, options: { limit?: number; offset?: number }): Promise<EntityView> {
    const { enrichment, publications } = this.#deps.store
    const entity = await this.entity(key)
    const [links, coMentioned, monthly] = await Promise.all([
      enrichment.recordsMentioning(key, options.limit ?? 50, options.offset ?? 0),
      enrichment.coMentioned(key, 20),
      enrichment.monthlyMentions([key]),
    ])
    const records = (await Promise.all(links.map(async (l) => ({ publication: await publications.get(l.publicationId), mentions: l.mentions }))))
      .filter((r): r is { publication: Publication; mentions: number } => Boolean(r.publication))
    return { entity, records, coMentioned, monthly: monthly.map(({ month, records }) => ({ month, records })) }
  }

  /** One entity by key, with the published records naming it; NOT_FOUND when none does. */
  async entity(key: string): Promise<EntityRow & { records: number }> {
    const found = await this.#deps.store.enrichment.entity(key)
    if (!found || found.records === 0) throw new AppError('NOT_FOUND', `no published record names the entity ${key}`)
    return found
  }

  async entities(options: { type?: string; prefix?: string; limit?: number; offset?: number } = {}) {
    if (options.type && !ENTITY_TYPES.has(options.type)) throw new AppError('INVALID_INPUT', `unknown entity type ${options.type}; known: ${[...ENTITY_TYPES].join(', ')}`, { field: 'type' })
    return this.#cached('entities', options, () => this.#deps.store.enrichment.topEntities({ ...options, limit: options.limit ?? 100 }))
  }

  /** Finds an entity by its key or its name (case and accents aside): what `--entity` and `entity=` accept. */
  async resolveEntity(keyOrName: string): Promise<EntityRow & { records: number }> {
    const { enrichment } = this.#deps.store
    const direct = await enrichment.entity(keyOrName)
    if (direct) return direct
    const known = gazetteer().lookup(keyOrName)
    if (known) {
      const byGazetteer = await enrichment.entity(known.key)
      if (byGazetteer) return byGazetteer
    }
    const candidates = await enrichment.topEntities({ prefix: keyOrName, limit: 20 })
    const folded = slugOf(keyOrName)
    const exact = candidates.find((c) => slugOf(c.name) === folded)
    if (exact) return exact
    throw new AppError('NOT_FOUND', `no entity named ${JSON.stringify(keyOrName)}`, { field: 'entity' })
  }

  async timeline(query: TimelineQuery): Promise<{ total: number; events: TimelineEvent[] }> {
    for (const [name, value] of [['from', query.from], ['to', query.to]] as const) {
      if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new AppError('INVALID_INPUT', `${name} must be a day, YYYY-MM-DD (got ${JSON.stringify(value)})`, { field: name })
    }
    return this.#cached('timeline', query, () => this.#deps.store.enrichment.timeline(query))
  }

  /** Published records naming each country (or a place in it), with the country's name: the map's data. */
  async countries(): Promise<{ country: string; name: string; records: number }[]> {
    const gaz = gazetteer()
    return this.#cached('countries', null, async () =>
      (await this.#deps.store.enrichment.countries()).map((c) => ({ country: c.country, name: gaz.countryName(c.country) ?? c.country, records: c.records })))
  }

  /** Published records per month naming each entity, on one calendar (months without mentions count 0). */
  async trends(keys: string[]): Promise<Trends> {
    if (keys.length === 0 || keys.length > 8) throw new AppError('INVALID_INPUT', 'compare one to eight entities', { field: 'entity' })
    const entities = await Promise.all(keys.map((k) => this.resolveEntity(k)))
    const rows = await this.#cached('monthly', entities.map((e) => e.key), () => this.#deps.store.enrichment.monthlyMentions(entities.map((e) => e.key)))
    const months = monthsBetween(rows.map((r) => r.month))
    const index = new Map(entities.map((e, i) => [e.key, i]))
    const table = new Map(months.map((m) => [m, entities.map(() => 0)]))
    for (const r of rows) table.get(r.month)![index.get(r.key)!] = r.records
    return { entities: entities.map(({ records: _r, ...e }) => e), months: months.map((month) => ({ month, counts: table.get(month)! })) }
  }

  /**
   * Records an editor's correction and re-applies enrichment where it matters: every record
   * naming the entity for merges and renames, the one record otherwise.
   */
  async correct(input: CorrectionInput, account: string): Promise<EntityCorrectionRow> {
    const { store, now } = this.#deps
    const at = now().toISOString()
    const c = checkCorrection(input)
    if (c.publicationId && !(await store.publications.get(c.publicationId))) throw new AppError('NOT_FOUND', `no record with id ${c.publicationId}`)
    const saved = await store.enrichment.addCorrection({ ...c, account, createdAt: at })
    if (c.kind === 'rename') await store.enrichment.rename(c.key, c.name!, c.type)
    const affected = c.publicationId ? [c.publicationId] : await store.enrichment.allRecordsMentioning(c.key)
    for (const id of affected) await this.enrich(id)
    return saved
  }

  corrections(publicationId?: string) {
    return this.#deps.store.enrichment.corrections(publicationId)
  }
}

function checkCorrection(input: CorrectionInput): EntityCorrection & { key: string } {
  const need = (value: unknown, field: string): string => {
    if (typeof value !== 'string' || !value.trim()) throw new AppError('INVALID_INPUT', `${field} is required for ${/^[aeiou]/.test(input.kind) ? 'an' : 'a'} ${input.kind} correction`, { field })
    return value.trim()
  }
  const type = (value: unknown): EntityType => {
    const t = need(value, 'type').toUpperCase()
    if (!ENTITY_TYPES.has(t)) throw new AppError('INVALID_INPUT', `unknown entity type ${t}; known: ${[...ENTITY_TYPES].join(', ')}`, { field: 'type' })
    return t as EntityType
  }
  switch (input.kind) {
    case 'merge': {
      const key = need(input.key, 'key')
      const target = need(input.target, 'target')
      if (key === target) throw new AppError('INVALID_INPUT', 'an entity cannot be merged into itself', { field: 'target' })
      return { kind: 'merge', key, target }
    }
    case 'rename':
      return { kind: 'rename', key: need(input.key, 'key'), name: need(input.name, 'name'), ...(input.type ? { type: type(input.type) } : {}) }
    case 'remove':
      return { kind: 'remove', publicationId: need(input.publicationId, 'publicationId'), key: need(input.key, 'key') }
    case 'add': {
      const name = need(input.name, 'name')
      const t = type(input.type)
      const known = gazetteer().lookup(name)
      const key = known && known.type === t ? known.key : `${t.toLowerCase()}:${slugOf(name)}`
      return { kind: 'add', publicationId: need(input.publicationId, 'publicationId'), key, name: known?.name ?? name, type: t, ...(known?.country ? { country: known.country } : {}) }
    }
    case 'split': {
      const name = need(input.name, 'name')
      const t = type(input.type)
      return { kind: 'split', publicationId: need(input.publicationId, 'publicationId'), key: need(input.key, 'key'), target: `${t.toLowerCase()}:${slugOf(name)}`, name, type: t }
    }
    default:
      throw new AppError('INVALID_INPUT', `unknown correction ${JSON.stringify((input as { kind?: unknown }).kind)}; known: merge, rename, remove, add, split`, { field: 'kind' })
  }
}

function monthsBetween(months: string[]): string[] {
  if (months.length === 0) return []
  const sorted = [...months].sort()
  const [y0, m0] = sorted[0]!.split('-').map(Number) as [number, number]
  const [y1, m1] = sorted.at(-1)!.split('-').map(Number) as [number, number]
  const out: string[] = []
  for (let n = y0 * 12 + m0 - 1; n <= y1 * 12 + m1 - 1; n++) out.push(`${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`)
  return out
}

