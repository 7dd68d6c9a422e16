import { randomUUID } from 'node:crypto'
import PgBoss from 'pg-boss'
import type { Logger } from '../shared/index.js'
import { DEFAULT_RETRY, jobLabel, type JobHandler, type JobQueue, type JobRequest, type JobState, type JobView, type RetryPolicy } from './job-queue.js'

const QUEUE = 'dossier-jobs'
const DEAD = 'dossier-dead'

export interface PgJobQueueOptions {
  /** A postgres:// address. */
  url: string
  /** pg-boss's own schema, beside the archive's. */
  schema: string
  policy?: RetryPolicy
  /** How often pg-boss looks for jobs whose worker died (and other upkeep). */
  maintenanceSeconds?: number
  log: Logger
}

interface JobDbRow {
  id: string
  data: JobRequest
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed'
  retry_count: number
  created_on: Date
  started_on: Date | null
  completed_on: Date | null
  output: Record<string, unknown> | null
}

const STATE: Record<JobDbRow['state'], JobState> = { created: 'queued', retry: 'retry', active: 'active', completed: 'completed', cancelled: 'dead', failed: 'dead' }

/** pg-boss keeps a failure as {message, stack, …} (or {value} for a timeout). */
function errorOf(output: Record<string, unknown> | null): string | undefined {
  if (!output) return undefined
  const o = (output.value ?? output) as Record<string, unknown>
  return typeof o.message === 'string' ? o.message : typeof o === 'string' ? o : JSON.stringify(o)
}

/**
 * Server mode's queue: jobs in PostgreSQL through pg-boss, taken by any number of worker
 * processes (SKIP LOCKED). pg-boss retries with backoff, fails a job whose worker vanished once
 * it has been active past the timeout, and copies a job that failed every retry to the
 * dead-letter queue, which is the admins' list.
 */
export class PgJobQueue implements JobQueue {
  readonly backend = 'postgres'
  readonly #boss: PgBoss
  readonly #schema: string
  readonly #log: Logger

  private constructor(boss: PgBoss, schema: string, log: Logger) {
    this.#boss = boss
    this.#schema = schema
    this.#log = log
  }

  static async open(options: PgJobQueueOptions): Promise<PgJobQueue> {
    const policy = options.policy ?? DEFAULT_RETRY
    const boss = new PgBoss({
      connectionString: options.url,
      schema: options.schema,
      max: 2,
      application_name: 'dossier-jobs',
      maintenanceIntervalSeconds: options.maintenanceSeconds ?? 60,
      schedule: false,
    })
    boss.on('error', (err) => options.log.error({ err }, 'job queue error'))
    await boss.start()
    // Several servers may start at once: creating a queue that exists is a no-op in pg-boss,
    // but two first creations can still collide, so a failure is checked against what exists.
    const ensure = async (name: string, queue: Omit<PgBoss.Queue, 'name'>) => {
      for (let attempt = 1; ; attempt++) {
        if (await boss.getQueue(name)) return
        try {
          return await boss.createQueue(name, { name, ...queue })
        } catch (err) {
          // Another process is creating it: its transaction commits in a moment.
          if (attempt >= 10) throw err
          await new Promise((r) => setTimeout(r, 100 * attempt))
        }
      }
    }
    await ensure(DEAD, { retentionDays: 60 })
    await ensure(QUEUE, {
      retryLimit: policy.retries,
      retryDelay: policy.delaySeconds,
      retryBackoff: true,
      expireInSeconds: policy.timeoutSeconds,
      retentionDays: 14,
      deadLetter: DEAD,
    })
    return new PgJobQueue(boss, options.schema, options.log)
  }

  async send(job: JobRequest): Promise<string> {
    const id = await this.#boss.send(QUEUE, job)
    if (!id) throw new Error('the job queue refused the job')
    return id
  }

  async sendMany(jobs: JobRequest[]): Promise<string[]> {
    const rows = jobs.map((data) => ({ id: randomUUID(), name: QUEUE, data }))
    await this.#boss.insert(rows)
    return rows.map((r) => r.id)
  }

  async work(handler: JobHandler, options: { concurrency: number }): Promise<void> {
    // pg-boss 10 runs one job at a time per work() call: N calls make N at once.
    for (let i = 0; i < options.concurrency; i++) {
      await this.#boss.work<JobRequest>(QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5, includeMetadata: true }, async ([job]) => {
        const attempt = job!.retryCount + 1
        try {
          return await handler(job!.data, { id: job!.id, attempt })
        } catch (err) {
          this.#log.warn({ job: job!.id, kind: job!.data.kind, attempt, error: err instanceof Error ? err.message : String(err) }, 'job failed')
          throw err
        }
      })
    }
  }

  async #rows(where: string, values: unknown[], limit: number): Promise<JobDbRow[]> {
    const { rows } = await this.#boss.getDb().executeSql(
      `SELECT id, data, state, retry_count, created_on, started_on, completed_on, output FROM ${this.#schema}.job
       WHERE ${where} ORDER BY created_on DESC, id DESC LIMIT ${Number(limit)}`,
      values,
    )
    return rows as JobDbRow[]
  }

  #view(row: JobDbRow, dead = false): JobView {
    const state: JobState = dead ? 'dead' : STATE[row.state]
    const error = state === 'completed' ? undefined : errorOf(row.output)
    return {
      id: row.id,
      kind: row.data.kind,
      state,
      attempts: dead ? 0 : row.retry_count + (row.state === 'created' ? 0 : 1),
      label: jobLabel(row.data),
      createdAt: row.created_on.toISOString(),
      ...(row.started_on ? { startedAt: row.started_on.toISOString() } : {}),
      ...(row.completed_on ? { finishedAt: row.completed_on.toISOString() } : {}),
      ...(error ? { error } : {}),
      ...(state === 'completed' && row.output ? { output: row.output } : {}),
    }
  }

  async get(id: string): Promise<JobView | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined
    const [row] = await this.#rows('id = $1', [id], 1)
    if (row) return this.#view(row)
    const job = await this.#boss.getJobById<JobRequest>(QUEUE, id, { includeArchive: true })
    return job ? this.#view({ id: job.id, data: job.data, state: job.state, retry_count: job.retryCount, created_on: job.createdOn, started_on: job.startedOn, completed_on: job.completedOn, output: job.output as Record<string, unknown> }) : undefined
  }

  async recent(limit: number): Promise<JobView[]> {
    return (await this.#rows('name = $1', [QUEUE], limit)).map((r) => this.#view(r))
  }

  async dead(limit: number): Promise<JobView[]> {
    return (await this.#rows("name = $1 AND state = 'created'", [DEAD], limit)).map((r) => this.#view(r, true))
  }

  /** A job on the dead-letter list; undefined for any other id (malformed ones included). */
  async #deadRow(id: string): Promise<JobDbRow | undefined> {
    const [row] = await this.#rows("name = $1 AND state = 'created' AND id = $2", [DEAD, id], 1).catch(() => [])
    return row
  }

  async retryDead(id: string): Promise<string | undefined> {
    const row = await this.#deadRow(id)
    if (!row) return undefined
    const fresh = await this.send(row.data)
    await this.#boss.deleteJob(DEAD, id)
    return fresh
  }

  async discardDead(id: string): Promise<boolean> {
    if (!(await this.#deadRow(id))) return false
    await this.#boss.deleteJob(DEAD, id)
    return true
  }

  async counts(): Promise<Record<JobState, number>> {
    const out: Record<JobState, number> = { queued: 0, retry: 0, active: 0, completed: 0, dead: 0 }
    const { rows } = await this.#boss.getDb().executeSql(
      `SELECT name, state, count(*)::int AS n FROM ${this.#schema}.job WHERE name IN ($1, $2) GROUP BY name, state`,
      [QUEUE, DEAD],
    )
    for (const r of rows as { name: string; state: JobDbRow['state']; n: number }[]) {
      if (r.name === DEAD) out.dead += r.state === 'created' ? r.n : 0
      else if (r.state !== 'failed' && r.state !== 'cancelled') out[STATE[r.state]] += r.n
    }
    return out
  }

  async stop(): Promise<void> {
    await this.#boss.stop({ graceful: true, wait: true, timeout: 30_000 })
  }
}
