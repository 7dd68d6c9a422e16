import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { aRecord } from '../../test/support/builders.js'
import type { Publication } from '../model/index.js'
import { MULTI_FIELDS, type SearchColumns } from './search-columns.js'
import type { Store } from './store.js'

/** A store, and two ways to its columns as another process would hold them. */
export interface ColumnsHarness {
  store: Store
  /** The same columns object each time, brought up to date (patched when it can be). */
  held(): Promise<SearchColumns>
  /** Columns read whole, from scratch. */
  fresh(): Promise<SearchColumns>
  close(): Promise<void>
  /** Whether a second write can commit while a transaction is open (not in SQLite). */
  concurrentWrites: boolean
}

/** What the columns say of every document, in names rather than the ids a load happened to give. */
function columnsView(c: SearchColumns) {
  const docs = []
  for (let d = 0; d < c.size; d++) {
    if (!c.exists[d]) continue
    const multi = MULTI_FIELDS.map((f) => c.keysOf(f, d).map((k) => c.multi.get(f)!.keys[k]!).sort())
    docs.push({ d, visible: c.visible[d], type: c.typeNames[c.type[d]!], year: c.year[d], date: c.date[d], lang: c.langNames[c.lang[d]!], multi })
  }
  return { docs, byDate: Array.from(c.dateOrder()) }
}

/**
 * The in-memory search columns, patched with what writes changed, must say what a fresh read
 * says: whatever was edited (dates, single- and many-valued fields, visibility, entities), and
 * however the writes interleaved with the reading.
 */
export function describeColumnsContract(name: string, open: () => Promise<ColumnsHarness>) {
  describe(`Search columns after writes: ${name}`, () => {
    for (const [how, overlayLimit] of [['kept in overlays', -1], ['folded at every patch', 0]] as const) it(`patch in what changed (${how}) and answer as a fresh load does`, async () => {
      const h = await open()
      const { store } = h
      try {
        const ctx = (day: number) => ({ actor: 't', at: `2024-02-${String(day).padStart(2, '0')}T00:00:00.000Z` })
        const saved: Publication[] = []
        for (let i = 0; i < 30; i++) {
          const fields = aRecord({
            title: `Harbour tolls ${i}`, type: i % 3 ? 'op-ed' : 'report', published: `20${10 + (i % 7)}-0${1 + (i % 9)}-1${i % 10}`,
            topics: [`topic ${i % 4}`], authors: [{ kind: 'person', family: `Family${i % 5}`, given: 'Ann' }],
          })
          saved.push(await store.publications.create(fields, ctx(1)))
        }
        const held = await h.held()
        held.overlayLimit = overlayLimit
        const loads = held.loads

        // Edits that move documents in date order, change single and many-valued columns, hide
        // one, add new documents past the old end, and give one record entities.
        const edit = async (i: number, over: Parameters<typeof aRecord>[0]) => {
          const { id, slug, createdAt, updatedAt, revision, ...fields } = saved[i]!
          void slug; void createdAt; void updatedAt; void revision
          saved[i] = await store.publications.update(id, { ...fields, ...over }, {}, ctx(2))
        }
        await edit(3, { published: '2030-01-01', topics: ['topic 9', 'topic 0'] })
        await edit(7, { type: 'report', authors: [{ kind: 'person', family: 'Newname', given: 'Bo' }] })
        await edit(11, { status: 'draft' })
        await edit(0, { published: '1999', regions: ['Arctic'] })
        for (let i = 0; i < 3; i++) await store.publications.create(aRecord({ title: `New ${i}`, published: '2015-05-05', topics: ['topic 1'] }), ctx(3))
        await store.enrichment.save(saved[5]!.id, { version: 'v1', entities: [{ key: 'country:JP', name: 'Japan', type: 'LOC', country: 'JP', mentions: 1, fields: ['body'], surfaces: ['Japan'] }], events: [] }, ctx(4).at)
        await store.enrichment.rename('country:JP', 'Nippon')

        await h.held()
        assert.equal(held.loads, loads, 'the columns were patched, not reloaded')
        assert.equal(held.patched.includes(1), overlayLimit !== 0, 'the changed documents are in overlays unless folded')
        assert.deepEqual(columnsView(held), columnsView(await h.fresh()))
        assert.ok(columnsView(held).docs.some((d) => d.multi[MULTI_FIELDS.indexOf('entity')]!.includes('nippon')))

        if (!h.concurrentWrites) return
        // A write still open while the columns are read, committed after: the next patch has it.
        let release!: () => void
        const gate = new Promise<void>((resolve) => (release = resolve))
        let opened!: () => void
        const isOpen = new Promise<void>((resolve) => (opened = resolve))
        const slow = store.transaction(async (tx) => {
          await tx.publications.create(aRecord({ title: 'Late arrival', published: '2031-01-01', topics: ['topic late'] }), ctx(5))
          opened()
          await gate
        })
        await isOpen
        await store.publications.create(aRecord({ title: 'Quick one', published: '2001-01-01' }), ctx(5))
        await h.held()
        release()
        await slow
        await h.held()
        assert.equal(held.loads, loads, 'still patched')
        const view = columnsView(held)
        assert.deepEqual(view, columnsView(await h.fresh()))
        assert.ok(view.docs.some((d) => d.multi[MULTI_FIELDS.indexOf('topic')]!.includes('topic late')), 'the late write is in')
      } finally {
        await h.close()
      }
    })
  })
}
