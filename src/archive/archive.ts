import { cite, formatBibtex, formatCitation, formatRis, toCslItem, type CitationFormat, type CslStyleName } from '../cite/index.js'
import type { Source, SourceFormat, SourceItem } from '../ingest/index.js'
import { readSource } from '../ingest/index.js'
import type { Publication, PublicationDraft, PublicationFields, PublicationStatus } from '../model/index.js'
import { diffFields, mergeFields, newOpaqueId, newRecordFields, normalizeFields, validatePublication } from '../model/index.js'
import { renderPageText } from '../render/index.js'
import { AppError, mapConcurrent, toAppError, type Logger } from '../shared/index.js'
import type { Account, ApiToken, ChangeQuery, EntityCorrectionRow, MatchQuery, RecordStamp, Page, Revision, Store, TokenScope } from '../store/index.js'
import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import { Accounts } from './accounts.js'
import { Analysis } from './analysis.js'
import { hashSecret, newSecret } from './secrets.js'
import { latestRecords, matchingRecords, searchArchive, type SearchAnswer, type SearchOptions } from './search.js'
import { extractAll, extractInput, type Extracted, type IngestInput, type PageFetcher } from './web-ingest.js'

export interface ArchiveDeps {
  store: Store
  log: Logger
  now: () => Date
  /** The safe fetcher, for adding pieces from the web; absent where fetching is not allowed. */
  fetcher?: PageFetcher
  /**
   * Enrich each record after it is written: here (true, the default), not at all (false:
   * `enrichStale` catches up later), or by handing the ids on (server mode queues a job, so a
   * save returns without waiting for the recogniser).
   */
  enrichOnWrite?: boolean | ((ids: string[]) => Promise<void>)
}

export interface IngestOptions {
  /** Who runs it, e.g. `cli:ingest`; revisions record it with the item's address. */
  actor: string
  /** Inputs processed at once (the fetcher also limits requests per host). */
  concurrency?: number
  excerptWords?: number
  /** Called as each record is stored or fails. */
  onProgress?: (progress: IngestProgress) => void
}

export interface IngestProgress {
  last: ImportOutcome
  records: number
  inputsDone: number
  inputsTotal: number
}

export type ImportStatus = 'created' | 'updated' | 'unchanged' | 'failed'

export interface ImportOutcome {
  ref: string
  status: ImportStatus
  id?: string
  error?: AppError
  /** An update that left every field enrichment reads as it was: nothing to enrich again. */
  textUnchanged?: boolean
}

export interface ImportOptions {
  /**
   * Who runs the import, e.g. `cli:import`. Each revision records it with the item's source
   * and line (`cli:import catalogue.jsonl:17`), so a change can be traced to its input.
   */
  actor: string
  /** Records written per transaction (2,000 unless given); larger batches import faster. */
  batchSize?: number
  onProgress?: (done: number, total: number) => void
}

const BACKUP_FORMAT = 'dossier-backup'

const changedIds = (outcomes: ImportOutcome[]) =>
  outcomes.filter((o) => o.id && (o.status === 'created' || (o.status === 'updated' && !o.textUnchanged))).map((o) => o.id!)

/** The fields enrichment reads (enrichRecord): a change to any other field leaves its result as it was. */
const ENRICHMENT_INPUTS = ['title', 'summary', 'body', 'published'] as const
const changesEnrichment = (changes: Record<string, unknown>) => ENRICHMENT_INPUTS.some((f) => f in changes)

export type ExportFormat = 'jsonl' | 'csl-json' | 'bibtex' | 'ris'
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'csl-json', 'bibtex', 'ris']

/**
 * The use cases of the archive. The web and CLI layers call these and nothing below them.
 */
export class Archive {
  readonly #deps: ArchiveDeps
  /** Editor accounts and sessions. */
  readonly accounts: Accounts
  /** Entities, dated events and the analysts' views. */
  readonly analysis: Analysis
  readonly #citations = new LRUCache<string, string>({ max: 20_000 })
  readonly #answers = new LRUCache<string, SearchAnswer>({ max: 2_000 })

  constructor(deps: ArchiveDeps) {
    this.#deps = deps
    this.accounts = new Accounts(deps)
    this.analysis = new Analysis(deps)
  }

  /** Enrichment after a write: outside the write's transaction, so it can never undo or fail it. */
  async #enrichAfter(ids: Iterable<string>): Promise<void> {
    const mode = this.#deps.enrichOnWrite ?? true
    if (mode === false) return
    const list = [...ids]
    if (list.length === 0) return
    if (typeof mode === 'function') {
      try {
        return await mode(list)
      } catch (err) {
        // The write stands; `enrichStale` (or `dossier enrich --all`) finds what was not enriched.
        this.#deps.log.error({ err, records: list.length }, 'could not queue enrichment')
        return
      }
    }
    if (list.length === 1) await this.analysis.enrich(list[0]!)
    else for (let i = 0; i < list.length; i += 50) await this.analysis.enrichMany(list.slice(i, i + 50))
  }

  /** Reads sources into items without touching the archive (a dry run shows these). */
  readSources(sources: Source[], format?: SourceFormat): SourceItem[] {
    return sources.flatMap((s) => readSource(s, format))
  }

  /**
   * Adds or updates one record per item. An item matching a stored record (same id, original
   * URL, or normalised title + outlet + date) updates it; an unchanged one writes nothing.
   * Each item is atomic: a failed item leaves no trace, and the others go on. Running the same
   * import twice gives `unchanged` for everything the first run stored, so an interrupted
   * import is resumed by running it again.
   */
  async importItems(items: SourceItem[], options: ImportOptions): Promise<ImportOutcome[]> {
    const { store, log } = this.#deps
    // Each commit costs a full-text segment flush whatever its size: 2,000 records a transaction
    // import 100,000 at 1,960 records/s where 500 gave 1,376, and hold the write lock about a
    // second (an editor's save waits that long at most). Copying the log back into the file is
    // the SQLite store's checkpoint thread's work (wal-checkpointer.ts).
    const batchSize = options.batchSize ?? 2000
    const outcomes: ImportOutcome[] = []
    for (let start = 0; start < items.length; start += batchSize) {
      const batch = items.slice(start, start + batchSize)
      const firstOutcome = outcomes.length
      await store.transaction(async (tx) => {
        for (const item of batch) {
          if (item.error || !item.draft) {
            outcomes.push({ ref: item.ref, status: 'failed', error: item.error ?? new AppError('INVALID_INPUT', 'no record') })
            continue
          }
          try {
            // #upsert makes at most one write (a create or an update), and each is atomic in the
            // store, so a failed item leaves nothing behind without a savepoint of its own.
            outcomes.push({ ref: item.ref, ...(await this.#upsert(tx, item.draft, `${options.actor} ${item.ref}`)) })
          } catch (err) {
            const error = toAppError(err).at({ source: item.ref })
            if (error.code === 'INTERNAL') log.error({ err, ref: item.ref }, 'import item failed')
            outcomes.push({ ref: item.ref, status: 'failed', error })
          }
        }
      })
      await this.#enrichAfter(changedIds(outcomes.slice(firstOutcome)))
      options.onProgress?.(Math.min(start + batchSize, items.length), items.length)
    }
    return outcomes
  }

  /**
   * Runs the ingest pipeline on pages, feeds and files without storing anything: what
   * `dossier extract` prints and the editor shows for correction before saving.
   */
  async extract(inputs: IngestInput[], options: { url?: string; excerptWords?: number; concurrency?: number } = {}): Promise<Extracted[]> {
    const perInput = await mapConcurrent(inputs, options.concurrency ?? 4, (input) =>
      extractAll(input, { ...options, fetcher: this.#deps.fetcher }),
    )
    return perInput.flat()
  }

  /**
   * Adds pieces from pages, feeds, and files. Each record is stored in its own transaction as
   * soon as it is extracted, so a run killed midway keeps what it stored, and running it again
   * skips feed entries already in the archive (by their address) and reports re-read pages as
   * `unchanged`: no duplicate, nothing lost.
   */
  async ingest(inputs: IngestInput[], options: IngestOptions): Promise<ImportOutcome[]> {
    const outcomes: ImportOutcome[] = []
    const findByUrl = async (url: string) => (await this.#deps.store.publications.findMatch({ url }))?.id
    let inputsDone = 0
    await mapConcurrent(inputs, options.concurrency ?? 4, async (input) => {
      let last: ImportOutcome | undefined
      for await (const item of extractInput(input, { fetcher: this.#deps.fetcher, excerptWords: options.excerptWords, findByUrl })) {
        // Report the previous record only now, so the last one of an input counts the input as done.
        if (last) options.onProgress?.({ last, records: outcomes.length, inputsDone, inputsTotal: inputs.length })
        last = await this.#storeExtracted(item, options.actor)
        outcomes.push(last)
      }
      inputsDone++
      if (last) options.onProgress?.({ last, records: outcomes.length, inputsDone, inputsTotal: inputs.length })
    })
    return outcomes
  }

  async #storeExtracted(item: Extracted, actor: string): Promise<ImportOutcome> {
    if (item.known) return { ref: item.ref, status: 'unchanged', id: item.known.id }
    if (!item.draft) return { ref: item.ref, status: 'failed', error: item.error ?? new AppError('INVALID_INPUT', 'no record') }
    const draft = item.draft
    try {
      const outcome = { ref: item.ref, ...(await this.#deps.store.transaction((tx) => this.#upsert(tx, draft, `${actor} ${item.ref}`))) }
      await this.#enrichAfter(changedIds([outcome]))
      return outcome
    } catch (err) {
      const error = toAppError(err).at({ source: item.ref })
      if (error.code === 'INTERNAL') this.#deps.log.error({ err, ref: item.ref }, 'ingest item failed')
      return { ref: item.ref, status: 'failed', error }
    }
  }

  async #upsert(store: Store, draft: PublicationDraft, actor: string): Promise<{ status: ImportStatus; id: string; textUnchanged?: boolean }> {
    const at = this.#deps.now().toISOString()
    const existing = await store.publications.findMatch({
      id: draft.id,
      url: draft.url,
      title: draft.title,
      outlet: draft.outlet,
      published: draft.published,
    })
    if (!existing) {
      const created = await store.publications.create(newRecordFields(draft), { id: draft.id, actor, at })
      return { status: 'created', id: created.id }
    }
    const before = normalizeFields(existing)
    const after = mergeFields(before, draft)
    const changes = diffFields(before, after)
    if (Object.keys(changes).length === 0) return { status: 'unchanged', id: existing.id }
    await store.publications.update(existing.id, after, changes, { actor, at })
    return { status: 'updated', id: existing.id, ...(changesEnrichment(changes) ? {} : { textUnchanged: true }) }
  }

  /**
   * A record by id or slug.
   * @throws AppError NOT_FOUND
   */
  /** Published, withdrawn and deleted records in order of change, for harvesters. */
  changes(query: ChangeQuery): Promise<{ items: Publication[]; total: number }> {
    return this.#deps.store.publications.changes(query)
  }

  earliestChange(): Promise<string | undefined> {
    return this.#deps.store.publications.earliestChange()
  }

  fieldValues(field: 'topic' | 'region' | 'program'): Promise<string[]> {
    return this.#deps.store.publications.fieldValues(field)
  }

  /**
   * A new API token. The secret is returned once and only its SHA-256 is stored: tokens are
   * 256 random bits, so a fast hash is enough (a password would need a slow one).
   */
  async createToken(name: string, scopes: TokenScope[]): Promise<{ token: ApiToken; secret: string }> {
    const secret = newSecret('dsr_')
    const token: ApiToken = { id: newOpaqueId(), name, scopes, createdAt: this.#deps.now().toISOString() }
    await this.#deps.store.tokens.create({ ...token, hash: hashSecret(secret) })
    return { token, secret }
  }

  /** The live token a secret belongs to, if any. */
  authenticate(secret: string): Promise<ApiToken | undefined> {
    return this.#deps.store.tokens.findByHash(hashSecret(secret))
  }

  listTokens(): Promise<ApiToken[]> {
    return this.#deps.store.tokens.list()
  }

  revokeToken(id: string): Promise<void> {
    return this.#deps.store.tokens.revoke(id, this.#deps.now().toISOString())
  }

  /** A new record from API input (validated; a draft unless it says otherwise). */
  async createRecord(input: unknown, actor: string): Promise<Publication> {
    const draft = validatePublication(input)
    const created = await this.#deps.store.transaction(async (tx) => {
      if (draft.url && (await tx.publications.findMatch({ url: draft.url }))) throw new AppError('CONFLICT', `a record with the URL ${draft.url} exists already`, { field: 'url' })
      return tx.publications.create(newRecordFields({ status: 'draft', ...draft } as PublicationDraft), { actor, at: this.#deps.now().toISOString(), id: draft.id })
    })
    await this.#enrichAfter([created.id])
    return created
  }

  /**
   * Changes the fields the input names, if the record is still at `expectedRevision` (the
   * client's If-Match): two editors cannot silently overwrite each other.
   * @throws AppError NOT_FOUND, PRECONDITION_FAILED, INVALID_INPUT
   */
  async updateRecord(id: string, input: unknown, expectedRevision: number, actor: string): Promise<Publication> {
    const patch = validatePublication({ title: 'placeholder', ...(input as object) })
    const given = new Set(Object.keys(input as object))
    const onlyGiven = Object.fromEntries(Object.entries(patch).filter(([k]) => given.has(k))) as PublicationDraft
    return this.#write(id, expectedRevision, actor, (before) => mergeFields(before, onlyGiven))
  }

  /**
   * Replaces every editable field but the status with `draft` (what an edit form states in
   * full: a field left empty is cleared), if the record is still at `expectedRevision`.
   */
  replaceRecord(id: string, draft: PublicationDraft, expectedRevision: number, actor: string): Promise<Publication> {
    return this.#write(id, expectedRevision, actor, (before) => newRecordFields({ ...draft, status: before.status }))
  }

  /**
   * Puts a record's fields back as they were at revision `number` (the status stays as it is
   * now), as a new revision: history is never rewritten.
   * @throws AppError NOT_FOUND for an unknown revision
   */
  async restoreRevision(id: string, number: number, expectedRevision: number, actor: string): Promise<Publication> {
    const revisions = await this.#deps.store.publications.revisions(id)
    if (!revisions.some((r) => r.number === number)) throw new AppError('NOT_FOUND', `record ${id} has no revision ${number}`)
    return this.#write(id, expectedRevision, `${actor} (restored revision ${number})`, (before) => {
      const fields: Record<string, unknown> = { ...before }
      // Undo each later change, newest first.
      for (const r of revisions.filter((r) => r.number > number).reverse()) {
        for (const [field, change] of Object.entries(r.changes ?? {})) fields[field] = change.from
      }
      return normalizeFields({ ...(fields as unknown as PublicationFields), status: before.status })
    })
  }

  /** One guarded change: the record must be at `expectedRevision`; no revision when nothing changed. */
  async #write(id: string, expectedRevision: number, actor: string, change: (before: PublicationFields) => PublicationFields): Promise<Publication> {
    let textChanged = false
    const written = await this.#deps.store.transaction(async (tx) => {
      const current = await tx.publications.get(id)
      if (!current) throw new AppError('NOT_FOUND', `no record with id ${id}`)
      if (current.revision !== expectedRevision) {
        throw new AppError('PRECONDITION_FAILED', `the record is at revision ${current.revision}, not ${expectedRevision}: reload it and apply the change again`)
      }
      const before = normalizeFields(current)
      const after = change(before)
      const changes = diffFields(before, after)
      if (Object.keys(changes).length === 0) return current
      textChanged = changesEnrichment(changes)
      return tx.publications.update(id, after, changes, { actor, at: this.#deps.now().toISOString() })
    })
    // a new status, tag or link leaves the entities and dated references as they were
    if (written.revision !== expectedRevision && textChanged) await this.#enrichAfter([written.id])
    return written
  }

  /** How many records are published (what sitemaps list). */
  countPublished(): Promise<number> {
    return this.#deps.store.publications.countPublished()
  }

  /** Published records in a stable order (by id), `offset` records in: a sitemap page. */
  publishedPage(offset: number, limit: number): Promise<{ id: string; updatedAt: string }[]> {
    return this.#deps.store.publications.publishedIds(offset, limit)
  }

  /** The newest published records a search query selects, newest first: what feeds carry. */
  latest(q: string, limit = 50): Promise<Publication[]> {
    return latestRecords(this.#deps.store, q, limit)
  }

  /** Published records (all with `includeUnpublished`) that a query selects, newest first, with a cursor. */
  listMatching(q: string, options: { limit: number; cursor?: string; includeUnpublished?: boolean }): Promise<Page<Publication>> {
    return matchingRecords(this.#deps.store, q, options)
  }

  /**
   * Full-text search over published records (all records with `includeUnpublished`). Answers
   * are kept until the index next changes: popular queries cost one version check.
   */
  /**
   * Writes the search index rows of the records in the id range (after, until] again, `batch`
   * records per transaction: after an upgrade that changes what is indexed, or to repair.
   * Returns how many records were reindexed; `progress` hears the running count.
   */
  async reindex(range: { after?: string; until?: string } = {}, options: { batch?: number; progress?: (done: number) => void } = {}): Promise<number> {
    const batch = options.batch ?? 500
    let done = 0
    for (let after = range.after; ; ) {
      const step = await this.#deps.store.publications.reindex({ after, until: range.until, limit: batch })
      done += step.count
      options.progress?.(done)
      if (step.count < batch) return done
      after = step.last
    }
  }

  /** The archive cut into id ranges of about `size` records each, for reindexing in parallel jobs. */
  async reindexRanges(size: number): Promise<{ after?: string; until?: string }[]> {
    const marks = await this.#deps.store.publications.idMarks(size)
    return [...marks.map((until, i) => ({ ...(i > 0 ? { after: marks[i - 1] } : {}), until })), marks.length ? { after: marks.at(-1) } : {}]
  }

  async search(q: string, options: SearchOptions = {}): Promise<SearchAnswer> {
    const key = `${await this.#deps.store.search.version()}\u0000${q}\u0000${JSON.stringify(options)}`
    let answer = this.#answers.get(key)
    if (!answer) this.#answers.set(key, (answer = await searchArchive(this.#deps.store, q, options)))
    return answer
  }

  async get(idOrSlug: string): Promise<Publication> {
    const { publications } = this.#deps.store
    const found = (await publications.get(idOrSlug)) ?? (await publications.getBySlug(idOrSlug))
    if (!found) throw new AppError('NOT_FOUND', `no record "${idOrSlug}"`)
    return found
  }

  /** The stored record that is the same piece (same id, URL, or title + outlet + date), if any. */
  findMatch(query: MatchQuery): Promise<Publication | undefined> {
    return this.#deps.store.publications.findMatch(query)
  }

  /** A record's current status, revision and change time, cheaply: for page caches. */
  stamp(id: string): Promise<RecordStamp | undefined> {
    return this.#deps.store.publications.stamp(id)
  }

  /**
   * A record as the public may see it.
   * @throws AppError NOT_FOUND for an unknown record or a draft, GONE for a deleted one.
   */
  async getPublic(idOrSlug: string): Promise<Publication> {
    const p = await this.get(idOrSlug)
    if (p.status === 'draft') throw new AppError('NOT_FOUND', `no record "${idOrSlug}"`)
    if (p.status === 'deleted') throw new AppError('GONE', 'This record was deleted from the archive.')
    return p
  }

  list(query: { status?: PublicationStatus; featured?: boolean; limit?: number; cursor?: string } = {}): Promise<Page<Publication>> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 1000)
    return this.#deps.store.publications.list({ ...query, limit })
  }

  count(): Promise<number> {
    return this.#deps.store.publications.count()
  }

  revisions(id: string): Promise<Revision[]> {
    return this.#deps.store.publications.revisions(id)
  }

  /** @throws AppError NOT_FOUND */
  async cite(idOrSlug: string, format: CitationFormat): Promise<string> {
    const p = await this.get(idOrSlug)
    return this.#cached(p, format, () => cite(p, format))
  }

  /** A record's bibliography entry as HTML (italics as <i>, text escaped by citeproc). */
  citationHtml(p: Publication, style: CslStyleName): string {
    return this.#cached(p, `${style}.html`, () => formatCitation(p, style, 'html'))
  }

  /**
   * citeproc takes ~2 ms an entry, ten times the rest of a record page; a revision's citation
   * never changes, so it is kept, keyed by id and revision, for as long as it stays in use.
   */
  #cached(p: Publication, variant: string, make: () => string): string {
    const key = `${p.id}\u0000${p.revision}\u0000${p.updatedAt}\u0000${variant}`
    let text = this.#citations.get(key)
    if (text === undefined) this.#citations.set(key, (text = make()))
    return text
  }

  /** The record as a page in the model page's text shape. @throws AppError NOT_FOUND */
  async pageText(idOrSlug: string): Promise<string> {
    return renderPageText(await this.get(idOrSlug))
  }

  /**
   * The whole archive (or the records of one status) in an exchange format, as text chunks
   * to write as they come, so memory stays flat however large the archive.
   */
  /**
   * A backup: a header line, then one line per record with its revisions, in id order —
   * records and history exactly as stored — then one line per editor account, without its
   * password hash (a restored account gets a new password with `dossier account password`).
   * API tokens are left out: they are re-issued. Streamed: a million records never sit in memory.
   */
  async *backup(): AsyncIterable<string> {
    const count = await this.#deps.store.publications.count()
    yield `${JSON.stringify({ format: BACKUP_FORMAT, version: 1, records: count, at: this.#deps.now().toISOString() })}\n`
    for await (const record of this.#deps.store.publications.scan()) {
      const revisions = await this.#deps.store.publications.revisions(record.id)
      yield `${JSON.stringify({ record, revisions })}\n`
    }
    for (const account of await this.#deps.store.accounts.list()) yield `${JSON.stringify({ account })}\n`
    // Editors' corrections to enrichment are their work: kept. What enrichment found is not:
    // `dossier enrich --all` finds it again, and the corrections apply on top.
    for (const c of await this.#deps.store.enrichment.allCorrections()) {
      const { id: _id, ...correction } = c
      yield `${JSON.stringify({ correction })}\n`
    }
  }

  /**
   * Puts a backup back, each record with its revisions in one transaction. Records already
   * present unchanged are skipped, so an interrupted restore is finished by running it again.
   * @throws AppError INVALID_INPUT naming the line for anything that is not a backup line.
   */
  async restore(lines: AsyncIterable<string>, source: string): Promise<{ restored: number; present: number }> {
    let n = 0
    const counts = { restored: 0, present: 0 }
    for await (const line of lines) {
      n++
      if (!line.trim()) continue
      let parsed: unknown
      try {
        parsed = JSON.parse(line)
      } catch {
        throw new AppError('INVALID_INPUT', 'is not JSON', { source, line: n })
      }
      if (n === 1) {
        const header = parsed as { format?: string; version?: number }
        if (header.format !== BACKUP_FORMAT || header.version !== 1) throw new AppError('INVALID_INPUT', `is not a Dossier backup (no "${BACKUP_FORMAT}" header)`, { source, line: 1 })
        continue
      }
      const entry = parsed as { record?: Publication; revisions?: Revision[]; account?: Account; correction?: Omit<EntityCorrectionRow, 'id'> }
      if (entry.correction) {
        const c = entry.correction
        if (typeof c.key !== 'string' || typeof c.kind !== 'string' || typeof c.createdAt !== 'string') throw new AppError('INVALID_INPUT', 'is not a backup correction line', { source, line: n })
        const same = (await this.#deps.store.enrichment.allCorrections()).some((o) =>
          o.kind === c.kind && o.key === c.key && o.publicationId === c.publicationId && o.target === c.target && o.name === c.name && o.createdAt === c.createdAt)
        if (same) counts.present++
        else {
          await this.#deps.store.enrichment.addCorrection(c)
          counts.restored++
        }
        continue
      }
      if (entry.account) {
        const { email, id, name, role, createdAt } = entry.account
        if (typeof email !== 'string' || typeof id !== 'string' || (role !== 'admin' && role !== 'editor')) throw new AppError('INVALID_INPUT', 'is not a backup account line', { source, line: n })
        if (await this.#deps.store.accounts.findByEmail(email)) counts.present++
        else {
          await this.#deps.store.accounts.create({ id, email, name, role, createdAt, ...(entry.account.disabledAt ? { disabledAt: entry.account.disabledAt } : {}), passwordHash: null })
          counts.restored++
        }
        continue
      }
      if (!entry.record?.id || !Array.isArray(entry.revisions)) throw new AppError('INVALID_INPUT', 'is not a backup record line', { source, line: n })
      try {
        // The record's fields must still be valid under today's rules.
        validatePublication(Object.fromEntries(Object.entries(entry.record).filter(([k]) => !['id', 'slug', 'createdAt', 'updatedAt', 'revision'].includes(k))))
        counts[await this.#deps.store.publications.restore(entry.record, entry.revisions)]++
      } catch (err) {
        throw toAppError(err).at({ source, line: n })
      }
    }
    return counts
  }

  /**
   * Copies this archive into `target` (records exactly as stored, their revisions, accounts
   * without secrets), then checks that both export the same bytes in every format. Resumable:
   * records already copied are skipped.
   * @throws AppError CONFLICT when the target holds other records or the exports differ.
   */
  async copyTo(target: Archive, label: string): Promise<{ restored: number; present: number; verified: ExportFormat[] }> {
    const lines = async function* (chunks: AsyncIterable<string>) {
      for await (const chunk of chunks) yield chunk.replace(/\n$/, '')
    }
    const counts = await target.restore(lines(this.backup()), label)
    for (const format of EXPORT_FORMATS) {
      const [mine, theirs] = await Promise.all([this.#digest(format), target.#digest(format)])
      if (mine !== theirs) throw new AppError('CONFLICT', `the copy's ${format} export differs from the source's: the target held other records, or a record changed during the copy`)
    }
    return { ...counts, verified: [...EXPORT_FORMATS] }
  }

  async #digest(format: ExportFormat): Promise<string> {
    const hash = createHash('sha256')
    for await (const chunk of this.export(format)) hash.update(chunk)
    return hash.digest('hex')
  }

  async *export(format: ExportFormat, filter: { status?: PublicationStatus } = {}): AsyncIterable<string> {
    const keys = new Set<string>()
    let first = true
    if (format === 'csl-json') yield '['
    for await (const p of this.#deps.store.publications.scan()) {
      if (filter.status && p.status !== filter.status) continue
      if (format === 'jsonl') yield `${JSON.stringify(p)}\n`
      else if (format === 'csl-json') yield `${first ? '\n' : ',\n'}${JSON.stringify(toCslItem(p))}`
      else if (format === 'bibtex') yield `${first ? '' : '\n'}${formatBibtex([toCslItem(p)], keys)}`
      else yield `${first ? '' : '\n'}${formatRis([toCslItem(p)])}`
      first = false
    }
    if (format === 'csl-json') yield first ? ']\n' : '\n]\n'
  }
}

