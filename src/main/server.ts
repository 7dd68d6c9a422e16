import type { Logger } from '../shared/index.js'
import { createApp } from '../web/app.js'
import type { Config } from './config.js'
import { isPostgresLocation, openArchive } from './deps.js'
import { jobHandler } from '../jobs/index.js'
import { redact } from '../store/postgres/index.js'

/** Serves the site until SIGINT or SIGTERM, then closes the archive cleanly. */
export async function serve(config: Config, options: { db?: string; port?: number; host?: string; workers?: number }, log: Logger): Promise<void> {
  const db = options.db ?? config.db
  // In server mode saves queue their enrichment for the workers; the embedded archive enriches
  // as it writes (one process, and the analysts' views answer at once).
  const { archive, jobs: openJobs, close } = await openArchive(config, options.db, log, { enrichment: isPostgresLocation(db) ? 'queued' : 'inline' })
  const jobs = await openJobs()
  const workers = options.workers ?? 1
  // The embedded archive works its jobs here; server mode may leave them to `dossier worker`.
  if (workers > 0) await jobs.work(jobHandler(archive), { concurrency: workers })
  const port = options.port ?? config.port
  const host = options.host ?? config.host
  const siteUrl = config.site.url ?? `http://${host}:${port}`
  const app = createApp({
    archive,
    log,
    oai: { siteUrl, adminEmail: config.site.adminEmail, repositoryName: config.site.repositoryName, pageSize: config.site.oaiPageSize },
    // Server mode: uploads go to the workers, and any server can show their progress.
    editor: { excerptWords: config.excerptWords, queueImports: isPostgresLocation(db) },
    jobs,
    apiRateLimit: config.apiRateLimit,
  })
  await app.listen({ port, host })
  log.info({ url: `http://${host}:${port}/`, db: shownLocation(db), workers }, 'dossier is serving')
  // The first search reads every record's filter and facet columns into memory (seconds on a
  // large archive): done now, not in the first reader's request.
  archive.search('', { limit: 1 }).catch((err: Error) => log.warn({ err: err.message }, 'warming the search columns failed'))
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await app.close()
  await close()
}

/** The archive's location for the log: a PostgreSQL address loses its password. */
const shownLocation = (db: string) => (isPostgresLocation(db) ? redact(db) : db)
