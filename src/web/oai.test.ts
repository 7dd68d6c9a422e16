import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { tempDir } from '../../test/support/paths.js'
import { Archive } from '../archive/index.js'
import { silentLogger } from '../shared/index.js'
import type { Store } from '../store/index.js'
import { openSqliteStore } from '../store/sqlite/index.js'
import { createApp } from './app.js'

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false, isArray: (name) => ['record', 'header', 'set', 'setSpec', 'dc:identifier', 'dc:creator'].includes(name) })

describe('OAI-PMH 2.0 over real HTTP', () => {
  let store: Store
  let base: string
  let app: ReturnType<typeof createApp>
  const siteUrl = 'https://archive.example'
  let clock = Date.parse('2024-05-01T10:00:00Z')

  before(async () => {
    store = await openSqliteStore({ file: path.join(tempDir(), 'oai.db') })
    // Each record is written a minute after the previous one, so datestamps order them.
    // Enrichment off: it reads the clock too, and these datestamps count the writes alone.
    const archive = new Archive({ store, log: silentLogger, now: () => new Date((clock += 60_000)), enrichOnWrite: false })
    const lines = [
      { id: 'piece-one', type: 'Op-Ed', title: 'Ports & <Power>', outlet: 'The Harbour Review', authors: ['Adaeze Okonkwo', 'Lars van der Berg'], published: '2024-03-05', summary: 'Why ports matter.', url: 'https://example.org/ports', topics: ['Arctic'], regions: ['Nordic'], language: 'en' },
      { id: 'piece-two', type: 'Report', title: 'Fisheries', topics: ['Arctic', 'Trade'], published: '2023' },
      { id: 'piece-three', type: 'Report', title: 'Ice Roads' },
      { id: 'piece-four', type: 'Policy Brief', title: 'Shipping Insurance', program: 'Maritime Program' },
      { id: 'pulled', title: 'Pulled Piece', status: 'withdrawn' },
      { id: 'draft', title: 'Not Yet', status: 'draft' },
      { id: 'removed', title: 'Removed Piece', status: 'deleted' },
    ]
    for (const line of lines) {
      await archive.importItems(archive.readSources([{ name: 'oai.jsonl', bytes: Buffer.from(JSON.stringify(line)) }]), { actor: 'test' })
    }
    app = createApp({ archive, log: silentLogger, oai: { siteUrl, pageSize: 2, adminEmail: 'desk@archive.example', repositoryName: 'Harbour Archive' } })
    await app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  })
  after(async () => {
    await app.close()
    await store.close()
  })

  const get = async (query: string) => {
    const res = await fetch(`${base}/oai?${query}`)
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /^text\/xml/)
    const text = await res.text()
    assert.equal(XMLValidator.validate(text), true, `well-formed XML for ${query}`)
    return { text, doc: parser.parse(text)['OAI-PMH'] }
  }
  const errorOf = async (query: string) => (await get(query)).doc.error

  it('identifies the repository', async () => {
    const { doc } = await get('verb=Identify')
    assert.equal(doc.Identify.repositoryName, 'Harbour Archive')
    assert.equal(doc.Identify.baseURL, 'https://archive.example/oai')
    assert.equal(doc.Identify.protocolVersion, '2.0')
    assert.equal(doc.Identify.earliestDatestamp, '2024-05-01T10:01:00Z')
    assert.equal(doc.Identify.deletedRecord, 'persistent')
    assert.equal(doc.Identify.granularity, 'YYYY-MM-DDThh:mm:ssZ')
    assert.equal(doc.request['@verb'], 'Identify')
  })

  it('lists metadata formats and sets', async () => {
    assert.equal((await get('verb=ListMetadataFormats')).doc.ListMetadataFormats.metadataFormat.metadataPrefix, 'oai_dc')
    const specs = (await get('verb=ListSets')).doc.ListSets.set.map((s: { setSpec: string[] }) => s.setSpec[0])
    for (const spec of ['type', 'type:op-ed', 'topic:arctic', 'topic:trade', 'region:nordic', 'program:maritime-program']) assert.ok(specs.includes(spec), spec)
  })

  it('harvests every record exactly once through resumption tokens, withdrawn and deleted ones as deleted, drafts never', async () => {
    const seen: string[] = []
    let query = 'verb=ListRecords&metadataPrefix=oai_dc'
    let pages = 0
    let lastToken: { '#text'?: string; '@completeListSize': string; '@cursor': string } | undefined
    for (;;) {
      const { doc } = await get(query)
      pages++
      for (const r of doc.ListRecords.record) seen.push(`${r.header[0].identifier}${r.header[0]['@status'] === 'deleted' ? ' deleted' : ''}`)
      lastToken = doc.ListRecords.resumptionToken
      if (!lastToken?.['#text']) break
      query = `verb=ListRecords&resumptionToken=${encodeURIComponent(lastToken['#text'])}`
    }
    assert.deepEqual(seen, ['oai:archive.example:piece-one', 'oai:archive.example:piece-two', 'oai:archive.example:piece-three', 'oai:archive.example:piece-four', 'oai:archive.example:pulled deleted', 'oai:archive.example:removed deleted'])
    assert.equal(pages, 3)
    assert.equal(lastToken?.['@completeListSize'], '6')
    assert.equal(lastToken?.['@cursor'], '4')
  })

  it('filters by set and by date window, and maps the record to Dublin Core', async () => {
    const arctic = (await get('verb=ListIdentifiers&metadataPrefix=oai_dc&set=topic:arctic')).doc.ListIdentifiers.header.map((h: { identifier: string }) => h.identifier)
    assert.deepEqual(arctic, ['oai:archive.example:piece-one', 'oai:archive.example:piece-two'])
    const window = (await get('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2024-05-01T10:02:00Z&until=2024-05-01T10:03:00Z')).doc.ListIdentifiers.header
    assert.deepEqual(window.map((h: { identifier: string }) => h.identifier), ['oai:archive.example:piece-two', 'oai:archive.example:piece-three'])

    const { doc, text } = await get('verb=GetRecord&identifier=oai:archive.example:piece-one&metadataPrefix=oai_dc')
    const dc = doc.GetRecord.record[0].metadata['oai_dc:dc']
    assert.equal(dc['dc:title'], 'Ports & <Power>')
    assert.match(text, /<dc:title>Ports &amp; &lt;Power&gt;<\/dc:title>/)
    assert.deepEqual(dc['dc:creator'], ['Okonkwo, Adaeze', 'van der Berg, Lars'])
    assert.equal(dc['dc:source'], 'The Harbour Review')
    assert.equal(dc['dc:type'], 'Op-Ed')
    assert.equal(dc['dc:date'], '2024-03-05')
    assert.deepEqual(dc['dc:identifier'], ['https://example.org/ports', 'https://archive.example/publications/piece-one'])
    assert.equal(dc['dc:language'], 'en')
    assert.equal(dc['dc:coverage'], 'Nordic')
    const deleted = (await get('verb=GetRecord&identifier=oai:archive.example:pulled&metadataPrefix=oai_dc')).doc.GetRecord.record[0]
    assert.equal(deleted.header[0]['@status'], 'deleted')
    assert.equal(deleted.metadata, undefined)
  })

  it('answers each protocol error with its code, echoing the request safely', async () => {
    assert.equal((await errorOf(''))['@code'], 'badVerb')
    assert.equal((await errorOf('verb=Frobnicate'))['@code'], 'badVerb')
    assert.equal((await errorOf('verb=Identify&verb=Identify'))['@code'], 'badVerb')
    assert.equal((await errorOf('verb=Identify&extra=1'))['@code'], 'badArgument')
    assert.equal((await errorOf('verb=ListRecords'))['@code'], 'badArgument')
    assert.equal((await errorOf('verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc'))['@code'], 'badArgument')
    assert.equal((await errorOf('verb=ListRecords&metadataPrefix=oai_dc&from=2024-05-01&until=2024-05-02T00:00:00Z'))['@code'], 'badArgument')
    assert.equal((await errorOf('verb=ListRecords&metadataPrefix=oai_dc&from=2024-13-01'))['@code'], 'badArgument')
    assert.equal((await errorOf('verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc'))['@code'], 'badArgument')
    assert.equal((await errorOf('verb=ListRecords&resumptionToken=not-a-token'))['@code'], 'badResumptionToken')
    assert.equal((await errorOf('verb=ListRecords&metadataPrefix=marc21'))['@code'], 'cannotDisseminateFormat')
    assert.equal((await errorOf('verb=GetRecord&identifier=oai:archive.example:draft&metadataPrefix=oai_dc'))['@code'], 'idDoesNotExist')
    assert.equal((await errorOf('verb=ListRecords&metadataPrefix=oai_dc&until=2000-01-01'))['@code'], 'noRecordsMatch')
    assert.equal((await errorOf('verb=ListRecords&metadataPrefix=oai_dc&set=topic:nowhere'))['@code'], 'noRecordsMatch')

    const bad = await get(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent('<x a="1">&')}`)
    assert.equal(bad.doc.error['@code'], 'idDoesNotExist')
    assert.equal(bad.doc.request['@identifier'], '<x a="1">&')
    const noAttributes = await get(`verb=Identify&${encodeURIComponent('<evil>')}=${encodeURIComponent('"&')}`)
    assert.equal(noAttributes.doc.error['@code'], 'badArgument')
    assert.equal(noAttributes.doc.request['@verb'], undefined, 'a bad argument leaves the request element without attributes')
  })

  it('takes the same arguments by POST', async () => {
    const res = await fetch(`${base}/oai`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'verb=GetRecord&identifier=oai%3Aarchive.example%3Apiece-two&metadataPrefix=oai_dc' })
    const doc = parser.parse(await res.text())['OAI-PMH']
    assert.equal(doc.GetRecord.record[0].metadata['oai_dc:dc']['dc:title'], 'Fisheries')
  })
})
