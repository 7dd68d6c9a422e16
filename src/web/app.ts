import Fastify, { type FastifyInstance } from 'fastify'
import type { Archive } from '../archive/index.js'
import { AppError, ERROR_CODES, toAppError, type Logger } from '../shared/index.js'
import { raw } from './html.js'
import { errorPage, homePage, publicationPage } from './pages.js'

export interface WebDeps {
  archive: Archive
  log: Logger
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
