import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { tempDir } from '../../test/support/paths.js'
import { Archive } from '../archive/index.js'
import { silentLogger } from '../shared/index.js'
import type { Store } from '../store/index.js'
import { openSqliteStore } from '../store/sqlite/index.js'
import { extractFromHtml } from '../ingest/index.js'
import { displayName } from '../model/index.js'
import { createApp } from './app.js'

describe('web pages over real HTTP', () => {
  let store: Store
  let base: string
  let app: ReturnType<typeof createApp>
  const ids: Record<string, string> = {}

  before(async () => {
    store = await openSqliteStore({ file: path.join(tempDir(), 'web.db') })
    const archive = new Archive({ store, log: silentLogger, now: () => new Date('2024-05-01T00:00:00Z') })
    const lines = [
      { id: 'public-piece', type: 'Op-Ed', title: 'Ports <script>alert("x")</script> & Power', outlet: 'The Harbour Review', authors: ['Adaeze Okonkwo'], published: '2024-03-05', summary: 'Dek with <b>tags</b>.', body: { text: 'Para one.\n\nPara two', isExcerpt: true }, url: 'https://example.org/ports', contact: 'Press Office' },
      { id: 'draft-piece', title: 'Not Yet', status: 'draft', featured: true },
      { id: 'gone-piece', title: 'Pulled Piece', status: 'withdrawn', authors: ['Sam Lee'], outlet: 'Quarterly' },
      { id: 'journal-piece', type: 'Journal Article', title: 'Deterrence at Sea', outlet: 'International Security', authors: ['Lars van der Berg', 'Kishida, Fumio'], published: '2022-06-15', volume: '47', issue: '1', pages: '7-45', identifiers: { doi: '10.1162/isec_a_00001' }, language: 'en', featured: true },
      { id: 'report-piece', type: 'Report', title: 'Fishing Fleets', authors: ['Center for Maritime Studies'], publishers: ['Center for Maritime Studies'], published: '2021', identifiers: { reportNumber: 'CMS-7' } },
    ]
    const source = { name: 'web.jsonl', bytes: Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')) }
    for (const o of await archive.importItems(archive.readSources([source]), { actor: 'test' })) ids[o.ref] = o.id!
    app = createApp({ archive, log: silentLogger })
    await app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  })
  after(async () => {
    await app.close()
    await store.close()
  })

  it('lists published records on the home page, escaped', async () => {
    const res = await fetch(`${base}/`)
    assert.equal(res.status, 200)
    const body = await res.text()
    assert.match(body, /Ports &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; Power/)
    assert.doesNotMatch(body, /<script>/)
    assert.doesNotMatch(body, /Not Yet/, 'a featured draft stays hidden')
    const featured = /<section aria-labelledby="featured-h"[\s\S]*?<\/section>/.exec(body)?.[0] ?? ''
    assert.match(featured, /Deterrence at Sea/)
    assert.doesNotMatch(featured, /Fishing Fleets/)
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/)
    assert.doesNotMatch(res.headers.get('content-security-policy') ?? '', /unsafe-inline/)
    const css = await fetch(`${base}/static/site.css`)
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/)
    assert.match(await css.text(), /@media print/)
  })

  it('shows a publication with the anatomy of the model page and its Chicago citation', async () => {
    const res = await fetch(`${base}/publications/public-piece`)
    assert.equal(res.status, 200)
    const body = await res.text()
    assert.match(body, /Op-Ed - The Harbour Review/)
    assert.match(body, /<a href="\/experts\/Adaeze%20Okonkwo">Adaeze Okonkwo<\/a> \| <time datetime="2024-03-05">March 5, 2024<\/time>/)
    assert.match(body, /Dek with &lt;b&gt;tags&lt;\/b&gt;\./)
    assert.match(body, /<p>Para one\.<\/p>\s*<p>Para two<\/p>/)
    assert.match(body, /<a href="https:\/\/example.org\/ports">Continue reading at The Harbour Review<\/a>/)
    assert.match(body, /For more information on this publication: Press Office/)
    assert.match(body, /<div class="citation" id="citation-text"><div class="csl-entry">Okonkwo, Adaeze\. “Ports &#60;script&#62;alert\(‘x’\)&#60;\/Script&#62; &#38; Power\.” <i>The Harbour Review<\/i>, March 5, 2024\. https:\/\/example\.org\/ports\.<\/div><\/div>/)
    assert.doesNotMatch(body, /<script>/)
  })

  it('carries the metadata reference managers read, with the right item type for each kind of piece', async () => {
    const opEd = await (await fetch(`${base}/publications/public-piece`)).text()
    assert.match(opEd, /<link rel="canonical" href="http:\/\/127\.0\.0\.1:8080\/publications\/public-piece">/)
    assert.match(opEd, /<meta name="citation_title" content="Ports &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; Power">/)
    assert.match(opEd, /<meta name="citation_author" content="Okonkwo, Adaeze">/)
    assert.match(opEd, /<meta name="citation_publication_date" content="2024\/03\/05">/)
    assert.doesNotMatch(opEd, /citation_journal_title/, 'an op-ed is never announced as a journal article')
    assert.match(opEd, /<meta name="z\.itemType" content="newspaperArticle">/)
    assert.match(opEd, /<meta name="DC\.source" content="The Harbour Review">/)
    assert.match(opEd, /<meta property="og:title" content=/)
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(opEd)![1]!)
    assert.equal(ld['@type'], 'OpinionNewsArticle')
    assert.equal(ld.headline, 'Ports <script>alert("x")</script> & Power')
    assert.doesNotMatch(opEd, /<script>alert/)

    const journal = await (await fetch(`${base}/publications/journal-piece`)).text()
    assert.deepEqual([...journal.matchAll(/<meta name="citation_author" content="([^"]*)">/g)].map((m) => m[1]), ['van der Berg, Lars', 'Kishida, Fumio'])
    for (const tag of ['citation_journal_title" content="International Security', 'citation_volume" content="47', 'citation_issue" content="1', 'citation_firstpage" content="7', 'citation_lastpage" content="45', 'citation_doi" content="10.1162/isec_a_00001', 'z.itemType" content="journalArticle']) {
      assert.ok(journal.includes(`<meta name="${tag}">`), tag)
    }
    const report = await (await fetch(`${base}/publications/report-piece`)).text()
    assert.match(report, /<meta name="citation_technical_report_institution" content="Center for Maritime Studies">/)
    assert.match(report, /<meta name="citation_technical_report_number" content="CMS-7">/)
    assert.match(report, /<meta name="z\.itemType" content="report">/)
    assert.match(report, /"@type":"Report"/)

    // Our own ingest pipeline reads our pages back: the tags say what the record says.
    const back = extractFromHtml(journal, { url: `${base}/publications/journal-piece` })
    assert.equal(back.draft.title, 'Deterrence at Sea')
    assert.deepEqual(back.draft.authors?.map(displayName), ['Lars van der Berg', 'Fumio Kishida'])
    assert.equal(back.draft.published, '2022-06-15')
    assert.equal(back.draft.type, 'journal-article')
    assert.equal(back.draft.outlet, 'International Security')
  })

  it('switches citation styles and offers BibTeX, RIS and CSL-JSON downloads', async () => {
    const apa = await (await fetch(`${base}/publications/journal-piece?style=apa`)).text()
    assert.match(apa, /<div class="citation" id="citation-text"><div class="csl-entry">van der Berg, L\., &#38; Kishida, F\. \(2022\)\. Deterrence at Sea\./)
    assert.match(apa, /<strong aria-current="true">APA<\/strong>/)
    assert.match(apa, /<a href="\/publications\/journal-piece\?style=chicago#cite">Chicago<\/a>/)
    assert.match(apa, /<button type="button" class="copy" data-copy="citation-text" hidden>Copy citation<\/button>/)
    assert.match(apa, /<script src="\/static\/app\.js" defer><\/script>/)
    const js = await fetch(`${base}/static/app.js`)
    assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/)
    assert.match(await js.text(), /navigator\.clipboard\.writeText/)
    const bib = await fetch(`${base}/publications/journal-piece/cite.bib`)
    assert.equal(bib.headers.get('content-disposition'), 'attachment; filename="deterrence-at-sea.bib"')
    assert.match(await bib.text(), /^@article\{/)
    assert.match(await (await fetch(`${base}/publications/journal-piece/cite.ris`)).text(), /^TY {2}- JOUR/)
    const csl = JSON.parse(await (await fetch(`${base}/publications/journal-piece/cite.json`)).text())
    assert.equal((Array.isArray(csl) ? csl[0] : csl).title, 'Deterrence at Sea')
    assert.equal((await fetch(`${base}/publications/draft-piece/cite.bib`)).status, 404)
  })

  it('searches with facets that toggle filters, marked snippets and a readable error', async () => {
    const page = await (await fetch(`${base}/search?q=sea`)).text()
    assert.match(page, /1 result/)
    assert.match(page, /<a href="\/publications\/journal-piece">Deterrence at Sea<\/a>/)
    assert.doesNotMatch(page, /<p class="snippet"><\/p>/, 'no empty snippet when only the title matched')
    assert.match(page, /<a href="\/search\?q=sea%20type%3Ajournal-article">Journal Article<\/a> \(1\)/)
    const filtered = await (await fetch(`${base}/search?q=${encodeURIComponent('ports type:op-ed')}`)).text()
    assert.match(filtered, /aria-current="true" class="selected">Op-Ed<\/a>/)
    assert.match(filtered, /Ports &lt;script&gt;/)
    assert.doesNotMatch(filtered, /<script>alert/)
    const dek = await (await fetch(`${base}/search?q=dek`)).text()
    assert.match(dek, /<p class="snippet"><mark>Dek<\/mark> with &lt;b&gt;tags&lt;\/b&gt;\.<\/p>/)
    const bad = await fetch(`${base}/search?q=${encodeURIComponent('foo:bar')}`)
    assert.equal(bad.status, 400)
    assert.match(await bad.text(), /<p role="alert">unknown field &quot;foo&quot;/)
  })

  it('links authors to their expert pages: a filtered listing with counts', async () => {
    const page = await (await fetch(`${base}/publications/journal-piece`)).text()
    assert.match(page, /<a href="\/experts\/Lars%20van%20der%20Berg">Lars van der Berg<\/a>, <a href="\/experts\/Fumio%20Kishida">Fumio Kishida<\/a>/)
    const expert = await (await fetch(`${base}/experts/Lars%20van%20der%20Berg`)).text()
    assert.match(expert, /<h1>Publications by Lars van der Berg<\/h1>/)
    assert.match(expert, /1 result/)
    assert.match(expert, /Deterrence at Sea/)
    assert.match(await (await fetch(`${base}/outlets/International%20Security`)).text(), /<h1>Publications in International Security<\/h1>[\s\S]*1 result/)
  })

  it('redirects a slug to the canonical id address', async () => {
    const res = await fetch(`${base}/publications/ports-script-alert-x-script-power`, { redirect: 'manual' })
    assert.equal(res.status, 301)
    assert.equal(res.headers.get('location'), '/publications/public-piece')
  })

  it('hides drafts, marks withdrawn pieces and answers unknown addresses with 404', async () => {
    assert.equal((await fetch(`${base}/publications/draft-piece`)).status, 404)
    const gone = await fetch(`${base}/publications/gone-piece`)
    assert.equal(gone.status, 200)
    assert.match(await gone.text(), /This publication has been withdrawn/)
    const missing = await fetch(`${base}/publications/nope`)
    assert.equal(missing.status, 404)
    assert.equal((await fetch(`${base}/no/such/page`)).status, 404)
  })
})
