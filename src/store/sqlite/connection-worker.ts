import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * A thread running `source` with a connection of its own to the archive file: the source is
 * plain JavaScript run with `eval`, so the thread loads the same way under tsx and from dist, and
 * finds the file and the SQLite driver in `workerData` ({ file, driver }). An idle thread does not
 * keep the process alive.
 */
export function connectionWorker(source: string, file: string): Worker {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(source, { eval: true, workerData: { file, driver } })
  worker.unref()
  return worker
}
