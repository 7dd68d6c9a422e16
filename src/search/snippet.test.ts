import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makeSnippet } from './snippet.js'
import { closestTerm } from './suggest.js'
import { toIndexText } from './index-text.js'

describe('makeSnippet', () => {
  it('marks the matched words, stems included, and escapes everything else', () => {
    const html = makeSnippet('Sanctioned <script>alert(1)</script> firms & "partners" face new sanctions.', ['sanctions'])
    assert.equal(html, '<mark>Sanctioned</mark> &lt;script&gt;alert(1)&lt;/script&gt; firms &amp; &quot;partners&quot; face new <mark>sanctions</mark>.')
  })

  it('picks the passage with the most distinct query words and cuts at word boundaries', () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ')
    const text = `Japan alone. ${filler(40)} Japan and Korea met on security. ${filler(40)}`
    const html = makeSnippet(text, ['japan', 'korea', 'security'], { words: 12 })!
    assert.match(html, /^… /)
    assert.match(html, /<mark>Japan<\/mark> and <mark>Korea<\/mark> met on <mark>security<\/mark>/)
    assert.match(html, / …$/)
    assert.doesNotMatch(html, /word\d+[a-z]/)
  })

  it('finds CJK words inside a run and returns undefined when nothing matches', () => {
    assert.equal(makeSnippet('尖閣諸島をめぐる日中関係', ['日中']), '<mark>尖閣諸島をめぐる日中関係</mark>')
    assert.equal(makeSnippet('Nothing here', ['tariffs']), undefined)
  })
})

describe('closestTerm and toIndexText', () => {
  it('suggests the nearest indexed word, preferring the commoner one', () => {
    const vocabulary = [{ term: 'senkaku', docs: 3 }, { term: 'senkoku', docs: 1 }, { term: 'sentence', docs: 9 }]
    assert.equal(closestTerm('senkako', vocabulary), 'senkaku')
    assert.equal(closestTerm('zzzzzz', vocabulary), undefined)
  })

  it('turns CJK runs into character pairs and leaves other text alone', () => {
    assert.equal(toIndexText('Kishida 尖閣諸島 visit').replace(/\s+/g, ' '), 'Kishida 尖閣 閣諸 諸島 visit')
    assert.equal(toIndexText('Schröder'), 'Schröder')
  })
})
