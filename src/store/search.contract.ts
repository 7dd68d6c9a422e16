import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { aRecord } from '../../test/support/builders.js'
import type { PublicationFields } from '../model/index.js'
import { parseQuery } from '../search/index.js'
import type { SearchRequest, Store } from './store.js'

const ctx = { actor: 'test', at: '2024-03-06T10:00:00.000Z' }

/**
 * Full-text search as every Store backend must answer it. Records are of our own invention;
 * each test states the few fields it is about.
 */
export function describeSearchContract(name: string, open: () => Promise<Store>) {
  describe(`Search contract: ${name}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
    })
    afterEach(async () => {
      await store.close()
    })

    const add = (fields: Partial<PublicationFields>) => store.publications.create(aRecord({ summary: undefined, ...fields }), ctx)
    const search = (q: string, extra: Partial<SearchRequest> = {}) => store.search.search({ query: parseQuery(q), sort: 'relevance', limit: 20, ...extra })
    const titles = async (q: string, extra: Partial<SearchRequest> = {}) => (await search(q, extra)).hits.map((h) => h.publication.title)

    it('changes its version with every write, and only then', async () => {
      const v0 = await store.search.version()
      assert.equal(await store.search.version(), v0)
      const p = await add({ title: 'Versioned piece' })
      const v1 = await store.search.version()
      assert.notEqual(v1, v0)
      await search('versioned')
      assert.equal(await store.search.version(), v1, 'reading changes nothing')
      await store.publications.update(p.id, aRecord({ title: 'Versioned piece, edited' }), { title: { from: 'Versioned piece', to: 'Versioned piece, edited' } }, ctx)
      assert.notEqual(await store.search.version(), v1)
    })

    it('ranks a title hit above a summary hit above a body hit, ties by recency', async () => {
      await add({ title: 'Ports and Winter Repairs', body: { text: 'Icebreakers escort convoys through the strait.', isExcerpt: false }, published: '2024-01-01' })
      await add({ title: 'Icebreakers for the Alliance', published: '2020-01-01' })
      await add({ title: 'Budget Lines', summary: 'Who pays for icebreakers.', published: '2024-02-01' })
      await add({ title: 'Icebreakers Revisited', published: '2023-01-01' })
      assert.deepEqual(await titles('icebreakers'), ['Icebreakers Revisited', 'Icebreakers for the Alliance', 'Budget Lines', 'Ports and Winter Repairs'])
      assert.deepEqual(await titles('icebreakers', { sort: 'date' }), ['Budget Lines', 'Ports and Winter Repairs', 'Icebreakers Revisited', 'Icebreakers for the Alliance'])
    })

    it('reads phrases, exclusions, OR and prefixes', async () => {
      await add({ title: 'Security cooperation in the Pacific' })
      await add({ title: 'Cooperation on security grants' })
      await add({ title: 'Nuclear security in Korea' })
      await add({ title: 'Japanese ports reopen' })
      assert.deepEqual((await titles('"security cooperation"')).sort(), ['Security cooperation in the Pacific'])
      assert.deepEqual((await titles('security -korea')).sort(), ['Cooperation on security grants', 'Security cooperation in the Pacific'])
      assert.deepEqual((await titles('pacific OR korea')).sort(), ['Nuclear security in Korea', 'Security cooperation in the Pacific'])
      assert.deepEqual((await titles('japan*')).sort(), ['Japanese ports reopen'])
      assert.deepEqual((await titles('-security -japanese')).sort(), [])
      assert.equal((await search('-korea')).total, 3)
    })

    it('folds case and diacritics, stems English, and finds Chinese and Japanese words inside text', async () => {
      await add({ title: 'Gerhard Schröder and the Pipeline', summary: 'Sanctions were imposed.' })
      await add({ title: '尖閣諸島をめぐる日中関係', summary: '東シナ海の緊張' })
      assert.equal((await search('schroder')).total, 1)
      assert.equal((await search('SCHRÖDER')).total, 1)
      assert.equal((await search('sanction')).total, 1)
      assert.equal((await search('尖閣')).total, 1)
      assert.equal((await search('日中')).total, 1)
      assert.equal((await search('緊張')).total, 1)
      assert.equal((await search('中国')).total, 0)
    })

    it('filters by field and counts facets disjunctively', async () => {
      await add({ title: 'Arctic one', type: 'report', authors: [{ kind: 'person', given: 'Mina', family: 'Pollmann' }], topics: ['Arctic'], published: '2021-05-01' })
      await add({ title: 'Arctic two', type: 'policy-brief', authors: [{ kind: 'person', given: 'Fumio', family: 'Kishida', familyFirst: true }], topics: ['Arctic', 'Shipping'], published: '2023-02-10', outlet: 'The Diplomat' })
      await add({ title: 'Arctic three', type: 'op-ed', published: '2019-07-01', regions: ['Nordic'], language: 'de' })
      assert.deepEqual((await titles('arctic type:report')).sort(), ['Arctic one'])
      assert.deepEqual((await titles('arctic type:report type:"policy brief"')).sort(), ['Arctic one', 'Arctic two'])
      assert.deepEqual(await titles('author:kishida'), ['Arctic two'])
      assert.deepEqual(await titles('author:"Mina Pollmann"'), ['Arctic one'])
      assert.deepEqual(await titles('outlet:"the diplomat"'), ['Arctic two'])
      assert.deepEqual(await titles('topic:shipping'), ['Arctic two'])
      assert.deepEqual(await titles('region:nordic lang:de'), ['Arctic three'])
      assert.deepEqual((await titles('arctic year:2020..2023')).sort(), ['Arctic one', 'Arctic two'])
      assert.deepEqual(await titles('date:2023-01..2023-03'), ['Arctic two'])
      await add({ title: 'Arctic four', type: 'report', published: '2023-03' })
      assert.deepEqual((await titles('date:2023-01..2023-03')).sort(), ['Arctic four', 'Arctic two'], 'a month-precision date is in a range of days')
      assert.deepEqual((await titles('arctic type:report -type:op-ed')).sort(), ['Arctic four', 'Arctic one'])
      assert.deepEqual((await titles('arctic -type:report')).sort(), ['Arctic three', 'Arctic two'])
      assert.deepEqual((await titles('arctic -year:2020..2023')).sort(), ['Arctic three'])
      assert.deepEqual((await titles('arctic -year:2020..2023 -type:report')).sort(), ['Arctic three'])
      assert.deepEqual((await titles('arctic year:2020..2023 -type:report')).sort(), ['Arctic two'])

      const faceted = await search('arctic type:report year:..2022', { facets: true })
      assert.equal(faceted.total, 1)
      // The type facet ignores the type filter, so the other types stay visible with counts.
      assert.deepEqual(faceted.facets!.type.map((f) => [f.value, f.count]).sort(), [['op-ed', 1], ['report', 1]])
      // Other facets are narrowed by it.
      assert.deepEqual(faceted.facets!.author, [{ value: 'Mina Pollmann', count: 1 }])
      assert.deepEqual(faceted.facets!.year.map((f) => [f.value, f.count]).sort(), [['2021', 1], ['2023', 1]])
      assert.deepEqual((await search('arctic', { facets: true })).facets!.topic, [{ value: 'Arctic', count: 2 }, { value: 'Shipping', count: 1 }])
    })

    it('never shows drafts or withdrawn records to the public, and finds an edit by its new words at once', async () => {
      const draft = await add({ title: 'Draft on tariffs', status: 'draft' })
      await add({ title: 'Withdrawn on tariffs', status: 'withdrawn' })
      const live = await add({ title: 'Tariffs explained' })
      assert.deepEqual(await titles('tariffs'), ['Tariffs explained'])
      assert.equal((await search('tariffs', { includeUnpublished: true })).total, 3)
      assert.equal((await search('', { facets: true })).facets!.type.reduce((n, f) => n + f.count, 0), 1)

      const { id: _id, slug: _slug, createdAt: _c, updatedAt: _u, revision: _r, ...fields } = live
      await store.publications.update(live.id, { ...fields, title: 'Customs duties explained' }, { title: { from: live.title, to: 'Customs duties explained' } }, ctx)
      assert.deepEqual(await titles('customs'), ['Customs duties explained'])
      assert.deepEqual(await titles('tariffs'), [])
      const { id: _i2, slug: _s2, createdAt: _c2, updatedAt: _u2, revision: _r2, ...draftFields } = draft
      await store.publications.update(draft.id, { ...draftFields, status: 'published' }, { status: { from: 'draft', to: 'published' } }, ctx)
      assert.deepEqual(await titles('tariffs'), ['Draft on tariffs'])
    })

    it('pages by offset and by a stable cursor, in relevance and date order', async () => {
      for (let i = 1; i <= 7; i++) await add({ title: `Convoy note ${i}`, body: { text: 'convoy '.repeat(i), isExcerpt: false }, published: `2024-01-0${i}` })
      for (const sort of ['relevance', 'date'] as const) {
        const all = (await search('convoy', { sort })).hits.map((h) => h.publication.title)
        const seen: string[] = []
        let cursor: string | undefined
        do {
          const page = await search('convoy', { sort, limit: 3, cursor })
          seen.push(...page.hits.map((h) => h.publication.title))
          cursor = page.nextCursor
        } while (cursor)
        assert.deepEqual(seen, all, sort)
        const second = await search('convoy', { sort, limit: 3, offset: 3 })
        assert.deepEqual(second.hits.map((h) => h.publication.title), all.slice(3, 6))
      }
    })

    it('ranks what a selective filter keeps as the unfiltered ranking does, over pages too', async () => {
      // 24 matches of which 4 are reports: the filter keeps a sixth of them.
      for (let i = 0; i < 24; i++) {
        await add({
          type: i % 6 === 2 ? 'report' : 'op-ed',
          title: i % 5 === 0 ? `Harbour dues ${i}` : `Quay ledger ${i}`,
          body: { text: `${'harbour '.repeat(1 + (i % 7))}tides and cranes ${i}`, isExcerpt: false },
          published: `2023-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + i).padStart(2, '0')}`,
        })
      }
      const unfiltered = (await search('harbour', { limit: 24 })).hits.filter((h) => h.publication.type === 'report').map((h) => h.publication.title)
      assert.equal(unfiltered.length, 4)
      assert.deepEqual(await titles('harbour type:report'), unfiltered)
      const paged: string[] = []
      let cursor: string | undefined
      do {
        const page = await search('harbour type:report', { limit: 3, cursor })
        paged.push(...page.hits.map((h) => h.publication.title))
        cursor = page.nextCursor
      } while (cursor)
      assert.deepEqual(paged, unfiltered)
      assert.deepEqual(await titles('harbour type:report', { limit: 2, offset: 2 }), unfiltered.slice(2))
    })

    it('lists indexed words near a misspelt one', async () => {
      await add({ title: 'Senkaku Islands and the East China Sea' })
      const vocabulary = await store.search.vocabulary('senkako')
      assert.ok(vocabulary.some((v) => v.term === 'senkaku' && v.docs === 1))
      assert.equal(await store.search.hasWord('islands'), true)
      assert.equal(await store.search.hasWord('island'), true, 'as the index reads it: stemmed')
      assert.equal(await store.search.hasWord('senkako'), false)
    })
  })
}
