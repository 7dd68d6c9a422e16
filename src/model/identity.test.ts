import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { newOpaqueId, newPublicationId } from './identity.js'

describe('record ids', () => {
  it('are 12 readable characters that sort in the order they were made', () => {
    const start = Date.UTC(2026, 11, 7, 4, 0, 0)
    const ids = [
      ...Array.from({ length: 2000 }, () => newPublicationId(start)),
      ...Array.from({ length: 10 }, () => newPublicationId(start + 1000)),
      newPublicationId(start + 86_400_000),
    ]
    for (const id of ids) assert.match(id, /^[0-9a-hjkmnp-tv-z]{12}$/)
    assert.deepEqual([...ids].sort(), ids)
    assert.equal(new Set(ids).size, ids.length)
  })

  it('start each second at a random point, so two processes rarely meet', () => {
    const a = newPublicationId(Date.UTC(2030, 0, 1))
    const b = newPublicationId(Date.UTC(2030, 0, 1, 0, 0, 1))
    // same second prefix scheme, different random starts (one chance in 16 million to agree)
    assert.notEqual(a.slice(7), b.slice(7))
    assert.equal(a.slice(0, 6), b.slice(0, 6))
  })

  it('for accounts and tokens tell nothing about when they were made', () => {
    const ids = Array.from({ length: 50 }, () => newOpaqueId())
    assert.ok(ids.every((id) => /^[0-9a-z]{12}$/.test(id)))
    assert.notDeepEqual([...ids].sort(), ids)
  })
})
