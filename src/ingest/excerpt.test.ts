import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { toExcerpt } from './excerpt.js'

describe('toExcerpt', () => {
  const text = 'Ice is thinning. Routes open in summer! Ports are far apart? "Allies must plan." Then the rest follows here.'

  it('ends at the last sentence boundary within the word limit', () => {
    assert.deepEqual(toExcerpt(text, 8), { text: 'Ice is thinning. Routes open in summer!', isExcerpt: true })
    assert.deepEqual(toExcerpt(text, 14), { text: 'Ice is thinning. Routes open in summer! Ports are far apart? "Allies must plan."', isExcerpt: true })
  })

  it('keeps a body within the limit whole and unflagged', () => {
    assert.deepEqual(toExcerpt(text, 100), { text, isExcerpt: false })
  })

  it('keeps the first sentence when it alone is over the limit', () => {
    assert.deepEqual(toExcerpt(text, 2), { text: 'Ice is thinning.', isExcerpt: true })
  })

  it('does not cut inside abbreviations followed by more text on the same paragraph', () => {
    const out = toExcerpt('The U.S. Navy agreed.\n\nA second paragraph follows with more words in it.', 5)
    assert.equal(out.text, 'The U.S. Navy agreed.')
  })
})
