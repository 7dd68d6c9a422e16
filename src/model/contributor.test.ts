import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { displayName, parseInvertedName, parsePersonName } from './contributor.js'

describe('contributor names', () => {
  it('splits display-order names, keeping particles and suffixes', () => {
    assert.deepEqual(parsePersonName('Mina Pollmann'), { kind: 'person', family: 'Pollmann', given: 'Mina' })
    assert.deepEqual(parsePersonName('Lars van der Berg'), { kind: 'person', family: 'Berg', given: 'Lars', particle: 'van der' })
    assert.deepEqual(parsePersonName('Martin Luther King Jr.'), { kind: 'person', family: 'King', given: 'Martin Luther', suffix: 'Jr.' })
    assert.deepEqual(parsePersonName('Graham T. Allison'), { kind: 'person', family: 'Allison', given: 'Graham T.' })
    assert.deepEqual(parsePersonName('Madonna'), { kind: 'person', family: 'Madonna' })
  })

  it('splits inverted names as bibliographies write them', () => {
    assert.deepEqual(parseInvertedName('Pollmann, Mina'), { kind: 'person', family: 'Pollmann', given: 'Mina' })
    assert.deepEqual(parseInvertedName('van der Berg, Lars'), { kind: 'person', family: 'Berg', given: 'Lars', particle: 'van der' })
    assert.deepEqual(parseInvertedName('King, Martin Luther, Jr.'), { kind: 'person', family: 'King', given: 'Martin Luther', suffix: 'Jr.' })
  })

  it('shows family-first names in their own order', () => {
    assert.equal(displayName({ kind: 'person', family: 'Kishida', given: 'Fumio', familyFirst: true }), 'Kishida Fumio')
    assert.equal(displayName({ kind: 'person', family: 'Berg', given: 'Lars', particle: 'van der' }), 'Lars van der Berg')
    assert.equal(displayName({ kind: 'organization', name: 'Center for Maritime Studies' }), 'Center for Maritime Studies')
  })
})
