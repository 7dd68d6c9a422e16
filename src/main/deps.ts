import { pino } from 'pino'
import { Archive } from '../archive/index.js'
import type { Logger } from '../shared/index.js'
import { createFetcher } from '../ingest/fetch/index.js'
import type { Store } from '../store/index.js'
import { openPostgresStore } from '../store/postgres/index.js'
import { openSqliteStore } from '../store/sqlite/index.js'
import type { Config } from './config.js'
import { PgJobQueue, TableJobQueue, type JobQueue } from '../jobs/index.js'

export const isPostgresLocation = (location: string) => /^postgres(ql)?:\/\//.test(location)

/** A postgres:// address without its `?schema=name` (which keeps several archives in one database), and the schema. */
export function splitLocation(location: string): { url: string; schema?: string } {
  const url = new URL(location)
  const schema = url.searchParams.get('schema') ?? undefined
  url.searchParams.delete('schema')
  return { url: url.href, schema }
}

/** Where pg-boss keeps a PostgreSQL archive's jobs: beside the archive's schema. */
export const jobQueueSchema = (location: string) => {
  const { schema } = splitLocation(location)
  return schema ? `${schema}_jobs` : 'dossier_jobs'
}

/** The one place that picks a backend: a postgres:// address, else a SQLite file path. */
export async function openStore(location: string, options: { pool?: number } = {}): Promise<Store> {
  if (!isPostgresLocation(location)) return openSqliteStore({ file: location })
  const { url, schema } = splitLocation(location)
  return openPostgresStore({ url, schema, max: options.pool })
}

/**
 * The archive's job queue: its own table in the embedded archive, pg-boss beside a PostgreSQL
 * archive (in the schema `<archive schema>_jobs`, or `dossier_jobs`).
 */
export async function openJobQueue(store: Store, location: string, config: Config, log: Logger): Promise<JobQueue> {
  const { maintenanceSeconds, ...policy } = config.jobs
  if (store.jobs) return new TableJobQueue(store.jobs, { policy, log })
  return PgJobQueue.open({ url: splitLocation(location).url, schema: jobQueueSchema(location), policy, maintenanceSeconds, log })
}

/**
 * The archive at `location`. `enrichment: 'queued'` hands enrichment after each write to the
 * job queue (what a PostgreSQL app server does: its saves do not wait for the recogniser, and
 * workers do the work); otherwise the writing process enriches.
 */
export async function openArchive(config: Config, dbOverride: string | undefined, log: Logger, options: { enrichment?: 'inline' | 'queued' } = {}) {
  const location = dbOverride ?? config.db
  const store = await openStore(location, { pool: config.dbPool })
  const fetcher = createFetcher({ ...config.fetch, accept: 'html-or-feed' })
  // Opened on first use: most commands never touch it, and pg-boss starts with its own pool.
  let queue: Promise<JobQueue> | undefined
  const jobs = () => (queue ??= openJobQueue(store, location, config, log))
  const enrichLater = options.enrichment === 'queued' ? gathered(async (ids) => void (await (await jobs()).send({ kind: 'enrich', ids })), log) : undefined
  const archive = new Archive({ store, log, now: () => new Date(), fetcher, enrichOnWrite: enrichLater?.add ?? true })
  return {
    archive,
    jobs,
    close: async () => {
      await enrichLater?.flush()
      if (queue) await (await queue).stop()
      await fetcher.close()
      await store.close()
    },
  }
}

/** Logs go to standard error, so command output on standard output stays clean. */
export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'] }, pino.destination(2))
}

/**
 * Ids gathered for up to a second and sent as one job: an editor saving a record ten times, or
 * ten editors saving ten records, make one enrichment job rather than a hundred.
 */
function gathered(send: (ids: string[]) => Promise<void>, log: Logger, ms = 1000) {
  const pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  const flush = async () => {
    clearTimeout(timer)
    timer = undefined
    if (pending.size === 0) return
    const ids = [...pending]
    pending.clear()
    // A lost send leaves those records' entities as they were until `dossier enrich` runs.
    await send(ids).catch((err: unknown) => log.error({ err, records: ids.length }, 'could not queue enrichment'))
  }
  return {
    add: async (ids: string[]) => {
      for (const id of ids) pending.add(id)
      timer ??= setTimeout(() => void flush(), ms)
    },
    flush,
  }
}
