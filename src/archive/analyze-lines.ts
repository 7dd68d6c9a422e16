import { analyzeText, scorerLine } from '../enrich/index.js'
import { AppError } from '../shared/index.js'

/**
 * `dossier analyze`: each line `{"id", "text", "dct"}` in, each line `{"id", "entities",
 * "timexes"}` out, offsets into `text` as JavaScript string indices (the scorers' format).
 * A line that is not such an object stops the run with its file and line named.
 */
export async function* analyzeLines(lines: AsyncIterable<string>, source: string): AsyncIterable<string> {
  let n = 0
  for await (const line of lines) {
    n++
    if (!line.trim()) continue
    let doc: { id?: unknown; text?: unknown; dct?: unknown }
    try {
      doc = JSON.parse(line) as typeof doc
    } catch {
      throw new AppError('INVALID_INPUT', 'is not JSON', { source, line: n })
    }
    if (typeof doc !== 'object' || doc === null || typeof doc.text !== 'string') throw new AppError('INVALID_INPUT', 'needs a "text" string', { source, line: n })
    if (doc.dct !== undefined && doc.dct !== null && (typeof doc.dct !== 'string' || !/^\d{4}(-\d{2}(-\d{2})?)?/.test(doc.dct))) {
      throw new AppError('INVALID_INPUT', `"dct" must be a date such as 2023-01-18 (got ${JSON.stringify(doc.dct)})`, { source, line: n })
    }
    const id = typeof doc.id === 'string' || typeof doc.id === 'number' ? String(doc.id) : String(n)
    yield `${JSON.stringify(scorerLine(id, analyzeText(doc.text, (doc.dct as string | undefined) ?? undefined)))}\n`
  }
}
