import { pino } from 'pino'
import { Archive } from '../archive/index.js'
import type { Logger } from '../shared/index.js'
import { createFetcher } from '../ingest/fetch/index.js'
import type { Store } from '../store/index.js'
import { openPostgresStore } from '../store/postgres/index.js'
import { openSqliteStore } from '../store/sqlite/index.js'
import type { Config } from './config.js'

/** The one place that picks a backend: a postgres:// address, else a SQLite file path. */
export async function openStore(location: string): Promise<Store> {
  if (!/^postgres(ql)?:\/\//.test(location)) return openSqliteStore({ file: location })
  // ?schema=name keeps several archives in one database.
  const url = new URL(location)
  const schema = url.searchParams.get('schema') ?? undefined
  url.searchParams.delete('schema')
  return openPostgresStore({ url: url.href, schema })
}

export async function openArchive(config: Config, dbOverride: string | undefined, log: Logger) {
  const store = await openStore(dbOverride ?? config.db)
  const fetcher = createFetcher({ ...config.fetch, accept: 'html-or-feed' })
  const archive = new Archive({ store, log, now: () => new Date(), fetcher })
  return {
    archive,
    close: async () => {
      await fetcher.close()
      await store.close()
    },
  }
}

/** Logs go to standard error, so command output on standard output stays clean. */
export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'] }, pino.destination(2))
}
