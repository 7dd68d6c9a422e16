import { decodeText, detectFormat } from '../archive/index.js'
import { AppError } from '../shared/index.js'
import type { JobRequest } from './job-queue.js'

/**
 * A file cut into import jobs: JSON Lines by `batch` lines (each job knows the line it starts
 * at, so errors still point at the input's own line), other files whole. A file that is not
 * UTF-8 text is refused here, as a direct import refuses it, before any job is queued.
 * @throws AppError SOURCE_UNPARSEABLE naming the file and line.
 */
export function importRequests(name: string, bytes: Uint8Array, options: { format?: 'page-text' | 'jsonl'; batch: number; actor: string }): JobRequest[] {
  let text: string
  try {
    text = decodeText(bytes)
  } catch (err) {
    throw err instanceof AppError ? err.at({ source: name }) : err
  }
  const { format, batch, actor } = options
  // The import's own reading of the format, so a queued file is cut as a direct import reads it.
  if ((format ?? detectFormat(name, text)) !== 'jsonl') return [{ kind: 'import', source: name, text, format, actor }]
  const lines = text.split('\n')
  const out: JobRequest[] = []
  for (let start = 0; start < lines.length; start += batch) {
    const chunk = lines.slice(start, start + batch)
    if (!chunk.some((l) => l.trim())) continue
    out.push({ kind: 'import', source: name, firstLine: start + 1, text: chunk.join('\n'), format: 'jsonl', actor })
  }
  return out
}
