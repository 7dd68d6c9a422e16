import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import { LRUCache } from 'lru-cache'
import type { Archive } from '../archive/index.js'
import type { JobQueue } from '../jobs/index.js'
import { AppError, ERROR_CODES, toAppError, type Logger } from '../shared/index.js'
import { recordAnalysis } from './analysis-pages.js'
import { registerAnalysisPages } from './analysis-routes.js'
import { registerApi } from './api.js'
import { registerEditor, type EditorOptions } from './editor/editor-routes.js'
import { toHttpError } from './http-error.js'
import { FEED_TYPES, feedUrl, renderFeed } from './feeds.js'
import { escapeHtml, raw } from './html.js'
import { OaiProvider, type OaiConfig } from './oai.js'
import { publicationMetadata } from './page-metadata.js'
import { CITATION_STYLES, SITE_CSS, errorPage, homePage, publicationPage, searchPage, type SearchView } from './pages.js'

export interface WebDeps {
  archive: Archive
  log: Logger
  /** The OAI-PMH provider's settings; its base URL is `siteUrl` + `/oai`. */
  oai?: Partial<OaiConfig> & { siteUrl: string }
  /** API requests per minute per client (default 600). */
  apiRateLimit?: number
  /** The editor's settings; the site's https address turns on Secure cookies. */
  editor?: Partial<Omit<EditorOptions, 'archive' | 'log' | 'jobs'>>
  /** The background queue: admins see it on /editor/jobs, the API takes jobs into it. */
  jobs?: JobQueue
}

const SITEMAP_PAGE = 50_000

/** Shows the copy buttons and copies the citation's text to the clipboard. */
const APP_JS = `document.querySelectorAll('button[data-copy]').forEach(function (button) {
  var target = document.getElementById(button.getAttribute('data-copy'))
  if (!target || !navigator.clipboard) return
  button.hidden = false
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(target.innerText.trim()).then(function () {
      button.textContent = 'Copied'
      setTimeout(function () { button.textContent = 'Copy citation' }, 2000)
    })
  })
})
// An import's page follows its progress while it runs (without JavaScript it refreshes itself).
var progress = document.getElementById('import-progress')
if (progress && progress.getAttribute('data-state') === 'running') {
  var poll = setInterval(function () {
    fetch('/editor/import/' + progress.getAttribute('data-job') + '.json', { credentials: 'same-origin' })
      .then(function (r) { return r.json() })
      .then(function (job) {
        ;['done', 'total', 'created', 'updated', 'unchanged'].forEach(function (k) {
          var el = progress.querySelector('[data-field="' + k + '"]')
          if (el && job[k] !== undefined) el.textContent = String(job[k])
        })
        var failed = progress.querySelector('[data-field="failed"]')
        if (failed) failed.textContent = String(job.failed.length)
        var bar = progress.querySelector('progress')
        if (bar) bar.value = job.done
        if (job.state !== 'running') { clearInterval(poll); location.reload() }
      })
      .catch(function () { clearInterval(poll) })
  }, 1000)
}
`

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
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
    const e = toHttpError(err)
    const status = ERROR_CODES[e.code].http
    if (status >= 500) deps.log.error({ err, url: req.url }, 'request failed')
    void reply.status(status).type('text/html; charset=utf-8').send(errorPage(status, status >= 500 ? 'Something went wrong on our side.' : e.message))
  })
  app.setNotFoundHandler((_req, reply) => {
    void reply.status(404).type('text/html; charset=utf-8').send(errorPage(404, 'There is no page at this address.'))
  })

  app.get('/healthz', async () => ({ ok: true }))

  // The only script: progressive, so every page works without it (CSP allows 'self' only).
  app.get('/static/app.js', async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(APP_JS),
  )
  app.get('/static/site.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SITE_CSS))

  // The public address and name, read once: OAI identifiers, feeds, sitemaps and page metadata use them.
  const siteUrl = (deps.oai?.siteUrl ?? 'http://127.0.0.1:8080').replace(/\/$/, '')
  const siteName = deps.oai?.repositoryName ?? 'Dossier'

  registerApi(app, { archive, log: deps.log, siteUrl, rateLimit: deps.apiRateLimit, jobs: deps.jobs })
  registerEditor(app, { archive, log: deps.log, secureCookies: siteUrl.startsWith('https:'), ...deps.editor, jobs: deps.jobs })
  registerAnalysisPages(app, archive)

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
    siteUrl,
  })
  const answerOai = async (args: Record<string, string | string[] | undefined>, reply: FastifyReply) =>
    reply.type('text/xml; charset=utf-8').send(await oai.respond(args))
  app.get('/oai', async (req, reply) => answerOai(req.query as Record<string, string | string[]>, reply))
  app.post('/oai', async (req, reply) => answerOai((req.body ?? {}) as Record<string, string | string[]>, reply))

  const feedContext = (q: string) => ({ siteUrl, title: q ? `${siteName}: ${q}` : siteName, q })
  const feedLinks = (q: string) => ({ rss: feedUrl(feedContext(q), 'rss'), atom: feedUrl(feedContext(q), 'atom'), json: feedUrl(feedContext(q), 'json') })

  app.get('/', async (_req, reply) => {
    const [page, featured] = await Promise.all([archive.list({ status: 'published', limit: 50 }), archive.list({ status: 'published', featured: true, limit: 4 })])
    return reply.type('text/html; charset=utf-8').send(homePage(page.items, feedLinks(''), featured.items))
  })

  // Feeds of the archive or of any listing: ?q= takes a search query (author:, topic:, words).
  for (const format of ['rss', 'atom', 'json'] as const) {
    app.get<{ Querystring: { q?: string } }>(FEED_TYPES[format].path, async (req, reply) => {
      const q = typeof req.query.q === 'string' ? req.query.q : ''
      const items = await archive.latest(q, 50)
      return reply.type(FEED_TYPES[format].contentType).send(renderFeed(format, feedContext(q), items, new Date()))
    })
  }

  app.get('/robots.txt', async (_req, reply) => reply.type('text/plain; charset=utf-8').send(`User-agent: *\nAllow: /\nSitemap: ${siteUrl}/sitemap.xml\n`))

  // Sitemaps: an index of pages holding at most 50,000 record URLs each, as the protocol allows.
  app.get('/sitemap.xml', async (_req, reply) => {
    const count = await archive.countPublished()
    const pages = Math.max(1, Math.ceil(count / SITEMAP_PAGE))
    const entries = Array.from({ length: pages }, (_, i) => `<sitemap><loc>${escapeHtml(`${siteUrl}/sitemaps/${i + 1}.xml`)}</loc></sitemap>`).join('')
    return reply.type('application/xml; charset=utf-8').send(`<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${entries}</sitemapindex>\n`)
  })
  app.get<{ Params: { n: string } }>('/sitemaps/:n', async (req, reply) => {
    const m = /^(\d+)\.xml$/.exec(req.params.n)
    const n = m ? Number(m[1]) : 0
    if (n < 1) throw new AppError('NOT_FOUND', 'There is no sitemap at this address.')
    const records = await archive.publishedPage((n - 1) * SITEMAP_PAGE, SITEMAP_PAGE)
    if (n > 1 && records.length === 0) throw new AppError('NOT_FOUND', 'There is no sitemap at this address.')
    const urls = records.map((r) => `<url><loc>${escapeHtml(`${siteUrl}/publications/${r.id}`)}</loc><lastmod>${r.updatedAt.slice(0, 10)}</lastmod></url>`).join('')
    return reply.type('application/xml; charset=utf-8').send(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>\n`)
  })

  // Listing pages: each is the search page with one filter, under its own heading and feed.
  const LISTINGS = { experts: ['author', 'Publications by'], outlets: ['outlet', 'Publications in'], topics: ['topic', 'Topic:'], regions: ['region', 'Region:'], programs: ['program', 'Program:'] } as const
  for (const [path, [field, label]] of Object.entries(LISTINGS)) {
    app.get<{ Params: { name: string }; Querystring: { page?: string } }>(`/${path}/:name`, async (req, reply) => {
      const name = req.params.name
      return searchResponse(`${field}:"${name.replace(/"/g, '')}"`, Number(req.query.page) || 1, reply, `${label} ${name}`)
    })
  }

  app.get<{ Querystring: { q?: string; page?: string } }>('/search', async (req, reply) =>
    searchResponse(typeof req.query.q === 'string' ? req.query.q : '', Number(req.query.page) || 1, reply),
  )

  async function searchResponse(q: string, pageNumber: number, reply: FastifyReply, heading?: string) {
    const page = Math.max(1, pageNumber)
    let view: SearchView
    try {
      const a = await archive.search(q, { page, facets: true })
      view = { q, total: a.total, page: a.page, pages: a.pages, facets: a.facets, suggestion: a.suggestion, hits: a.hits.map((h) => ({ ...h, snippet: raw(h.snippet) })) }
    } catch (err) {
      // A query the reader mistyped is answered on the page, not with an error page.
      const e = toAppError(err)
      if (e.code !== 'INVALID_INPUT') throw err
      view = { q, total: 0, page: 1, pages: 0, hits: [], error: e.message }
      reply.status(400)
    }
    return reply.type('text/html; charset=utf-8').send(searchPage(view, feedLinks(q), heading))
  }

  // Citation downloads for reference managers.
  const DOWNLOADS = {
    bib: { format: 'bibtex', type: 'application/x-bibtex' },
    ris: { format: 'ris', type: 'application/x-research-info-systems' },
    json: { format: 'csl-json', type: 'application/vnd.citationstyles.csl+json' },
  } as const
  app.get<{ Params: { id: string; ext: string } }>('/publications/:id/cite.:ext', async (req, reply) => {
    const d = DOWNLOADS[req.params.ext as keyof typeof DOWNLOADS]
    if (!d) throw new AppError('NOT_FOUND', 'There is no page at this address.')
    const p = await archive.getPublic(req.params.id)
    return reply
      .type(`${d.type}; charset=utf-8`)
      .header('content-disposition', `attachment; filename="${p.slug}.${req.params.ext}"`)
      .send(await archive.cite(p.id, d.format))
  })

  // Record pages are what search engines and readers hit most: each revision's page is built
  // once and kept while in use, checked against the record's stamp (one narrow row) per request.
  const recordPages = new LRUCache<string, string>({ maxSize: 64 * 1024 * 1024, sizeCalculation: (page) => page.length })
  app.get<{ Params: { id: string }; Querystring: { style?: string } }>('/publications/:id', async (req, reply) => {
    const style = CITATION_STYLES.some(([id]) => id === req.query.style) ? (req.query.style as (typeof CITATION_STYLES)[number][0]) : 'chicago'
    reply.type('text/html; charset=utf-8')
    const stamp = await archive.stamp(req.params.id)
    // the page shows what enrichment found, so a new enrichment is a new page too
    const enriched = stamp ? await archive.analysis.stamp(stamp.id) : ''
    const key = stamp && `${stamp.id}\u0000${stamp.revision}\u0000${stamp.updatedAt}\u0000${stamp.status}\u0000${style}\u0000${enriched}`
    const cached = key && recordPages.get(key)
    if (cached) return reply.send(cached)
    const p = await archive.getPublic(req.params.id)
    if (req.params.id !== p.id) return reply.redirect(`/publications/${p.id}`, 301)
    const head = publicationMetadata(p, `${siteUrl}/publications/${p.id}`, siteName)
    const page = publicationPage(p, raw(archive.citationHtml(p, style)), feedLinks(''), head, style, recordAnalysis(await archive.analysis.forRecord(p.id)))
    if (key && p.revision === stamp.revision && p.updatedAt === stamp.updatedAt) recordPages.set(key, page)
    return reply.send(page)
  })

  return app
}
