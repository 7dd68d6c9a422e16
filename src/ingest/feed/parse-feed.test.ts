import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { appErrorFrom } from '../../../test/support/app-error.js'
import { FIXTURES } from '../../../test/support/paths.js'
import { parseFeed, type FeedEntry } from './index.js'

const fixture = (name: string) => readFileSync(path.join(FIXTURES, 'feeds', name), 'utf8')

/** An entry's fields without its (long) content, for exact comparison. */
const withoutContent = ({ contentHtml: _, ...rest }: FeedEntry) => rest

// Sentences for full-text fixtures: 12 words each.
const sentence = (i: number) => `Sentence ${i} explains how port authorities can shape regional trade over decades.`
const article = (paragraphs: number, perParagraph = 8) =>
  Array.from({ length: paragraphs }, (_, p) => `<p>${Array.from({ length: perParagraph }, (_, s) => sentence(p * perParagraph + s)).join(' ')}</p>`).join('\n')

const rssWithItem = (item: string) => `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>T</title><link>https://ex.org/</link><description>d</description>${item}</channel></rss>`

describe('parseFeed: RSS 2.0', () => {
  const feed = parseFeed(fixture('rss2.xml'), 'https://harbor.example.org/feed/')
  const [full, teaser, noGuid, undated] = feed.entries

  it('reads the channel', () => {
    assert.equal(feed.kind, 'rss')
    assert.equal(feed.title, 'Harbor Policy Institute – Analysis')
    assert.equal(feed.homeUrl, 'https://harbor.example.org/')
    assert.equal(feed.language, 'en-US')
    assert.equal(feed.entries.length, 4)
  })

  it('reads an entry with dc:creator and content:encoded as full text', () => {
    assert.deepEqual(withoutContent(full!), {
      key: 'https://harbor.example.org/?p=4101',
      url: 'https://harbor.example.org/analysis/ports-tariffs/',
      title: 'Ports, Tariffs & the New Shipping Map',
      authors: ['Amara Okafor', 'Lars van der Berg'],
      published: '2023-01-18',
      // The WordPress footer and the "[…]" are furniture, not summary.
      summary: 'Shipping lines are redrawing their routes as tariffs rise.',
      isTeaser: false,
      categories: ['Trade', 'Maritime Security'],
    })
    assert.match(full!.contentHtml!, /<p>For governments, the lesson is that port policy is now trade policy\./)
  })

  it('resolves relative links, cleans RFC 822 authors and keeps the stated day', () => {
    assert.equal(teaser!.key, 'harbor-4102')
    assert.equal(teaser!.url, 'https://harbor.example.org/analysis/arctic-suez/')
    assert.deepEqual(teaser!.authors, ['Maja Lindqvist'])
    assert.equal(teaser!.published, '2023-01-03') // 00:30 +0900 is still the 2nd in UTC
    assert.equal(teaser!.summary, 'Melting ice opens a northern route for a few weeks a year. That is not enough to move the world’s trade…')
  })

  it('takes content:encoded that repeats the teaser for a teaser', () => {
    assert.equal(teaser!.isTeaser, true)
    assert.ok(teaser!.contentHtml)
  })

  it('falls back to the link as key when there is no guid', () => {
    assert.equal(noGuid!.key, 'https://harbor.example.org/briefs/fisheries-subsidies')
    assert.deepEqual(noGuid!.authors, ['Chen Wei', 'Priya Raman', 'Tomás Ortega'])
    assert.equal(noGuid!.published, '2022-12-05')
    assert.equal(noGuid!.summary, 'What the WTO agreement on fisheries subsidies does and does not change.')
    assert.equal(noGuid!.isTeaser, true)
    assert.equal(noGuid!.contentHtml, undefined)
  })

  it('leaves a missing date out and an institution whole', () => {
    assert.equal(undated!.published, undefined)
    assert.equal('published' in undated!, false)
    assert.deepEqual(undated!.authors, ['Center for Ocean Law and Policy'])
  })

  it('resolves relative links against the self link when the feed address is not given', () => {
    assert.equal(parseFeed(fixture('rss2.xml')).entries[1]!.url, 'https://harbor.example.org/analysis/arctic-suez/')
  })

  it('uses a permalink guid as the address when <link> is missing', () => {
    const [entry] = parseFeed(rssWithItem('<item><title>A</title><guid>https://ex.org/a</guid></item>')).entries
    assert.equal(entry!.key, 'https://ex.org/a')
    assert.equal(entry!.url, 'https://ex.org/a')
    const [opaque] = parseFeed(rssWithItem('<item><title>A</title><guid isPermaLink="false">https://ex.org/?p=1</guid></item>')).entries
    assert.equal(opaque!.url, undefined)
  })
})

describe('parseFeed: Atom', () => {
  const feed = parseFeed(fixture('atom.xml'), 'https://elsewhere.example.com/atom')
  const [paper, primer, slides] = feed.entries

  it('reads the feed, resolving its links against xml:base', () => {
    assert.equal(feed.kind, 'atom')
    assert.equal(feed.title, 'North Sea Forum — Research')
    assert.equal(feed.homeUrl, 'https://northsea.example.net/research/')
    assert.equal(feed.language, 'en-GB')
  })

  it('reads several authors, a nested xml:base, HTML summary and XHTML content', () => {
    assert.deepEqual(withoutContent(paper!), {
      key: 'tag:northsea.example.net,2023:paper-17',
      url: 'https://northsea.example.net/research/2023/offshore-wind-grid-security.html',
      title: 'Offshore Wind & Grid Security',
      authors: ['Ingrid Solberg', 'Pieter de Vries', 'Kishida Aiko'],
      published: '2023-01-31', // 00:15 +01:00 is the 30th in UTC
      updated: '2023-02-01',
      summary: 'Subsea cables carry the North Sea’s power ashore. Who guards them?',
      isTeaser: false,
      categories: ['Energy', 'security'],
    })
    assert.match(paper!.contentHtml!, /^<p>Subsea cables carry/)
  })

  it('inherits the feed author, leaves published out when only updated is given', () => {
    assert.deepEqual(primer!.authors, ['North Sea Forum'])
    assert.equal(primer!.title, 'Carbon Border Levies: A Primer')
    assert.equal(primer!.url, 'https://northsea.example.net/research/primers/carbon-border-levies')
    assert.equal(primer!.published, undefined)
    assert.equal(primer!.updated, '2023-01-20') // 18:00 -08:00 is the 21st in UTC
    assert.equal(primer!.isTeaser, true)
  })

  it('takes out-of-line content for no content', () => {
    assert.equal(slides!.contentHtml, undefined)
    assert.equal(slides!.isTeaser, true)
    assert.equal(slides!.published, '2023-01-05')
    assert.equal(slides!.url, 'https://cdn.example.net/slides/hydrogen.html')
  })

  it('resolves a relative xml:base against the feed address', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/blog/"><title>B</title><id>urn:b</id><updated>2023-01-01T00:00:00Z</updated>
      <entry><title>P</title><id>urn:p1</id><updated>2023-01-02T00:00:00Z</updated><link href="post-1"/><content type="text">Line one.

Line two &lt;not a tag&gt;.</content></entry></feed>`
    const parsed = parseFeed(atom, 'https://ex.org/feeds/atom.xml')
    assert.equal(parsed.entries[0]!.url, 'https://ex.org/blog/post-1')
    assert.equal(parsed.entries[0]!.contentHtml, '<p>Line one.</p>\n<p>Line two &lt;not a tag&gt;.</p>')
    assert.equal(parsed.entries[0]!.summary, 'Line one.\n\nLine two <not a tag>.')
  })
})

describe('parseFeed: RDF / RSS 1.0', () => {
  const feed = parseFeed(fixture('rdf.xml'))

  it('reads items keyed by rdf:about, with Dublin Core fields', () => {
    assert.equal(feed.kind, 'rdf')
    assert.equal(feed.title, 'Alpine Governance Lab: Publications')
    assert.equal(feed.homeUrl, 'https://alpine.example.ch/publications')
    assert.equal(feed.language, 'de-CH')
    assert.deepEqual(feed.entries[0], {
      key: 'https://alpine.example.ch/publications/wp-2023-04',
      url: 'https://alpine.example.ch/publications/wp-2023-04',
      title: 'Direct Democracy and Energy Siting',
      authors: ['Müller, Anna'],
      published: '2023-03-14', // 22:45 -03:00 is the 15th in UTC
      summary: 'Referendums have stopped wind parks in three cantons. We ask why.',
      isTeaser: true,
      categories: ['Energy', 'Democracy'],
    })
  })

  it('keeps a month-precision dc:date at month precision', () => {
    assert.equal(feed.entries[1]!.published, '2023-02')
    assert.equal(feed.entries[1]!.summary, undefined)
  })
})

describe('parseFeed: JSON Feed 1.1', () => {
  const feed = parseFeed(fixture('json-feed.json'), 'https://lakeside.example.com/feed.json')
  const [note, oped, numbered] = feed.entries

  it('reads the feed and an item with content_html', () => {
    assert.equal(feed.kind, 'json')
    assert.equal(feed.title, 'Lakeside Economics Notes')
    assert.equal(feed.homeUrl, 'https://lakeside.example.com/')
    assert.equal(feed.language, 'en')
    assert.deepEqual(withoutContent(note!), {
      key: 'note-2023-031',
      url: 'https://lakeside.example.com/notes/wage-indexation',
      title: 'Wage Indexation Is Back — Should It Be?',
      authors: ['Sofia Marchetti', 'Daniel Osei'],
      published: '2023-03-01', // 23:59 -06:00 is the 2nd in UTC
      updated: '2023-03-02',
      summary: 'Indexation protects real wages but can lock inflation in.',
      isTeaser: false,
      categories: ['Labour', 'Inflation'],
    })
  })

  it('uses external_url, inherits the feed authors, wraps content_text', () => {
    assert.equal(oped!.url, 'https://www.example-times.com/opinion/housing-supply')
    assert.deepEqual(oped!.authors, ['Lakeside Economics Unit'])
    assert.equal(oped!.contentHtml, '<p>An op-ed in the Example Times on zoning reform.</p>')
    assert.equal(oped!.isTeaser, true)
    assert.equal(oped!.published, '2023-02-14')
  })

  it('turns a numeric id into a key and resolves a relative url', () => {
    assert.equal(numbered!.key, '29')
    assert.equal(numbered!.url, 'https://lakeside.example.com/notes/29')
    assert.deepEqual(numbered!.categories, [])
  })
})

describe('parseFeed: teaser or full text', () => {
  const entry = (item: string) => parseFeed(rssWithItem(item), 'https://ex.org/feed').entries[0]!

  it('takes long content beside a short description for the full text', () => {
    const e = entry(`<item><link>/a</link><description>Short dek.</description><content:encoded><![CDATA[${article(3)}]]></content:encoded></item>`)
    assert.equal(e.isTeaser, false)
    assert.equal(e.summary, 'Short dek.')
  })

  it('takes short content, or content cut off with "Continue reading", for a teaser', () => {
    const short = entry(`<item><link>/a</link><content:encoded><![CDATA[<p>${sentence(1)} ${sentence(2)}</p>]]></content:encoded></item>`)
    assert.equal(short.isTeaser, true)
    assert.equal(short.summary, `${sentence(1)} ${sentence(2)}`)
    const cut = entry(
      `<item><link>/a</link><content:encoded><![CDATA[${article(2)}<p><a href="/a">Continue reading &rarr;</a></p>]]></content:encoded></item>`,
    )
    assert.equal(cut.isTeaser, true)
  })

  it('takes content no longer than a long abstract for a teaser', () => {
    const abstract = Array.from({ length: 20 }, (_, i) => sentence(i)).join(' ')
    const e = entry(`<item><link>/a</link><description>${abstract}</description><content:encoded><![CDATA[<p>${abstract}</p><p>${sentence(99)}</p>]]></content:encoded></item>`)
    assert.equal(e.isTeaser, true)
  })

  it('takes a long multi-paragraph description without content for the article', () => {
    const html = article(5)
    const e = entry(`<item><link>/a</link><description><![CDATA[${html}]]></description></item>`)
    assert.equal(e.isTeaser, false)
    assert.equal(e.contentHtml, html)
    assert.equal(e.summary, undefined)
  })

  it('does not judge content against a description that copies it', () => {
    const html = article(2)
    const e = entry(`<item><link>/a</link><description><![CDATA[${html}]]></description><content:encoded><![CDATA[${html}]]></content:encoded></item>`)
    assert.equal(e.isTeaser, false)
    assert.equal(e.summary, undefined)
  })
})

describe('parseFeed: Media RSS', () => {
  it('reads media:description and media:credit when nothing else gives a summary or a byline', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><title>V</title><id>urn:v</id><updated>2023-04-02T00:00:00Z</updated>
      <entry><id>urn:v:1</id><title>Talk</title><link href="https://video.example.org/1"/><updated>2023-04-02T12:00:00Z</updated>
      <media:group><media:description>A talk on ports.</media:description><media:credit role="author">Ann Lee</media:credit><media:credit role="producer">Bob Kay</media:credit></media:group></entry></feed>`
    const [e] = parseFeed(atom).entries
    assert.equal(e!.summary, 'A talk on ports.')
    assert.deepEqual(e!.authors, ['Ann Lee'])
  })
})

describe('parseFeed: identity', () => {
  it('gives an entry with neither guid nor link a key that survives re-parsing', () => {
    const text = rssWithItem('<item><title>Untitled Note</title><pubDate>Wed, 18 Jan 2023 10:00:00 GMT</pubDate></item>')
    const first = parseFeed(text).entries[0]!
    assert.match(first.key, /^urn:dossier:feed-entry:[0-9a-f]{24}$/)
    assert.equal(parseFeed(text).entries[0]!.key, first.key)
    assert.notEqual(parseFeed(text.replace('Untitled Note', 'Another Note')).entries[0]!.key, first.key)
    assert.equal(first.url, undefined)
  })

  it('reads a feed that starts with a byte order mark', () => {
    assert.equal(parseFeed(`\uFEFF${fixture('atom.xml')}`).entries.length, 3)
  })
})

describe('parseFeed: refusals', () => {
  const refusal = (text: string, url?: string) => appErrorFrom(() => parseFeed(text, url))

  it('refuses what is not a feed with SOURCE_UNPARSEABLE and a clear reason', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      [' \n\t ', /empty/],
      ['<!DOCTYPE html><html><head><title>x</title></head><body>Page</body></html>', /HTML page, not a feed/],
      ['{"title": "x", "items": []}', /not a JSON Feed/],
      ['{"version": "https://jsonfeed.org/version/1.1", "items": [', /broken JSON/],
      ['<?xml version="1.0"?><urlset><url><loc>https://ex.org/</loc></url></urlset>', /XML document is not a feed/],
      ['Just some words.', /not a feed \(expected RSS, Atom, RDF or JSON Feed\)/],
      ['<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a', /malformed/],
    ]
    for (const [text, message] of cases) {
      const err = refusal(text)
      assert.equal(err.code, 'SOURCE_UNPARSEABLE', text)
      assert.match(err.message, message, text)
    }
  })

  it('names the feed address in the refusal', () => {
    assert.equal(refusal('<html><body/></html>', 'https://ex.org/feed').location.source, 'https://ex.org/feed')
  })
})
