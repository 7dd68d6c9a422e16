import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cleanAuthorNames, cleanLabels, decodeEntities, htmlToText, inlineText, textToHtml } from './feed-text.js'

describe('feed text', () => {
  it('decodes named, numeric and accented entities, leaving unknown ones', () => {
    assert.equal(decodeEntities('Q&amp;A &#8211; &#x2014; &hellip; &rsquo;'), 'Q&A – — … ’')
    assert.equal(decodeEntities('Caf&eacute; &Uuml;ber &ccedil;a &aring;'), 'Café Über ça å')
    assert.equal(decodeEntities('AT&T &bogus; &#0; &#xD800;'), 'AT&T &bogus; &#0; &#xD800;')
  })

  it('turns HTML into paragraphs of plain text without a DOM', () => {
    const html = `<div class="x"><p>First <b>bold</b> para&nbsp;one.</p>
      <script>alert("no")</script><style>p{}</style><!-- note -->
      <p>Second<br/>line with <a href="/x" title="a > b">a link</a>.</p><ul><li>item</li></ul></div>`
    assert.equal(htmlToText(html), 'First bold para one.\n\nSecond line with a link.\n\nitem')
  })

  it('keeps escaped markup and stray angle brackets as text', () => {
    assert.equal(htmlToText('Use &lt;b&gt; for bold'), 'Use <b> for bold')
    assert.equal(inlineText('Why x < y and y > z'), 'Why x < y and y > z')
    assert.equal(inlineText('A <em>Primer</em>\n on   Levies'), 'A Primer on Levies')
    assert.equal(inlineText('  '), undefined)
  })

  it('writes plain text as escaped HTML paragraphs', () => {
    assert.equal(textToHtml('One & two\n\nThree <four>\nfive'), '<p>One &amp; two</p>\n<p>Three &lt;four&gt;<br>five</p>')
  })

  it('cleans bylines: e-mail addresses, "By", repeats', () => {
    assert.deepEqual(
      cleanAuthorNames(['jane@x.org (Jane Doe)', 'By John Roe', 'BY: Ann Lee', 'Bob Kay <bob@x.org>', 'carl@x.org', 'jane doe', undefined, '']),
      ['Jane Doe', 'John Roe', 'Ann Lee', 'Bob Kay'],
    )
    assert.deepEqual(cleanAuthorNames(['Byron Fields']), ['Byron Fields'])
    assert.deepEqual(cleanAuthorNames(['Written by Maja Lindqvist']), ['Maja Lindqvist'])
  })

  it('splits lists of people but not institutions, inverted names or roles', () => {
    assert.deepEqual(cleanAuthorNames(['Chen Wei, Priya Raman and Tomás Ortega']), ['Chen Wei', 'Priya Raman', 'Tomás Ortega'])
    assert.deepEqual(cleanAuthorNames(['Ann Lee & Lars van der Berg']), ['Ann Lee', 'Lars van der Berg'])
    assert.deepEqual(cleanAuthorNames(['Doe, Jane; Roe, John']), ['Doe, Jane', 'Roe, John'])
    assert.deepEqual(cleanAuthorNames(['Belfer Center for Science and International Affairs']), ['Belfer Center for Science and International Affairs'])
    assert.deepEqual(cleanAuthorNames(['Martin Luther King, Jr.']), ['Martin Luther King, Jr.'])
    assert.deepEqual(cleanAuthorNames(['Jane Doe, Senior Fellow']), ['Jane Doe, Senior Fellow'])
    // feedsmith's reading of "a@x (A), b@x (B)" in one <author>.
    assert.deepEqual(cleanAuthorNames(['Jane Doe , bob@x.org (Bob Kay)']), ['Jane Doe', 'Bob Kay'])
  })

  it('de-duplicates labels case-insensitively, keeping the first spelling', () => {
    assert.deepEqual(cleanLabels(['Trade', ' trade ', 'Maritime&nbsp;Security', undefined, '']), ['Trade', 'Maritime Security'])
  })
})
