import postgres from 'postgres'
import { AppError } from '../../shared/index.js'
import type { MigrationReport, Store } from '../store.js'
import { PgAccounts, PgSessions, PgTokens } from './pg-accounts.js'
import type { Sql } from './pg-sql.js'
import { PG_MIGRATIONS } from './pg-migrations.js'
import { PgPublications } from './pg-publications.js'
import { PgSearch } from './pg-search.js'
import { PgColumns } from './pg-columns.js'
import { PgEnrichment } from './pg-enrichment.js'

export interface PgStoreOptions {
  /** postgres://user@host:port/database */
  url: string
  /** A schema of its own (created when missing): one archive per schema, as tests use it. */
  schema?: string
  /** Connections in the pool (default 10). */
  max?: number
}

// One lock for every migration of the database, whatever the schema: the extension and the
// text search objects are shared, and two servers starting at once must not race to make them.
const MIGRATION_LOCK = 0x646f7373

/**
 * A write transaction's result, once the search version has moved past it. The version is a
 * sequence advanced after the commit: a row updated inside every write would be held by each
 * writer until it commits, queueing all writers (an import batch, an editor's save) behind one
 * another. Advanced after the commit, no answer computed from the old rows can be cached under
 * a version current once the new rows are visible.
 */
async function committed<T>(root: postgres.Sql, transaction: Promise<T>, statistics: Statistics): Promise<T> {
  const result = await transaction
  await root`SELECT nextval('search_version')`
  await statistics.refresh()
  return result
}

/** The tables an import grows, analyzed together. */
const GROWING_TABLES = 'publications, revisions, search_docs, search_bodies, search_facets, search_marks'

/**
 * Keeps the planner's statistics in step with an archive that grows. Plans are made from them,
 * and a connection keeps the plans of its foreign-key checks: made while the statistics said
 * search_docs was empty (a new schema's, which the CLUSTER in its migrations left so, on a
 * server where autovacuum is off or has not come round yet), the checks into it scan the whole
 * table, so each imported record read every earlier one (a fresh archive imported 170 records/s
 * at first and 57 by the 8,000th). The tables are analyzed whenever the records created since
 * the last time reach half as many as the statistics then counted (and at least 500): a
 * handful of times per import.
 */
class Statistics {
  #created = 0
  /** Records in the statistics when last read; undefined until then. */
  #counted?: number
  #running?: Promise<void>

  constructor(private readonly root: postgres.Sql) {}

  recordCreated() {
    this.#created++
  }

  async refresh(): Promise<void> {
    if (this.#created < 500 || this.#running) return
    this.#counted ??= await this.#recordsCounted()
    if (this.#created < Math.max(500, this.#counted / 2)) return
    this.#created = 0
    this.#running = (async () => {
      await this.root.unsafe(`ANALYZE ${GROWING_TABLES}`)
      this.#counted = await this.#recordsCounted()
    })().finally(() => (this.#running = undefined))
    await this.#running
  }

  async #recordsCounted(): Promise<number> {
    const [row] = await this.root<{ n: number }[]>`SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'publications'::regclass`
    return Number(row?.n ?? 0)
  }
}

class PgStore implements Store {
  readonly backend = 'postgres'
  readonly publications: PgPublications
  readonly search: PgSearch
  readonly tokens: PgTokens
  readonly accounts: PgAccounts
  readonly sessions: PgSessions
  readonly enrichment: PgEnrichment
  readonly #root: postgres.Sql
  readonly #sql: Sql
  readonly #inTransaction: boolean

  readonly #columns: PgColumns
  readonly #statistics: Statistics

  constructor(root: postgres.Sql, sql: Sql, inTransaction: boolean, columns = new PgColumns(root), statistics = new Statistics(root)) {
    this.#root = root
    this.#columns = columns
    this.#statistics = statistics
    this.#sql = sql
    this.#inTransaction = inTransaction
    // Outside a transaction, a write that spans statements opens its own.
    const atomic = <T>(work: (sql: Sql) => Promise<T>): Promise<T> =>
      inTransaction ? (sql as postgres.TransactionSql).savepoint((tx) => work(tx)) as Promise<T> : committed(root, root.begin((tx) => work(tx)) as Promise<T>, statistics)
    this.publications = new PgPublications(sql, atomic, () => statistics.recordCreated())
    this.search = new PgSearch(sql, columns)
    this.tokens = new PgTokens(sql)
    this.accounts = new PgAccounts(sql)
    this.sessions = new PgSessions(sql)
    this.enrichment = new PgEnrichment(sql, atomic)
  }

  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    const inner = (tx: Sql) => work(new PgStore(this.#root, tx, true, this.#columns, this.#statistics))
    if (this.#inTransaction) return (await (this.#sql as postgres.TransactionSql).savepoint(inner)) as T
    return committed(this.#root, this.#root.begin(inner) as Promise<T>, this.#statistics)
  }

  migrate(): Promise<MigrationReport> {
    return migratePostgres(this.#root)
  }

  async close(): Promise<void> {
    await this.#root.end({ timeout: 5 })
  }
}

async function migratePostgres(sql: postgres.Sql): Promise<MigrationReport> {
  const report: MigrationReport = { results: [], ok: true }
  for (const m of PG_MIGRATIONS) {
    if (!report.ok) {
      report.results.push({ name: m.name, status: 'not-run' })
      continue
    }
    try {
      const applied = await sql.begin(async (tx) => {
        await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`
        await tx`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at text NOT NULL)`
        if ((await tx`SELECT 1 FROM schema_migrations WHERE name = ${m.name}`).length > 0) return false
        await tx.unsafe(m.sql)
        await tx`INSERT INTO schema_migrations (name, applied_at) VALUES (${m.name}, ${new Date().toISOString()})`
        return true
      })
      report.results.push({ name: m.name, status: applied ? 'applied' : 'already-applied' })
    } catch (err) {
      report.ok = false
      report.results.push({ name: m.name, status: 'failed', error: (err as Error).message })
    }
  }
  return report
}

/**
 * Connects to PostgreSQL and brings the schema up to date.
 * @throws AppError STORE_UNAVAILABLE when the server cannot be reached or a migration fails.
 */
export async function openPostgresStore(options: PgStoreOptions): Promise<Store> {
  const schema = options.schema
  if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new AppError('CONFIG_INVALID', `"${schema}" is not a schema name (lower-case letters, digits, _)`)
  const sql = postgres(options.url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // A common word's matches must fit an exact bitmap (work_mem 4MB turns it lossy at about a
    // million records, and a lossy page rereads every vector on it).
    connection: { work_mem: '32MB', ...(schema ? { search_path: `${schema}, public` } : {}) },
    connect_timeout: 10,
  })
  try {
    await sql`SELECT 1`
    if (schema) await sql.unsafe(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
    const report = await migratePostgres(sql)
    const failed = report.results.find((r) => r.status === 'failed')
    if (failed) throw new AppError('STORE_UNAVAILABLE', `migration ${failed.name} failed: ${failed.error}`)
  } catch (err) {
    await sql.end({ timeout: 1 })
    if (err instanceof AppError) throw err
    throw new AppError('STORE_UNAVAILABLE', `cannot open the PostgreSQL archive at ${redact(options.url)}: ${(err as Error).message}`, {}, { cause: err })
  }
  return new PgStore(sql, sql, false)
}

/** The address without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.href
  } catch {
    return 'postgres://…'
  }
}
