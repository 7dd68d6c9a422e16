import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import type { Archive } from '../archive/index.js'
import { AppError, ERROR_CODES, toAppError, type Logger } from '../shared/index.js'
import { raw } from './html.js'
import { OaiProvider, type OaiConfig } from './oai.js'
import { errorPage, homePage, publicationPage } from './pages.js'

export interface WebDeps {
  archive: Archive
  log: Logger
  /** The OAI-PMH provider's settings; its base URL is `siteUrl` + `/oai`. */
  oai?: Partial<OaiConfig> & { siteUrl: string }
}

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
}

/** The HTTP application: public pages for now. Building it opens no port; main/ listens. */
export function createApp(deps: WebDeps): FastifyInstance {
  const app = Fastify({ logger: false, trustProxy: false })
  const { archive } = deps

  app.addHook('onSend', async (_req, reply) => {
    reply.headers(SECURITY_HEADERS)
  })

  app.setErrorHandler((err, req, reply) => {
    const e = err instanceof AppError ? err : (err as { statusCode?: number }).statusCode === 404 ? new AppError('NOT_FOUND', 'not found') : toAppError(err)
    const status = ERROR_CODES[e.code].http
    if (status >= 500) deps.log.error({ err, url: req.url }, 'request failed')
    void reply.status(status).type('text/html; charset=utf-8').send(errorPage(status, status >= 500 ? 'Something went wrong on our side.' : e.message))
  })
  app.setNotFoundHandler((_req, reply) => {
    void reply.status(404).type('text/html; charset=utf-8').send(errorPage(404, 'There is no page at this address.'))
  })

  app.get('/healthz', async () => ({ ok: true }))

  // OAI-PMH takes its arguments from the query (GET) or a form body (POST); a repeated
  // argument arrives as an array either way, for the provider to refuse.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    const args: Record<string, string | string[]> = {}
    for (const [k, v] of new URLSearchParams(body as string)) {
      const seen = args[k]
      args[k] = seen === undefined ? v : Array.isArray(seen) ? [...seen, v] : [seen, v]
    }
    done(null, args)
  })
  const oai = new OaiProvider(archive, {
    repositoryName: 'Dossier',
    adminEmail: 'archive@example.org',
    pageSize: 100,
    ...deps.oai,
    siteUrl: deps.oai?.siteUrl ?? 'http://127.0.0.1:8080',
  })
  const answerOai = async (args: Record<string, string | string[] | undefined>, reply: FastifyReply) =>
    reply.type('text/xml; charset=utf-8').send(await oai.respond(args))
  app.get('/oai', async (req, reply) => answerOai(req.query as Record<string, string | string[]>, reply))
  app.post('/oai', async (req, reply) => answerOai((req.body ?? {}) as Record<string, string | string[]>, reply))

  app.get('/', async (_req, reply) => {
    const page = await archive.list({ status: 'published', limit: 50 })
    return reply.type('text/html; charset=utf-8').send(homePage(page.items))
  })

  app.get<{ Params: { id: string } }>('/publications/:id', async (req, reply) => {
    const p = await archive.get(req.params.id)
    // Drafts are not public yet; the editor (issue 5) will show them to signed-in staff.
    if (p.status === 'draft') throw new AppError('NOT_FOUND', 'There is no page at this address.')
    if (req.params.id !== p.id) return reply.redirect(`/publications/${p.id}`, 301)
    return reply.type('text/html; charset=utf-8').send(publicationPage(p, raw(archive.citationHtml(p, 'chicago'))))
  })

  return app
}
