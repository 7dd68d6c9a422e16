import { statSync } from 'node:fs'

/** Bytes an SQLite archive takes on disk: the file and its write-ahead log, if one is left. */
export function fileSize(file: string): number {
  let total = 0
  for (const f of [file, `${file}-wal`]) {
    try {
      total += statSync(f).size
    } catch {
      // no WAL file left after a checkpoint
    }
  }
  return total
}
