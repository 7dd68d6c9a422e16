import { z } from 'zod'
import { AppError } from '../shared/index.js'

const Env = z.object({
  DOSSIER_DB: z.string().min(1).default('./data/dossier.db'),
  // Server mode: postgres://user@host:port/database[?schema=name] wins over DOSSIER_DB.
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// address').optional()),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DOSSIER_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  DOSSIER_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  DOSSIER_FETCH_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  // Private and loopback addresses are refused unless listed here (e.g. `127.0.0.1,intranet.example`).
  DOSSIER_FETCH_ALLOW_PRIVATE: z.string().default(''),
  // Sites see this; a deployment should name itself and a contact address.
  DOSSIER_FETCH_USER_AGENT: z.string().min(1).default('Dossier/0.1 (publication archive; fetches pages editors add)'),
  // The public address of the site (for OAI-PMH identifiers and record links); default http://HOST:PORT.
  DOSSIER_SITE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  DOSSIER_ADMIN_EMAIL: z.string().email().default('archive@example.org'),
  DOSSIER_REPOSITORY_NAME: z.string().min(1).default('Dossier'),
  DOSSIER_OAI_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  // The collection's habit for web-ingested pieces: 0 keeps the full text, N an excerpt of N words.
  DOSSIER_EXCERPT_WORDS: z.coerce.number().int().min(0).default(0),
  // Server mode: connections each process keeps to PostgreSQL for the archive (the job queue
  // keeps 2 more). Servers and workers add up: keep the sum under the server's max_connections.
  DOSSIER_DB_POOL: z.coerce.number().int().min(1).max(200).default(10),
  // API requests per minute per client address.
  DOSSIER_API_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  // Background jobs: retries after the first run, the first retry's delay (doubling after),
  // how long a job may run before it is taken to be lost with its worker and run again, and how
  // often PostgreSQL's queue looks for such jobs.
  DOSSIER_JOB_RETRIES: z.coerce.number().int().min(0).max(20).default(4),
  DOSSIER_JOB_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).default(5),
  DOSSIER_JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(23 * 3600).default(15 * 60),
  DOSSIER_JOB_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).default(60),
})

export interface Config {
  /** A SQLite file path, or a postgres:// address (server mode). */
  db: string
  port: number
  host: string
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent'
  fetch: { timeoutMs: number; maxBytes: number; allowPrivateHosts: string[]; userAgent: string }
  /** `url` is undefined when not set: the server then uses the address it listens on. */
  site: { url?: string; adminEmail: string; repositoryName: string; oaiPageSize: number }
  /** Words kept of a web-ingested body; undefined keeps the full text. */
  excerptWords: number | undefined
  apiRateLimit: number
  dbPool: number
  jobs: { retries: number; delaySeconds: number; timeoutSeconds: number; maintenanceSeconds: number }
}

/** Reads the environment once; every problem is reported at once. @throws AppError CONFIG_INVALID */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = Env.safeParse(env)
  if (!r.success) {
    throw new AppError('CONFIG_INVALID', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
  }
  const d = r.data
  return Object.freeze({
    db: d.DATABASE_URL ?? d.DOSSIER_DB,
    port: d.PORT,
    host: d.HOST,
    logLevel: d.DOSSIER_LOG_LEVEL,
    fetch: {
      timeoutMs: d.DOSSIER_FETCH_TIMEOUT_MS,
      maxBytes: d.DOSSIER_FETCH_MAX_BYTES,
      allowPrivateHosts: d.DOSSIER_FETCH_ALLOW_PRIVATE.split(',').map((h) => h.trim()).filter(Boolean),
      userAgent: d.DOSSIER_FETCH_USER_AGENT,
    },
    excerptWords: d.DOSSIER_EXCERPT_WORDS || undefined,
    apiRateLimit: d.DOSSIER_API_RATE_LIMIT,
    dbPool: d.DOSSIER_DB_POOL,
    jobs: {
      retries: d.DOSSIER_JOB_RETRIES,
      delaySeconds: d.DOSSIER_JOB_RETRY_DELAY_SECONDS,
      timeoutSeconds: d.DOSSIER_JOB_TIMEOUT_SECONDS,
      maintenanceSeconds: d.DOSSIER_JOB_MAINTENANCE_SECONDS,
    },
    site: {
      url: d.DOSSIER_SITE_URL,
      adminEmail: d.DOSSIER_ADMIN_EMAIL,
      repositoryName: d.DOSSIER_REPOSITORY_NAME,
      oaiPageSize: d.DOSSIER_OAI_PAGE_SIZE,
    },
  })
}
