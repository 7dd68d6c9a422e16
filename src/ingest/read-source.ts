import type { PublicationDraft } from '../model/index.js'
import { AppError } from '../shared/index.js'
import { decodeText } from './decode-text.js'
import { parseJsonLines } from './json-lines.js'
import { parsePageText } from './page-text/index.js'

/** A file or stream given to an import, as bytes with the name it came under (`-` for stdin). */
export interface Source {
  name: string
  bytes: Uint8Array
  /** The line the bytes start at in the named file, when they are a part of it (an import job's chunk). */
  firstLine?: number
}

/** One record read from a source: a draft to store, or the error that stopped it. */
export interface SourceItem {
  /** `file` or `file:line`, for reports. */
  ref: string
  draft?: PublicationDraft
  error?: AppError
}

export type SourceFormat = 'page-text' | 'jsonl'

/** JSON Lines by extension, or by content when the name says nothing (stdin). */
export function detectFormat(name: string, text: string): SourceFormat {
  if (/\.(jsonl|ndjson)$/i.test(name)) return 'jsonl'
  if (/\.(txt|text|md)$/i.test(name)) return 'page-text'
  return /^\s*\{/.test(text) ? 'jsonl' : 'page-text'
}

/**
 * Reads a source into items: a page-text file is one record, a JSON Lines file one record per
 * line. Never throws for bad content; each problem becomes an item with an error that names
 * the source and line.
 */
export function readSource(source: Source, format?: SourceFormat): SourceItem[] {
  let text: string
  try {
    text = decodeText(source.bytes)
  } catch (err) {
    return [{ ref: source.name, error: asLocated(err, source.name) }]
  }
  if ((format ?? detectFormat(source.name, text)) === 'jsonl') {
    const offset = (source.firstLine ?? 1) - 1
    return parseJsonLines(text).map(({ line, draft, error }) => {
      const ref = `${source.name}:${line + offset}`
      if (!error) return { ref, draft: draft! }
      // The line the parser saw is the chunk's; the reader needs the file's.
      const located = offset ? new AppError(error.code, error.message, { ...error.location, line: line + offset }, { cause: error.cause }) : error
      return { ref, error: located.at({ source: source.name }) }
    })
  }
  try {
    return [{ ref: source.name, draft: parsePageText(text) }]
  } catch (err) {
    return [{ ref: source.name, error: asLocated(err, source.name) }]
  }
}

function asLocated(err: unknown, name: string): AppError {
  if (err instanceof AppError) return err.at({ source: name })
  throw err
}
