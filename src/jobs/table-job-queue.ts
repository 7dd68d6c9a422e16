import { randomUUID } from 'node:crypto'
import type { JobRow, JobTable } from '../store/index.js'
import type { Logger } from '../shared/index.js'
import { DEFAULT_RETRY, jobLabel, retryDelaySeconds, type JobHandler, type JobQueue, type JobRequest, type JobState, type JobView, type RetryPolicy } from './job-queue.js'

export interface TableJobQueueOptions {
  policy?: RetryPolicy
  now?: () => Date
  /** How often an idle worker looks for due jobs (retries, other processes' jobs). */
  pollMs?: number
  log: Logger
}

/**
 * The embedded archive's queue: jobs in the archive file's own table, worked by loops in this
 * process (and by any `dossier worker` on the same file). A job sent from this process wakes an
 * idle loop at once; retries and jobs from elsewhere are found by polling.
 */
export class TableJobQueue implements JobQueue {
  readonly backend = 'sqlite'
  readonly #table: JobTable
  readonly #policy: RetryPolicy
  readonly #now: () => Date
  readonly #pollMs: number
  readonly #log: Logger
  #stopped = false
  #loops: Promise<void>[] = []
  #wake = new Set<() => void>()

  constructor(table: JobTable, options: TableJobQueueOptions) {
    this.#table = table
    this.#policy = options.policy ?? DEFAULT_RETRY
    this.#now = options.now ?? (() => new Date())
    this.#pollMs = options.pollMs ?? 1000
    this.#log = options.log
  }

  async send(job: JobRequest): Promise<string> {
    return (await this.sendMany([job]))[0]!
  }

  async sendMany(jobs: JobRequest[]): Promise<string[]> {
    const rows = jobs.map((job) => ({ id: randomUUID(), kind: job.kind, data: JSON.stringify(job) }))
    await this.#table.add(rows, this.#now().toISOString())
    for (const wake of this.#wake) wake()
    return rows.map((r) => r.id)
  }

  async work(handler: JobHandler, options: { concurrency: number }): Promise<void> {
    this.#stopped = false
    for (let i = 0; i < options.concurrency; i++) this.#loops.push(this.#loop(handler))
  }

  async #loop(handler: JobHandler): Promise<void> {
    while (!this.#stopped) {
      let job: JobRow | undefined
      try {
        const now = this.#now()
        job = await this.#table.claim(now.toISOString(), new Date(now.getTime() + this.#policy.timeoutSeconds * 1000).toISOString())
      } catch (err) {
        this.#log.error({ err }, 'could not take a job')
      }
      if (!job) {
        await this.#idle()
        continue
      }
      await this.#run(job, handler)
    }
  }

  /** Waits for a poll interval, a job sent from this process, or stop(). */
  #idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.#wake.delete(done)
        resolve()
      }
      const timer = setTimeout(done, this.#pollMs)
      this.#wake.add(done)
    })
  }

  async #run(job: JobRow, handler: JobHandler): Promise<void> {
    const retries = this.#policy.retries
    const fail = async (error: string) => {
      const retryAt = job.attempts <= retries ? new Date(this.#now().getTime() + retryDelaySeconds(this.#policy, job.attempts) * 1000).toISOString() : undefined
      await this.#table.fail(job.id, error, this.#now().toISOString(), retryAt)
      this.#log.warn({ job: job.id, kind: job.kind, attempt: job.attempts, error, dead: !retryAt }, retryAt ? 'job failed; will retry' : 'job failed every retry: dead')
    }
    try {
      if (job.attempts > retries + 1) return await fail(job.error ?? 'too many attempts')
      const output = await handler(JSON.parse(job.data) as JobRequest, { id: job.id, attempt: job.attempts })
      await this.#table.complete(job.id, JSON.stringify(output), this.#now().toISOString())
    } catch (err) {
      await fail(err instanceof Error ? err.message : String(err)).catch((e: unknown) => this.#log.error({ err: e }, 'could not record a job failure'))
    }
  }

  async get(id: string): Promise<JobView | undefined> {
    const row = await this.#table.get(id)
    return row && view(row)
  }

  async recent(limit: number): Promise<JobView[]> {
    return (await this.#table.list(['queued', 'retry', 'active', 'completed'], limit)).map(view)
  }

  async dead(limit: number): Promise<JobView[]> {
    return (await this.#table.list(['dead'], limit)).map(view)
  }

  async retryDead(id: string): Promise<string | undefined> {
    const row = await this.#table.get(id)
    if (row?.state !== 'dead') return undefined
    const [fresh] = await this.sendMany([JSON.parse(row.data) as JobRequest])
    await this.#table.delete(id)
    return fresh
  }

  async discardDead(id: string): Promise<boolean> {
    const row = await this.#table.get(id)
    return row?.state === 'dead' ? this.#table.delete(id) : false
  }

  counts(): Promise<Record<JobState, number>> {
    return this.#table.counts()
  }

  async stop(): Promise<void> {
    this.#stopped = true
    for (const wake of this.#wake) wake()
    await Promise.all(this.#loops)
    this.#loops = []
  }
}

function view(row: JobRow): JobView {
  const request = JSON.parse(row.data) as JobRequest
  return {
    id: row.id,
    kind: request.kind,
    state: row.state,
    attempts: row.attempts,
    label: jobLabel(request),
    createdAt: row.createdAt,
    ...(row.startedAt ? { startedAt: row.startedAt } : {}),
    ...(row.finishedAt ? { finishedAt: row.finishedAt } : {}),
    ...(row.error && row.state !== 'completed' ? { error: row.error } : {}),
    ...(row.output ? { output: JSON.parse(row.output) as Record<string, unknown> } : {}),
  }
}
