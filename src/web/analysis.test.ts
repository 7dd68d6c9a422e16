import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { tempDir } from '../../test/support/paths.js'
import { Archive } from '../archive/index.js'
import { silentLogger } from '../shared/index.js'
import type { Store } from '../store/index.js'
import { openSqliteStore } from '../store/sqlite/index.js'
import { createApp } from './app.js'
import { toCsv } from './csv.js'

describe('analysis pages and data over real HTTP', () => {
  let store: Store
  let base: string
  let app: ReturnType<typeof createApp>
  let archive: Archive
  const ids: Record<string, string> = {}
  let token: string

  before(async () => {
    store = await openSqliteStore({ file: path.join(tempDir(), 'analysis-web.db') })
    archive = new Archive({ store, log: silentLogger, now: () => new Date('2024-05-01T00:00:00Z') })
    const lines = [
      { id: 'islands-piece', type: 'Op-Ed', title: 'Islands & <Alliances>', authors: ['Adaeze Okonkwo'], published: '2023-01-18', topics: ['Security'],
        body: { text: 'Prime Minister Kishida Fumio toured G-7 capitals from January 9 to 13. The summit meets this May in Hiroshima.\n\nThe Senkaku Islands, called the Diaoyu Islands by China, remain disputed. <script>alert(1)</script>', isExcerpt: false } },
      { id: 'second-piece', type: 'Op-Ed', title: 'Second Look', authors: ['Sam Lee'], published: '2023-03-02',
        body: { text: 'Prime Minister Kishida Fumio met officials in Tokyo last December. Japan plans to double spending by 2027.', isExcerpt: false } },
      { id: 'draft-piece', title: 'Draft on Oslo', status: 'draft', body: { text: 'Officials met in Oslo this spring.', isExcerpt: false } },
    ]
    const source = { name: 'analysis.jsonl', bytes: Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')) }
    for (const o of await archive.importItems(archive.readSources([source]), { actor: 'test' })) ids[o.ref] = o.id!
    token = (await archive.createToken('analysis test', ['write'])).secret
    app = createApp({ archive, log: silentLogger })
    await app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  })
  after(async () => {
    await app.close()
    await store.close()
  })

  const get = async (p: string) => {
    const r = await fetch(base + p)
    return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text(), headers: r.headers }
  }

  it('shows an entity page: its pieces, what it is named with, a chart with its table, and downloads', async () => {
    const page = await get('/entities/person%3Afumio-kishida')
    assert.equal(page.status, 200)
    assert.match(page.body, /<h1>Kishida Fumio<\/h1>/)
    assert.match(page.body, /Named in 2 published pieces/)
    assert.match(page.body, /href="\/publications\/islands-piece">Islands &amp; &lt;Alliances&gt;<\/a>/)
    assert.match(page.body, /<svg class="chart"[^>]*role="img"/)
    assert.match(page.body, /<tr><td>2023-01<\/td><td>1<\/td><\/tr>/)
    assert.match(page.body, /<tr><td>2023-02<\/td><td>0<\/td><\/tr>|<tr><td>2023-03<\/td><td>1<\/td><\/tr>/)
    assert.match(page.body, /href="\/entities\/org%3Agroup-of-seven">Group of Seven<\/a>/)
    assert.match(page.body, /href="\/api\/v1\/entities\/person%3Afumio-kishida\/monthly.csv"/)
    assert.equal((await get('/entities/person%3Anobody')).status, 404)
    // the draft's places are not shown to the public
    assert.equal((await get('/entities/loc%3Aoslo-no')).status, 404)
  })

  it('lists entities by kind and by the start of their name', async () => {
    const people = await get('/entities?type=PERSON')
    assert.match(people.body, /Kishida Fumio<\/a><\/td><td>Person<\/td><td>2<\/td>/)
    assert.doesNotMatch(people.body, /Hiroshima/)
    const bySen = await get('/entities?q=sen')
    assert.match(bySen.body, /Senkaku Islands/)
    assert.doesNotMatch(bySen.body, /Hiroshima/)
    assert.equal((await get('/entities?type=ANIMAL')).status, 400)
  })

  it('shows the timeline with each event\'s sentence, filters it, and explains a bad filter', async () => {
    const all = await get('/timeline')
    assert.equal(all.status, 200)
    const order = ['December 2022', 'Jan. 9, 2023 – Jan. 13, 2023', 'May 2023', '2027'].map((d) => all.body.indexOf(d))
    assert.ok(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]!)), `events in date order: ${order}`)
    assert.match(all.body, /The summit meets <mark>this May<\/mark> in Hiroshima\./)
    const hiroshima = await get('/timeline?entity=Hiroshima')
    assert.match(hiroshima.body, /Timeline: Hiroshima/)
    assert.match(hiroshima.body, /1 event\b/)
    assert.match((await get('/timeline?author=Sam+Lee')).body, /2 events/)
    assert.match((await get('/timeline?author=Sam+Lee&from=2023-01-01')).body, /1 event\b/)
    const bad = await get('/timeline?from=2023-13')
    assert.equal(bad.status, 400)
    assert.match(bad.body, /role="alert"[^>]*>from must be a day/)
    assert.equal((await get('/timeline?entity=Atlantis')).status, 404)
  })

  it('draws the map on the server with a table of the same counts', async () => {
    const map = await get('/map')
    assert.equal(map.status, 200)
    assert.match(map.body, /<svg class="map"[^>]*role="img"/)
    assert.match(map.body, /<title>Japan: 2 records<\/title>/)
    assert.match(map.body, /<a href="\/entities\/country%3AJP">Japan<\/a><\/td><td>2<\/td>/)
    assert.match(map.body, /<a href="\/entities\/country%3ACN">China<\/a><\/td><td>1<\/td>/)
    assert.doesNotMatch(map.body, /Norway/)
  })

  it('compares entities over time, and says which name it does not know', async () => {
    const trends = await get('/trends?entity=Kishida+Fumio&entity=Senkaku+Islands&entity=')
    assert.equal(trends.status, 200)
    assert.match(trends.body, /<polyline/)
    assert.match(trends.body, /<tr><td>2023-01<\/td><td>1<\/td><td>1<\/td><\/tr>/)
    assert.match(trends.body, /<tr><td>2023-03<\/td><td>1<\/td><td>0<\/td><\/tr>/)
    const unknown = await get('/trends?entity=Atlantis')
    assert.equal(unknown.status, 404)
    assert.match(unknown.body, /no entity named &quot;Atlantis&quot;/)
  })

  it('serves every chart\'s data as JSON and CSV', async () => {
    const monthly = JSON.parse((await get('/api/v1/entities/person%3Afumio-kishida/monthly')).body)
    assert.deepEqual(monthly.monthly, [{ month: '2023-01', records: 1 }, { month: '2023-03', records: 1 }])
    const csv = await get('/api/v1/entities/person%3Afumio-kishida/monthly.csv')
    assert.match(csv.type, /^text\/csv/)
    assert.equal(csv.body, 'month,records\r\n2023-01,1\r\n2023-03,1\r\n')
    const countries = await get('/api/v1/countries.csv')
    assert.match(countries.body, /^country,name,records\r\nJP,Japan,2\r\n/)
    const timeline = JSON.parse((await get('/api/v1/timeline?entity=org:group-of-seven')).body)
    assert.equal(timeline.entity.name, 'Group of Seven')
    assert.deepEqual(timeline.events.map((e: { value: string }) => e.value), ['2023-01-09/2023-01-13'])
    const timelineCsv = await get('/api/v1/timeline.csv?to=2023-01-31')
    assert.match(timelineCsv.body, /^start,end,value,precision,text,sentence,entities,publication,published\r\n2022-12-01,2022-12-31,2022-12,month,last December,/)
    const trends = await get('/api/v1/trends.csv?entity=country:JP&entity=loc:senkaku-islands')
    assert.equal(trends.body, 'month,Japan,Senkaku Islands\r\n2023-01,0,1\r\n2023-02,0,0\r\n2023-03,1,0\r\n')
    const entities = JSON.parse((await get('/api/v1/entities?type=LOC')).body)
    assert.ok(entities.some((e: { key: string; records: number }) => e.key === 'country:JP' && e.records === 1))
    const record = JSON.parse((await get('/api/v1/publications/islands-piece/entities')).body)
    assert.ok(record.entities.some((e: { key: string }) => e.key === 'loc:senkaku-islands'))
    assert.equal((await get('/api/v1/publications/draft-piece/entities')).status, 404)
    const problem = await get('/api/v1/trends')
    assert.equal(problem.status, 400)
    assert.match(problem.type, /problem\+json/)
  })

  it('lists what a piece names on its page, escaped', async () => {
    const page = await get('/publications/islands-piece')
    assert.match(page.body, /<h2 id="named">Named in this piece<\/h2>/)
    assert.match(page.body, /<a href="\/entities\/loc%3Asenkaku-islands">Senkaku Islands<\/a>/)
    assert.doesNotMatch(page.body, /<script>alert\(1\)/)
  })

  it('takes corrections from a write token only, and re-applies them', async () => {
    const post = (body: unknown, auth?: string) => fetch(`${base}/api/v1/entities/corrections`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) }, body: JSON.stringify(body),
    })
    assert.equal((await post({ kind: 'remove', publicationId: 'second-piece', key: 'loc:tokyo' })).status, 401)
    assert.equal((await post({ kind: 'remove', publicationId: 'second-piece' }, token)).status, 400)
    const ok = await post({ kind: 'remove', publicationId: 'second-piece', key: 'loc:tokyo' }, token)
    assert.equal(ok.status, 201)
    const record = JSON.parse((await get('/api/v1/publications/second-piece/entities')).body)
    assert.ok(!record.entities.some((e: { key: string }) => e.key === 'loc:tokyo'))
    // the record's page shows the change at once (its cache follows enrichment)
    assert.doesNotMatch((await get('/publications/second-piece')).body, /entities\/loc%3Atokyo/)
  })
})

describe('toCsv', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    assert.equal(toCsv(['a', 'b'], [['x, y', 'say "hi"'], ['=SUM(A1)', 3], [undefined, '-1']]), 'a,b\r\n"x, y","say ""hi"""\r\n\'=SUM(A1),3\r\n,\'-1\r\n')
  })
})
