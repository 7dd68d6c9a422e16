import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { AppError } from '../../shared/index.js'
import type { MigrationReport, Store } from '../store.js'
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js'
import { SqlitePublications } from './sqlite-publications.js'
import { SqliteSearch, type SearchOptions } from './sqlite-search.js'
import { SqliteTokens } from './sqlite-tokens.js'
import { SqliteAccounts, SqliteSessions } from './sqlite-accounts.js'
import { SqliteEnrichment } from './sqlite-enrichment.js'
import { SqliteJobs } from './sqlite-jobs.js'
import { takeDoom } from './record-writes.js'
import { RankingWorker } from './ranking-worker.js'
import { WalCheckpointer } from './wal-checkpointer.js'
import { BulkWriteCache } from './bulk-write-cache.js'

/** Where the archive is, and how its search ranks (see SearchOptions). */
export interface SqliteStoreOptions extends SearchOptions {
  /** A file path, or `:memory:`. Parent folders are created. */
  file: string
  readonly?: boolean
  /**
   * Copy the write-ahead log back into the file on a thread of its own during large imports
   * (wal-checkpointer.ts); true unless set. False leaves it to the writer, as SQLite does by
   * default: the import benchmark's baseline.
   */
  checkpointThread?: boolean
  /**
   * Give the writer a large page cache while large transactions come in (bulk-write-cache.ts);
   * true unless set. False keeps SQLite's default: the import benchmark's baseline.
   */
  bulkCache?: boolean
}

/**
 * Serialises access to the single connection: while an async transaction is open, every other
 * caller waits, so nothing outside it can read its uncommitted rows or slip writes into it.
 */
class ConnectionLock {
  #tail: Promise<void> = Promise.resolve()
  #held = false
  get held() {
    return this.#held
  }
  async run<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.#tail
    let release!: () => void
    this.#tail = new Promise((r) => (release = r))
    await previous
    this.#held = true
    try {
      return await work()
    } finally {
      this.#held = false
      release()
    }
  }
}

class SqliteStore implements Store {
  readonly backend = 'sqlite'
  readonly publications: SqlitePublications
  readonly search: SqliteSearch
  readonly tokens: SqliteTokens
  readonly accounts: SqliteAccounts
  readonly sessions: SqliteSessions
  readonly enrichment: SqliteEnrichment
  readonly jobs: SqliteJobs
  readonly #db: Database.Database
  readonly #lock: ConnectionLock
  readonly #inTransaction: boolean
  #savepoints = 0
  /** Started on first use; null when it cannot be. */
  #ranker?: RankingWorker | null
  /** The root store of a writable archive file copies its log back on another thread. */
  readonly #checkpointer?: WalCheckpointer
  /** ...and gives its writer a large page cache while large transactions come in. */
  readonly #bulkCache?: BulkWriteCache

  readonly #options: SearchOptions

  constructor(db: Database.Database, lock: ConnectionLock, inTransaction: boolean, options: Omit<SqliteStoreOptions, 'file' | 'readonly'> = {}) {
    this.#db = db
    this.#options = options
    this.#lock = lock
    this.#inTransaction = inTransaction
    const writesFile = !inTransaction && !db.memory && !db.readonly
    if (writesFile && options.checkpointThread !== false) this.#checkpointer = new WalCheckpointer(db)
    if (writesFile && options.bulkCache !== false) this.#bulkCache = new BulkWriteCache(db)
    // Outside a transaction, each call waits for any open transaction to end first. Calls run
    // synchronously when they can, so none can land between a BEGIN and its COMMIT.
    const now = <T>(f: () => T): Promise<T> => {
      try {
        return Promise.resolve(f())
      } catch (err) {
        return Promise.reject(err)
      }
    }
    const gate = inTransaction ? now : <T>(f: () => T) => (lock.held ? lock.run(async () => f()) : now(f))
    this.publications = new SqlitePublications(db, gate)
    this.search = new SqliteSearch(db, gate, options, inTransaction ? undefined : { ranker: () => this.#rankingWorker(), hold: (work) => lock.run(work) })
    this.tokens = new SqliteTokens(db, gate)
    this.accounts = new SqliteAccounts(db, gate)
    this.sessions = new SqliteSessions(db, gate)
    this.enrichment = new SqliteEnrichment(db, gate)
    this.jobs = new SqliteJobs(db, gate)
  }

  /** The search's ranking worker, started at the first search that can use it (none for an archive in memory). */
  #rankingWorker(): RankingWorker | undefined {
    if (this.#ranker === undefined) {
      this.#ranker = null
      if (this.#options.parallelRanking !== false && !this.#db.memory) {
        try {
          this.#ranker = new RankingWorker(this.#db.name)
        } catch {
          // Searches rank in this thread instead.
        }
      }
    }
    return this.#ranker?.usable ? this.#ranker : undefined
  }

  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    if (this.#inTransaction) return this.#savepoint(work)
    return this.#lock.run(async () => {
      this.#db.exec('BEGIN IMMEDIATE')
      this.#bulkCache?.beginning()
      takeDoom(this.#db)
      try {
        const result = await work(new SqliteStore(this.#db, this.#lock, true, this.#options))
        // A record's writes failed halfway (see recordTransaction): what they left must not be
        // committed, even when the caller carried on with the next record.
        const doom = takeDoom(this.#db)
        if (doom) throw new AppError('INTERNAL', `a record's writes failed halfway, so the transaction was rolled back: ${(doom as Error).message}`, {}, { cause: doom })
        this.#db.exec('COMMIT')
        this.#checkpointer?.committed()
        this.#bulkCache?.committed()
        return result
      } catch (err) {
        takeDoom(this.#db)
        if (this.#db.inTransaction) this.#db.exec('ROLLBACK')
        throw err
      }
    })
  }

  async #savepoint<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    const name = `sp${++this.#savepoints}`
    this.#db.exec(`SAVEPOINT ${name}`)
    try {
      const result = await work(this)
      this.#db.exec(`RELEASE ${name}`)
      return result
    } catch (err) {
      this.#db.exec(`ROLLBACK TO ${name}`)
      this.#db.exec(`RELEASE ${name}`)
      throw err
    }
  }

  async migrate(): Promise<MigrationReport> {
    return this.#lock.run(async () => migrateSqlite(this.#db))
  }

  async close(): Promise<void> {
    await this.#ranker?.close()
    await this.#checkpointer?.close()
    this.#bulkCache?.close()
    await this.#lock.run(async () => {
      if (this.#db.open) this.#db.close()
    })
  }
}

/** Applies the pending migrations in order; stops at the first failure and reports each. */
function migrateSqlite(db: Database.Database): MigrationReport {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT')
  const report: MigrationReport = { results: [], ok: true }
  // Read without a lock first: opening an up-to-date archive must not queue for the write lock
  // behind a worker's import, once per migration.
  const done = new Set(db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[])
  for (const m of SQLITE_MIGRATIONS) {
    if (!report.ok) {
      report.results.push({ name: m.name, status: 'not-run' })
      continue
    }
    if (done.has(m.name)) {
      report.results.push({ name: m.name, status: 'already-applied' })
      continue
    }
    try {
      // BEGIN IMMEDIATE takes the write lock, so two processes starting at once apply each
      // migration once: the second sees the first one's row after waiting.
      // The pragma is a no-op inside a transaction, so it is set around it.
      if (m.rebuildsTables) db.pragma('foreign_keys = OFF')
      const applied = db
        .transaction(() => {
          if (db.prepare('SELECT 1 FROM schema_migrations WHERE name = ?').get(m.name)) return false
          db.exec(m.sql)
          m.after?.(db)
          if (m.rebuildsTables) {
            const broken = db.pragma('foreign_key_check') as unknown[]
            if (broken.length > 0) throw new Error(`${broken.length} rows would lose the record they refer to`)
          }
          db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(m.name, new Date().toISOString())
          return true
        })
        .immediate()
      report.results.push({ name: m.name, status: applied ? 'applied' : 'already-applied' })
    } catch (err) {
      report.ok = false
      report.results.push({ name: m.name, status: 'failed', error: (err as Error).message })
    } finally {
      if (m.rebuildsTables) db.pragma('foreign_keys = ON')
    }
  }
  return report
}

/**
 * Opens (creating if needed) an archive file and brings its schema up to date.
 * @throws AppError STORE_UNAVAILABLE when the file cannot be opened or migrated.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  let db: Database.Database
  try {
    if (options.file !== ':memory:') mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true })
    db = new Database(options.file, { readonly: options.readonly ?? false })
    db.pragma('journal_mode = WAL')
    // In WAL mode NORMAL loses no committed data on a crash, only possibly the last
    // transactions on power loss, and spares an fsync per commit.
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    // A writer waits for another process's transaction (a worker's import batch) rather than
    // failing; under load such a batch can hold the lock for seconds.
    db.pragma('busy_timeout = 30000')
  } catch (err) {
    throw new AppError('STORE_UNAVAILABLE', `cannot open the archive ${options.file}: ${(err as Error).message}`, {}, { cause: err })
  }
  if (!options.readonly) {
    const report = migrateSqlite(db)
    if (!report.ok) {
      const failed = report.results.find((r) => r.status === 'failed')
      db.close()
      throw new AppError('STORE_UNAVAILABLE', `migration ${failed?.name} failed on ${options.file}: ${failed?.error}`)
    }
  }
  return new SqliteStore(db, new ConnectionLock(), false, options)
}

export const SQLITE_MIGRATION_NAMES = SQLITE_MIGRATIONS.map((m) => m.name)
