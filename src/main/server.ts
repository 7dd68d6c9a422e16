import type { Logger } from '../shared/index.js'
import { createApp } from '../web/app.js'
import type { Config } from './config.js'
import { openArchive } from './deps.js'

/** Serves the site until SIGINT or SIGTERM, then closes the archive cleanly. */
export async function serve(config: Config, options: { db?: string; port?: number; host?: string }, log: Logger): Promise<void> {
  const { archive, close } = await openArchive(config, options.db, log)
  const port = options.port ?? config.port
  const host = options.host ?? config.host
  const siteUrl = config.site.url ?? `http://${host}:${port}`
  const app = createApp({
    archive,
    log,
    oai: { siteUrl, adminEmail: config.site.adminEmail, repositoryName: config.site.repositoryName, pageSize: config.site.oaiPageSize },
    editor: { excerptWords: config.excerptWords },
  })
  await app.listen({ port, host })
  log.info({ url: `http://${host}:${port}/`, db: options.db ?? config.db }, 'dossier is serving')
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await app.close()
  await close()
}
