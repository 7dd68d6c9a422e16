import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { SEED_PAGE, tempDir } from '../../test/support/paths.js'
import { silentLogger } from '../shared/index.js'
import type { Store } from '../store/index.js'
import { openSqliteStore } from '../store/sqlite/index.js'
import { Archive } from './archive.js'

const dir = tempDir()
let n = 0
const page = (title: string, body: string, date = 'March 5, 2024') =>
  `Op-Ed - The Harbour Review\n\n${title}\n\nAdaeze Okonkwo | ${date}\n\nA short dek.\n\n${body}\n`

describe('Analysis: enrichment in the archive', () => {
  let store: Store
  let archive: Archive
  let file: string
  beforeEach(async () => {
    file = path.join(dir, `analysis-${++n}.db`)
    store = await openSqliteStore({ file })
    archive = new Archive({ store, log: silentLogger, now: () => new Date('2024-06-01T00:00:00Z') })
  })
  afterEach(() => store.close())

  const importPage = async (name: string, text: string) => {
    const [outcome] = await archive.importItems(archive.readSources([{ name, bytes: Buffer.from(text) }]), { actor: 'test' })
    assert.equal(outcome!.status, 'created', outcome!.error?.message)
    return outcome!.id!
  }

  it('enriches the model page on import: its people, places, organisations merged, and its timeline', { skip: !existsSync(SEED_PAGE) && 'the seed page is not in ../shared' }, async () => {
    const id = await importPage('seed.txt', readFileSync(SEED_PAGE, 'utf8'))
    const found = await archive.analysis.forRecord(id)
    assert.ok(found)
    const byKey = new Map(found.entities.map((e) => [e.key, e]))
    for (const key of ['person:fumio-kishida', 'person:biden-joe', 'person:antony-blinken', 'person:olaf-scholz', 'country:JP', 'country:US', 'country:CN',
      'loc:senkaku-islands', 'loc:hiroshima', 'org:group-of-seven', 'org:trans-pacific-partnership']) {
      assert.ok(byKey.has(key), `${key} among ${[...byKey.keys()].join(', ')}`)
    }
    // merged: "Kishida", "Kishida Fumio" and the possessive forms are one person; U.S. and United States one country
    assert.ok(byKey.get('person:fumio-kishida')!.mentions >= 10)
    assert.ok(byKey.get('country:US')!.surfaces.includes('U.S.') && byKey.get('country:US')!.surfaces.includes('United States'))
    assert.ok(byKey.get('loc:senkaku-islands')!.surfaces.includes('Diaoyu Islands'))
    assert.equal(found.entities.filter((e) => e.key.startsWith('person:') && e.name.includes('Kishida')).length, 1)
    const events = found.events.map((e) => `${e.start}..${e.end}`)
    for (const span of ['2023-01-09..2023-01-13', '2023-05-01..2023-05-31', '2022-12-01..2022-12-31', '2027-01-01..2027-12-31']) {
      assert.ok(events.includes(span), `${span} among ${events.join(', ')}`)
    }
    const may = found.events.find((e) => e.value === '2023-05')!
    assert.ok(may.entities.includes('loc:hiroshima') && may.entities.includes('org:group-of-seven'))
    // and it is findable by entity in search
    const answer = await archive.search('entity:"Senkaku Islands"')
    assert.deepEqual(answer.hits.map((h) => h.id), [id])
  })

  it('keeps editors\' corrections through re-enrichment and record edits', async () => {
    const a = await importPage('a.txt', page('Coastal talks', 'Prime Minister Kishida met the Coastal Research Council (CRC) in Oslo. Kishida spoke.'))
    const b = await importPage('b.txt', page('More talks', 'Prime Minister Kishida Fumio returned to Oslo.'))
    const before = await archive.analysis.forRecord(a)
    assert.ok(before!.entities.some((e) => e.key === 'person:kishida'))
    await archive.analysis.correct({ kind: 'merge', key: 'person:kishida', target: 'person:fumio-kishida' }, 'editor@example.org')
    await archive.analysis.correct({ kind: 'remove', publicationId: a, key: 'org:coastal-research-council' }, 'editor@example.org')
    await archive.analysis.correct({ kind: 'add', publicationId: a, name: 'Norway', type: 'LOC' }, 'editor@example.org')

    const check = async () => {
      const now = await archive.analysis.forRecord(a)
      const keys = now!.entities.map((e) => e.key)
      assert.ok(keys.includes('person:fumio-kishida') && !keys.includes('person:kishida'), keys.join(', '))
      assert.ok(!keys.includes('org:coastal-research-council'))
      assert.ok(keys.includes('country:NO'))
    }
    await check()
    // a new enricher run and an edit of the record both start from scratch; the corrections stay
    assert.equal(await archive.analysis.enrich(a), 'ok')
    await check()
    const record = await archive.get(a)
    await archive.updateRecord(a, { summary: 'A new dek.' }, record.revision, 'test')
    await check()
    const view = await archive.analysis.entityView('person:fumio-kishida')
    assert.deepEqual(view.records.map((r) => r.publication.id).sort(), [a, b].sort())
    // per-record corrections stay with their record
    assert.ok((await archive.analysis.forRecord(b))!.entities.every((e) => e.key !== 'country:NO'))

    // a backup keeps the corrections (not what enrichment found); restored, enrichment finds it again with them
    const target = await openSqliteStore({ file: path.join(dir, `restored-${n}.db`) })
    try {
      const copy = new Archive({ store: target, log: silentLogger, now: () => new Date('2024-06-02T00:00:00Z') })
      await copy.restore(archive.backup(), 'backup')
      assert.equal(await copy.analysis.forRecord(a), undefined)
      assert.equal(await copy.analysis.needsEnrichment(), true)
      assert.deepEqual(await copy.analysis.enrichStale(), { enriched: 2, failed: 0 })
      assert.deepEqual((await copy.analysis.forRecord(a))!.entities.map((e) => e.key).sort(), (await archive.analysis.forRecord(a))!.entities.map((e) => e.key).sort())
      assert.deepEqual(await copy.restore(archive.backup(), 'backup'), { restored: 0, present: 5 })
    } finally {
      await target.close()
    }
  })

  it('enriches an edited record again only when a field enrichment reads has changed', async () => {
    let clock = Date.parse('2024-06-01T00:00:00Z')
    const ticking = new Archive({ store, log: silentLogger, now: () => new Date((clock += 60_000)) })
    const [created] = await ticking.importItems(ticking.readSources([{ name: 'c.txt', bytes: Buffer.from(page('Harbour talks', 'Prime Minister Kishida visited Oslo.')) }]), { actor: 'test' })
    const id = created!.id!
    const enrichedAt = async () => (await ticking.analysis.state(id))!.updatedAt
    const first = await enrichedAt()
    let record = await ticking.get(id)
    record = await ticking.updateRecord(id, { topics: ['Fisheries'] }, record.revision, 'test')
    assert.equal(await enrichedAt(), first, 'a new topic left the text as it was')
    // the same through an import that updates the record
    await ticking.importItems(ticking.readSources([{ name: 'c.jsonl', bytes: Buffer.from(JSON.stringify({ id, title: record.title, topics: ['Fisheries', 'Ports'] })) }]), { actor: 'test' })
    assert.equal((await ticking.get(id)).topics.length, 2)
    assert.equal(await enrichedAt(), first)
    record = await ticking.get(id)
    await ticking.updateRecord(id, { summary: 'Talks in Bergen.' }, record.revision, 'test')
    assert.notEqual(await enrichedAt(), first, 'a new summary is enriched again')
  })

  it('stores a record whose enrichment fails, flags it, and retries it later', async () => {
    // a real failure: the events table is gone, so saving an enrichment throws
    const raw = new Database(file)
    raw.exec('ALTER TABLE record_events RENAME TO record_events_away')
    const id = await importPage('a.txt', page('Talks in Oslo', 'The envoy arrived in Oslo this May.'))
    assert.ok(await archive.get(id))
    const state = (await archive.analysis.failures()).find((f) => f.publicationId === id)
    assert.equal(state?.status, 'failed')
    assert.equal(state?.attempts, 1)
    assert.match(state?.error ?? '', /record_events/)

    raw.exec('ALTER TABLE record_events_away RENAME TO record_events')
    raw.close()
    assert.deepEqual(await archive.analysis.enrichStale(), { enriched: 1, failed: 0 })
    assert.equal((await archive.analysis.forRecord(id))?.events[0]?.value, '2024-05')
    assert.deepEqual(await archive.analysis.failures(), [])
  })

  it('answers the analysts\' views from published records only', async () => {
    const a = await importPage('a.txt', page('Oslo talks', 'Prime Minister Kishida Fumio met officials in Oslo and Tokyo.', 'January 18, 2023'))
    const b = await importPage('b.txt', page('Tokyo talks', 'Officials in Tokyo met again.', 'March 2, 2023'))
    const draft = await archive.createRecord({ title: 'Draft', body: { text: 'Tokyo and Oslo again.', isExcerpt: false }, published: '2023-04-01' }, 'test')
    assert.equal(draft.status, 'draft')
    const trends = await archive.analysis.trends(['Tokyo', 'oslo'])
    assert.deepEqual(trends.entities.map((e) => e.key), ['loc:tokyo', 'loc:oslo-no'])
    assert.deepEqual(trends.months, [
      { month: '2023-01', counts: [1, 1] },
      { month: '2023-02', counts: [0, 0] },
      { month: '2023-03', counts: [1, 0] },
    ])
    assert.deepEqual(await archive.analysis.countries(), [{ country: 'JP', name: 'Japan', records: 2 }, { country: 'NO', name: 'Norway', records: 1 }])
    const tokyo = await archive.analysis.entityView('loc:tokyo')
    assert.deepEqual(tokyo.records.map((r) => r.publication.id), [b, a])
    await assert.rejects(archive.analysis.resolveEntity('Atlantis'), /no entity named "Atlantis"/)
    await assert.rejects(archive.analysis.timeline({ from: '2023-13', limit: 5 }), /from must be a day/)
  })
})
