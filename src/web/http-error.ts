import { AppError, toAppError } from '../shared/index.js'

/**
 * Any error a route throws, as an error of the catalogue: ours as they are, Fastify's own
 * "no route" as NOT_FOUND and its refusals of a malformed request (a body that is not JSON,
 * a bad content type) as INVALID_INPUT; anything else is INTERNAL.
 */
export function toHttpError(err: unknown): AppError {
  if (err instanceof AppError) return err
  const e = err as { statusCode?: number; validation?: unknown; message?: string }
  if (e.statusCode === 404) return new AppError('NOT_FOUND', 'not found')
  if (e.validation || e.statusCode === 400) return new AppError('INVALID_INPUT', e.message ?? 'malformed request')
  return toAppError(err)
}
