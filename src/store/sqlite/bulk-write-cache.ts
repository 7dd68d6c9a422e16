import type Database from 'better-sqlite3'

/**
 * Gives the writing connection a large page cache while it is given large transactions (import
 * batches), and hands the memory back once they stop.
 *
 * SQLite's default cache is 2 MB. An import batch of 2,000 records changes pages all over the
 * record table's indexes (slugs, dedup keys and dates arrive in no order) and the full-text
 * index: at a million records some 14,000 pages, 56 MB. With the default the batch spills
 * pages to the log before it commits, often writing a page more than once, and reads the index
 * pages it needs again for every batch. A cache that holds them writes each page once and
 * keeps the indexes' upper levels in memory from one batch to the next.
 */

/** A transaction changing at least this many rows is a bulk write. */
const BULK_ROWS = 1000
/** While bulk writes come in: enough for a batch's pages and the indexes' hot pages at a million records. */
const BULK_CACHE_KB = 1024 * 1024
/** After this long without a bulk write the cache goes back to SQLite's default size. */
const QUIET_MS = 30_000

export class BulkWriteCache {
  readonly #db: Database.Database
  readonly #changes: Database.Statement
  readonly #defaultSize: number
  readonly #bulkKb: number
  readonly #quietMs: number
  #changesBefore = 0
  #lastBulk = 0
  /** Set while the cache is raised: it checks for the quiet that lowers it. */
  #timer?: NodeJS.Timeout

  constructor(db: Database.Database, options: { bulkKb?: number; quietMs?: number } = {}) {
    this.#db = db
    this.#changes = db.prepare('SELECT total_changes()').pluck()
    this.#defaultSize = db.pragma('cache_size', { simple: true }) as number
    this.#bulkKb = options.bulkKb ?? BULK_CACHE_KB
    this.#quietMs = options.quietMs ?? QUIET_MS
  }

  /** Before a transaction begins. */
  beginning(): void {
    this.#changesBefore = this.#changes.get() as number
  }

  /** After it commits: a bulk write raises the cache until bulk writes stop. */
  committed(): void {
    if ((this.#changes.get() as number) - this.#changesBefore < BULK_ROWS) return
    this.#lastBulk = Date.now()
    if (this.#timer) return
    // negative: a size in KiB rather than pages
    this.#db.pragma(`cache_size = -${this.#bulkKb}`)
    this.#timer = setInterval(() => {
      if (Date.now() - this.#lastBulk >= this.#quietMs) this.#lower()
    }, Math.max(10, this.#quietMs / 3))
    this.#timer.unref()
  }

  get raised(): boolean {
    return this.#timer !== undefined
  }

  #lower(): void {
    clearInterval(this.#timer)
    this.#timer = undefined
    // Shrinking the cache frees the pages beyond the new size.
    if (this.#db.open) this.#db.pragma(`cache_size = ${this.#defaultSize}`)
  }

  close(): void {
    if (this.#timer) this.#lower()
  }
}
