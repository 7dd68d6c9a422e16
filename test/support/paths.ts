import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const SHARED = path.resolve(ROOT, '../shared')
export const SEED_PAGE = path.join(SHARED, 'seed/000_af9a95346681ade8.txt')
export const FIXTURES = path.join(ROOT, 'test/fixtures')

/** The reason to skip a test that needs ../shared, or false when it is there. */
export function needsShared(file: string): string | false {
  return existsSync(file) ? false : `skipped: ${path.relative(ROOT, file)} is absent (../shared is not beside the project)`
}

/** A fresh folder removed when the process exits. */
export function tempDir(prefix = 'dossier-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
  return dir
}
