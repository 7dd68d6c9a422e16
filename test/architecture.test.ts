import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { ROOT } from './support/paths.js'

// The data flow, as imports: each folder of src/ may import only the folders listed for it.
// See README "Layout". main/ wires everything together and may import anything.
const ALLOWED: Record<string, string[]> = {
  shared: [],
  types: [],
  model: ['shared'],
  ingest: ['model', 'shared'],
  enrich: ['model', 'shared'],
  cite: ['model', 'shared'],
  search: ['model', 'shared'],
  render: ['cite', 'model', 'shared'],
  store: ['search', 'model', 'shared'],
  archive: ['ingest', 'enrich', 'cite', 'render', 'search', 'store', 'model', 'shared'],
  jobs: ['archive', 'store', 'shared'],
  web: ['archive', 'jobs', 'model', 'shared'],
  cli: ['archive', 'jobs', 'model', 'shared'],
}

const SRC = path.join(ROOT, 'src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(full)
    return /\.ts$/.test(e.name) && !/\.(test|contract)\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : []
  })
}

const topFolder = (file: string) => path.relative(SRC, file).split(path.sep)[0]!

describe('architecture', () => {
  const files = sourceFiles(SRC)

  it('finds the source tree', () => {
    assert.ok(files.length > 20)
    for (const file of files) assert.ok(topFolder(file) === 'main' || topFolder(file) in ALLOWED, `${path.relative(ROOT, file)} is in a folder the layering does not know`)
  })

  it('imports only along the data flow', () => {
    for (const file of files) {
      const from = topFolder(file)
      if (from === 'main') continue
      const source = readFileSync(file, 'utf8')
      for (const m of source.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
        const spec = m[1]!
        const target = path.resolve(path.dirname(file), spec)
        const to = topFolder(target)
        const where = `${path.relative(ROOT, file)} imports ${spec}`
        if (to !== from) assert.ok(ALLOWED[from]!.includes(to), `${where}: ${from}/ must not import ${to}/`)
        if (/\/store\/(sqlite|postgres)\//.test(target + '/') && !path.relative(SRC, file).startsWith(`store${path.sep}`)) {
          assert.fail(`${where}: only main/ picks a storage backend`)
        }
      }
    }
  })

  it('leaves the environment, the exit code and ports to main/', () => {
    for (const file of files) {
      if (topFolder(file) === 'main') continue
      const source = readFileSync(file, 'utf8')
      assert.doesNotMatch(source, /process\.(env|exit)\b/, `${path.relative(ROOT, file)} reads process.env or exits`)
      assert.doesNotMatch(source, /\.listen\(/, `${path.relative(ROOT, file)} opens a port`)
    }
  })
})
