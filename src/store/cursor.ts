import { AppError } from '../shared/index.js'

/** Keyset cursors: the sort values of the last item seen, as opaque base64url JSON. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url')
}

/** @throws AppError INVALID_INPUT for anything that is not a cursor we issued. */
export function decodeCursor(cursor: string): (string | number)[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
    if (Array.isArray(values) && values.every((v) => typeof v === 'string' || typeof v === 'number')) return values
  } catch {
    // fall through to the one error below
  }
  throw new AppError('INVALID_INPUT', 'is not a valid cursor', { field: 'cursor' })
}
