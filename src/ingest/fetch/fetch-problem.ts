import { AppError } from '../../shared/index.js'

/**
 * A failure found by one of the fetcher's parts (the DNS guard, the body reader), which know
 * the reason but not the URL the caller asked for; the fetcher turns it into an AppError that
 * names both. `refused` becomes SOURCE_REFUSED, `unreachable` SOURCE_UNREACHABLE.
 */
export class FetchProblem extends Error {
  override name = 'FetchProblem'
  constructor(
    readonly kind: 'refused' | 'unreachable',
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(reason, options)
  }
}

/** Sizes in messages, in the unit a reader expects: "512 bytes", "64 KiB", "10 MiB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`
  const [value, unit] = n < 1024 ** 2 ? [n / 1024, 'KiB'] : n < 1024 ** 3 ? [n / 1024 ** 2, 'MiB'] : [n / 1024 ** 3, 'GiB']
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`
}

/** One AppError naming the URL and the reason, whatever part of the stack failed. */
export function toFetchError(err: unknown, where: string, connectTimeoutMs?: number): AppError {
  if (err instanceof AppError) return err
  const problem = findProblem(err)
  if (problem) return new AppError(problem.kind === 'refused' ? 'SOURCE_REFUSED' : 'SOURCE_UNREACHABLE', `${problem.kind === 'refused' ? 'refused' : 'could not fetch'} ${where}: ${problem.reason}`, {}, { cause: err })
  return new AppError('SOURCE_UNREACHABLE', `could not fetch ${where}: ${networkReason(err as NodeJS.ErrnoException, connectTimeoutMs)}`, {}, { cause: err })
}

function findProblem(err: unknown): FetchProblem | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof FetchProblem) return e
    if (e instanceof AggregateError) return e.errors.map(findProblem).find(Boolean)
  }
  return undefined
}

function networkReason(failure: NodeJS.ErrnoException, connectTimeoutMs?: number): string {
  // Trying each address of a name in turn fails with all their errors at once; the first says enough.
  const err: NodeJS.ErrnoException = failure instanceof AggregateError && !(failure as NodeJS.ErrnoException).code && failure.errors[0] instanceof Error ? failure.errors[0] : failure
  switch (err?.code) {
    case 'ENOTFOUND':
      return 'no such host'
    case 'EAI_AGAIN':
      return 'the name could not be resolved (DNS did not answer)'
    case 'ECONNREFUSED':
      return 'the connection was refused'
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the server closed the connection'
    case 'UND_ERR_CONNECT_TIMEOUT':
      return connectTimeoutMs === undefined ? 'could not connect in time' : `could not connect within ${connectTimeoutMs} ms`
    case 'ETIMEDOUT':
      return 'the connection timed out'
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return 'the server stopped answering'
    case 'UND_ERR_HEADERS_OVERFLOW':
      return 'the response headers are too large'
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host is unreachable'
  }
  if (/^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/.test(err?.code ?? '')) return `the TLS connection failed (${err.message})`
  return err instanceof Error ? err.message : String(err)
}
