import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { aRecord } from '../../test/support/builders.js'
import { diffFields, type PublicationFields } from '../model/index.js'
import { AppError } from '../shared/index.js'
import { parseQuery } from '../search/index.js'
import type { Store } from './store.js'

const ctx = (at = '2024-03-06T10:00:00.000Z', actor = 'test') => ({ actor, at })

async function rejectsWith(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (err: unknown) => err instanceof AppError && err.code === code)
}

/**
 * The behaviour every Store backend must show. Each backend's test file calls this with a
 * function that opens a fresh, empty, migrated store.
 */
export function describeStoreContract(name: string, open: () => Promise<Store>) {
  describe(`Store contract: ${name}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
    })
    afterEach(async () => {
      await store.close()
    })

    it('returns what it saved, with revision 1 and a readable slug', async () => {
      const saved = await store.publications.create(aRecord(), ctx())
      assert.match(saved.id, /^[0-9a-z]{12}$/)
      assert.equal(saved.slug, 'why-arctic-shipping-lanes-matter-for-nato')
      assert.equal(saved.revision, 1)
      assert.equal(saved.createdAt, '2024-03-06T10:00:00.000Z')
      assert.deepEqual(await store.publications.get(saved.id), saved)
      assert.deepEqual(await store.publications.getBySlug(saved.slug), saved)
      assert.equal(await store.publications.get('nope'), undefined)
    })

    it('keeps slugs unique and ids as given', async () => {
      const a = await store.publications.create(aRecord(), ctx())
      const b = await store.publications.create(aRecord({ outlet: 'Another Outlet' }), { ...ctx(), id: 'chosen-id-1' })
      assert.equal(b.id, 'chosen-id-1')
      assert.notEqual(a.slug, b.slug)
      assert.equal(b.slug, `${a.slug}-2`)
      await rejectsWith(store.publications.create(aRecord({ title: 'Other' }), { ...ctx(), id: 'chosen-id-1' }), 'CONFLICT')
    })

    it('gives records of one title a slug each when several writers create them at once', async () => {
      // Import batches in different workers, each an open transaction, interleaving their
      // records: on a server the batches run side by side and none may lose a record.
      const writers = Array.from({ length: 3 }, (_, w) =>
        store.transaction(async (tx) => {
          const made = []
          for (let i = 0; i < 4; i++) {
            made.push(await tx.publications.create(aRecord({ url: `https://example.org/same-title/${w}/${i}`, outlet: `Outlet ${w}-${i}` }), ctx()))
            await new Promise((resolve) => setTimeout(resolve, 5))
          }
          return made
        }),
      )
      const slugs = (await Promise.all(writers)).flat().map((p) => p.slug)
      assert.equal(new Set(slugs).size, 12)
      assert.ok(slugs.every((s) => s.startsWith('why-arctic-shipping-lanes-matter-for-nato')), slugs.join(' '))
      assert.equal(await store.publications.count(), 12)
    })

    it('finds the same piece by id, by normalised URL, or by title + outlet + date', async () => {
      const saved = await store.publications.create(aRecord({ url: 'https://www.example.org/arctic-lanes/?utm_source=x' }), ctx())
      const byUrl = await store.publications.findMatch({ url: 'https://example.org/arctic-lanes#top', title: 'Different' })
      assert.equal(byUrl?.id, saved.id)
      const byKey = await store.publications.findMatch({ title: 'why arctic  shipping lanes matter for NATO!', outlet: 'the harbour review', published: '2024-03-05' })
      assert.equal(byKey?.id, saved.id)
      assert.equal(await store.publications.findMatch({ title: saved.title, outlet: saved.outlet, published: '2024-03-06' }), undefined)
      assert.equal((await store.publications.findMatch({ id: saved.id, title: 'x' }))?.id, saved.id)
      assert.equal((await store.publications.findMatch({ url: 'http://example.org/arctic-lanes' }))?.id, saved.id)
      assert.equal(await store.publications.findMatch({ url: 'https://example.org/other' }), undefined)
    })

    it('refuses a second record with the same original URL', async () => {
      await store.publications.create(aRecord({ url: 'https://example.org/a' }), ctx())
      await rejectsWith(store.publications.create(aRecord({ title: 'Other', url: 'https://EXAMPLE.org/a/' }), ctx()), 'CONFLICT')
    })

    it('updates fields and records each revision with its changes', async () => {
      const saved = await store.publications.create(aRecord(), ctx())
      const next: PublicationFields = { ...aRecord(), summary: 'A sharper dek.', topics: ['Arctic'] }
      const changes = diffFields(aRecord(), next)
      const updated = await store.publications.update(saved.id, next, changes, ctx('2024-03-07T09:00:00.000Z', 'editor:ana'))
      assert.equal(updated.revision, 2)
      assert.equal(updated.summary, 'A sharper dek.')
      assert.equal(updated.slug, saved.slug)
      assert.equal(updated.createdAt, saved.createdAt)
      assert.equal(updated.updatedAt, '2024-03-07T09:00:00.000Z')
      const revisions = await store.publications.revisions(saved.id)
      assert.deepEqual(
        revisions.map((r) => [r.number, r.action, r.actor]),
        [[1, 'created', 'test'], [2, 'updated', 'editor:ana']],
      )
      assert.equal(revisions[0]!.changes, null)
      assert.deepEqual(revisions[1]!.changes, changes)
      await rejectsWith(store.publications.update('missing', next, {}, ctx()), 'NOT_FOUND')
    })

    it('lists newest first with a stable cursor and filters by status', async () => {
      const dates = ['2021-05-01', '2023-01-18', '2022', undefined, '2023-01']
      for (const [i, published] of dates.entries()) {
        await store.publications.create(aRecord({ title: `Piece ${i}`, published, status: i === 4 ? 'draft' : 'published' }), ctx(`2024-01-0${i + 1}T00:00:00.000Z`))
      }
      const seen: string[] = []
      let cursor: string | undefined
      do {
        const page = await store.publications.list({ limit: 2, cursor })
        seen.push(...page.items.map((p) => p.title))
        cursor = page.nextCursor
      } while (cursor)
      assert.deepEqual(seen, ['Piece 1', 'Piece 4', 'Piece 2', 'Piece 0', 'Piece 3'])
      const published = await store.publications.list({ limit: 10, status: 'published' })
      assert.deepEqual(published.items.map((p) => p.title), ['Piece 1', 'Piece 2', 'Piece 0', 'Piece 3'])
      assert.equal(published.nextCursor, undefined)
      await rejectsWith(store.publications.list({ limit: 2, cursor: 'garbage!' }), 'INVALID_INPUT')
    })

    it('reindexes records in id order, a range at a time, without duplicating them in search', async () => {
      const saved = []
      for (let i = 0; i < 5; i++) saved.push(await store.publications.create(aRecord({ title: `Tidal barrage ${i}` }), ctx()))
      const ids = saved.map((p) => p.id).sort()
      const search = () => store.search.search({ query: parseQuery('barrage'), sort: 'relevance', limit: 20, facets: true })
      const before = await search()
      const version = await store.search.version()
      assert.deepEqual(await store.publications.reindex({ limit: 2 }), { count: 2, last: ids[1] })
      assert.deepEqual(await store.publications.reindex({ after: ids[1], until: ids[3], limit: 10 }), { count: 2, last: ids[3] })
      assert.deepEqual(await store.publications.reindex({ after: ids[3], limit: 10 }), { count: 1, last: ids[4] })
      assert.deepEqual(await store.publications.reindex({ after: ids[4], limit: 10 }), { count: 0, last: undefined })
      assert.notEqual(await store.search.version(), version)
      assert.deepEqual(await store.publications.idMarks(2), [ids[1], ids[3]])
      const after = await search()
      assert.equal(after.total, 5)
      assert.deepEqual(after.hits.map((h) => h.publication.id).sort(), before.hits.map((h) => h.publication.id).sort())
      assert.deepEqual(after.facets, before.facets)
    })

    it('scans every record in batches and counts them', async () => {
      for (let i = 0; i < 7; i++) await store.publications.create(aRecord({ title: `Piece ${i}` }), ctx())
      const ids: string[] = []
      for await (const p of store.publications.scan({ batchSize: 3 })) ids.push(p.id)
      assert.equal(ids.length, 7)
      assert.deepEqual([...ids].sort(), ids)
      assert.equal(await store.publications.count(), 7)
    })

    it('undoes every write of a failed transaction', async () => {
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.publications.create(aRecord({ title: 'Inside' }), ctx())
          throw new Error('boom')
        }),
        /boom/,
      )
      assert.equal(await store.publications.count(), 0)
    })

    it('undoes only a failed nested transaction', async () => {
      await store.transaction(async (tx) => {
        await tx.publications.create(aRecord({ title: 'Kept' }), ctx())
        await assert.rejects(
          tx.transaction(async (inner) => {
            await inner.publications.create(aRecord({ title: 'Dropped' }), ctx())
            throw new Error('inner')
          }),
        )
      })
      const titles = (await store.publications.list({ limit: 10 })).items.map((p) => p.title)
      assert.deepEqual(titles, ['Kept'])
    })

    it('keeps writes outside a transaction out of it while it runs', async () => {
      let written!: () => void
      const insideWrote = new Promise<void>((r) => (written = r))
      let release!: () => void
      const gate = new Promise<void>((r) => (release = r))
      const tx = store.transaction(async (t) => {
        await t.publications.create(aRecord({ title: 'In tx' }), ctx())
        written()
        await gate
        throw new Error('rolled back')
      })
      await insideWrote
      const outside = store.publications.create(aRecord({ title: 'Outside' }), ctx())
      release()
      await assert.rejects(tx)
      await outside
      assert.deepEqual((await store.publications.list({ limit: 10 })).items.map((p) => p.title), ['Outside'])
    })

    it('reports migrations as already applied on a second run', async () => {
      const report = await store.migrate()
      assert.equal(report.ok, true)
      assert.ok(report.results.length > 0)
      assert.ok(report.results.every((r) => r.status === 'already-applied'))
    })

    it('lists the featured records alone, newest first', async () => {
      await store.publications.create(aRecord({ title: 'Plain', published: '2024-05-01' }), ctx())
      await store.publications.create(aRecord({ title: 'Older feature', published: '2020-01-01', featured: true }), ctx())
      await store.publications.create(aRecord({ title: 'Newer feature', published: '2023-01-01', featured: true }), ctx())
      await store.publications.create(aRecord({ title: 'Draft feature', published: '2024-01-01', featured: true, status: 'draft' }), ctx())
      const page = await store.publications.list({ featured: true, status: 'published', limit: 10 })
      assert.deepEqual(page.items.map((p) => p.title), ['Newer feature', 'Older feature'])
    })

    it('stamps a record with its status, revision and change time, without its fields', async () => {
      const saved = await store.publications.create(aRecord(), ctx())
      assert.deepEqual(await store.publications.stamp(saved.id), { id: saved.id, status: 'published', revision: 1, updatedAt: saved.updatedAt })
      const changed = await store.publications.update(saved.id, { ...aRecord(), status: 'withdrawn' }, { status: { from: 'published', to: 'withdrawn' } }, ctx('2024-03-07T10:00:00.000Z'))
      assert.deepEqual(await store.publications.stamp(saved.id), { id: saved.id, status: 'withdrawn', revision: 2, updatedAt: changed.updatedAt })
      assert.equal(await store.publications.stamp(saved.slug), undefined, 'by id only')
    })

    it('keeps one account per email however it is typed, and finds it with its password hash', async () => {
      const account = { id: 'acc1', email: 'Ana@Center.example', name: 'Ana', role: 'admin' as const, createdAt: '2024-01-01T00:00:00.000Z' }
      await store.accounts.create({ ...account, passwordHash: 'scrypt$x' })
      await rejectsWith(store.accounts.create({ ...account, id: 'acc2', email: 'ana@center.EXAMPLE', passwordHash: null }), 'CONFLICT')
      const found = await store.accounts.findByEmail(' ANA@center.example ')
      assert.deepEqual(found, { ...account, email: 'ana@center.example', passwordHash: 'scrypt$x' })
      assert.deepEqual(await store.accounts.get('acc1'), { ...account, email: 'ana@center.example' })
      await store.accounts.setPassword('acc1', 'scrypt$y')
      assert.equal((await store.accounts.findByEmail('ana@center.example'))?.passwordHash, 'scrypt$y')
      await rejectsWith(store.accounts.setPassword('nobody', 'h'), 'NOT_FOUND')
      assert.equal(await store.accounts.count(), 1)
    })

    it('finds a session until it expires or is deleted, never for a disabled account', async () => {
      await store.accounts.create({ id: 'acc1', email: 'a@x.example', name: 'A', role: 'editor', createdAt: '2024-01-01T00:00:00.000Z', passwordHash: 'h' })
      await store.accounts.create({ id: 'acc2', email: 'b@x.example', name: 'B', role: 'editor', createdAt: '2024-01-01T00:00:00.000Z', disabledAt: '2024-01-02T00:00:00.000Z', passwordHash: 'h' })
      const session = { accountId: 'acc1', csrf: 'c1', createdAt: '2024-01-01T08:00:00.000Z', expiresAt: '2024-01-01T20:00:00.000Z' }
      await store.sessions.create('h1', session)
      await store.sessions.create('h2', { ...session, accountId: 'acc2' })
      await store.sessions.create('h3', { ...session, expiresAt: '2024-01-01T09:00:00.000Z' })
      const live = await store.sessions.find('h1', '2024-01-01T12:00:00.000Z')
      assert.deepEqual(live?.session, session)
      assert.equal(live?.account.email, 'a@x.example')
      assert.equal(await store.sessions.find('h1', '2024-01-01T20:00:00.000Z'), undefined, 'expired at expiresAt')
      assert.equal(await store.sessions.find('h2', '2024-01-01T12:00:00.000Z'), undefined, 'disabled account')
      assert.equal(await store.sessions.deleteExpired('2024-01-01T12:00:00.000Z'), 1)
      await store.sessions.delete('h1')
      assert.equal(await store.sessions.find('h1', '2024-01-01T12:00:00.000Z'), undefined)
    })
  })
}
