import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { LRUCache } from 'lru-cache'
import { z } from 'zod'
import type { Archive, CorrectionInput } from '../archive/index.js'
import { AppError, toAppError } from '../shared/index.js'
import { entitiesPage, entityPage, mapPage, timelinePage, trendsPage } from './analysis-pages.js'
import { toCsv } from './csv.js'
import { raw } from './html.js'
import { worldMap } from './world-map.js'

/**
 * The analysts' pages (/entities, /timeline, /map, /trends) and their data under /api/v1, each
 * chart's numbers as JSON and as CSV.
 */

const PER_PAGE = 50
const text = z.string().trim().min(1).max(300)
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day, YYYY-MM-DD')
const entitiesQuery = z.object({
  type: z.enum(['PERSON', 'ORG', 'LOC', 'AGREEMENT']).optional(),
  q: text.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  page: z.coerce.number().int().min(1).default(1),
})
const timelineQuery = z.object({
  entity: text.optional(),
  topic: text.optional(),
  author: text.optional(),
  from: day.optional(),
  to: day.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  page: z.coerce.number().int().min(1).default(1),
})
const entityList = z.union([text, z.array(text)]).transform((v) => (Array.isArray(v) ? v : [v]))

function parse<T extends z.ZodTypeAny>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value)
  if (!r.success) {
    const issue = r.error.issues[0]!
    throw new AppError('INVALID_INPUT', `${issue.path.join('.')} ${issue.message}`.trim(), { field: issue.path.join('.') })
  }
  return r.data
}

/** Empty form fields arrive as "": they mean "no filter". */
const withoutEmpty = (q: unknown) => Object.fromEntries(Object.entries((q ?? {}) as Record<string, unknown>).filter(([, v]) => v !== '' && !(Array.isArray(v) && v.every((x) => x === ''))).map(([k, v]) => [k, Array.isArray(v) ? v.filter((x) => x !== '') : v]))

const sendCsv = (reply: FastifyReply, name: string, csv: string) =>
  reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(csv)

async function timelineData(archive: Archive, q: z.infer<typeof timelineQuery>, limit: number, offset: number) {
  const entity = q.entity ? await archive.analysis.resolveEntity(q.entity) : undefined
  const result = await archive.analysis.timeline({ entity: entity?.key, topic: q.topic, author: q.author, from: q.from, to: q.to, limit, offset })
  return { entity, result }
}

export function registerAnalysisPages(app: FastifyInstance, archive: Archive): void {
  const html = (reply: FastifyReply, page: string) => reply.type('text/html; charset=utf-8').send(page)

  app.get('/entities', async (req, reply) => {
    const q = parse(entitiesQuery, withoutEmpty(req.query))
    const list = await archive.analysis.entities({ type: q.type, prefix: q.q, limit: PER_PAGE + 1, offset: (q.page - 1) * PER_PAGE })
    return html(reply, entitiesPage(list.slice(0, PER_PAGE), { type: q.type, q: q.q, page: q.page, more: list.length > PER_PAGE }))
  })

  app.get<{ Params: { key: string }; Querystring: { page?: string } }>('/entities/:key', async (req, reply) => {
    const page = Math.max(1, Number(req.query.page) || 1)
    const view = await archive.analysis.entityView(req.params.key, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE })
    return html(reply, entityPage(view, page, PER_PAGE))
  })

  app.get('/timeline', async (req, reply) => {
    const query = withoutEmpty(req.query)
    try {
      const q = parse(timelineQuery, query)
      const { entity, result } = await timelineData(archive, q, PER_PAGE, (q.page - 1) * PER_PAGE)
      const titles = new Map<string, string>()
      for (const id of new Set(result.events.map((e) => e.publicationId))) titles.set(id, (await archive.get(id)).title)
      return html(reply, timelinePage(result, { ...q, entityName: entity?.name, entity: q.entity }, PER_PAGE, titles))
    } catch (err) {
      // a filter the reader mistyped is answered on the page
      const e = toAppError(err)
      if (e.code !== 'INVALID_INPUT' && e.code !== 'NOT_FOUND') throw err
      reply.status(e.code === 'NOT_FOUND' ? 404 : 400)
      return html(reply, timelinePage({ total: 0, events: [] }, { ...(query as object), page: 1 }, PER_PAGE, new Map(), e.message))
    }
  })

  // The map is drawn once per change of the counts.
  const maps = new LRUCache<string, string>({ max: 4 })
  app.get('/map', async (_req, reply) => {
    const countries = await archive.analysis.countries()
    const key = JSON.stringify(countries)
    let page = maps.get(key)
    if (!page) {
      const names = new Map(countries.map((c) => [c.country, c.name]))
      const svg = worldMap(new Map(countries.map((c) => [c.country, c.records])), (code) => names.get(code) ?? code)
      page = mapPage(raw(String(svg)), countries)
      maps.set(key, page)
    }
    return html(reply, page)
  })

  app.get('/trends', async (req, reply) => {
    const query = withoutEmpty(req.query) as { entity?: string | string[] }
    const inputs = query.entity === undefined ? [] : Array.isArray(query.entity) ? query.entity : [query.entity]
    if (inputs.length === 0) return html(reply, trendsPage(undefined, []))
    try {
      const names = parse(entityList, inputs)
      return html(reply, trendsPage(await archive.analysis.trends(names), names))
    } catch (err) {
      const e = toAppError(err)
      if (e.code !== 'INVALID_INPUT' && e.code !== 'NOT_FOUND') throw err
      reply.status(e.code === 'NOT_FOUND' ? 404 : 400)
      return html(reply, trendsPage(undefined, inputs, e.message))
    }
  })
}

type TokenOf = (req: FastifyRequest, need?: 'read' | 'write' | 'admin') => Promise<{ id: string; name: string } | undefined>

const correctionBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('merge'), key: text, target: text }),
  z.object({ kind: z.literal('rename'), key: text, name: text, type: text.optional() }),
  z.object({ kind: z.literal('remove'), publicationId: text, key: text }),
  z.object({ kind: z.literal('add'), publicationId: text, name: text, type: text }),
  z.object({ kind: z.literal('split'), publicationId: text, key: text, name: text, type: text }),
])

/** Under /api/v1, inside the API plugin (its errors, rate limit and tokens). */
export function registerAnalysisApi(api: FastifyInstance, archive: Archive, tokenOf: TokenOf): void {
  api.get('/entities', async (req) => {
    const q = parse(entitiesQuery, withoutEmpty(req.query))
    return archive.analysis.entities({ type: q.type, prefix: q.q, limit: q.limit, offset: q.offset })
  })
  api.get('/entities.csv', async (req, reply) => {
    const q = parse(entitiesQuery, withoutEmpty(req.query))
    const list = await archive.analysis.entities({ type: q.type, prefix: q.q, limit: q.limit, offset: q.offset })
    return sendCsv(reply, 'entities', toCsv(['key', 'name', 'type', 'country', 'records'], list.map((e) => [e.key, e.name, e.type, e.country, e.records])))
  })

  api.get<{ Params: { key: string }; Querystring: { limit?: string; offset?: string } }>('/entities/:key', async (req) => {
    const limit = Math.min(200, Math.max(1, Number(req.query.limit) || 50))
    const offset = Math.max(0, Number(req.query.offset) || 0)
    const view = await archive.analysis.entityView(req.params.key, { limit, offset })
    return {
      ...view.entity,
      records: view.entity.records,
      pieces: view.records.map((r) => ({ id: r.publication.id, title: r.publication.title, published: r.publication.published, mentions: r.mentions })),
      coMentioned: view.coMentioned,
      monthly: view.monthly,
    }
  })
  for (const ext of ['', '.csv']) {
    api.get<{ Params: { key: string } }>(`/entities/:key/monthly${ext}`, async (req, reply) => {
      const view = await archive.analysis.entityView(req.params.key, { limit: 1 })
      if (!ext) return { key: view.entity.key, name: view.entity.name, monthly: view.monthly }
      return sendCsv(reply, 'monthly', toCsv(['month', 'records'], view.monthly.map((m) => [m.month, m.records])))
    })
  }

  api.get<{ Params: { id: string } }>('/publications/:id/entities', async (req) => {
    const p = await archive.getPublic(req.params.id)
    const found = await archive.analysis.forRecord(p.id)
    if (!found) throw new AppError('NOT_FOUND', `record ${p.id} is not enriched yet`)
    return { id: p.id, ...found }
  })

  api.get('/timeline', async (req) => {
    const q = parse(timelineQuery, withoutEmpty(req.query))
    const { entity, result } = await timelineData(archive, q, q.limit, q.offset)
    return { ...(entity ? { entity: { key: entity.key, name: entity.name } } : {}), ...result }
  })
  api.get('/timeline.csv', async (req, reply) => {
    const q = parse(timelineQuery, withoutEmpty(req.query))
    const { result } = await timelineData(archive, q, q.limit, q.offset)
    return sendCsv(reply, 'timeline', toCsv(
      ['start', 'end', 'value', 'precision', 'text', 'sentence', 'entities', 'publication', 'published'],
      result.events.map((e) => [e.start, e.end, e.value, e.precision, e.text, e.sentence, e.entities.join(' '), e.publicationId, e.published]),
    ))
  })

  api.get('/countries', async () => archive.analysis.countries())
  api.get('/countries.csv', async (_req, reply) => {
    const rows = await archive.analysis.countries()
    return sendCsv(reply, 'countries', toCsv(['country', 'name', 'records'], rows.map((c) => [c.country, c.name, c.records])))
  })

  const trendsOf = async (req: FastifyRequest) => {
    const { entity } = withoutEmpty(req.query) as { entity?: unknown }
    if (entity === undefined) throw new AppError('INVALID_INPUT', 'name one to eight entities: ?entity=…&entity=…', { field: 'entity' })
    return archive.analysis.trends(parse(entityList, entity))
  }
  api.get('/trends', async (req) => trendsOf(req))
  api.get('/trends.csv', async (req, reply) => {
    const t = await trendsOf(req)
    return sendCsv(reply, 'trends', toCsv(['month', ...t.entities.map((e) => e.name)], t.months.map((m) => [m.month, ...m.counts])))
  })

  api.post('/entities/corrections', async (req, reply) => {
    const token = await tokenOf(req, 'write')
    const body = parse(correctionBody, req.body) as CorrectionInput
    const saved = await archive.analysis.correct(body, `api-token:${token!.id}`)
    return reply.status(201).send(saved)
  })
}
