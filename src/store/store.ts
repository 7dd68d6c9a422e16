import type { FieldChanges, Publication, PublicationFields, PublicationStatus } from '../model/index.js'
import type { SearchQuery } from '../search/index.js'

/** Who or what wrote a revision, and when: `cli:import seed.txt`, `editor:ana@…`, `api-token:…`. */
export interface WriteContext {
  actor: string
  /** ISO-8601 timestamp; the caller's clock, so tests and imports can pin it. */
  at: string
}

export type RevisionAction = 'created' | 'updated'

export interface Revision {
  publicationId: string
  /** 1 for the creation, then one more per change. */
  number: number
  at: string
  actor: string
  action: RevisionAction
  /** Field-level changes; null for the creation (the record at revision 1 is the first state). */
  changes: FieldChanges | null
}

export interface ListQuery {
  status?: PublicationStatus
  /** Only records flagged for the home page. */
  featured?: boolean
  limit: number
  /** An opaque cursor from a previous page's `nextCursor`. */
  cursor?: string
}

export interface Page<T> {
  items: T[]
  /** Present when more items follow. */
  nextCursor?: string
}

/** The facts by which an incoming record is recognised as one the archive already holds. */
export interface MatchQuery {
  id?: string
  url?: string
  /** With outlet and published, the fallback key; without a title only id and URL are tried. */
  title?: string
  outlet?: string
  published?: string
}

/** Records that changed in a window, for harvesters (OAI-PMH): published, withdrawn and deleted; never drafts. */
export interface ChangeQuery {
  /** Inclusive ISO-8601 UTC bounds on `updatedAt`. */
  from?: string
  until?: string
  type?: string
  /** A many-valued field's value, compared as search filters compare it (case and accents folded). */
  facet?: { field: 'topic' | 'region' | 'program'; value: string }
  /** Keyset: continue after this change. */
  after?: { at: string; id: string }
  limit: number
}

/** What identifies a record's current state, read without its fields: for caches. */
export interface RecordStamp {
  id: string
  status: PublicationStatus
  revision: number
  updatedAt: string
}

export interface PublicationRepo {
  get(id: string): Promise<Publication | undefined>
  /** The record's stamp by id (not slug), without reading its fields. */
  stamp(id: string): Promise<RecordStamp | undefined>
  getBySlug(slug: string): Promise<Publication | undefined>
  /**
   * The stored record that is the same piece: the same id, else the same original URL (after
   * normalisation), else the same normalised title + outlet + date. Undefined when none.
   */
  findMatch(query: MatchQuery): Promise<Publication | undefined>
  /**
   * Stores a new record with revision 1. Takes `id` when given, else makes one; derives a
   * readable slug from the title, unique in the archive.
   * @throws AppError CONFLICT when the id or the original URL is already taken.
   */
  create(fields: PublicationFields, ctx: WriteContext & { id?: string }): Promise<Publication>
  /**
   * Replaces a record's fields and appends a revision with `changes`. The slug stays.
   * @throws AppError NOT_FOUND, CONFLICT when the new URL belongs to another record.
   */
  update(id: string, fields: PublicationFields, changes: FieldChanges, ctx: WriteContext): Promise<Publication>
  /** Newest first by publication date, then by creation. */
  list(query: ListQuery): Promise<Page<Publication>>
  /** Every record in id order, fetched page by page so no cursor stays open. */
  scan(options?: { batchSize?: number }): AsyncIterable<Publication>
  count(): Promise<number>
  /** Oldest first. */
  revisions(id: string): Promise<Revision[]>
  /** Oldest change first (updatedAt, then id); `total` counts the whole window, not the page. */
  changes(query: ChangeQuery): Promise<{ items: Publication[]; total: number }>
  /**
   * Puts back a record exactly as a backup holds it — id, slug, timestamps, revision number —
   * with its revisions. `present` when the same record (id and revision) is there already, so
   * a restore can be run again after an interruption.
   * @throws AppError CONFLICT when the id, slug or URL is taken by something else.
   */
  restore(record: Publication, revisions: Revision[]): Promise<'restored' | 'present'>
  /**
   * Writes the search index rows of up to `limit` records again, in id order, those with an
   * id past `after` and not past `until`; one transaction. For repairs and upgrades that
   * change what is indexed; running it twice does no harm.
   */
  reindex(range: { after?: string; until?: string; limit: number }): Promise<{ count: number; last?: string }>
  /** Every `every`-th record id in id order: bounds that cut the archive into equal ranges. */
  idMarks(every: number): Promise<string[]>
  countPublished(): Promise<number>
  /** Ids and change times of published records by id, `offset` in: for sitemaps. */
  publishedIds(offset: number, limit: number): Promise<{ id: string; updatedAt: string }[]>
  /** The `updatedAt` of the oldest record harvesters see (any but a draft). */
  earliestChange(): Promise<string | undefined>
  /** The distinct values of a many-valued field over the records harvesters see (any but drafts). */
  fieldValues(field: 'topic' | 'region' | 'program'): Promise<string[]>
}

export type SearchSort = 'relevance' | 'date'

/** The fields counted beside results; `year` comes from the publication date. */
export const FACET_FIELDS = ['type', 'author', 'outlet', 'topic', 'region', 'program', 'entity', 'year'] as const
export type FacetField = (typeof FACET_FIELDS)[number]

export interface SearchRequest {
  query: SearchQuery
  /** Relevance (BM25, title > summary > authors and outlet > body; ties by recency), or newest first. */
  sort: SearchSort
  limit: number
  /** For page numbers: records to skip. Ignored when a cursor is given. */
  offset?: number
  /** For machines: the `nextCursor` of the previous page. */
  cursor?: string
  /** Count values per facet field (disjunctively: a field's own filter does not narrow its counts). */
  facets?: boolean
  /** Editors see drafts and withdrawn records too; the public never does. */
  includeUnpublished?: boolean
}

export interface FacetCount {
  value: string
  count: number
}

export interface SearchResult {
  total: number
  hits: { publication: Publication; score: number }[]
  facets?: Record<FacetField, FacetCount[]>
  nextCursor?: string
}

export interface SearchRepo {
  search(request: SearchRequest): Promise<SearchResult>
  /**
   * Indexed words close to `word`, with the number of records holding each, for "did you
   * mean": words sharing its first letter and of a similar length.
   */
  vocabulary(word: string): Promise<{ term: string; docs: number }[]>
  /**
   * A number that changes whenever the index does (any record written), so answers can be
   * cached until then.
   */
  version(): Promise<number>
  /** Whether any record holds the word (as the index reads it: folded and stemmed). */
  hasWord(word: string): Promise<boolean>
}

export type TokenScope = 'read' | 'write' | 'admin'

/** An API token as stored: only a hash of the secret is kept. */
export interface ApiToken {
  id: string
  name: string
  scopes: TokenScope[]
  createdAt: string
  revokedAt?: string
}

export interface TokenRepo {
  create(token: ApiToken & { hash: string }): Promise<void>
  /** The live (not revoked) token with this secret hash. */
  findByHash(hash: string): Promise<ApiToken | undefined>
  list(): Promise<ApiToken[]>
  /** @throws AppError NOT_FOUND */
  revoke(id: string, at: string): Promise<void>
}

export type AccountRole = 'admin' | 'editor'

/** A person who signs in to the editor. The password hash never leaves the store's callers. */
export interface Account {
  id: string
  /** Stored lower-cased: one account per address, however it is typed. */
  email: string
  name: string
  role: AccountRole
  createdAt: string
  disabledAt?: string
}

export interface AccountRepo {
  /** @throws AppError CONFLICT when the email is taken. */
  create(account: Account & { passwordHash: string | null }): Promise<void>
  /** With the password hash (null for an account restored from a backup, which cannot sign in). */
  findByEmail(email: string): Promise<(Account & { passwordHash: string | null }) | undefined>
  get(id: string): Promise<Account | undefined>
  list(): Promise<Account[]>
  /** @throws AppError NOT_FOUND */
  setPassword(id: string, passwordHash: string): Promise<void>
  count(): Promise<number>
}

/** A signed-in browser. Only a hash of the cookie's secret is stored. */
export interface Session {
  accountId: string
  /** The token forms carry against cross-site posts. */
  csrf: string
  createdAt: string
  expiresAt: string
}

export interface SessionRepo {
  create(hash: string, session: Session): Promise<void>
  /** The live session (not expired at `now`) and its enabled account. */
  find(hash: string, now: string): Promise<{ session: Session; account: Account } | undefined>
  delete(hash: string): Promise<void>
  /** Removes expired sessions; returns how many. */
  deleteExpired(now: string): Promise<number>
}

export type MigrationStatus = 'applied' | 'already-applied' | 'failed' | 'not-run'
export interface MigrationReport {
  results: { name: string; status: MigrationStatus; error?: string }[]
  ok: boolean
}

/**
 * The one seam every storage backend implements (SQLite now, PostgreSQL next); both must pass
 * store.contract.ts unchanged.
 */
/** An entity as the archive knows it: identity, display name, kind, country. */
export interface EntityRow {
  key: string
  name: string
  type: string
  country?: string
}

/** An entity in one record, with how often and where the record names it. */
export interface RecordEntityRow extends EntityRow {
  mentions: number
  fields: string[]
  surfaces: string[]
}

/** A dated reference in one record: the days it covers and the sentence it sits in. */
export interface EventRow {
  start: string
  end: string
  value: string
  precision: string
  type: string
  text: string
  sentence: string
  entities: string[]
  field: string
}

export interface RecordEnrichmentRow {
  version: string
  entities: RecordEntityRow[]
  events: EventRow[]
}

export interface EnrichmentState {
  publicationId: string
  version: string
  status: 'ok' | 'failed'
  error?: string
  attempts: number
  updatedAt: string
}

/** An editor's correction; `publicationId` set for the ones about one record. */
export interface EntityCorrectionRow {
  id: number
  kind: 'merge' | 'rename' | 'remove' | 'add' | 'split'
  publicationId?: string
  key: string
  target?: string
  name?: string
  type?: string
  country?: string
  account?: string
  createdAt: string
}

export interface TimelineQuery {
  entity?: string
  /** A topic or an author, compared as search filters compare them. */
  topic?: string
  author?: string
  /** Events that overlap [from, to] (days, YYYY-MM-DD). */
  from?: string
  to?: string
  limit: number
  offset?: number
}

export interface TimelineEvent extends EventRow {
  publicationId: string
  seq: number
  published?: string
}

/**
 * Entities and dated events of each record, and the counts analysts read from them. Public
 * reads count published records only.
 */
export interface EnrichmentRepo {
  /** Replaces the record's entities and events, and its `entity` search facets, in one go. */
  save(publicationId: string, enrichment: RecordEnrichmentRow, at: string): Promise<void>
  /** Records that enrichment failed (the record itself stays as it is), counting the attempt. */
  markFailed(publicationId: string, version: string, error: string, at: string): Promise<void>
  state(publicationId: string): Promise<EnrichmentState | undefined>
  /** Records (any but deleted) never enriched, enriched by another version, or failed fewer than `maxAttempts` times. */
  stale(version: string, maxAttempts: number, limit: number): Promise<string[]>
  /** Failed records, newest first: what the editor's queue shows. */
  failures(limit: number): Promise<EnrichmentState[]>
  forRecord(publicationId: string): Promise<RecordEnrichmentRow | undefined>
  entity(key: string): Promise<(EntityRow & { records: number }) | undefined>
  /** Entities by records naming them (published), most first; optionally of one type, or whose name starts with `prefix`. */
  topEntities(options: { type?: string; prefix?: string; limit: number; offset?: number }): Promise<(EntityRow & { records: number })[]>
  /** Published records naming the entity, newest first. */
  recordsMentioning(key: string, limit: number, offset?: number): Promise<{ publicationId: string; mentions: number }[]>
  /** Every record (any status) naming the entity: what a merge re-saves. */
  allRecordsMentioning(key: string): Promise<string[]>
  coMentioned(key: string, limit: number): Promise<(EntityRow & { records: number })[]>
  /** Published records per publication month naming each entity. */
  monthlyMentions(keys: string[]): Promise<{ key: string; month: string; records: number }[]>
  timeline(query: TimelineQuery): Promise<{ total: number; events: TimelineEvent[] }>
  /** Published records naming places in each country. */
  countries(): Promise<{ country: string; records: number }[]>
  /** Sets an entity's name (and type, country): an editor's rename, which later saves keep. */
  rename(key: string, name: string, type?: string, country?: string): Promise<void>
  addCorrection(c: Omit<EntityCorrectionRow, 'id'>): Promise<EntityCorrectionRow>
  /** Archive-wide corrections (merges, renames) and those about the record, oldest first. */
  corrections(publicationId?: string): Promise<EntityCorrectionRow[]>
  /** Every correction, oldest first: what a backup keeps. */
  allCorrections(): Promise<EntityCorrectionRow[]>
}

/** A job as the embedded backend stores it (PostgreSQL's jobs live in pg-boss's tables). */
export interface JobRow {
  id: string
  kind: string
  data: string
  state: 'queued' | 'retry' | 'active' | 'completed' | 'dead'
  attempts: number
  runAfter: string
  createdAt: string
  startedAt?: string
  finishedAt?: string
  error?: string
  output?: string
}

/** The embedded archive's job table: the in-process queue keeps its jobs in the archive file. */
export interface JobTable {
  add(rows: { id: string; kind: string; data: string }[], at: string): Promise<void>
  /**
   * Takes the next job due at `at` (or one still active past its deadline: its worker is gone),
   * marking it active until `deadline`.
   */
  claim(at: string, deadline: string): Promise<JobRow | undefined>
  complete(id: string, output: string, at: string): Promise<void>
  /** A failed run: back to the queue after `retryAt`, or dead when undefined. */
  fail(id: string, error: string, at: string, retryAt: string | undefined): Promise<void>
  get(id: string): Promise<JobRow | undefined>
  list(states: JobRow['state'][], limit: number): Promise<JobRow[]>
  counts(): Promise<Record<JobRow['state'], number>>
  delete(id: string): Promise<boolean>
}

export interface Store {
  readonly backend: string
  /** The embedded backend's own job table; undefined where jobs live elsewhere (pg-boss). */
  readonly jobs?: JobTable
  publications: PublicationRepo
  enrichment: EnrichmentRepo
  /** Full-text search; the index changes in the same transaction as the record. */
  search: SearchRepo
  tokens: TokenRepo
  accounts: AccountRepo
  sessions: SessionRepo
  /**
   * Runs `work` atomically: either every write in it lands or none does. Writes through other
   * handles wait until it ends. A nested call is a savepoint: if its work throws, only its
   * own writes are undone, and the outer transaction goes on.
   */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>
  /** Brings the schema up to date; reports each migration instead of throwing midway. */
  migrate(): Promise<MigrationReport>
  close(): Promise<void>
}
