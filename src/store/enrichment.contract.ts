import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { aRecord } from '../../test/support/builders.js'
import { parseQuery } from '../search/index.js'
import type { RecordEnrichmentRow, RecordEntityRow, Store } from './store.js'

const at = '2024-03-06T10:00:00.000Z'
const ctx = { actor: 'test', at }

const entity = (key: string, name: string, type: string, extra: Partial<RecordEntityRow> = {}): RecordEntityRow => ({
  key, name, type, mentions: 1, fields: ['body'], surfaces: [name], ...extra,
})

function enrichment(entities: RecordEntityRow[], events: RecordEnrichmentRow['events'] = [], version = 'v1'): RecordEnrichmentRow {
  return { version, entities, events }
}

const senkaku = entity('loc:senkaku-islands', 'Senkaku Islands', 'LOC', { country: 'JP', mentions: 2, surfaces: ['Senkaku Islands', 'Diaoyu Islands'] })
const japan = entity('country:JP', 'Japan', 'LOC', { country: 'JP' })
const kishida = entity('person:fumio-kishida', 'Kishida Fumio', 'PERSON', { mentions: 3 })
const event = (start: string, end: string, entities: string[]) => ({
  start, end, value: start.slice(0, 7), precision: 'month', type: 'DATE', text: 'this May', sentence: `The summit meets in ${start}.`, entities, field: 'body',
})

/** What every backend's enrichment tables must do; each backend's test file runs it on a fresh store. */
export function describeEnrichmentContract(name: string, open: () => Promise<Store>) {
  describe(`Enrichment contract: ${name}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
    })
    afterEach(async () => {
      await store.close()
    })
    const search = (q: string) => store.search.search({ query: parseQuery(q), sort: 'date', limit: 20, facets: true })

    it('stores a record\'s entities and events, and replaces them on the next save', async () => {
      const r = await store.publications.create(aRecord(), ctx)
      assert.equal(await store.enrichment.forRecord(r.id), undefined)
      await store.enrichment.save(r.id, enrichment([senkaku, kishida], [event('2023-05-01', '2023-05-31', [kishida.key])]), at)
      const first = await store.enrichment.forRecord(r.id)
      assert.equal(first?.version, 'v1')
      assert.deepEqual(first?.entities.map((e) => [e.key, e.mentions, e.country]), [['person:fumio-kishida', 3, undefined], ['loc:senkaku-islands', 2, 'JP']])
      assert.deepEqual(first?.entities[1]?.surfaces, ['Senkaku Islands', 'Diaoyu Islands'])
      assert.deepEqual(first?.events.map((e) => [e.start, e.end, e.entities]), [['2023-05-01', '2023-05-31', ['person:fumio-kishida']]])
      await store.enrichment.save(r.id, enrichment([japan], [], 'v2'), at)
      const second = await store.enrichment.forRecord(r.id)
      assert.deepEqual(second?.entities.map((e) => e.key), ['country:JP'])
      assert.deepEqual(second?.events, [])
      assert.equal((await store.enrichment.state(r.id))?.version, 'v2')
    })

    it('saves one record\'s enrichment from several workers at once, the saves taking turns', async () => {
      const a = await store.publications.create(aRecord({ url: 'https://example.org/turns/a' }), ctx)
      const b = await store.publications.create(aRecord({ url: 'https://example.org/turns/b' }), ctx)
      // Workers enriching the same records at the same moment (an editor saved twice), sharing
      // entities in both orders.
      await Promise.all([
        store.enrichment.save(a.id, enrichment([senkaku, japan, kishida]), at),
        store.enrichment.save(a.id, enrichment([kishida, japan, senkaku]), at),
        store.enrichment.save(b.id, enrichment([japan, kishida]), at),
        store.enrichment.save(b.id, enrichment([kishida, japan]), at),
        store.enrichment.save(a.id, enrichment([senkaku, japan, kishida]), at),
      ])
      assert.deepEqual((await store.enrichment.forRecord(a.id))?.entities.map((e) => e.key).sort(), ['country:JP', 'loc:senkaku-islands', 'person:fumio-kishida'])
      assert.deepEqual((await store.enrichment.forRecord(b.id))?.entities.map((e) => e.key).sort(), ['country:JP', 'person:fumio-kishida'])
    })

    it('finds records by entity in search, facets them, and keeps that through a record update', async () => {
      const a = await store.publications.create(aRecord({ title: 'Islands in dispute' }), ctx)
      const b = await store.publications.create(aRecord({ title: 'Alliance matters', outlet: 'Other Review' }), ctx)
      await store.enrichment.save(a.id, enrichment([senkaku, japan]), at)
      await store.enrichment.save(b.id, enrichment([japan]), at)
      const found = await search('entity:"senkaku islands"')
      assert.deepEqual(found.hits.map((h) => h.publication.id), [a.id])
      assert.deepEqual((await search('entity:Japan')).facets?.entity, [{ value: 'Japan', count: 2 }, { value: 'Senkaku Islands', count: 1 }])
      // an edit re-indexes the record; its entity facets must come back with it
      await store.publications.update(a.id, { ...aRecord({ title: 'Islands in dispute, revised' }) }, { title: { from: 'Islands in dispute', to: 'Islands in dispute, revised' } }, ctx)
      assert.deepEqual((await search('entity:"Senkaku Islands"')).hits.map((h) => h.publication.id), [a.id])
      await store.enrichment.save(a.id, enrichment([japan]), at)
      assert.equal((await search('entity:"Senkaku Islands"')).total, 0)
    })

    it('counts published records only in the analysts\' views', async () => {
      const pub = await store.publications.create(aRecord({ published: '2023-01-18', topics: ['Security'] }), ctx)
      const pub2 = await store.publications.create(aRecord({ title: 'Second', published: '2023-03-02' }), ctx)
      const draft = await store.publications.create(aRecord({ title: 'Draft', status: 'draft', published: '2023-02-01' }), ctx)
      await store.enrichment.save(pub.id, enrichment([senkaku, japan, kishida], [event('2023-05-01', '2023-05-31', [kishida.key]), event('2027-01-01', '2027-12-31', [japan.key])]), at)
      await store.enrichment.save(pub2.id, enrichment([japan], [event('2022-12-01', '2022-12-31', [japan.key])]), at)
      await store.enrichment.save(draft.id, enrichment([japan, kishida], [event('2024-01-01', '2024-01-31', [kishida.key])]), at)

      assert.deepEqual(await store.enrichment.entity('country:JP'), { key: 'country:JP', name: 'Japan', type: 'LOC', country: 'JP', records: 2 })
      assert.deepEqual((await store.enrichment.topEntities({ limit: 10 })).map((e) => [e.key, e.records]), [['country:JP', 2], ['person:fumio-kishida', 1], ['loc:senkaku-islands', 1]])
      assert.deepEqual((await store.enrichment.topEntities({ type: 'PERSON', limit: 10 })).map((e) => e.key), ['person:fumio-kishida'])
      assert.deepEqual((await store.enrichment.topEntities({ prefix: 'sen', limit: 10 })).map((e) => e.key), ['loc:senkaku-islands'])
      assert.deepEqual(await store.enrichment.recordsMentioning('country:JP', 10), [{ publicationId: pub2.id, mentions: 1 }, { publicationId: pub.id, mentions: 1 }])
      assert.deepEqual((await store.enrichment.allRecordsMentioning('person:fumio-kishida')).sort(), [pub.id, draft.id].sort())
      assert.deepEqual((await store.enrichment.coMentioned('country:JP', 10)).map((e) => [e.key, e.records]), [['person:fumio-kishida', 1], ['loc:senkaku-islands', 1]])
      assert.deepEqual(await store.enrichment.monthlyMentions(['country:JP', 'person:fumio-kishida']), [
        { key: 'country:JP', month: '2023-01', records: 1 },
        { key: 'person:fumio-kishida', month: '2023-01', records: 1 },
        { key: 'country:JP', month: '2023-03', records: 1 },
      ])
      assert.deepEqual(await store.enrichment.countries(), [{ country: 'JP', records: 2 }])

      const all = await store.enrichment.timeline({ limit: 10 })
      assert.equal(all.total, 3)
      assert.deepEqual(all.events.map((e) => e.start), ['2022-12-01', '2023-05-01', '2027-01-01'])
      assert.equal(all.events[1]?.publicationId, pub.id)
      assert.equal(all.events[1]?.published, '2023-01-18')
      assert.deepEqual((await store.enrichment.timeline({ entity: 'person:fumio-kishida', limit: 10 })).events.map((e) => e.start), ['2023-05-01'])
      assert.deepEqual((await store.enrichment.timeline({ topic: 'security', limit: 10 })).events.map((e) => e.start), ['2023-05-01', '2027-01-01'])
      assert.deepEqual((await store.enrichment.timeline({ author: 'okonkwo', from: '2023-05-15', to: '2023-06-30', limit: 10 })).events.map((e) => e.start), ['2023-05-01'])
      assert.deepEqual((await store.enrichment.timeline({ limit: 1, offset: 2 })).events.map((e) => e.start), ['2027-01-01'])
    })

    it('records failures, counts attempts per version and lists what needs enriching', async () => {
      const a = await store.publications.create(aRecord({ title: 'A' }), ctx)
      const b = await store.publications.create(aRecord({ title: 'B' }), ctx)
      const c = await store.publications.create(aRecord({ title: 'C' }), ctx)
      await store.enrichment.save(a.id, enrichment([japan], [], 'v1'), at)
      await store.enrichment.markFailed(b.id, 'v1', 'boom', at)
      await store.enrichment.markFailed(b.id, 'v1', 'boom again', at)
      const failed = await store.enrichment.state(b.id)
      assert.deepEqual([failed?.status, failed?.attempts, failed?.error], ['failed', 2, 'boom again'])
      assert.deepEqual((await store.enrichment.stale('v1', 3, 10)).sort(), [b.id, c.id].sort())
      assert.deepEqual(await store.enrichment.stale('v1', 2, 10), [c.id])
      assert.deepEqual((await store.enrichment.stale('v2', 2, 10)).sort(), [a.id, b.id, c.id].sort())
      assert.deepEqual((await store.enrichment.failures(10)).map((f) => f.publicationId), [b.id])
      // a success clears the failure
      await store.enrichment.save(b.id, enrichment([], [], 'v1'), at)
      assert.deepEqual([(await store.enrichment.state(b.id))?.status, (await store.enrichment.state(b.id))?.attempts], ['ok', 0])
    })

    it('renames an entity for every record naming it, and later saves keep the editor\'s name', async () => {
      const a = await store.publications.create(aRecord(), ctx)
      await store.enrichment.save(a.id, enrichment([senkaku]), at)
      await store.enrichment.rename('loc:senkaku-islands', 'Senkaku (Diaoyu) Islands')
      assert.equal((await store.enrichment.entity('loc:senkaku-islands'))?.name, 'Senkaku (Diaoyu) Islands')
      assert.equal((await search('entity:"Senkaku (Diaoyu) Islands"')).total, 1)
      assert.equal((await search('entity:"Senkaku Islands"')).total, 0)
      await store.enrichment.save(a.id, enrichment([senkaku]), at)
      assert.equal((await store.enrichment.forRecord(a.id))?.entities[0]?.name, 'Senkaku (Diaoyu) Islands')
    })

    it('keeps corrections: archive-wide ones for every record, the others for theirs', async () => {
      const a = await store.publications.create(aRecord({ title: 'A' }), ctx)
      const b = await store.publications.create(aRecord({ title: 'B' }), ctx)
      const merge = await store.enrichment.addCorrection({ kind: 'merge', key: 'person:kishida', target: 'person:fumio-kishida', account: 'ed', createdAt: at })
      await store.enrichment.addCorrection({ kind: 'remove', publicationId: a.id, key: 'country:JP', createdAt: at })
      await store.enrichment.addCorrection({ kind: 'add', publicationId: b.id, key: 'org:quad', name: 'Quad', type: 'ORG', createdAt: at })
      assert.equal(merge.account, 'ed')
      assert.deepEqual((await store.enrichment.corrections(a.id)).map((c) => c.kind), ['merge', 'remove'])
      assert.deepEqual((await store.enrichment.corrections(b.id)).map((c) => [c.kind, c.name]), [['merge', undefined], ['add', 'Quad']])
      assert.deepEqual((await store.enrichment.corrections()).map((c) => c.kind), ['merge'])
      assert.deepEqual((await store.enrichment.allCorrections()).map((c) => c.kind), ['merge', 'remove', 'add'])
    })
  })
}
