import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { tempDir } from '../../../test/support/paths.js'
import { Archive } from '../../archive/index.js'
import { silentLogger } from '../../shared/index.js'
import type { Store } from '../../store/index.js'
import { openSqliteStore } from '../../store/sqlite/index.js'
import { createApp } from '../app.js'
import { jobHandler, TableJobQueue } from '../../jobs/index.js'

const PASSWORD = 'a long enough password'

describe('the editor over real HTTP (forms, sessions, CSRF)', () => {
  let store: Store
  let archive: Archive
  let app: ReturnType<typeof createApp>
  let base = ''
  let jobs: TableJobQueue
  let healed = false

  before(async () => {
    store = await openSqliteStore({ file: path.join(tempDir(), 'editor.db') })
    archive = new Archive({ store, log: silentLogger, now: () => new Date() })
    await archive.accounts.create({ email: 'ana@center.example', name: 'Ana Ruiz', role: 'admin', password: PASSWORD })
    await archive.accounts.create({ email: 'ben@center.example', name: 'Ben Ode', role: 'editor', password: PASSWORD })
    jobs = new TableJobQueue(store.jobs!, { policy: { retries: 0, delaySeconds: 1, timeoutSeconds: 60 }, log: silentLogger, pollMs: 50 })
    await jobs.work(async (job, meta) => {
      if (job.kind === 'reindex' || job.kind === 'import') return jobHandler(archive)(job, meta)
      if (job.kind === 'ingest' && job.url.includes('broken') && !healed) throw new Error('the site answered 503 <again>')
      return { created: 1 }
    }, { concurrency: 1 })
    app = createApp({ archive, log: silentLogger, oai: { siteUrl: 'http://127.0.0.1' }, editor: { signInLimit: 100 }, jobs })
    await app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  })
  after(async () => {
    await app.close()
    await jobs.stop()
    await store.close()
  })

  /** A browser of sorts: keeps the session cookie, posts forms, does not follow redirects. */
  class Client {
    cookie = ''
    async get(url: string) {
      const res = await fetch(base + url, { headers: this.cookie ? { cookie: this.cookie } : {}, redirect: 'manual' })
      return { status: res.status, location: res.headers.get('location'), text: await res.text(), headers: res.headers }
    }
    async post(url: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}) {
      const body = new URLSearchParams()
      for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one)
      const res = await fetch(base + url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
        redirect: 'manual',
      })
      const set = res.headers.get('set-cookie')
      if (set) this.cookie = set.split(';')[0]!.endsWith('=') ? '' : set.split(';')[0]!
      return { status: res.status, location: res.headers.get('location'), text: await res.text(), setCookie: set }
    }
    async csrf(url = '/editor') {
      return /name="_csrf" value="([^"]+)"/.exec((await this.get(url)).text)![1]!
    }
    async signIn(email: string, password = PASSWORD) {
      return this.post('/editor/sign-in', { email, password, next: '/editor' })
    }
  }

  it('sends anonymous visitors to sign in, and signs in with a secure cookie only for the right password', async () => {
    const anon = new Client()
    const gate = await anon.get('/editor/publications/x')
    assert.equal(gate.status, 303)
    assert.equal(gate.location, '/editor/sign-in?next=%2Feditor%2Fpublications%2Fx')
    assert.equal((await anon.post('/editor/new', { title: 'Sneaky' })).status, 401)

    const wrong = await anon.signIn('ana@center.example', 'not the password')
    assert.equal(wrong.status, 401)
    assert.match(wrong.text, /The email or the password is wrong/)
    const ok = await anon.signIn('Ana@Center.example')
    assert.equal(ok.status, 303)
    assert.equal(ok.location, '/editor')
    assert.match(ok.setCookie!, /HttpOnly/i)
    assert.match(ok.setCookie!, /SameSite=Lax/i)
    const home = await anon.get('/editor')
    assert.equal(home.status, 200)
    assert.match(home.text, /Sign out Ana Ruiz/)
    assert.equal(home.headers.get('cache-control'), 'no-store')
    // No open redirect through ?next=.
    const evil = new Client()
    assert.equal((await evil.post('/editor/sign-in', { email: 'ana@center.example', password: PASSWORD, next: '//evil.example/x' })).location, '/editor')
  })

  it('refuses posts without the session CSRF token or from another site', async () => {
    const c = new Client()
    await c.signIn('ana@center.example')
    const csrf = await c.csrf()
    assert.equal((await c.post('/editor/new', { title: 'No token' })).status, 403)
    assert.equal((await c.post('/editor/new', { title: 'Wrong token', _csrf: 'x'.repeat(csrf.length) })).status, 403)
    assert.equal((await c.post('/editor/new', { title: 'Cross site', _csrf: csrf }, { origin: 'https://evil.example' })).status, 403)
    assert.equal((await c.post('/editor/new', { title: 'Cross site', _csrf: csrf }, { 'sec-fetch-site': 'cross-site' })).status, 403)
    // Another account's token does not work in this session either.
    const other = new Client()
    await other.signIn('ben@center.example')
    assert.equal((await c.post('/editor/new', { title: 'Borrowed token', _csrf: await other.csrf() })).status, 403)
    assert.equal((await archive.list({ limit: 10 })).items.length, 0, 'nothing was written')
  })

  it('creates a draft, shows every field problem at once, refuses a stale save, publishes, and restores a revision', async () => {
    const c = new Client()
    await c.signIn('ben@center.example')
    const csrf = await c.csrf()
    const bad = await c.post('/editor/new', { _csrf: csrf, title: '', published: 'someday', url: 'ftp://x', language: 'English!' })
    assert.equal(bad.status, 400)
    for (const [field, message] of [['title', 'Title: is required|must not be empty'], ['published', 'not a date'], ['url', 'not an http'], ['language', 'language tag']]) {
      assert.match(bad.text, new RegExp(`id="e-${field}">[^<]*(${message})`), field)
    }
    assert.match(bad.text, /value="someday"/, 'what was typed is kept')

    const created = await c.post('/editor/new', { _csrf: csrf, type: 'op-ed', title: 'Ports & <Power>', authors: 'Adaeze Okonkwo\nCenter for Maritime Studies (organization)', outlet: 'The Harbour Review', published: '2024-03-05', topics: 'Arctic\nTrade' })
    assert.equal(created.status, 303)
    const id = /\/editor\/publications\/([a-z0-9]+)/.exec(created.location!)![1]!
    const record = await archive.get(id)
    assert.equal(record.status, 'draft')
    assert.deepEqual(record.authors, [{ kind: 'person', given: 'Adaeze', family: 'Okonkwo' }, { kind: 'organization', name: 'Center for Maritime Studies' }])
    assert.match((await archive.revisions(id))[0]!.actor, /^editor:ben@center\.example/)
    const form = await c.get(`/editor/publications/${id}`)
    assert.match(form.text, /Ports &amp; &lt;Power&gt;/, 'escaped in the form')

    // Saving the untouched form changes nothing.
    const fields = { _csrf: csrf, revision: '1', type: 'op-ed', title: 'Ports & <Power>', authors: 'Adaeze Okonkwo\nCenter for Maritime Studies (organization)', outlet: 'The Harbour Review', published: '2024-03-05', topics: 'Arctic\nTrade' }
    assert.equal((await c.post(`/editor/publications/${id}`, fields)).status, 303)
    assert.equal((await archive.get(id)).revision, 1)
    // A correction: the author's name, and the outlet cleared.
    assert.equal((await c.post(`/editor/publications/${id}`, { ...fields, authors: 'Adaeze N. Okonkwo\nCenter for Maritime Studies (organization)', outlet: '' })).status, 303)
    const edited = await archive.get(id)
    assert.equal(edited.revision, 2)
    assert.equal(edited.outlet, undefined)
    assert.equal(edited.authors[0]!.kind === 'person' && edited.authors[0]!.given, 'Adaeze N.')
    // A second editor still holding revision 1 is told, not silently overwritten.
    const stale = await c.post(`/editor/publications/${id}`, { ...fields, summary: 'Mine.' })
    assert.equal(stale.status, 409)
    assert.match(stale.text, /Someone else saved this record/)
    assert.equal((await archive.get(id)).summary, undefined)

    assert.equal((await c.post(`/editor/publications/${id}/status`, { _csrf: csrf, revision: '2', action: 'publish' })).status, 303)
    assert.equal((await archive.get(id)).status, 'published')
    assert.equal((await fetch(`${base}/publications/${id}`)).status, 200)
    assert.equal((await archive.search('okonkwo')).total, 1, 'found by search once published')
    assert.equal((await c.post(`/editor/publications/${id}/status`, { _csrf: csrf, revision: '3', action: 'delete' })).status, 403, 'an editor may not delete')

    const history = await c.get(`/editor/publications/${id}/history`)
    assert.match(history.text, /<del>Adaeze<\/del>|<ins>Adaeze N\.<\/ins>|<ins>N\. ?<\/ins>/)
    assert.equal((await c.post(`/editor/publications/${id}/restore`, { _csrf: csrf, revision: '3', number: '1' })).status, 303)
    const restored = await archive.get(id)
    assert.equal(restored.outlet, 'The Harbour Review')
    assert.equal(restored.authors[0]!.kind === 'person' && restored.authors[0]!.given, 'Adaeze')
    assert.equal(restored.status, 'published', 'restoring fields keeps the status')
  })

  it('imports an uploaded file in the background and reports its progress until done', async () => {
    const c = new Client()
    await c.signIn('ben@center.example')
    const csrf = await c.csrf('/editor/import')
    const lines = Array.from({ length: 30 }, (_, i) => JSON.stringify({ title: `Uploaded piece ${i}`, type: 'Report', published: '2020' }))
    lines.splice(7, 0, '{"title": ""}')
    const form = new FormData()
    form.append('_csrf', csrf)
    form.append('file', new Blob([lines.join('\n')]), 'catalogue.jsonl')
    const refused = await fetch(`${base}/editor/import`, { method: 'POST', body: (() => { const f = new FormData(); f.append('file', new Blob(['{}']), 'x.jsonl'); return f })(), headers: { cookie: c.cookie, origin: base }, redirect: 'manual' })
    assert.equal(refused.status, 403, 'no CSRF token, no import')
    const started = await fetch(`${base}/editor/import`, { method: 'POST', body: form, headers: { cookie: c.cookie, origin: base }, redirect: 'manual' })
    assert.equal(started.status, 303)
    const job = started.headers.get('location')!
    let state: { state: string; done: number; total: number; created: number; failed: { ref: string; error: string }[] } | undefined
    for (let i = 0; i < 100; i++) {
      state = await (await fetch(`${base}${job}.json`, { headers: { cookie: c.cookie } })).json()
      if (state!.state !== 'running') break
      await new Promise((r) => setTimeout(r, 50))
    }
    assert.equal(state?.state, 'done')
    assert.deepEqual([state!.done, state!.total, state!.created, state!.failed.length], [31, 31, 30, 1])
    assert.match(state!.failed[0]!.ref + state!.failed[0]!.error, /catalogue\.jsonl:8/)
    assert.match((await c.get(job)).text, /Finished/)
    assert.equal((await fetch(`${base}${job}.json`, { redirect: 'manual' })).status, 303, 'progress is for signed-in editors only')
  })

  it('in server mode hands an upload to the workers and shows their progress on any server', async () => {
    const queuing = createApp({ archive, log: silentLogger, oai: { siteUrl: 'http://127.0.0.1' }, editor: { signInLimit: 100, queueImports: true }, jobs })
    await queuing.listen({ port: 0, host: '127.0.0.1' })
    const first = base
    base = `http://127.0.0.1:${(queuing.server.address() as AddressInfo).port}`
    try {
      const c = new Client()
      await c.signIn('ben@center.example')
      const upload = async (name: string, bytes: string | Buffer<ArrayBuffer>) => {
        const form = new FormData()
        form.append('_csrf', await c.csrf('/editor/import'))
        form.append('file', new Blob([bytes]), name)
        return fetch(`${base}/editor/import`, { method: 'POST', body: form, headers: { cookie: c.cookie, origin: base }, redirect: 'manual' })
      }
      const lines = Array.from({ length: 12 }, (_, i) => JSON.stringify({ title: `Queued piece ${i}`, type: 'Report', published: '2021' }))
      lines.splice(3, 0, '{"title": ""}')
      const started = await upload('queued.jsonl', lines.join('\n'))
      assert.equal(started.status, 303)
      const page = started.headers.get('location')!
      assert.match(page, /^\/editor\/import\/queued\?jobs=/)
      let text = ''
      for (let i = 0; i < 100 && !/Finished/.test(text); i++) {
        // The first server answers for the second's upload: the jobs are in the shared queue.
        text = await (await fetch(`${first}${page}`, { headers: { cookie: c.cookie } })).text()
        if (!/Finished/.test(text)) await new Promise((r) => setTimeout(r, 50))
      }
      assert.match(text, /Finished: 1 of 1 jobs done —\s+12 created, 0 updated, 0 unchanged, 1 failed/)
      assert.match(text, /queued\.jsonl:4/)
      assert.equal((await archive.search('"queued piece"')).total, 12)

      const binary = await upload('latin1.jsonl', Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]))
      assert.ok(binary.status >= 400 && binary.status < 500, String(binary.status))
      assert.match(await binary.text(), /latin1\.jsonl:1: is not UTF-8 text/)
    } finally {
      base = first
      await queuing.close()
    }
  })

  it('lets admins create API tokens and accounts, not editors', async () => {
    const ben = new Client()
    await ben.signIn('ben@center.example')
    assert.equal((await ben.get('/editor/tokens')).status, 403)
    const ana = new Client()
    await ana.signIn('ana@center.example')
    const csrf = await ana.csrf()
    const made = await ana.post('/editor/tokens', { _csrf: csrf, name: 'harvester', scope: ['read', 'write'] })
    assert.equal(made.status, 201)
    const secret = /<code id="new-token">([^<]+)</.exec(made.text)![1]!
    const token = await archive.authenticate(secret)
    assert.deepEqual(token?.scopes, ['read', 'write'])
    assert.ok(!(await ana.get('/editor/tokens')).text.includes(secret), 'shown once')
    const added = await ana.post('/editor/accounts', { _csrf: csrf, email: 'cy@center.example', name: 'Cy', role: 'editor', password: 'short' })
    assert.equal(added.status, 400)
    assert.match(added.text, /id="e-password">[^<]*12 characters/)
    assert.equal((await ana.post('/editor/accounts', { _csrf: csrf, email: 'cy@center.example', name: 'Cy', role: 'editor', password: PASSWORD })).status, 303)
    assert.equal((await new Client().signIn('cy@center.example')).status, 303)
  })

  it('signs out, after which the old cookie is worthless', async () => {
    const c = new Client()
    await c.signIn('ana@center.example')
    const cookie = c.cookie
    const csrf = await c.csrf()
    assert.equal((await c.post('/editor/sign-out', { _csrf: csrf })).status, 303)
    c.cookie = cookie
    assert.equal((await c.get('/editor')).status, 303)
  })

  it('limits sign-in attempts per address', async () => {
    const limited = createApp({ archive, log: silentLogger, oai: { siteUrl: 'http://127.0.0.1' }, editor: { signInLimit: 3 } })
    await limited.listen({ port: 0, host: '127.0.0.1' })
    const url = `http://127.0.0.1:${(limited.server.address() as AddressInfo).port}/editor/sign-in`
    const statuses = []
    for (let i = 0; i < 5; i++) {
      statuses.push((await fetch(url, { method: 'POST', body: new URLSearchParams({ email: 'ana@center.example', password: 'guess' }), redirect: 'manual' })).status)
    }
    await limited.close()
    assert.deepEqual(statuses, [401, 401, 401, 429, 429])
  })

  it('corrects a record\'s entities: remove, add, merge everywhere; refuses a form without its token', async () => {
    const created = await archive.createRecord({ title: 'Harbour talks', body: { text: 'Prime Minister Kishida met officials in Oslo. Kishida spoke of the Quad.', isExcerpt: false } }, 'test')
    const other = await archive.createRecord({ title: 'Second', body: { text: 'Prime Minister Kishida Fumio returned.', isExcerpt: false } }, 'test')
    const ben = new Client()
    await ben.signIn('ben@center.example')
    const page = await ben.get(`/editor/publications/${created.id}/entities`)
    assert.equal(page.status, 200)
    assert.match(page.text, /Enriched by version/)
    assert.match(page.text, /person:kishida/)
    const csrf = await ben.csrf(`/editor/publications/${created.id}/entities`)
    const url = `/editor/publications/${created.id}/entities`

    assert.equal((await ben.post(url, { kind: 'remove', key: 'loc:oslo-no' })).status, 403, 'no CSRF token')
    assert.equal((await new Client().post(url, { kind: 'remove', key: 'loc:oslo-no', _csrf: csrf })).status, 401, 'not signed in')

    assert.equal((await ben.post(url, { _csrf: csrf, kind: 'remove', key: 'loc:oslo-no' })).status, 303)
    assert.equal((await ben.post(url, { _csrf: csrf, kind: 'add', name: 'Norway', type: 'LOC' })).status, 303)
    assert.equal((await ben.post(url, { _csrf: csrf, kind: 'merge', key: 'person:kishida', target: 'person:fumio-kishida' })).status, 303)
    const bad = await ben.post(url, { _csrf: csrf, kind: 'add', name: '', type: 'LOC' })
    assert.equal(bad.status, 400)
    assert.match(bad.text, /name is required for an add correction/)

    const keys = (await archive.analysis.forRecord(created.id))!.entities.map((e) => e.key)
    assert.ok(!keys.includes('loc:oslo-no') && keys.includes('country:NO') && keys.includes('person:fumio-kishida') && !keys.includes('person:kishida'), keys.join(', '))
    // a merge is for every record; the others are for this one
    assert.ok((await archive.analysis.forRecord(other.id))!.entities.some((e) => e.key === 'person:fumio-kishida'))
    const after = await ben.get(url)
    assert.match(after.text, /merge person:kishida → person:fumio-kishida — every record/)
    assert.equal((await ben.get('/editor/enrichment')).status, 200)
  })

  it('shows admins the job queue and its dead letters, to retry or discard, and no one else', async () => {
    const waitDead = async (n: number) => {
      for (let i = 0; i < 100 && (await jobs.counts()).dead !== n; i++) await new Promise((r) => setTimeout(r, 50))
      assert.equal((await jobs.counts()).dead, n)
    }
    await jobs.send({ kind: 'ingest', url: 'https://example.org/broken-page', actor: 'test' })
    await jobs.send({ kind: 'ingest', url: 'https://example.org/broken-feed', actor: 'test' })
    await waitDead(2)

    const ben = new Client()
    await ben.signIn('ben@center.example')
    assert.equal((await ben.get('/editor/jobs')).status, 403)
    const [first] = await jobs.dead(1)
    assert.equal((await ben.post(`/editor/jobs/${first!.id}/retry`, { _csrf: await ben.csrf() })).status, 403)

    const ana = new Client()
    await ana.signIn('ana@center.example')
    const page = await ana.get('/editor/jobs')
    assert.equal(page.status, 200)
    assert.match(page.text, /https:\/\/example\.org\/broken-page/)
    assert.match(page.text, /the site answered 503 &lt;again&gt;/)
    assert.match(page.text, /2 dead/)
    assert.equal((await ana.post(`/editor/jobs/${first!.id}/retry`, {})).status, 403, 'no CSRF token, no retry')

    healed = true
    const completedBefore = (await jobs.counts()).completed
    const retried = await ana.post(`/editor/jobs/${first!.id}/retry`, { _csrf: await ana.csrf('/editor/jobs') })
    assert.equal(retried.status, 303)
    assert.equal(retried.location, '/editor/jobs?done=job-retried')
    await waitDead(1)
    for (let i = 0; i < 100 && (await jobs.counts()).completed < completedBefore + 1; i++) await new Promise((r) => setTimeout(r, 50))
    assert.equal((await jobs.counts()).completed, completedBefore + 1)

    const [second] = await jobs.dead(1)
    assert.equal((await ana.post(`/editor/jobs/${second!.id}/discard`, { _csrf: await ana.csrf('/editor/jobs') })).status, 303)
    assert.equal((await jobs.counts()).dead, 0)
    assert.equal((await ana.post(`/editor/jobs/${second!.id}/discard`, { _csrf: await ana.csrf('/editor/jobs') })).status, 404)
    assert.match((await ana.get('/editor/jobs')).text, /0 dead/)

    // Reindexing: an admin's button, refused to editors; its jobs cover every record once.
    assert.equal((await ben.post('/editor/jobs/reindex', { _csrf: await ben.csrf() })).status, 403)
    const queued = await ana.post('/editor/jobs/reindex', { _csrf: await ana.csrf('/editor/jobs') })
    assert.equal(queued.status, 303)
    assert.equal(queued.location, '/editor/jobs?done=reindex-queued')
    const reindexJobs = async () => (await jobs.recent(100)).filter((j) => j.kind === 'reindex')
    for (let i = 0; i < 100 && (await reindexJobs()).some((j) => j.state !== 'completed'); i++) await new Promise((r) => setTimeout(r, 50))
    const done = await reindexJobs()
    assert.ok(done.length >= 1 && done.every((j) => j.state === 'completed'), JSON.stringify(done))
    assert.equal(done.reduce((n, j) => n + Number(j.output?.reindexed), 0), await store.publications.count())
    assert.match((await ana.get('/editor/jobs?done=reindex-queued')).text, /Reindexing is queued/)
  })
})
