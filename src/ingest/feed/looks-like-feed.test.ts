import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { FIXTURES } from '../../../test/support/paths.js'
import { looksLikeFeed } from './looks-like-feed.js'

const fixture = (name: string) => readFileSync(path.join(FIXTURES, 'feeds', name), 'utf8')

describe('looksLikeFeed', () => {
  it('recognises every feed format', () => {
    for (const name of ['rss2.xml', 'atom.xml', 'rdf.xml', 'json-feed.json']) assert.equal(looksLikeFeed(fixture(name)), true, name)
    assert.equal(looksLikeFeed('<rss version="0.91"><channel><title>x</title></channel></rss>'), true)
    assert.equal(looksLikeFeed('<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>x</title></feed>'), true)
    assert.equal(looksLikeFeed('\uFEFF  <?xml version="1.0"?>\n<rss version="2.0"/>'), true)
  })

  it('sees past the prolog: declaration, stylesheet, comments, doctype', () => {
    const feed = `<?xml version="1.0"?>
<?xml-stylesheet href="feed.xsl" type="text/xsl"?>
<!-- ${'licence text '.repeat(200)} -->
<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>
<rss version="2.0"><channel/></rss>`
    assert.equal(looksLikeFeed(feed), true)
  })

  it('recognises JSON Feed by its version, escaped slashes included', () => {
    assert.equal(looksLikeFeed('{"title":"x","version":"https://jsonfeed.org/version/1","items":[]}'), true)
    assert.equal(looksLikeFeed('{"version":"https:\\/\\/jsonfeed.org\\/version\\/1.1","items":[]}'), true)
    assert.equal(looksLikeFeed('{"version":"1.0","items":[]}'), false)
    assert.equal(looksLikeFeed('[{"title":"x"}]'), false)
  })

  it('answers false for HTML pages, even ones that announce a feed', () => {
    const page = `<!DOCTYPE html>
<html lang="en"><head><title>Ports</title>
<link rel="alternate" type="application/rss+xml" href="/feed/"></head>
<body><p>An article about &lt;rss&gt; feeds and <code>&lt;feed&gt;</code>.</p></body></html>`
    assert.equal(looksLikeFeed(page), false)
    assert.equal(looksLikeFeed('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'), false)
    assert.equal(looksLikeFeed('<html><body><rss>not really</rss></body></html>'), false)
  })

  it('answers false for other XML and for text', () => {
    const foaf = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:foaf="http://xmlns.com/foaf/0.1/"><foaf:Person/></rdf:RDF>'
    assert.equal(looksLikeFeed(foaf), false)
    assert.equal(looksLikeFeed('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>'), false)
    assert.equal(looksLikeFeed('Analysis & Opinions - The Diplomat\n\nA Title'), false)
    assert.equal(looksLikeFeed(''), false)
  })
})
