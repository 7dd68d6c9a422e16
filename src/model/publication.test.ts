import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { appErrorFrom } from '../../test/support/app-error.js'
import { validatePublication } from './publication.js'
import { diffFields, mergeFields, newRecordFields } from './record-diff.js'

const refusal = (input: unknown) => appErrorFrom(() => validatePublication(input))

describe('publication validation', () => {
  it('normalises types, dates, names and lists', () => {
    const d = validatePublication({
      type: 'Analysis & Opinions',
      title: '  A Title  ',
      published: 'Jan. 18, 2023',
      authors: ['Mina Pollmann', 'Berg, Lars van der', { organization: 'Center for Maritime Studies' }],
      topics: ['Security', 'Security', 'Trade'],
      body: 'Full text.',
    })
    assert.equal(d.type, 'analysis-opinions')
    assert.equal(d.title, 'A Title')
    assert.equal(d.published, '2023-01-18')
    assert.deepEqual(d.authors?.[2], { kind: 'organization', name: 'Center for Maritime Studies' })
    assert.deepEqual(d.topics, ['Security', 'Trade'])
    assert.deepEqual(d.body, { text: 'Full text.', isExcerpt: false })
  })

  it('names the field in every refusal', () => {
    assert.deepEqual([refusal({}).location.field, refusal({}).message], ['title', 'is required'])
    assert.match(refusal({ title: 'x', type: 'Pamphlet' }).message, /unknown publication type "Pamphlet"/)
    assert.equal(refusal({ title: 'x', published: '2023-02-30' }).location.field, 'published')
    assert.equal(refusal({ title: 'x', url: 'ftp://example.org/a' }).location.field, 'url')
    assert.equal(refusal({ title: 'x', authors: [{ given: 'Ann' }] }).location.field?.startsWith('authors.0'), true)
    assert.match(refusal({ title: 'x', colour: 'red' }).message, /unknown field "colour"/)
    assert.equal(refusal({ title: 'x', status: 'archived' }).location.field, 'status')
  })

  it('keeps what an update does not state, and diffs field by field', () => {
    const before = newRecordFields(validatePublication({ title: 'T', topics: ['Arctic'], outlet: 'O' }))
    assert.equal(before.status, 'published')
    assert.equal(before.type, 'other')
    const after = mergeFields(before, validatePublication({ title: 'T', outlet: 'O', summary: 'New dek.' }))
    assert.deepEqual(after.topics, ['Arctic'])
    assert.deepEqual(diffFields(before, after), { summary: { from: undefined, to: 'New dek.' } })
    assert.deepEqual(diffFields(after, after), {})
  })
})
