import { randomBytes } from 'node:crypto'
import type { Archive, IngestInput } from '../../archive/index.js'
import type { Logger } from '../../shared/index.js'
import type { ImportJobView } from './editor-pages.js'

const KEEP = 20

/**
 * Imports started from the editor, run in this process while the browser watches their
 * progress. The embedded archive has one process; server mode will run them on the job queue.
 * Imports are idempotent, so a job lost to a restart is simply started again.
 */
export class ImportJobs {
  readonly #jobs = new Map<string, ImportJobView>()

  constructor(
    private readonly archive: Archive,
    private readonly log: Logger,
  ) {}

  start(source: string, input: IngestInput, actor: string, options: { total?: number; excerptWords?: number } = {}): ImportJobView {
    const job: ImportJobView = { id: randomBytes(9).toString('base64url'), source, state: 'running', done: 0, total: options.total, created: 0, updated: 0, unchanged: 0, failed: [] }
    this.#jobs.set(job.id, job)
    for (const old of [...this.#jobs.keys()].slice(0, Math.max(0, this.#jobs.size - KEEP))) this.#jobs.delete(old)
    void this.archive
      .ingest([input], {
        actor,
        excerptWords: options.excerptWords,
        onProgress: ({ last }) => {
          job.done++
          if (last.status === 'failed') job.failed.push({ ref: last.ref, error: last.error?.describe() ?? 'failed' })
          else job[last.status]++
        },
      })
      .then(() => {
        job.state = 'done'
        if (job.total !== undefined) job.total = Math.max(job.total, job.done)
      })
      .catch((err: unknown) => {
        job.state = 'failed'
        job.error = err instanceof Error ? err.message : String(err)
        this.log.error({ err, source }, 'editor import failed')
      })
    return job
  }

  get(id: string): ImportJobView | undefined {
    return this.#jobs.get(id)
  }

  /** Newest first. */
  recent(): ImportJobView[] {
    return [...this.#jobs.values()].reverse()
  }
}
