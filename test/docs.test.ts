import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { ERROR_CODES } from '../src/shared/index.js'
import { ROOT } from './support/paths.js'

describe('README', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')

  it('documents every error code with its HTTP status and exit code', () => {
    const rows = new Map([...readme.matchAll(/^\| `([A-Z_]+)` \| (\d+) \| (\d+) \|/gm)].map((m) => [m[1], [Number(m[2]), Number(m[3])]]))
    assert.deepEqual([...rows.keys()].sort(), Object.keys(ERROR_CODES).sort())
    for (const [code, { http, exit }] of Object.entries(ERROR_CODES)) assert.deepEqual(rows.get(code), [http, exit], code)
  })

  it('gives the two quick-start commands', () => {
    assert.match(readme, /^npm ci && npm start$/m)
    assert.match(readme, /^npm ci && npm test$/m)
  })
})
