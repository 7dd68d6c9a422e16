import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { appErrorFrom } from '../../test/support/app-error.js'
import { decodeText } from './decode-text.js'

describe('decodeText', () => {
  it('accepts UTF-8 with or without a BOM', () => {
    assert.equal(decodeText(Buffer.from('\uFEFFSchröder — 東京')), 'Schröder — 東京')
  })
  it('refuses invalid UTF-8 and binary bytes, naming the line', () => {
    for (const [bytes, line] of [
      [Buffer.from([0x61, 0x0a, 0x62, 0xff, 0x63]), 2],
      [Buffer.from('one\ntwo\nthree\u0000'), 3],
    ] as const) {
      const err = appErrorFrom(() => decodeText(bytes))
      assert.equal(err.code, 'SOURCE_UNPARSEABLE')
      assert.equal(err.location.line, line)
    }
  })
})
