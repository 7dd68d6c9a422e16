/**
 * The one catalogue of failures. Every error Dossier raises on purpose carries one of these
 * codes; the web layer maps it to an HTTP status and the CLI to an exit code, from this table
 * alone, so the two never disagree.
 *
 * CLI exit codes follow the contract: 0 ok, 1 failed, 2 bad usage.
 */
export const ERROR_CODES = {
  USAGE: { http: 400, exit: 2 },
  INVALID_INPUT: { http: 400, exit: 1 },
  UNAUTHORIZED: { http: 401, exit: 1 },
  FORBIDDEN: { http: 403, exit: 1 },
  NOT_FOUND: { http: 404, exit: 1 },
  CONFLICT: { http: 409, exit: 1 },
  GONE: { http: 410, exit: 1 },
  UNSUPPORTED_FORMAT: { http: 406, exit: 2 },
  PRECONDITION_FAILED: { http: 412, exit: 1 },
  PRECONDITION_REQUIRED: { http: 428, exit: 1 },
  RATE_LIMITED: { http: 429, exit: 1 },
  SOURCE_UNPARSEABLE: { http: 422, exit: 1 },
  SOURCE_REFUSED: { http: 422, exit: 1 },
  SOURCE_UNREACHABLE: { http: 502, exit: 1 },
  STORE_UNAVAILABLE: { http: 503, exit: 1 },
  CONFIG_INVALID: { http: 500, exit: 2 },
  INTERNAL: { http: 500, exit: 1 },
} as const satisfies Record<string, { http: number; exit: number }>

export type ErrorCode = keyof typeof ERROR_CODES

/** Where in an input a problem sits: a file (or `-` for stdin), a 1-based line, a field. */
export interface ErrorLocation {
  source?: string
  line?: number
  field?: string
}

export class AppError extends Error {
  override name = 'AppError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly location: ErrorLocation = {},
    options?: ErrorOptions,
  ) {
    super(message, options)
  }

  /** Adds location facts the thrower did not know (the parser knows the line, the CLI the file). */
  at(location: ErrorLocation): AppError {
    return new AppError(this.code, this.message, { ...location, ...this.location }, { cause: this.cause })
  }

  /** One line: `file:line: field: message`, omitting what is unknown. */
  describe(): string {
    const { source, line, field } = this.location
    const where = [source, line === undefined ? undefined : String(line)].filter(Boolean).join(':')
    return [where, field, this.message].filter(Boolean).join(': ')
  }
}

export const toAppError = (err: unknown): AppError =>
  err instanceof AppError ? err : new AppError('INTERNAL', err instanceof Error ? err.message : String(err), {}, { cause: err })
