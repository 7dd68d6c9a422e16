import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { FIXTURES } from '../../../../test/support/paths.js'
import { displayName, type Contributor } from '../../../model/index.js'
import { createFetcher, type FetchedPage, type Fetcher } from '../../fetch/index.js'
import { extractFromHtml, type HtmlExtraction } from '../extract-html.js'

// Every page here is one of ours (test/fixtures/html/, or bytes built below), served by a
// node:http server on 127.0.0.1 and fetched with the real fetcher, so the text the extractor
// reads has gone through the same decoding as a page an editor pastes.

const PAGES = path.join(FIXTURES, 'html')

/** Pages whose bytes are not UTF-8, built here so the fixture folder holds only UTF-8 text. */
const GENERATED: Record<string, { contentType: string; bytes: Buffer }> = {
  // windows-1252: 0x93/0x94 are the curly double quotes, 0xE9 is é. Latin-1 maps each of
  // these characters to exactly that byte, so the string below is the page's bytes.
  '/generated/windows-1252.html': {
    contentType: 'text/html',
    bytes: Buffer.from(
      [
        '<!doctype html>',
        '<html lang="en"><head>',
        '<meta charset="windows-1252">',
        '<title>\x93Caf\xe9 Diplomacy\x94 in the Arctic</title>',
        '</head><body><article>',
        '<h1>\x93Caf\xe9 Diplomacy\x94 in the Arctic</h1>',
        '<p>Talks over coffee in Troms\xf8 did more for the fishing deal than the summit did.</p>',
        '</article></body></html>',
      ].join('\n'),
      'latin1',
    ),
  },
  // Shift_JIS, declared only by the Content-Type header: 日本の港 ("Japan's ports") is
  // 93 FA 96 7B 82 CC 8D 60. Node has no Shift_JIS encoder, so the bytes are written out.
  '/generated/shift-jis.html': {
    contentType: 'text/html; charset=shift_jis',
    bytes: Buffer.concat([
      Buffer.from('<!doctype html>\n<html lang="ja"><head>\n<title>', 'ascii'),
      Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x82, 0xcc, 0x8d, 0x60]),
      Buffer.from('</title>\n</head><body><p>Shift_JIS page.</p></body></html>', 'ascii'),
    ]),
  },
}

const names = (authors: Contributor[] | undefined) => authors?.map(displayName)

describe('page metadata, read over loopback HTTP', () => {
  let server: Server
  let base: string
  let fetcher: Fetcher

  before(async () => {
    server = createServer((req, res) => {
      const url = req.url ?? '/'
      const generated = GENERATED[url]
      if (generated) {
        res.writeHead(200, { 'content-type': generated.contentType })
        res.end(generated.bytes)
        return
      }
      // Only plain file names from the fixture folder: nothing above it can be asked for.
      const name = /^\/([a-z0-9-]+\.html)$/.exec(url)?.[1]
      let body: Buffer | undefined
      try {
        body = name ? readFileSync(path.join(PAGES, name)) : undefined
      } catch {
        body = undefined
      }
      if (!body) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
        return
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(body)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    fetcher = createFetcher({ allowPrivateHosts: ['127.0.0.1'] })
  })

  after(async () => {
    await fetcher.close()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  /** Fetches one of our pages over HTTP and reads it as the ingest pipeline does. */
  async function read(pagePath: string): Promise<HtmlExtraction & { page: FetchedPage }> {
    const page = await fetcher.fetch(`${base}/${pagePath.replace(/^\//, '')}`)
    return { page, ...extractFromHtml(page.text, { url: page.url }) }
  }

  // ---- 1. JSON-LD ----

  it('reads a JSON-LD OpinionNewsArticle inside @graph, with authors and publisher referenced by @id', async () => {
    const { draft, provenance } = await read('jsonld-graph-op-ed.html')
    assert.equal(draft.title, 'Ports Before Patrols')
    assert.equal(provenance.title, 'json-ld')
    assert.deepEqual(names(draft.authors), ['Adaeze Okonkwo', 'Lars van der Berg'])
    assert.deepEqual(draft.authors?.[1], { kind: 'person', given: 'Lars', particle: 'van der', family: 'Berg' })
    assert.equal(provenance.authors, 'json-ld')
    // 22:30 at -05:00 is the 1st where it was written (03:30 UTC on the 2nd).
    assert.equal(draft.published, '2024-03-01')
    assert.equal(provenance.published, 'json-ld')
    assert.equal(draft.type, 'op-ed')
    assert.equal(provenance.type, 'json-ld')
    // A newsroom's publisher is the outlet itself, not a separate publisher.
    assert.equal(draft.outlet, 'The Harbour Review')
    assert.equal(provenance.outlet, 'json-ld')
    assert.equal(draft.publishers, undefined)
    assert.equal(draft.language, 'en')
    assert.equal(provenance.language, 'html-lang')
    assert.equal(draft.url, `${base}/jsonld-graph-op-ed.html`)
    assert.equal(provenance.url, 'given')
  })

  it('reads a JSON-LD block that is a top-level array', async () => {
    const { draft, provenance } = await read('jsonld-array.html')
    assert.equal(draft.title, 'Icebreakers on Order')
    assert.equal(provenance.title, 'json-ld')
    assert.deepEqual(names(draft.authors), ['Maja Lindqvist'])
    assert.equal(provenance.authors, 'json-ld')
    assert.equal(draft.published, '2023-10-09')
    assert.equal(provenance.published, 'json-ld')
    assert.equal(draft.type, 'newspaper-article')
    assert.equal(provenance.type, 'json-ld')
    assert.equal(draft.outlet, 'Nordic Wire')
    assert.equal(provenance.outlet, 'json-ld')
  })

  it('reads JSON-LD with a raw line break inside a string (lenient parsing)', async () => {
    const { page, draft, provenance } = await read('jsonld-raw-newline.html')
    assert.match(page.text, /"headline": "Tidal Power,\r?\nTested"/, 'the fixture really carries the broken JSON')
    assert.equal(draft.title, 'Tidal Power, Tested')
    assert.equal(provenance.title, 'json-ld')
    assert.equal(draft.summary, 'A first look at the Bay of Fundy trials.')
    assert.equal(provenance.summary, 'json-ld')
    assert.deepEqual(names(draft.authors), ['Chidi Okafor'])
    assert.equal(provenance.authors, 'json-ld')
    assert.equal(draft.published, '2022-07-18')
    assert.equal(provenance.published, 'json-ld')
    assert.equal(draft.type, 'blog-post')
    assert.equal(provenance.type, 'json-ld')
  })

  // ---- 2. Highwire ----

  it('reads Highwire citation_* tags of a journal article', async () => {
    const { draft, provenance } = await read('highwire-journal.html')
    assert.equal(draft.title, 'Sea Ice Loss and Northern Port Capacity')
    assert.equal(provenance.title, 'highwire')
    // "Family, Given", one tag per author, in credit order; the lower-case particle stays a particle.
    assert.deepEqual(draft.authors, [
      { kind: 'person', family: 'Okonkwo', given: 'Adaeze' },
      { kind: 'person', family: 'Berg', particle: 'van der', given: 'Lars' },
      { kind: 'person', family: 'Lindqvist', given: 'Maja' },
    ])
    assert.deepEqual(names(draft.authors), ['Adaeze Okonkwo', 'Lars van der Berg', 'Maja Lindqvist'])
    assert.equal(provenance.authors, 'highwire')
    assert.equal(draft.published, '2021-06-15')
    assert.equal(provenance.published, 'highwire')
    assert.equal(draft.outlet, 'Journal of Polar Logistics')
    assert.equal(provenance.outlet, 'highwire')
    assert.equal(draft.type, 'journal-article')
    assert.equal(provenance.type, 'highwire')
    assert.equal(draft.volume, '12')
    assert.equal(provenance.volume, 'highwire')
    assert.equal(draft.issue, '3')
    assert.equal(provenance.issue, 'highwire')
    assert.equal(draft.pages, '201-219')
    assert.equal(provenance.pages, 'highwire')
    assert.deepEqual(draft.identifiers, { doi: '10.5555/jpl.2021.0123' })
  })

  it('says where a DOI came from, as for every other field (Highwire and PRISM pages)', async () => {
    const highwire = await read('highwire-journal.html')
    assert.equal(highwire.draft.identifiers?.doi, '10.5555/jpl.2021.0123')
    assert.equal(highwire.provenance.identifiers, 'highwire')
    const prism = await read('prism.html')
    assert.equal(prism.draft.identifiers?.doi, '10.5555/aaq.7.4.55')
    assert.equal(prism.provenance.identifiers, 'prism')
  })

  // ---- 3. Dublin Core ----

  it('reads Dublin Core / DCTERMS tags alone', async () => {
    const { draft, provenance } = await read('dublin-core.html')
    assert.equal(draft.title, 'Les ports du Grand Nord face à la fonte des glaces')
    assert.equal(provenance.title, 'dublin-core')
    assert.deepEqual(draft.authors, [
      { kind: 'person', family: 'Lefèvre', given: 'Camille' },
      { kind: 'person', family: 'Okafor', given: 'Chidi' },
    ])
    assert.equal(provenance.authors, 'dublin-core')
    assert.equal(draft.published, '2023-11-20')
    assert.equal(provenance.published, 'dublin-core')
    assert.equal(draft.language, 'fr')
    assert.equal(provenance.language, 'dublin-core')
  })

  // ---- 4. PRISM ----

  it('reads PRISM tags alongside Dublin Core, PRISM ranking above Dublin Core', async () => {
    const { draft, provenance } = await read('prism.html')
    assert.equal(draft.title, 'Winter Repair Yards in the Barents Region')
    assert.equal(provenance.title, 'dublin-core')
    assert.deepEqual(names(draft.authors), ['Maja Lindqvist'])
    assert.equal(provenance.authors, 'dublin-core')
    assert.equal(draft.outlet, 'Arctic Affairs Quarterly')
    assert.equal(provenance.outlet, 'prism')
    assert.equal(draft.volume, '7')
    assert.equal(provenance.volume, 'prism')
    assert.equal(draft.issue, '4')
    assert.equal(provenance.issue, 'prism')
    assert.equal(draft.identifiers?.doi, '10.5555/aaq.7.4.55')
    // dc.date and prism.publicationDate agree; the documented order (Highwire and PRISM, then
    // Dublin Core) says the value is credited to PRISM.
    assert.equal(draft.published, '2022-09-01')
    assert.equal(provenance.published, 'prism')
  })

  // ---- 5. OpenGraph ----

  it('reads OpenGraph and article:* tags alone, stripping the site name from og:title', async () => {
    const { draft, provenance } = await read('opengraph.html')
    assert.equal(draft.title, 'Why Small Ports Matter')
    assert.equal(provenance.title, 'opengraph')
    assert.equal(draft.outlet, 'The Harbour Review')
    assert.equal(provenance.outlet, 'opengraph')
    assert.equal(draft.published, '2024-02-10')
    assert.equal(provenance.published, 'opengraph')
    // article:author holds a profile address; the name is read from its last segment.
    assert.deepEqual(draft.authors, [{ kind: 'person', given: 'Jane', family: 'Doe' }])
    assert.equal(provenance.authors, 'opengraph')
    assert.equal(draft.summary, 'Fishing harbours could host allied ships in a crisis, if anyone planned for it.')
    assert.equal(provenance.summary, 'opengraph')
    assert.equal(draft.type, 'newspaper-article')
    assert.equal(provenance.type, 'opengraph')
  })

  // ---- 6. Twitter cards ----

  it('reads Twitter card tags alone, the author from a "Written by" label', async () => {
    const { draft, provenance } = await read('twitter-card.html')
    assert.equal(draft.title, 'Ice Roads in Decline')
    assert.equal(provenance.title, 'twitter')
    assert.equal(draft.summary, 'Winter roads across frozen lakes now open weeks later than they did in the 1990s.')
    assert.equal(provenance.summary, 'twitter')
    // Only label1 says "Written by"; data2 ("4 minutes") is a reading time, not a person.
    assert.deepEqual(names(draft.authors), ['Maja Lindqvist'])
    assert.equal(provenance.authors, 'twitter')
  })

  // ---- 7. Microdata ----

  it('reads microdata: itemprop=headline, author with a nested name, datePublished on <time datetime>', async () => {
    const { draft, provenance } = await read('microdata.html')
    assert.deepEqual(names(draft.authors), ['Chidi Okafor'])
    assert.equal(provenance.authors, 'microdata')
    assert.equal(draft.published, '2023-05-04')
    assert.equal(provenance.published, 'microdata')
    // The headline is an <h2>: only its itemprop marks it as the headline, and the <title>
    // ("headline – Coastal Notes") is cut down to it. The extractor credits headlines to the
    // visible heading; either name for that source is right.
    assert.equal(draft.title, 'Ferries Return to the Northern Route')
    assert.ok(provenance.title === 'heading' || provenance.title === 'microdata', `title provenance: ${provenance.title}`)
  })

  it('prefers a headline marked itemprop=headline to a <title> that is only the site name', async () => {
    const { draft, provenance } = await read('microdata-bare-title.html')
    assert.deepEqual(names(draft.authors), ['Adaeze Okonkwo'])
    assert.equal(provenance.authors, 'microdata')
    assert.equal(draft.title, 'Harbour Pilots Train for Ice')
    assert.ok(provenance.title === 'heading' || provenance.title === 'microdata', `title provenance: ${provenance.title}`)
  })

  // ---- 8. No metadata at all ----

  it('reads a page without metadata from its <title>, <h1>, byline, <time>, lang and canonical link', async () => {
    const { draft, provenance } = await read('plain-page.html')
    assert.equal(draft.title, 'Häfen im Wandel')
    assert.equal(provenance.title, 'heading')
    // "By", "and" and the role are gone: two people, nothing else.
    assert.deepEqual(draft.authors, [
      { kind: 'person', given: 'Jane', family: 'Doe' },
      { kind: 'person', given: 'John', family: 'Smith' },
    ])
    assert.equal(provenance.authors, 'byline')
    assert.equal(draft.published, '2024-01-15')
    assert.equal(provenance.published, 'time-element')
    assert.equal(draft.language, 'de')
    assert.equal(provenance.language, 'html-lang')
    assert.equal(draft.url, 'https://example.org/news/haefen-im-wandel')
    assert.equal(provenance.url, 'canonical')
  })

  // ---- 9. Precedence ----

  it('settles a title disagreement with the visible <h1>', async () => {
    // JSON-LD, og:title and <title> all differ; the <h1> repeats og:title.
    const { draft, provenance } = await read('precedence-title.html')
    assert.equal(draft.title, 'Ports, Ice and Allies')
    assert.equal(provenance.title, 'opengraph')
  })

  it('takes the JSON-LD date over a different OpenGraph date', async () => {
    const { draft, provenance } = await read('precedence-date.html')
    assert.equal(draft.published, '2024-04-02')
    assert.equal(provenance.published, 'json-ld')
    assert.equal(draft.modified, '2024-04-05')
    assert.equal(provenance.modified, 'json-ld')
  })

  it('never takes the site name for an author, wherever the page puts it', async () => {
    // JSON-LD, article:author and <meta name=author> all name "The Harbour Review", which is
    // og:site_name; the visible byline names the real author.
    const { draft, provenance } = await read('site-name-as-author.html')
    assert.equal(draft.outlet, 'The Harbour Review')
    assert.ok(!names(draft.authors)?.some((n) => /harbour review/i.test(n)), `authors: ${JSON.stringify(draft.authors)}`)
    assert.deepEqual(names(draft.authors), ['Maja Lindqvist'])
    assert.equal(provenance.authors, 'byline')
  })

  it('drops a kicker from og:title when the <h1> shows the headline without it', async () => {
    const { draft, provenance } = await read('kicker.html')
    assert.equal(draft.title, 'Johnson loses vote')
    // The value is the metadata title cut down to the <h1>; crediting it to either is right.
    assert.ok(provenance.title === 'opengraph' || provenance.title === 'heading', `title provenance: ${provenance.title}`)
  })

  // ---- 10. Dates near midnight ----

  it('keeps the written day of a timestamp with an offset (no slip to the UTC day)', async () => {
    const { draft, provenance } = await read('date-offset-late-evening.html')
    assert.equal(draft.published, '2024-03-01')
    assert.equal(provenance.published, 'opengraph')
  })

  it("reads a UTC timestamp in the site's own offset, learnt from its other timestamps", async () => {
    // 03:30 UTC on the 2nd is 22:30 on the 1st at -05:00, the offset the page's other stamps carry.
    const { draft, provenance } = await read('date-utc-stamp.html')
    assert.equal(draft.published, '2024-03-01')
    assert.equal(provenance.published, 'opengraph')
  })

  // ---- 11. Character encodings ----

  it('decodes a windows-1252 page declared by <meta charset>', async () => {
    const { page, draft } = await read('/generated/windows-1252.html')
    assert.equal(page.charset, 'windows-1252')
    assert.equal(draft.title, '\u201cCafé Diplomacy\u201d in the Arctic')
    assert.match(draft.body?.text ?? '', /Tromsø/)
  })

  it('decodes a Shift_JIS page declared by the Content-Type header', async () => {
    const { page, draft, provenance } = await read('/generated/shift-jis.html')
    assert.equal(page.charset, 'shift_jis')
    assert.equal(draft.title, '日本の港')
    assert.equal(provenance.title, 'title-element')
    assert.equal(draft.language, 'ja')
  })
})
