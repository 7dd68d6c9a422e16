import type { Worker } from 'node:worker_threads'
import { connectionWorker } from './connection-worker.js'

/**
 * A second connection to the archive file, in a thread of its own, that ranks a query's
 * candidates while the calling thread lists the query's matches and counts its facets. For a
 * common word in a large archive both halves take about as long, so a search costs the longer
 * of the two instead of their sum.
 *
 * The worker reads its own snapshot, which may be a write newer than the caller's: the caller
 * keeps only records its own listing let through, so a record it does not know is never shown.
 */

// Run by connectionWorker: plain JavaScript, with the file and the driver in workerData.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { readonly: true, fileMustExist: true })
const statements = new Map()
const statement = (sql) => {
  let s = statements.get(sql)
  if (!s) statements.set(sql, (s = db.prepare(sql)))
  return s
}
parentPort.on('message', ({ id, steps }) => {
  try {
    let previous
    for (const step of steps) {
      const args = step.args.map((a) => (a === '$previous' ? JSON.stringify(previous.map((row) => row[0])) : a))
      previous = step.skipIfNone && previous && previous.length === 0 ? [] : statement(step.sql).raw().all(...args)
    }
    parentPort.postMessage({ id, rows: previous })
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.message) || err) })
  }
})
`

/**
 * One statement the worker runs; an argument '$previous' stands for the first column of the
 * previous statement's rows, as a JSON list.
 */
export interface RankingStep {
  sql: string
  args: (string | number)[]
  /** Skipped, giving no rows, when the previous statement gave none. */
  skipIfNone?: boolean
}

export class RankingWorker {
  readonly #worker: Worker
  readonly #waiting = new Map<number, { resolve: (rows: [number, number][]) => void; reject: (err: Error) => void }>()
  #next = 0
  #failed?: Error

  constructor(file: string) {
    this.#worker = connectionWorker(WORKER_SOURCE, file)
    this.#worker.on('message', (m: { id: number; rows?: [number, number][]; error?: string }) => {
      const w = this.#waiting.get(m.id)
      this.#waiting.delete(m.id)
      if (m.error !== undefined) w?.reject(new Error(m.error))
      else w?.resolve(m.rows!)
    })
    const fail = (err: Error) => {
      this.#failed ??= err
      for (const w of this.#waiting.values()) w.reject(err)
      this.#waiting.clear()
    }
    this.#worker.on('error', fail)
    this.#worker.on('exit', (code) => fail(new Error(`the ranking worker exited (${code})`)))
  }

  /** False once the worker has failed: the caller ranks in its own thread then. */
  get usable(): boolean {
    return !this.#failed
  }

  /** The rows of the last statement, as (document, score). */
  rank(steps: RankingStep[]): Promise<[number, number][]> {
    if (this.#failed) return Promise.reject(this.#failed)
    const id = ++this.#next
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject })
      this.#worker.postMessage({ id, steps })
    })
  }

  async close(): Promise<void> {
    this.#failed ??= new Error('the ranking worker was closed')
    await this.#worker.terminate()
  }
}
