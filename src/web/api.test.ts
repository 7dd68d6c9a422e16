import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { Validator } from '@seriousme/openapi-schema-validator'
import { tempDir } from '../../test/support/paths.js'
import { Archive } from '../archive/index.js'
import { silentLogger } from '../shared/index.js'
import type { Store } from '../store/index.js'
import { openSqliteStore } from '../store/sqlite/index.js'
import { createApp } from './app.js'
import { TableJobQueue, jobHandler } from '../jobs/index.js'

describe('REST API /api/v1 over real HTTP', () => {
  let store: Store
  let base: string
  let app: ReturnType<typeof createApp>
  let archive: Archive
  let writer = ''
  let reader = ''
  let jobs: TableJobQueue

  before(async () => {
    store = await openSqliteStore({ file: path.join(tempDir(), 'api.db') })
    archive = new Archive({ store, log: silentLogger, now: () => new Date() })
    const lines = [
      { id: 'live-piece', type: 'Op-Ed', title: 'Ports and Power', outlet: 'The Harbour Review', authors: ['Adaeze Okonkwo'], published: '2024-03-05' },
      { id: 'draft-piece', title: 'Not Yet', status: 'draft' },
    ]
    await archive.importItems(archive.readSources([{ name: 'api.jsonl', bytes: Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')) }]), { actor: 'test' })
    writer = (await archive.createToken('editor', ['read', 'write'])).secret
    reader = (await archive.createToken('reader', ['read'])).secret
    jobs = new TableJobQueue(store.jobs!, { log: silentLogger, pollMs: 50 })
    await jobs.work(jobHandler(archive), { concurrency: 1 })
    app = createApp({ archive, log: silentLogger, oai: { siteUrl: 'https://archive.example' }, apiRateLimit: 1000, jobs })
    await app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1`
  })
  after(async () => {
    await app.close()
    await jobs.stop()
    await store.close()
  })

  const call = async (method: string, url: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    })
    const text = await res.text()
    return { status: res.status, headers: res.headers, body: text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text }
  }

  it('reads records, hides drafts from the public, and answers errors as problem details', async () => {
    const list = await call('GET', '/publications')
    assert.deepEqual(list.body.items.map((p: { id: string }) => p.id), ['live-piece'])
    const one = await call('GET', '/publications/live-piece')
    assert.equal(one.status, 200)
    assert.equal(one.headers.get('etag'), '"r1"')
    assert.equal((await call('GET', '/publications/live-piece', { headers: { 'if-none-match': '"r1"' } })).status, 304)
    const draft = await call('GET', '/publications/draft-piece')
    assert.equal(draft.status, 404)
    assert.match(draft.headers.get('content-type') ?? '', /^application\/problem\+json/)
    assert.equal(draft.body.code, 'NOT_FOUND')
    assert.equal(draft.body.status, 404)
    assert.equal((await call('GET', '/publications/draft-piece', { token: writer })).status, 200)
    assert.equal((await call('GET', '/publications?status=draft')).body.code, 'FORBIDDEN')
    assert.equal((await call('GET', '/nowhere')).body.code, 'NOT_FOUND')
    const cite = await call('GET', '/publications/live-piece/citation?style=apa')
    assert.match(cite.body.citation, /^Okonkwo, A\. \(2024, March 5\)\. Ports and Power/)
    assert.equal((await call('GET', '/publications/live-piece/citation?style=nope')).body.field, 'style')
    assert.equal((await call('GET', '/publications/live-piece/revisions')).body.length, 1)
    const filtered = await call('GET', '/publications?type=op-ed&author=adaeze%20okonkwo&year=2024&limit=1')
    assert.deepEqual(filtered.body.items.map((p: { id: string }) => p.id), ['live-piece'])
    assert.equal((await call('GET', '/publications?topic=nothing-like-this')).body.items.length, 0)
    assert.equal((await call('GET', '/publications?type=op-ed&status=draft', { token: writer })).body.field, 'status')
    const found = await call('GET', '/search?q=ports&facets=true')
    assert.equal(found.body.total, 1)
    assert.deepEqual(found.body.facets.type, [{ value: 'op-ed', count: 1 }])
    assert.equal((await call('GET', '/search?q=year:2024..2020')).body.code, 'INVALID_INPUT')
    const exported = await call('GET', '/export?format=ris')
    assert.match(exported.body, /^TY {2}- /)
  })

  it('refuses writes without a token, with a read-only token, without If-Match and with a stale one', async () => {
    const body = { title: 'Ice Roads', type: 'Report', authors: ['Mina Pollmann'] }
    assert.equal((await call('POST', '/publications', { body })).body.code, 'UNAUTHORIZED')
    assert.equal((await call('POST', '/publications', { body, token: 'dsr_not-a-token' })).body.code, 'UNAUTHORIZED')
    assert.equal((await call('POST', '/publications', { body, token: reader })).body.code, 'FORBIDDEN')
    const created = await call('POST', '/publications', { body, token: writer })
    assert.equal(created.status, 201)
    assert.equal(created.body.status, 'draft')
    assert.equal(created.headers.get('location'), `/api/v1/publications/${created.body.id}`)
    const id = created.body.id as string
    const invalid = await call('POST', '/publications', { body: { title: '' }, token: writer })
    assert.equal(invalid.status, 400)
    assert.equal(invalid.body.field, 'title')

    assert.equal((await call('PATCH', `/publications/${id}`, { body: { summary: 'x' }, token: writer })).body.code, 'PRECONDITION_REQUIRED')
    const edited = await call('PATCH', `/publications/${id}`, { body: { summary: 'Roads over frozen rivers.' }, token: writer, headers: { 'if-match': '"r1"' } })
    assert.equal(edited.status, 200)
    assert.equal(edited.headers.get('etag'), '"r2"')
    assert.equal(edited.body.title, 'Ice Roads', 'fields not given are kept')
    // A second editor still holding revision 1 cannot overwrite the first one's change.
    const stale = await call('PATCH', `/publications/${id}`, { body: { summary: 'Other.' }, token: writer, headers: { 'if-match': '"r1"' } })
    assert.equal(stale.status, 412)
    assert.equal(stale.body.code, 'PRECONDITION_FAILED')

    const published = await call('POST', `/publications/${id}/publish`, { token: writer, headers: { 'if-match': '"r2"' } })
    assert.equal(published.body.status, 'published')
    assert.equal((await call('GET', `/publications/${id}`)).status, 200)
    const withdrawn = await call('POST', `/publications/${id}/withdraw`, { token: writer, headers: { 'if-match': '"r3"' } })
    assert.equal(withdrawn.body.status, 'withdrawn')
    const history = await call('GET', `/publications/${id}/revisions`)
    assert.match(history.body[1].actor, /^api-token:/)

    await archive.revokeToken((await archive.authenticate(writer))!.id)
    assert.equal((await call('POST', '/publications', { body, token: writer })).body.code, 'UNAUTHORIZED', 'a revoked token is refused')
  })

  it('deletes with an admin token only: a tombstone that answers 410 and that an admin can bring back', async () => {
    const admin = (await archive.createToken('admin', ['admin'])).secret
    const editor = (await archive.createToken('editor-2', ['write'])).secret
    const id = 'live-piece'
    const etag = (await call('GET', `/publications/${id}`)).headers.get('etag')!
    assert.equal((await call('DELETE', `/publications/${id}`)).body.code, 'UNAUTHORIZED')
    assert.equal((await call('DELETE', `/publications/${id}`, { token: editor, headers: { 'if-match': etag } })).body.code, 'FORBIDDEN')
    assert.equal((await call('PATCH', `/publications/${id}`, { body: { status: 'deleted' }, token: editor, headers: { 'if-match': etag } })).body.code, 'FORBIDDEN', 'no deleting through PATCH either')
    assert.equal((await call('DELETE', `/publications/${id}`, { token: admin })).body.code, 'PRECONDITION_REQUIRED')
    assert.equal((await call('DELETE', `/publications/${id}`, { token: admin, headers: { 'if-match': '"r0"' } })).status, 412)
    assert.equal((await call('DELETE', `/publications/${id}`, { token: admin, headers: { 'if-match': etag } })).status, 204)

    const gone = await call('GET', `/publications/${id}`)
    assert.deepEqual([gone.status, gone.body.code], [410, 'GONE'])
    assert.equal((await call('GET', `/publications/${id}/citation`)).status, 410)
    assert.equal((await call('GET', '/search?q=ports')).body.total, 0)
    assert.ok(!(await call('GET', '/publications')).body.items.some((p: { id: string }) => p.id === id))
    const page = await fetch(base.replace('/api/v1', `/publications/${id}`))
    assert.equal(page.status, 410)

    const tombstone = await call('GET', `/publications/${id}`, { token: admin })
    assert.equal(tombstone.body.status, 'deleted')
    assert.equal((await call('PATCH', `/publications/${id}`, { body: { status: 'published' }, token: editor, headers: { 'if-match': tombstone.headers.get('etag')! } })).body.code, 'FORBIDDEN')
    const back = await call('PATCH', `/publications/${id}`, { body: { status: 'published' }, token: admin, headers: { 'if-match': tombstone.headers.get('etag')! } })
    assert.equal(back.body.status, 'published')
    assert.equal((await call('GET', '/search?q=ports')).body.total, 1)
    const history = await call('GET', `/publications/${id}/revisions`)
    assert.deepEqual(history.body.slice(-2).map((r: { changes: { status: { to: string } } }) => r.changes.status.to), ['deleted', 'published'])
  })

  it('serves an OpenAPI 3.1 document that validates, and browsable docs', async () => {
    const doc = await call('GET', '/openapi.json')
    assert.equal(doc.body.openapi, '3.1.0')
    const result = await new Validator().validate(doc.body)
    assert.equal(result.valid, true, JSON.stringify(result.errors))
    assert.ok(doc.body.components.schemas.PublicationInput.properties.title)
    assert.match((await call('GET', '/docs')).body, /openapi\.json/)
  })

  it('limits the rate per client', async () => {
    const limited = createApp({ archive, log: silentLogger, oai: { siteUrl: 'https://archive.example' }, apiRateLimit: 3 })
    await limited.listen({ port: 0, host: '127.0.0.1' })
    const url = `http://127.0.0.1:${(limited.server.address() as AddressInfo).port}/api/v1/publications`
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await fetch(url)).status)
    await limited.close()
    assert.deepEqual(statuses, [200, 200, 200, 429, 429])
  })

  it('queues an import for the workers with a write token and reports the job until it is done', async () => {
    const writer = (await archive.createToken('importer', ['read', 'write'])).secret
    const text = [
      JSON.stringify({ type: 'Report', title: 'Queued Harbour Report', outlet: 'Desk', published: '2024-05-01', url: 'https://desk.example/queued' }),
      '{"title": "broken", "published": "2024-99-99"}',
    ].join('\n')
    assert.equal((await call('POST', '/jobs', { body: { kind: 'import', text } })).status, 401)
    assert.equal((await call('POST', '/jobs', { token: reader, body: { kind: 'import', text } })).status, 403)
    const bad = await call('POST', '/jobs', { token: writer, body: { kind: 'ingest', url: 'file:///etc/passwd' } })
    assert.equal(bad.status, 400)
    assert.equal(bad.body.field, 'url')
    assert.equal((await call('POST', '/jobs', { token: writer, body: { kind: 'reindex' } })).status, 400)

    const queued = await call('POST', '/jobs', { token: writer, body: { kind: 'import', text, source: 'desk.jsonl' } })
    assert.equal(queued.status, 202)
    assert.equal(queued.headers.get('location'), `/api/v1/jobs/${queued.body.id}`)
    assert.equal(queued.body.kind, 'import')
    let job = queued.body
    for (let i = 0; i < 100 && job.state !== 'completed'; i++) {
      await new Promise((r) => setTimeout(r, 50))
      job = (await call('GET', `/jobs/${queued.body.id}`, { token: writer })).body
    }
    assert.equal(job.state, 'completed')
    assert.equal(job.output.created, 1)
    assert.equal(job.output.failed, 1)
    assert.match(job.output.failures[0].ref, /^desk\.jsonl:2$/)
    assert.equal((await call('GET', `/jobs/${queued.body.id}`, { token: reader })).status, 403)
    assert.equal((await call('GET', '/jobs/no-such-job', { token: writer })).status, 404)
    const found = await call('GET', '/search?q=queued%20harbour')
    assert.equal(found.body.total, 1)
  })
})
