import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseHTML } from 'linkedom'
import { extractBody } from './extract-body.js'

const paragraph = (n: number) =>
  `<p>Paragraph ${n} explains how allied navies plan for routes through the Arctic, why the ice matters, and what ports along the coast can offer ships that need repairs in winter.</p>`

function page(article: string, around = ''): Document {
  const html = `<!doctype html><html><head><title>T</title></head><body>
    <nav class="site-nav"><a href="/">Home</a> <a href="/world">World</a></nav>
    ${around}
    <article>${article}</article>
    <footer>© 2024 The Harbour Review. All rights reserved.</footer></body></html>`
  return parseHTML(html).document as unknown as Document
}

describe('extractBody', () => {
  it('keeps the article paragraphs, separated by blank lines, and drops the page furniture', () => {
    const body = extractBody(page([1, 2, 3, 4, 5, 6].map(paragraph).join('')))!
    assert.equal(body.text.split('\n\n').length, 6)
    assert.match(body.text, /^Paragraph 1 explains/)
    assert.doesNotMatch(body.text, /Home|All rights reserved/)
  })

  it('drops captions, credits, share bars, bylines, tag lists and related-link lists inside the article', () => {
    const article = `
      <div class="byline">By Adaeze Okonkwo | Updated 10:42 AM, March 5, 2024</div>
      <div class="share-bar"><a>Share on Facebook</a> <a>Share on X</a></div>
      ${paragraph(1)}
      <figure><img src="a.jpg"><figcaption>A ship in the ice (Image: Harbour Photo)</figcaption></figure>
      ${paragraph(2)}${paragraph(3)}
      <p>Image 1 of 5</p>
      ${paragraph(4)}${paragraph(5)}
      <p>Tags: Arctic, NATO, Shipping, Ports</p>
      <h3>Related</h3>
      <ul><li><a href="/a">Arctic ports are short of tugs</a></li><li><a href="/b">Ice-class ships cost more</a></li><li><a href="/c">A new route opens</a></li></ul>`
    const body = extractBody(page(article))!
    assert.deepEqual(
      body.text.split('\n\n').map((p) => p.slice(0, 11)),
      ['Paragraph 1', 'Paragraph 2', 'Paragraph 3', 'Paragraph 4', 'Paragraph 5'],
    )
  })

  it('keeps a whole-page <form> wrapper, as ASP.NET pages have', () => {
    const document = parseHTML(`<html><body><form id="aspnetForm"><article>${[1, 2, 3, 4, 5, 6].map(paragraph).join('')}</article></form></body></html>`).document
    assert.equal(extractBody(document as unknown as Document)!.text.split('\n\n').length, 6)
  })

  it('keeps lists that are part of the argument', () => {
    const body = extractBody(page(`${paragraph(1)}${paragraph(2)}<ul><li>First, more icebreakers.</li><li>Second, shared ports.</li><li>Third, <a href="/x">common rules</a> for escorts.</li></ul>${paragraph(3)}${paragraph(4)}`))!
    assert.match(body.text, /First, more icebreakers\.\n\nSecond, shared ports\.\n\nThird, common rules for escorts\./)
  })

  it('returns undefined for a page without article text', () => {
    assert.equal(extractBody(parseHTML('<html><body><nav><a href="/">Home</a></nav></body></html>').document as unknown as Document), undefined)
  })
})
