import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { parseFeed } from 'feedsmith'
import { DOMParser } from 'linkedom'
import { tempDir } from '../../test/support/paths.js'
import { Archive } from '../archive/index.js'
import { silentLogger } from '../shared/index.js'
import type { Store } from '../store/index.js'
import { openSqliteStore } from '../store/sqlite/index.js'
import { createApp } from './app.js'

describe('feeds, sitemaps and robots.txt over real HTTP', () => {
  let store: Store
  let base: string
  let app: ReturnType<typeof createApp>
  const site = 'https://archive.example'

  before(async () => {
    store = await openSqliteStore({ file: path.join(tempDir(), 'feeds.db') })
    const archive = new Archive({ store, log: silentLogger, now: () => new Date('2024-05-01T00:00:00Z') })
    const lines = [
      { id: 'ports', type: 'Op-Ed', title: 'Ports & <Power>', authors: ['Adaeze Okonkwo'], published: '2024-03-05', summary: 'Why ports matter.', topics: ['Arctic'] },
      { id: 'ice', type: 'Report', title: 'Ice Roads', authors: ['Mina Pollmann'], published: '2024-02-01' },
      { id: 'old', type: 'Report', title: 'Old Maps', authors: ['Mina Pollmann'], published: '2019' },
      { id: 'hidden', title: 'Draft Notes', status: 'draft' },
    ]
    await archive.importItems(archive.readSources([{ name: 'f.jsonl', bytes: Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')) }]), { actor: 'test' })
    app = createApp({ archive, log: silentLogger, oai: { siteUrl: site, repositoryName: 'Harbour Archive' } })
    await app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  })
  after(async () => {
    await app.close()
    await store.close()
  })

  const fetchText = async (url: string, type: RegExp) => {
    const res = await fetch(`${base}${url}`)
    assert.equal(res.status, 200, url)
    assert.match(res.headers.get('content-type') ?? '', type)
    return res.text()
  }

  it('serves the archive as RSS, Atom and JSON Feed that two independent parsers read alike', async () => {
    const rss = await fetchText('/feeds/rss.xml', /^application\/rss\+xml/)
    const atom = await fetchText('/feeds/atom.xml', /^application\/atom\+xml/)
    const json = await fetchText('/feeds/feed.json', /^application\/feed\+json/)
    const expected = ['Ports & <Power>', 'Ice Roads', 'Old Maps']

    const fromFeedsmith = [parseFeed(rss), parseFeed(atom), parseFeed(json)]
    assert.deepEqual(fromFeedsmith.map((f) => f.format), ['rss', 'atom', 'json'])
    const titles = (f: (typeof fromFeedsmith)[number]) =>
      f.format === 'rss' ? f.feed.items!.map((i) => i.title) : f.format === 'atom' ? f.feed.entries!.map((e) => (e.title as { value?: string } | undefined)?.value ?? e.title) : f.feed.items!.map((i) => i.title)
    for (const f of fromFeedsmith) assert.deepEqual(titles(f), expected, f.format)

    // A second reader: the DOM (linkedom's XML parser) and plain JSON.
    const rssDom = new DOMParser().parseFromString(rss, 'text/xml')
    assert.deepEqual([...rssDom.querySelectorAll('item > title')].map((t) => t.textContent?.trim()), expected)
    assert.equal(rssDom.querySelector('item > link')?.textContent, `${site}/publications/ports`)
    const atomDom = new DOMParser().parseFromString(atom, 'text/xml')
    assert.deepEqual([...atomDom.querySelectorAll('entry > title')].map((t) => t.textContent?.trim()), expected)
    assert.equal(atomDom.querySelector('entry > author > name')?.textContent, 'Adaeze Okonkwo')
    const parsed = JSON.parse(json) as { version: string; items: { title: string; url: string }[] }
    assert.equal(parsed.version, 'https://jsonfeed.org/version/1.1')
    assert.deepEqual(parsed.items.map((i) => i.title), expected)
    assert.doesNotMatch(rss + atom + json, /Draft Notes/)
  })

  it('feeds any listing: an expert, a topic, a search', async () => {
    const byAuthor = JSON.parse(await fetchText(`/feeds/feed.json?q=${encodeURIComponent('author:"Mina Pollmann"')}`, /json/)) as { items: { title: string }[]; feed_url: string }
    assert.deepEqual(byAuthor.items.map((i) => i.title), ['Ice Roads', 'Old Maps'])
    assert.equal(byAuthor.feed_url, `${site}/feeds/feed.json?q=${encodeURIComponent('author:"Mina Pollmann"')}`)
    const byTopic = parseFeed(await fetchText('/feeds/atom.xml?q=topic:arctic', /atom/))
    assert.equal(byTopic.format === 'atom' && byTopic.feed.entries!.length, 1)
  })

  it('announces its feeds on pages, and lists pages in a sitemap index and robots.txt', async () => {
    const home = await fetchText('/', /html/)
    assert.match(home, /<link rel="alternate" type="application\/rss\+xml" title="RSS" href="https:\/\/archive\.example\/feeds\/rss\.xml">/)
    assert.match(home, /type="application\/atom\+xml"/)
    assert.match(home, /type="application\/feed\+json"/)
    const index = await fetchText('/sitemap.xml', /xml/)
    assert.match(index, /<sitemapindex xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9"><sitemap><loc>https:\/\/archive\.example\/sitemaps\/1\.xml<\/loc><\/sitemap><\/sitemapindex>/)
    const page = new DOMParser().parseFromString(await fetchText('/sitemaps/1.xml', /xml/), 'text/xml')
    assert.deepEqual([...page.querySelectorAll('url > loc')].map((l) => l.textContent).sort(), ['ice', 'old', 'ports'].map((id) => `${site}/publications/${id}`))
    assert.equal((await fetch(`${base}/sitemaps/2.xml`)).status, 404)
    assert.match(await fetchText('/robots.txt', /text\/plain/), /^Sitemap: https:\/\/archive\.example\/sitemap\.xml$/m)
  })
})
