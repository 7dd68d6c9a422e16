import type { PublicationDraft } from '../model/index.js'
import { validatePublication } from '../model/index.js'
import { AppError } from '../shared/index.js'

// Exported records carry bookkeeping that the archive assigns itself; a backup read back in
// must not be refused for it.
const BOOKKEEPING = ['slug', 'createdAt', 'updatedAt', 'revision'] as const

export interface ParsedLine {
  line: number
  draft?: PublicationDraft
  error?: AppError
}

/** One draft (or one error naming its line) per non-blank line of JSON Lines text. */
export function parseJsonLines(text: string): ParsedLine[] {
  const out: ParsedLine[] = []
  text.split('\n').forEach((raw, i) => {
    const line = i + 1
    if (raw.trim() === '') return
    try {
      let value: unknown
      try {
        value = JSON.parse(raw)
      } catch (err) {
        throw new AppError('SOURCE_UNPARSEABLE', `is not valid JSON (${(err as Error).message})`)
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new AppError('INVALID_INPUT', 'must be a JSON object, one record a line')
      }
      const record = { ...(value as Record<string, unknown>) }
      for (const key of BOOKKEEPING) delete record[key]
      out.push({ line, draft: validatePublication(record) })
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      out.push({ line, error: err.at({ line }) })
    }
  })
  return out
}
