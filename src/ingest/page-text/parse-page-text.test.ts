import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { FIXTURES, SEED_PAGE, needsShared } from '../../../test/support/paths.js'
import { newRecordFields } from '../../model/index.js'
import { renderPageText } from '../../render/index.js'
import { appErrorFrom } from '../../../test/support/app-error.js'
import { parsePageText } from './parse-page-text.js'

const fixture = (name: string) => readFileSync(path.join(FIXTURES, 'pages', name), 'utf8')
const asRecord = (text: string) => ({ ...newRecordFields(parsePageText(text)), id: 'x0000000001', slug: 's', createdAt: '', updatedAt: '', revision: 1 })

const refusal = (text: string) => appErrorFrom(() => parsePageText(text))

describe('page-text parser', () => {
  it('reads a byline with two authors, a particle, contact and a full body', () => {
    const d = parsePageText(fixture('op-ed-two-authors.txt'))
    assert.equal(d.type, 'op-ed')
    assert.equal(d.outlet, 'The Harbour Review')
    assert.equal(d.title, 'Why Arctic Shipping Lanes Matter for NATO')
    assert.equal(d.published, '2024-03-05')
    assert.deepEqual(d.authors, [
      { kind: 'person', family: 'Okonkwo', given: 'Adaeze' },
      { kind: 'person', family: 'Berg', given: 'Lars', particle: 'van der' },
    ])
    assert.equal(d.summary, 'Melting ice opens routes that allies have not planned for.')
    assert.equal(d.body?.isExcerpt, false)
    assert.equal(d.body?.text.split('\n\n').length, 2)
    assert.equal(d.contact, 'Press Office')
  })

  it('takes an organisation author from the citation line and a month-only date', () => {
    const d = parsePageText(fixture('report-organisation.txt'))
    assert.equal(d.type, 'report')
    assert.deepEqual(d.authors, [{ kind: 'organization', name: 'Center for Maritime Studies' }])
    assert.equal(d.published, '2022-06')
    assert.equal(d.body, undefined)
  })

  it('handles CRLF line ends, a comma byline, a year and an excerpt', () => {
    const d = parsePageText(fixture('journal-excerpt-crlf.txt'))
    assert.equal(d.type, 'journal-article')
    assert.equal(d.published, '2021')
    assert.deepEqual(d.authors?.map((a) => (a.kind === 'person' ? a.family : a.name)), ['Tanaka', 'Cruz', 'Lee'])
    assert.deepEqual(d.body, { text: 'The first section reviews the record of verification regimes.', isExcerpt: true })
  })

  it('refuses malformed pages with the line and the field', () => {
    const noTitle = refusal('Op-Ed - The Harbour Review\n\n')
    assert.deepEqual([noTitle.location.field, noTitle.location.line], ['title', 2])
    const badDate = refusal('Op-Ed - X\n\nA Title\n\n| Feb. 30, 2023\n')
    assert.deepEqual([badDate.location.field, badDate.location.line], ['published', 5])
    const badType = refusal('\nPamphlet - X\n\nA Title\n')
    assert.deepEqual([badType.location.field, badType.location.line, badType.code], ['type', 2, 'INVALID_INPUT'])
    assert.equal(refusal('   \n\n').code, 'SOURCE_UNPARSEABLE')
  })

  it('renders our fixture pages back to the same text', () => {
    for (const name of ['op-ed-two-authors.txt', 'report-organisation.txt']) {
      const text = fixture(name)
      const rendered = renderPageText(asRecord(text))
      // Our writer leaves the byline out (authors stand in the citation), as the model page does.
      assert.equal(rendered, text.replace(/^By .* \| /m, '| '), name)
    }
  })

  it('round-trips the model page byte for byte, with the space after "Mina." restored', { skip: needsShared(SEED_PAGE) }, () => {
    const seed = readFileSync(SEED_PAGE, 'utf8')
    const d = parsePageText(seed)
    assert.equal(d.type, 'analysis-opinions')
    assert.equal(d.outlet, 'The Diplomat')
    assert.equal(d.published, '2023-01-18')
    assert.deepEqual(d.authors, [{ kind: 'person', family: 'Pollmann', given: 'Mina' }])
    assert.equal(d.contact, 'Belfer Communications Office')
    assert.equal(d.body?.isExcerpt, true)
    const expected = `${seed.replace(/Mina\.“/, 'Mina. “')}\n`
    assert.notEqual(expected, `${seed}\n`, 'the seed is expected to lack the space after "Mina."')
    assert.equal(renderPageText(asRecord(seed)), expected)
  })
})
