import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { parseHTML } from 'linkedom'
import { extractBody } from '../src/ingest/html/extract-body.js'

const DIR = '/work/shared/datasets/extraction'
const preds: Record<string, { articleBody: string }> = {}
const files = readdirSync(path.join(DIR, 'scrapinghub/html'))
const t0 = performance.now()
for (const f of files) {
  const id = f.replace('.html.gz', '')
  const html = gunzipSync(readFileSync(path.join(DIR, 'scrapinghub/html', f))).toString('utf8')
  const { document } = parseHTML(html)
  preds[id] = { articleBody: extractBody(document as unknown as Document)?.text ?? '' }
}
const secs = (performance.now() - t0) / 1000
writeFileSync('/tmp/body-preds.json', JSON.stringify(preds))
console.log(`${files.length} pages in ${secs.toFixed(1)}s = ${(files.length / secs).toFixed(1)} pages/s`)
console.log(execFileSync('node', [path.join(DIR, 'eval-body.mjs'), path.join(DIR, 'scrapinghub/ground-truth.json'), '/tmp/body-preds.json', '--per-item', '/tmp/body-items.json'], { encoding: 'utf8' }))
