import { z } from 'zod'
import { AppError } from '../shared/index.js'

const Env = z.object({
  DOSSIER_DB: z.string().min(1).default('./data/dossier.db'),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DOSSIER_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
})

export interface Config {
  db: string
  port: number
  host: string
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent'
}

/** Reads the environment once; every problem is reported at once. @throws AppError CONFIG_INVALID */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = Env.safeParse(env)
  if (!r.success) {
    throw new AppError('CONFIG_INVALID', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
  }
  return Object.freeze({ db: r.data.DOSSIER_DB, port: r.data.PORT, host: r.data.HOST, logLevel: r.data.DOSSIER_LOG_LEVEL })
}
