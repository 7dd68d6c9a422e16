import { statSync } from 'node:fs'
import type { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'
import { connectionWorker } from './connection-worker.js'

/**
 * Copies committed pages from the write-ahead log back into the archive file on a thread and
 * connection of its own, so a large import does not stop after every batch to do it.
 *
 * Left to itself the writing connection checkpoints inside each COMMIT that leaves the log
 * over 1,000 pages: an import batch of 2,000 records writes some 14,000, so every batch waited
 * while they were copied. Here the writer only appends to the log and this thread copies behind
 * it, on the second core (a PASSIVE checkpoint never blocks the writer). The log can start over
 * only once everything in it is copied, which a writer that commits batch after batch never
 * leaves time for; so the writer keeps its own checkpoint, at a higher mark (LOG_LIMIT_PAGES),
 * where it finds most pages already copied and has only the last batch's left to do.
 */

/** While the thread runs, the writer checkpoints itself past this many log pages (4 KB each): a few import batches. */
const LOG_LIMIT_PAGES = 50_000
/** SQLite's own mark, restored when the thread stops. */
const DEFAULT_LIMIT_PAGES = 1000
/** A log file left larger than this when it starts over is cut back to it. */
const LOG_KEEP_BYTES = 64 * 1024 * 1024
/** Below this the writer's log is small enough to leave to SQLite alone: no thread is started. */
const START_AT_BYTES = 4 * 1024 * 1024

// Run by connectionWorker. Requests that arrive while a checkpoint runs are folded into one more
// run after it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { fileMustExist: true })
db.pragma('busy_timeout = 5000')
let pending = false
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close()
    parentPort.close()
    return
  }
  if (pending) return
  pending = true
  setImmediate(() => {
    pending = false
    try {
      db.pragma('wal_checkpoint(PASSIVE)')
    } catch {
      // Busy or failing: the writer's own checkpoint at LOG_LIMIT_PAGES still bounds the log.
    }
  })
})
`

export class WalCheckpointer {
  readonly #db: Database.Database
  #worker?: Worker
  /** Set when the thread cannot start or has stopped: the writer checkpoints as SQLite would. */
  #off = false

  /** For the writing connection of an archive file. */
  constructor(db: Database.Database) {
    this.#db = db
  }

  /** After each commit: starts the thread once the log has grown, then asks it to copy. */
  committed(): void {
    if (this.#off) return
    const worker = this.#worker ?? this.#startOnceGrown()
    worker?.postMessage('checkpoint')
  }

  /** The thread, started if the writer's log has passed START_AT_BYTES; else undefined. */
  #startOnceGrown(): Worker | undefined {
    let logBytes = 0
    try {
      logBytes = statSync(`${this.#db.name}-wal`).size
    } catch {
      return undefined
    }
    if (logBytes < START_AT_BYTES) return undefined
    try {
      this.#worker = connectionWorker(WORKER_SOURCE, this.#db.name)
    } catch {
      this.#off = true
      return undefined
    }
    this.#worker.on('error', () => this.#stopped())
    this.#worker.on('exit', () => this.#stopped())
    this.#db.pragma(`wal_autocheckpoint = ${LOG_LIMIT_PAGES}`)
    this.#db.pragma(`journal_size_limit = ${LOG_KEEP_BYTES}`)
    return this.#worker
  }

  #stopped(): void {
    this.#off = true
    if (this.#db.open) this.#db.pragma(`wal_autocheckpoint = ${DEFAULT_LIMIT_PAGES}`)
  }

  /**
   * Closes the thread's connection before the writer closes its own, so the writer's is the
   * last and SQLite folds the log into the file and removes it.
   */
  async close(): Promise<void> {
    const worker = this.#worker
    this.#off = true
    if (!worker) return
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
    worker.postMessage('close')
    // A thread stuck in a checkpoint is stopped rather than waited for.
    const timer = setTimeout(() => void worker.terminate(), 5000)
    await exited
    clearTimeout(timer)
  }
}
