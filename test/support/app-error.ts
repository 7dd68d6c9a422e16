import assert from 'node:assert/strict'
import { AppError } from '../../src/shared/index.js'

/** Runs `work`, which must throw an AppError, and returns that error for closer checks. */
export function appErrorFrom(work: () => unknown): AppError {
  try {
    work()
  } catch (err) {
    assert.ok(err instanceof AppError, `expected an AppError, got ${String(err)}`)
    return err
  }
  assert.fail('expected an AppError to be thrown')
}
