import { Readable } from 'node:stream'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { JobQueue } from '../jobs/index.js'
import type { Archive } from '../archive/index.js'
import { CITATION_FORMATS, EXPORT_FORMATS, isCitationFormat, type ExportFormat } from '../archive/index.js'
import { PUBLICATION_STATUSES, type Publication, type PublicationStatus } from '../model/index.js'
import { AppError, ERROR_CODES, type Logger } from '../shared/index.js'
import { toHttpError } from './http-error.js'
import { buildOpenApi } from './openapi.js'
import { registerAnalysisApi } from './analysis-routes.js'

/**
 * The REST API under /api/v1: JSON in and out, errors as RFC 9457 problem details with the
 * stable codes of the error catalogue, bearer tokens with scopes for writes, ETag / If-Match
 * against lost updates, a rate limit per client.
 */

export interface ApiOptions {
  archive: Archive
  log: Logger
  siteUrl: string
  /** Requests per minute per client address. */
  rateLimit?: number
  /** The background queue `POST /jobs` hands work to; without it the endpoints answer 404. */
  jobs?: JobQueue
}

/** What a machine may queue: a page or feed to ingest, or records to import. */
const jobRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ingest'), url: z.string().regex(/^https?:\/\/\S+$/i, 'must be an http(s) address') }).strict(),
  z.object({
    kind: z.literal('import'),
    text: z.string().min(1, 'must hold the records'),
    format: z.enum(['jsonl', 'page-text']).optional(),
    source: z.string().min(1).max(200).optional(),
  }).strict(),
])

type Scope = 'read' | 'write' | 'admin'

const etagOf = (p: Publication) => `"r${p.revision}"`

function problem(reply: FastifyReply, err: AppError, instance: string) {
  const status = ERROR_CODES[err.code].http
  return reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: `https://dossier.example/problems/${err.code.toLowerCase().replace(/_/g, '-')}`,
      title: err.code.toLowerCase().replace(/_/g, ' '),
      status,
      detail: status >= 500 ? 'Something went wrong on our side.' : err.message,
      code: err.code,
      ...(err.location.field ? { field: err.location.field } : {}),
      instance,
    })
}

/** The listing's filters, each the search filter of the same name (values folded as search folds them). */
const LIST_FILTERS = ['type', 'author', 'outlet', 'topic', 'region', 'program', 'year'] as const
const filterValue = z.string().trim().min(1).max(300)
const listQuery = z.object({
  status: z.enum(PUBLICATION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
  ...Object.fromEntries(LIST_FILTERS.map((f) => [f, filterValue.optional()])),
}) as z.ZodType<{ status?: PublicationStatus; limit: number; cursor?: string } & Partial<Record<(typeof LIST_FILTERS)[number], string>>>
const searchQuery = z.object({
  q: z.string().default(''),
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().optional(),
  sort: z.enum(['relevance', 'date']).optional(),
  facets: z.enum(['true', 'false']).optional(),
})

function parse<T extends z.ZodTypeAny>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value)
  if (!r.success) {
    const issue = r.error.issues[0]!
    throw new AppError('INVALID_INPUT', issue.message, { field: issue.path.join('.') })
  }
  return r.data
}

export function registerApi(app: FastifyInstance, options: ApiOptions): void {
  const { archive } = options
  void app.register(
    async (api) => {
      await api.register(rateLimit, {
        max: options.rateLimit ?? 600,
        timeWindow: '1 minute',
        errorResponseBuilder: (_req, context) => new AppError('RATE_LIMITED', `more than ${context.max} requests a minute; retry in ${Math.ceil(context.ttl / 1000)} s`),
      })
      api.setErrorHandler((err, req, reply) => {
        const e = toHttpError(err)
        if (ERROR_CODES[e.code].http >= 500) options.log.error({ err, url: req.url }, 'api request failed')
        return problem(reply, e, req.url)
      })
      api.setNotFoundHandler((req, reply) => problem(reply, new AppError('NOT_FOUND', `no API route ${req.method} ${req.url.split('?')[0]}`), req.url))

      /** The token of the request, if it carries a valid one; a scope check when one is needed. */
      const tokenOf = async (req: FastifyRequest, need?: Scope) => {
        const header = req.headers.authorization
        const secret = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined
        const token = secret ? await archive.authenticate(secret) : undefined
        if (need) {
          if (!token) throw new AppError('UNAUTHORIZED', secret ? 'the token is not valid (unknown or revoked)' : 'this request needs a token: Authorization: Bearer <token>')
          if (!token.scopes.includes(need) && !token.scopes.includes('admin')) throw new AppError('FORBIDDEN', `the token lacks the "${need}" scope`)
        }
        return token
      }
      const canSeeUnpublished = async (req: FastifyRequest) => {
        const t = await tokenOf(req)
        return Boolean(t && (t.scopes.includes('write') || t.scopes.includes('admin')))
      }
      const actorOf = (t: { id: string; name: string } | undefined) => `api-token:${t?.id}${t?.name ? ` (${t.name})` : ''}`
      const expectedRevision = (req: FastifyRequest) => {
        const m = /^(?:W\/)?"r(\d+)"$/.exec(String(req.headers['if-match'] ?? '').trim())
        if (!req.headers['if-match']) throw new AppError('PRECONDITION_REQUIRED', 'changing a record needs If-Match with the ETag you read it with')
        if (!m) throw new AppError('PRECONDITION_FAILED', 'If-Match does not name a revision of this record')
        return Number(m[1])
      }
      const sendRecord = (reply: FastifyReply, p: Publication, status = 200) => reply.status(status).header('etag', etagOf(p)).send(p)

      api.get('/openapi.json', async () => buildOpenApi(options.siteUrl))
      api.get('/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(docsPage()))

      api.get('/publications', async (req) => {
        const q = parse(listQuery, req.query)
        if (q.status && q.status !== 'published' && !(await canSeeUnpublished(req))) throw new AppError('FORBIDDEN', 'listing drafts or withdrawn records needs a write token')
        const filters = LIST_FILTERS.filter((f) => q[f]).map((f) => `${f}:"${q[f]!.replace(/"/g, '')}"`)
        if (filters.length > 0) {
          if (q.status && q.status !== 'published') throw new AppError('INVALID_INPUT', 'filters apply to published records; list other statuses without them', { field: 'status' })
          return archive.listMatching(filters.join(' '), { limit: Math.min(q.limit, 100), cursor: q.cursor })
        }
        return archive.list({ status: (q.status ?? 'published') as PublicationStatus, limit: q.limit, cursor: q.cursor })
      })

      /** Drafts and tombstones are shown to holders of a write token only. */
      const recordFor = async (req: FastifyRequest<{ Params: { id: string } }>) =>
        (await canSeeUnpublished(req)) ? archive.get(req.params.id) : archive.getPublic(req.params.id)

      api.get<{ Params: { id: string } }>('/publications/:id', async (req, reply) => {
        const p = await recordFor(req)
        if (req.headers['if-none-match'] === etagOf(p)) return reply.status(304).header('etag', etagOf(p)).send()
        return sendRecord(reply, p)
      })

      api.post('/publications', async (req, reply) => {
        const token = await tokenOf(req, 'write')
        const p = await archive.createRecord(req.body, actorOf(token))
        return sendRecord(reply.header('location', `/api/v1/publications/${p.id}`), p, 201)
      })

      api.patch<{ Params: { id: string } }>('/publications/:id', async (req, reply) => {
        const token = await tokenOf(req, 'write')
        const touchesDeletion = (req.body as { status?: unknown } | null)?.status === 'deleted' || (await archive.get(req.params.id)).status === 'deleted'
        if (touchesDeletion) await tokenOf(req, 'admin')
        const p = await archive.updateRecord(req.params.id, req.body ?? {}, expectedRevision(req), actorOf(token))
        return sendRecord(reply, p)
      })

      for (const [action, status] of [['publish', 'published'], ['withdraw', 'withdrawn']] as const) {
        api.post<{ Params: { id: string } }>(`/publications/:id/${action}`, async (req, reply) => {
          const token = await tokenOf(req, 'write')
          const p = await archive.updateRecord(req.params.id, { status }, expectedRevision(req), actorOf(token))
          return sendRecord(reply, p)
        })
      }

      // A soft delete: the record becomes a tombstone (410 for the public, "deleted" for
      // harvesters) and keeps its revisions, so an admin can bring it back by PATCHing its status.
      api.delete<{ Params: { id: string } }>('/publications/:id', async (req, reply) => {
        const token = await tokenOf(req, 'admin')
        await archive.updateRecord(req.params.id, { status: 'deleted' }, expectedRevision(req), actorOf(token))
        return reply.status(204).send()
      })

      api.get<{ Params: { id: string } }>('/publications/:id/revisions', async (req) => {
        const p = await recordFor(req)
        return archive.revisions(p.id)
      })

      api.get<{ Params: { id: string }; Querystring: { style?: string } }>('/publications/:id/citation', async (req, reply) => {
        const style = req.query.style ?? 'chicago'
        if (!isCitationFormat(style)) throw new AppError('INVALID_INPUT', `unknown style "${style}"; one of ${CITATION_FORMATS.join(', ')}`, { field: 'style' })
        const p = await archive.getPublic(req.params.id)
        const text = await archive.cite(p.id, style)
        return reply.send({ id: p.id, style, citation: text })
      })

      api.get('/search', async (req) => {
        const q = parse(searchQuery, req.query)
        return archive.search(q.q, { page: q.page, limit: q.limit, cursor: q.cursor, sort: q.sort, facets: q.facets === 'true' })
      })

      api.get<{ Querystring: { format?: string } }>('/export', async (req, reply) => {
        const format = (req.query.format ?? 'jsonl') as ExportFormat
        if (!EXPORT_FORMATS.includes(format)) throw new AppError('INVALID_INPUT', `unknown format "${format}"; one of ${EXPORT_FORMATS.join(', ')}`, { field: 'format' })
        const types: Record<ExportFormat, string> = { jsonl: 'application/jsonl', 'csl-json': 'application/vnd.citationstyles.csl+json', bibtex: 'application/x-bibtex', ris: 'application/x-research-info-systems' }
        reply.type(`${types[format]}; charset=utf-8`)
        // Streamed: a million records never sit in memory.
        return reply.send(Readable.from(archive.export(format, { status: 'published' })))
      })

      api.post('/jobs', async (req, reply) => {
        const token = await tokenOf(req, 'write')
        if (!options.jobs) throw new AppError('NOT_FOUND', 'this server runs no job queue')
        const body = parse(jobRequest, req.body ?? {})
        const actor = actorOf(token)
        const id = await options.jobs.send(
          body.kind === 'ingest' ? { kind: 'ingest', url: body.url, actor } : { kind: 'import', text: body.text, format: body.format, source: body.source ?? 'api upload', actor },
        )
        return reply.status(202).header('location', `/api/v1/jobs/${id}`).send(await options.jobs.get(id))
      })

      api.get<{ Params: { id: string } }>('/jobs/:id', async (req) => {
        await tokenOf(req, 'write')
        const job = options.jobs && (await options.jobs.get(req.params.id))
        if (!job) throw new AppError('NOT_FOUND', `no job ${req.params.id}`)
        return job
      })

      registerAnalysisApi(api, archive, tokenOf)
    },
    { prefix: '/api/v1' },
  )
}

function docsPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dossier API</title></head><body>
<h1>Dossier API v1</h1>
<p>The OpenAPI 3.1 description is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>; open it in any OpenAPI viewer.</p>
<ul>
<li><code>GET /api/v1/publications</code> — published records, newest first (<code>limit</code>, <code>cursor</code>)</li>
<li><code>GET /api/v1/publications/{id}</code> — one record, with an <code>ETag</code></li>
<li><code>POST /api/v1/publications</code> — create (token with <code>write</code>)</li>
<li><code>PATCH /api/v1/publications/{id}</code> — change fields (<code>write</code>, <code>If-Match</code>)</li>
<li><code>POST /api/v1/publications/{id}/publish</code>, <code>/withdraw</code> (<code>write</code>, <code>If-Match</code>)</li>
<li><code>DELETE /api/v1/publications/{id}</code> — make it a tombstone: 410 for readers, deleted for harvesters (<code>admin</code>, <code>If-Match</code>)</li>
<li><code>GET /api/v1/publications/{id}/citation?style=</code>, <code>/revisions</code></li>
<li><code>POST /api/v1/jobs</code> — queue a page or feed to ingest (<code>{"kind":"ingest","url"}</code>) or records to import (<code>{"kind":"import","text","format"}</code>); 202 with the job (<code>write</code>); <code>GET /api/v1/jobs/{id}</code> follows it</li>
<li><code>GET /api/v1/search?q=&amp;facets=true</code></li>
<li><code>GET /api/v1/export?format=jsonl|csl-json|bibtex|ris</code></li>
<li><code>GET /api/v1/entities</code>, <code>/entities/{key}</code>, <code>/entities/{key}/monthly</code>, <code>/publications/{id}/entities</code>, <code>/timeline</code>, <code>/countries</code>, <code>/trends?entity=&amp;entity=</code> — add <code>.csv</code> for CSV; <code>POST /api/v1/entities/corrections</code> (<code>write</code>)</li>
</ul></body></html>`
}

