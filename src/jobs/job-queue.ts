/**
 * Background work, one interface for both backends: on PostgreSQL the jobs live in the
 * database (pg-boss) and any number of `dossier worker` processes take them; the embedded
 * archive keeps them in its own SQLite file and works them in-process. Either way a job that
 * fails is retried with growing delays, and one that keeps failing lands on the dead-letter
 * list an admin can retry or discard. Handlers must be idempotent: a worker killed mid-job has
 * its job run again.
 */

/** What a job asks for. Kept small: data is stored with the job and shown to admins. */
export type JobRequest =
  /** Records from a chunk of a JSON Lines or page-text file, imported as `dossier import` does. */
  | { kind: 'import'; source: string; firstLine?: number; text: string; format?: 'jsonl' | 'page-text'; actor: string }
  /** A page or a feed from the web, as `dossier ingest URL` does. */
  | { kind: 'ingest'; url: string; actor: string; excerptWords?: number }
  /** Entities and dates for these records, or for every record whose enrichment is stale. */
  | { kind: 'enrich'; ids?: string[]; stale?: boolean }
  /** The search index rows of the records with ids in (after, until] written again; all when both are absent. */
  | { kind: 'reindex'; after?: string; until?: string }

export type JobKind = JobRequest['kind']
export const JOB_KINDS: readonly JobKind[] = ['import', 'ingest', 'enrich', 'reindex']

export type JobState = 'queued' | 'retry' | 'active' | 'completed' | 'dead'
export const JOB_STATES: readonly JobState[] = ['queued', 'retry', 'active', 'completed', 'dead']

export interface JobView {
  id: string
  kind: JobKind
  state: JobState
  /** Runs so far, this one included when active. */
  attempts: number
  /** A line saying what the job is about: the source file and its size, the URL, the records. */
  label: string
  createdAt: string
  startedAt?: string
  finishedAt?: string
  /** The last failure, for jobs waiting to retry and dead ones. */
  error?: string
  /** What a completed job reports: counts of created, updated, unchanged, failed… */
  output?: Record<string, unknown>
}

export type JobHandler = (job: JobRequest, meta: { id: string; attempt: number }) => Promise<Record<string, unknown>>

export interface RetryPolicy {
  /** Runs after the first one before the job is dead. */
  retries: number
  /** Seconds before the first retry; each later one waits about twice as long. */
  delaySeconds: number
  /** A job active for longer is taken to be lost with its worker, and runs again. */
  timeoutSeconds: number
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, delaySeconds: 5, timeoutSeconds: 15 * 60 }

export interface JobQueue {
  readonly backend: 'sqlite' | 'postgres'
  send(job: JobRequest): Promise<string>
  sendMany(jobs: JobRequest[]): Promise<string[]>
  /** Starts taking jobs, up to `concurrency` at once, until stop(). */
  work(handler: JobHandler, options: { concurrency: number }): Promise<void>
  get(id: string): Promise<JobView | undefined>
  /** Newest first, any state but dead. */
  recent(limit: number): Promise<JobView[]>
  /** The dead-letter list: jobs that failed every retry, newest first. */
  dead(limit: number): Promise<JobView[]>
  /** Queues a dead job again (with fresh retries); returns the new job's id. */
  retryDead(id: string): Promise<string | undefined>
  /** Drops a dead job; false when there was none. */
  discardDead(id: string): Promise<boolean>
  counts(): Promise<Record<JobState, number>>
  /** Stops taking jobs, waits for the running ones, and closes. */
  stop(): Promise<void>
}

/** The line admins see for a job. */
export function jobLabel(job: JobRequest): string {
  switch (job.kind) {
    case 'import':
      return job.firstLine ? `${job.source} from line ${job.firstLine}` : job.source
    case 'ingest':
      return job.url
    case 'enrich':
      return job.stale ? 'stale records' : `${job.ids?.length ?? 0} records`
    case 'reindex':
      return job.after || job.until ? `records after ${job.after ?? 'the first'} up to ${job.until ?? 'the last'}` : 'every record'
  }
}

/** Seconds before retry n (1-based): the delay doubling each time. */
export function retryDelaySeconds(policy: RetryPolicy, retry: number): number {
  return policy.delaySeconds * 2 ** Math.min(16, retry - 1)
}
