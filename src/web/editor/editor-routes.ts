import cookie from '@fastify/cookie'
import multipart from '@fastify/multipart'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Account, Archive, CorrectionInput, IngestInput, Publication } from '../../archive/index.js'
import { SESSION_HOURS, sameSecret } from '../../archive/index.js'
import { AppError, type Logger } from '../../shared/index.js'
import { accountsPage, dashboardPage, jobsPage, queuedImportPage, enrichmentQueuePage, entitiesEditorPage, historyPage, importJobPage, importPage, recordFormPage, signInPage, tokensPage, type EditorContext, type RecordFormView } from './editor-pages.js'
import { ImportJobs } from './import-jobs.js'
import { importRequests, type JobQueue, type JobRequest, type JobView } from '../../jobs/index.js'
import { draftFromForm, formValuesFrom, formValuesOf } from './record-form.js'

/**
 * The editor under /editor: sign-in with a session cookie (HttpOnly, SameSite=Lax, Secure on
 * an https site), a CSRF token in every form checked against the session, cross-site posts
 * refused by their Origin as well, sign-in attempts limited per address.
 */

export interface EditorOptions {
  archive: Archive
  log: Logger
  /** Set the cookie's Secure flag (the site is served over https). */
  secureCookies: boolean
  /** Sign-in attempts per address per 15 minutes (default 30: an office behind one address signs in at 9). */
  signInLimit?: number
  excerptWords?: number
  /** Largest upload for a bulk import, in bytes (default 50 MB). */
  maxUploadBytes?: number
  /** The background queue admins watch on /editor/jobs. */
  jobs?: JobQueue
  /**
   * Hand uploads and feed URLs to the queue's workers instead of importing in this process
   * (server mode: several stateless servers, any of which may answer the progress page).
   */
  queueImports?: boolean
}

const COOKIE = 'dossier_session'
/** Lines of a JSON Lines upload per job when imports are queued. */
const QUEUED_IMPORT_BATCH = 500
type Form = Record<string, string | string[] | undefined>

const NOTICES: Record<string, string> = {
  saved: 'Saved.',
  created: 'Created as a draft. Publish it when it is ready.',
  publish: 'Published: the page is public and the record can be found.',
  withdraw: 'Withdrawn: the page stays online, marked as withdrawn.',
  draft: 'Back to draft: only editors see it.',
  delete: 'Deleted: the page answers "gone" and harvesters are told.',
  restored: 'Restored as a new revision.',
  'account-added': 'Account added.',
  known: 'This piece is in the archive already: here is its record.',
  corrected: 'Corrected. The correction stays when enrichment runs again.',
  enriched: 'Enrichment ran on every record that needed it.',
  'job-retried': 'The job is queued again.',
  'job-discarded': 'The job is discarded.',
  'reindex-queued': 'Reindexing is queued: the jobs below work through the archive a range at a time.',
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.at(-1) : v) ?? ''
const html = (reply: FastifyReply, body: string, status = 200) => reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body)

/** Only paths inside the editor, so sign-in cannot be turned into an open redirect. */
const safeNext = (next: string) => (/^\/editor(?:[/?#]|$)/.test(next) && !next.startsWith('//') ? next : '/editor')

declare module 'fastify' {
  interface FastifyRequest {
    editor?: { account: Account; csrf: string; secret: string }
  }
}

export function registerEditor(app: FastifyInstance, options: EditorOptions): void {
  const { archive } = options
  const jobs = new ImportJobs(archive, options.log)
  const actorOf = (a: Account) => `editor:${a.email}`

  void app.register(
    async (editor) => {
      await editor.register(cookie)
      await editor.register(multipart, { limits: { fileSize: options.maxUploadBytes ?? 50 * 1024 * 1024, files: 1 } })
      await editor.register(rateLimit, {
        global: false,
        errorResponseBuilder: (_req, context) => new AppError('RATE_LIMITED', `Too many sign-in attempts; try again in ${Math.ceil(context.ttl / 60_000)} minutes.`),
      })

      // Who is signed in; every route but sign-in needs someone.
      editor.addHook('preHandler', async (req, reply) => {
        const secret = req.cookies[COOKIE]
        const found = secret ? await archive.accounts.session(secret) : undefined
        if (found && secret) req.editor = { account: found.account, csrf: found.session.csrf, secret }
        if (req.method === 'POST') refuseCrossSite(req)
        if (req.routeOptions.url === '/editor/sign-in') return
        if (!req.editor) {
          if (req.method === 'GET') return reply.redirect(`/editor/sign-in?next=${encodeURIComponent(req.url)}`, 303)
          throw new AppError('UNAUTHORIZED', 'Sign in to make changes.')
        }
        // Multipart forms are checked once parsed, in their route.
        if (req.method === 'POST' && !req.isMultipart()) checkCsrf(req, one((req.body as Form | undefined)?._csrf))
      })

      const ctxOf = (req: FastifyRequest): EditorContext => ({ account: req.editor!.account, csrf: req.editor!.csrf })
      const needAdmin = (req: FastifyRequest) => {
        if (req.editor?.account.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin may do this.')
      }
      const noticeOf = (req: FastifyRequest) => NOTICES[one((req.query as Form).done)]

      // ---- signing in and out ----

      editor.get('/sign-in', async (req, reply) => {
        const next = safeNext(one((req.query as Form).next))
        if (req.editor) return reply.redirect(next, 303)
        return html(reply, signInPage({ next }))
      })

      editor.post('/sign-in', { config: { rateLimit: { max: options.signInLimit ?? 30, timeWindow: '15 minutes' } } }, async (req, reply) => {
        const body = (req.body ?? {}) as Form
        const next = safeNext(one(body.next))
        try {
          const { secret } = await archive.accounts.signIn(one(body.email), one(body.password))
          if (req.editor) await archive.accounts.signOut(req.editor.secret)
          reply.setCookie(COOKIE, secret, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secureCookies, maxAge: SESSION_HOURS * 3600 })
          return reply.redirect(next, 303)
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'UNAUTHORIZED') throw err
          return html(reply, signInPage({ next, email: one(body.email), error: err.message }), 401)
        }
      })

      editor.post('/sign-out', async (req, reply) => {
        await archive.accounts.signOut(req.editor!.secret)
        reply.clearCookie(COOKIE, { path: '/' })
        return reply.redirect('/', 303)
      })

      // ---- records ----

      editor.get('/', async (req, reply) => {
        const q = one((req.query as Form).q).trim()
        let items: Publication[]
        let total: number
        if (q) {
          const answer = await archive.search(q, { includeUnpublished: true, limit: 50, sort: 'date' })
          items = await Promise.all(answer.hits.map((h) => archive.get(h.id)))
          total = answer.total
        } else {
          items = (await archive.list({ limit: 50 })).items
          total = await archive.count()
        }
        return html(reply, dashboardPage(ctxOf(req), { q, items, total, notice: noticeOf(req) }))
      })

      editor.get('/new', async (req, reply) => {
        const url = one((req.query as Form).url).trim()
        if (!url) return html(reply, recordFormPage(ctxOf(req), { values: {}, problems: {} }))
        const [found] = await archive.extract([{ kind: 'url', url }], { excerptWords: options.excerptWords })
        if (!found?.draft) {
          return html(reply, recordFormPage(ctxOf(req), { values: { url }, problems: {}, error: `Nothing could be extracted from ${url}: ${found?.error?.message ?? 'no record found'}` }), 422)
        }
        // A piece already in the archive is opened for editing instead of added twice.
        const existing = await archive.findMatch({ url: found.draft.url ?? url, title: found.draft.title, outlet: found.draft.outlet, published: found.draft.published })
        if (existing) return reply.redirect(`/editor/publications/${existing.id}?done=known`, 303)
        return html(reply, recordFormPage(ctxOf(req), { values: formValuesOf(found.draft), problems: {}, sources: found.provenance as Record<string, string>, sourceUrl: url }))
      })

      editor.post('/new', async (req, reply) => {
        const values = formValuesFrom(req.body as Form)
        const checked = draftFromForm(values)
        if (!checked.draft) return html(reply, recordFormPage(ctxOf(req), { values, problems: checked.problems }), 400)
        try {
          const created = await archive.createRecord({ ...checked.draft, status: 'draft' }, actorOf(req.editor!.account))
          return reply.redirect(`/editor/publications/${created.id}?done=created`, 303)
        } catch (err) {
          if (!(err instanceof AppError) || (err.code !== 'CONFLICT' && err.code !== 'INVALID_INPUT')) throw err
          return html(reply, recordFormPage(ctxOf(req), { values, problems: { [err.location.field ?? 'title']: err.message } }), err.code === 'CONFLICT' ? 409 : 400)
        }
      })

      editor.get<{ Params: { id: string } }>('/publications/:id', async (req, reply) => {
        const record = await archive.get(req.params.id)
        return html(reply, recordFormPage(ctxOf(req), { record, values: formValuesOf(record), problems: {}, notice: noticeOf(req) }))
      })

      editor.post<{ Params: { id: string } }>('/publications/:id', async (req, reply) => {
        const body = req.body as Form
        const current = await archive.get(req.params.id)
        const values = formValuesFrom(body)
        const view = (extra: Partial<RecordFormView>, status: number) => html(reply, recordFormPage(ctxOf(req), { record: current, values, problems: {}, ...extra }), status)
        const checked = draftFromForm(values, current.authors)
        if (!checked.draft) return view({ problems: checked.problems, record: { ...current, revision: Number(one(body.revision)) || current.revision } }, 400)
        try {
          await archive.replaceRecord(current.id, checked.draft, Number(one(body.revision)), actorOf(req.editor!.account))
          return reply.redirect(`/editor/publications/${current.id}?done=saved`, 303)
        } catch (err) {
          if (err instanceof AppError && err.code === 'PRECONDITION_FAILED') {
            // Not silent: the editor sees that someone else saved, and saving again is a choice.
            const last = (await archive.revisions(current.id)).at(-1)
            return view({ error: `Someone else saved this record (revision ${current.revision}${last ? `, ${last.at.slice(0, 16).replace('T', ' ')} by ${last.actor}` : ''}) while you were editing. Your version is below; saving it replaces theirs. Open the history to compare.` }, 409)
          }
          if (err instanceof AppError && (err.code === 'CONFLICT' || err.code === 'INVALID_INPUT')) return view({ problems: { [err.location.field ?? 'title']: err.message } }, 400)
          throw err
        }
      })

      const STATUS_OF = { publish: 'published', withdraw: 'withdrawn', draft: 'draft', delete: 'deleted' } as const
      editor.post<{ Params: { id: string } }>('/publications/:id/status', async (req, reply) => {
        const body = req.body as Form
        const action = one(body.action) as keyof typeof STATUS_OF
        const status = STATUS_OF[action]
        if (!status) throw new AppError('INVALID_INPUT', `unknown action "${action}"`, { field: 'action' })
        const current = await archive.get(req.params.id)
        if (status === 'deleted' || current.status === 'deleted') needAdmin(req)
        await archive.updateRecord(current.id, { status }, Number(one(body.revision)), actorOf(req.editor!.account))
        return reply.redirect(`/editor/publications/${current.id}?done=${action}`, 303)
      })

      editor.get<{ Params: { id: string } }>('/publications/:id/history', async (req, reply) => {
        const record = await archive.get(req.params.id)
        return html(reply, historyPage(ctxOf(req), { record, revisions: await archive.revisions(record.id), notice: noticeOf(req) }))
      })

      editor.post<{ Params: { id: string } }>('/publications/:id/restore', async (req, reply) => {
        const body = req.body as Form
        const record = await archive.get(req.params.id)
        await archive.restoreRevision(record.id, Number(one(body.number)), Number(one(body.revision)), actorOf(req.editor!.account))
        return reply.redirect(`/editor/publications/${record.id}/history?done=restored`, 303)
      })

      // ---- entities: corrections to what enrichment found ----

      const entitiesView = async (req: FastifyRequest, id: string, extra: { notice?: string; error?: string } = {}) => {
        const record = await archive.get(id)
        const [found, state, corrections] = await Promise.all([archive.analysis.forRecord(record.id), archive.analysis.state(record.id), archive.analysis.corrections(record.id)])
        return entitiesEditorPage(ctxOf(req), { record, found, state, corrections, notice: noticeOf(req), ...extra })
      }
      editor.get<{ Params: { id: string } }>('/publications/:id/entities', async (req, reply) => html(reply, await entitiesView(req, req.params.id)))

      editor.post<{ Params: { id: string } }>('/publications/:id/entities', async (req, reply) => {
        const body = req.body as Form
        const record = await archive.get(req.params.id)
        const kind = one(body.kind)
        const who = actorOf(req.editor!.account)
        try {
          if (kind === 'rerun') await archive.analysis.enrich(record.id)
          else {
            const input = { kind, publicationId: record.id, key: one(body.key), target: one(body.target), name: one(body.name), type: one(body.type) }
            await archive.analysis.correct(input as CorrectionInput, who)
          }
        } catch (err) {
          if (err instanceof AppError && (err.code === 'INVALID_INPUT' || err.code === 'NOT_FOUND')) return html(reply, await entitiesView(req, record.id, { error: err.message }), 400)
          throw err
        }
        return reply.redirect(`/editor/publications/${record.id}/entities?done=corrected`, 303)
      })

      editor.get('/enrichment', async (req, reply) => html(reply, enrichmentQueuePage(ctxOf(req), { failures: await archive.analysis.failures(), notice: noticeOf(req) })))
      editor.post('/enrichment', async (_req, reply) => {
        await archive.analysis.enrichStale()
        return reply.redirect('/editor/enrichment?done=enriched', 303)
      })

      // ---- bulk import ----

      editor.get('/import', async (req, reply) => html(reply, importPage(ctxOf(req), { jobs: jobs.recent() })))

      editor.post('/import', async (req, reply) => {
        if (!req.isMultipart()) throw new AppError('INVALID_INPUT', 'send the import form as multipart/form-data')
        const fields: Record<string, string> = {}
        let file: { name: string; bytes: Buffer } | undefined
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            const bytes = await part.toBuffer()
            if (bytes.length > 0) file = { name: part.filename || 'upload', bytes }
          } else fields[part.fieldname] = String(part.value)
        }
        checkCsrf(req, fields._csrf ?? '')
        const url = (fields.url ?? '').trim()
        let input: IngestInput
        let total: number | undefined
        if (file) {
          input = { kind: 'file', name: file.name, bytes: file.bytes }
          if (/\.jsonl$/i.test(file.name)) total = file.bytes.toString('utf8').split('\n').filter((l) => l.trim()).length
        } else if (url) input = { kind: 'url', url }
        else return html(reply, importPage(ctxOf(req), { jobs: jobs.recent(), error: 'Choose a file or give a feed URL.' }), 400)
        if (options.queueImports && options.jobs) {
          const actor = `${actorOf(req.editor!.account)} import`
          let requests: JobRequest[]
          try {
            requests = file
              ? importRequests(file.name, file.bytes, { batch: QUEUED_IMPORT_BATCH, actor })
              : [{ kind: 'ingest', url, actor, ...(options.excerptWords ? { excerptWords: options.excerptWords } : {}) }]
          } catch (err) {
            // The form again, saying which file and line could not be read.
            if (err instanceof AppError) return html(reply, importPage(ctxOf(req), { jobs: jobs.recent(), error: err.describe() }), 422)
            throw err
          }
          const ids = await options.jobs.sendMany(requests)
          return reply.redirect(`/editor/import/queued?jobs=${ids.map(encodeURIComponent).join(',')}`, 303)
        }
        const job = jobs.start(file?.name ?? url, input, `${actorOf(req.editor!.account)} import`, { total, excerptWords: options.excerptWords })
        return reply.redirect(`/editor/import/${job.id}`, 303)
      })

      editor.get<{ Querystring: { jobs?: string } }>('/import/queued', async (req, reply) => {
        if (!options.jobs) throw new AppError('NOT_FOUND', 'This server runs no job queue.')
        const ids = (req.query.jobs ?? '').split(',').filter(Boolean).slice(0, 2000)
        const found = (await Promise.all(ids.map((id) => options.jobs!.get(id)))).filter((j): j is JobView => j !== undefined && j.kind !== 'enrich' && j.kind !== 'reindex')
        if (found.length === 0) throw new AppError('NOT_FOUND', 'There is no such queued import.')
        return html(reply, queuedImportPage(ctxOf(req), found))
      })

      editor.get<{ Params: { job: string } }>('/import/:job', async (req, reply) => {
        const asJson = req.params.job.endsWith('.json')
        const job = jobs.get(asJson ? req.params.job.slice(0, -5) : req.params.job)
        if (!job) throw new AppError('NOT_FOUND', 'There is no such import (imports are kept until the server restarts).')
        if (asJson) return reply.header('cache-control', 'no-store').send(job)
        return html(reply, importJobPage(ctxOf(req), job))
      })

      // ---- admin: API tokens and accounts ----

      editor.get('/tokens', async (req, reply) => {
        needAdmin(req)
        return html(reply, tokensPage(ctxOf(req), { tokens: await archive.listTokens() }))
      })

      editor.post('/tokens', async (req, reply) => {
        needAdmin(req)
        const body = req.body as Form
        const name = one(body.name).trim()
        if (!name) throw new AppError('INVALID_INPUT', 'Give the token a name.', { field: 'name' })
        const scopes = [body.scope ?? []].flat().filter((s): s is 'read' | 'write' | 'admin' => s === 'read' || s === 'write' || s === 'admin')
        if (scopes.length === 0) throw new AppError('INVALID_INPUT', 'Choose at least one scope.', { field: 'scope' })
        const created = await archive.createToken(name, scopes)
        return html(reply, tokensPage(ctxOf(req), { tokens: await archive.listTokens(), created: { name, secret: created.secret } }), 201)
      })

      editor.post<{ Params: { id: string } }>('/tokens/:id/revoke', async (req, reply) => {
        needAdmin(req)
        await archive.revokeToken(req.params.id)
        return reply.redirect('/editor/tokens', 303)
      })

      // ---- admin: the background queue and its dead letters ----

      // A reindex job's share of the archive: minutes of work, well inside the job timeout.
      const REINDEX_JOB_RECORDS = 5000
      const queueOf = (req: FastifyRequest): JobQueue => {
        needAdmin(req)
        if (!options.jobs) throw new AppError('NOT_FOUND', 'This server runs no job queue.')
        return options.jobs
      }

      editor.get('/jobs', async (req, reply) => {
        const queue = queueOf(req)
        const [counts, recent, dead] = await Promise.all([queue.counts(), queue.recent(50), queue.dead(100)])
        return html(reply, jobsPage(ctxOf(req), { counts, recent, dead, backend: queue.backend, notice: noticeOf(req) }))
      })

      // Declared before /jobs/:id/:action, which would otherwise take it as a job named "reindex".
      editor.post('/jobs/reindex', async (req, reply) => {
        const queue = queueOf(req)
        const ranges = await archive.reindexRanges(REINDEX_JOB_RECORDS)
        await queue.sendMany(ranges.map((r) => ({ kind: 'reindex' as const, ...r })))
        options.log.info({ jobs: ranges.length, by: req.editor!.account.email }, 'reindexing queued')
        return reply.redirect('/editor/jobs?done=reindex-queued', 303)
      })

      // What an admin may do with a dead job; each answers whether there was such a job.
      const deadJobActions: Record<string, { run: (queue: JobQueue, id: string) => Promise<unknown>; done: string }> = {
        retry: { run: (queue, id) => queue.retryDead(id), done: 'retried' },
        discard: { run: (queue, id) => queue.discardDead(id), done: 'discarded' },
      }

      editor.post<{ Params: { id: string; action: string } }>('/jobs/:id/:action', async (req, reply) => {
        const queue = queueOf(req)
        const { id, action } = req.params
        const act = Object.hasOwn(deadJobActions, action) ? deadJobActions[action]! : undefined
        if (!act) throw new AppError('NOT_FOUND', `No job action "${action}".`)
        if (!(await act.run(queue, id))) throw new AppError('NOT_FOUND', 'No such dead job: it may have been retried or discarded already.')
        options.log.info({ job: id, by: req.editor!.account.email }, `dead job ${act.done}`)
        return reply.redirect(`/editor/jobs?done=job-${act.done}`, 303)
      })

      editor.get('/accounts', async (req, reply) => {
        needAdmin(req)
        return html(reply, accountsPage(ctxOf(req), { accounts: await archive.accounts.list(), notice: noticeOf(req) }))
      })

      editor.post('/accounts', async (req, reply) => {
        needAdmin(req)
        const body = req.body as Form
        const values = { email: one(body.email), name: one(body.name) }
        try {
          await archive.accounts.create({ ...values, role: one(body.role) === 'admin' ? 'admin' : 'editor', password: one(body.password) })
          return reply.redirect('/editor/accounts?done=account-added', 303)
        } catch (err) {
          if (!(err instanceof AppError) || (err.code !== 'INVALID_INPUT' && err.code !== 'CONFLICT')) throw err
          return html(reply, accountsPage(ctxOf(req), { accounts: await archive.accounts.list(), values, problems: { [err.location.field ?? 'email']: err.message } }), 400)
        }
      })
    },
    { prefix: '/editor' },
  )
}

/** A post from another site is refused by the browser's own account of where it came from. */
function refuseCrossSite(req: FastifyRequest) {
  if (req.headers['sec-fetch-site'] === 'cross-site') throw new AppError('FORBIDDEN', 'Forms of other sites cannot post here.')
  const origin = req.headers.origin
  if (origin && origin !== 'null') {
    const host = req.headers.host
    let sameHost = false
    try {
      sameHost = new URL(origin).host === host
    } catch {
      // An unparseable Origin is not ours.
    }
    if (!sameHost) throw new AppError('FORBIDDEN', 'Forms of other sites cannot post here.')
  } else if (origin === 'null') throw new AppError('FORBIDDEN', 'Forms of other sites cannot post here.')
}

function checkCsrf(req: FastifyRequest, token: string) {
  if (!req.editor || !token || !sameSecret(token, req.editor.csrf)) throw new AppError('FORBIDDEN', 'This form has expired or did not come from this site; reload the page and try again.')
}
