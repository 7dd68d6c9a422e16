import { pipeline, type Readable, type Transform } from 'node:stream'
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib'
import { FetchProblem, formatBytes } from './fetch-problem.js'

// Servers cut compressed bodies short often enough (a proxy, a crashed worker) that browsers
// keep what decompressed so far; flushing instead of failing at the end does the same.
const LENIENT = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH }

/** The decompressor for a Content-Encoding, or undefined when the body is sent as is. */
function decoderFor(encoding: string, first: Buffer | undefined): Transform | undefined {
  switch (encoding) {
    case '':
    case 'identity':
      return undefined
    case 'gzip':
    case 'x-gzip':
      return createGunzip(LENIENT)
    case 'deflate':
      // "deflate" should be zlib-wrapped, but some servers send the raw stream; a zlib
      // header is a 0x?8 byte whose pair with the next is a multiple of 31.
      return first && first.length >= 2 && (first[0]! & 0x0f) === 8 && ((first[0]! << 8) | first[1]!) % 31 === 0 ? createInflate(LENIENT) : createInflateRaw(LENIENT)
    case 'br':
      return createBrotliDecompress({ flush: constants.BROTLI_OPERATION_FLUSH, finishFlush: constants.BROTLI_OPERATION_FLUSH })
    default:
      throw new FetchProblem('unreachable', `the server sent the body in an encoding Dossier does not read (Content-Encoding: ${encoding})`)
  }
}

/** The raw body as a pull source that counts what arrives, so even bytes that decompress to nothing are bounded. */
async function* counted(body: Readable, maxBytes: number): AsyncGenerator<Buffer> {
  let size = 0
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBytes) throw new FetchProblem('refused', `the body is larger than ${formatBytes(maxBytes)}`)
    yield chunk
  }
}

/**
 * Reads a response body into memory, decompressing it as it streams and stopping the moment
 * the decompressed size passes `maxBytes`: the limit is checked per chunk, and decompression
 * only runs as fast as chunks are taken, so a gzip bomb costs at most one chunk past the limit.
 * The body stream is destroyed on every way out, which aborts the request if it is unfinished.
 */
export async function readBody(body: Readable, contentEncoding: string | undefined, maxBytes: number): Promise<Uint8Array> {
  const encoding = (contentEncoding ?? '').trim().toLowerCase()
  const raw = counted(body, maxBytes)
  try {
    let source: AsyncIterable<Buffer> = raw
    let first: Buffer | undefined
    if (encoding === 'deflate') {
      // The first two bytes tell the two deflate flavours apart; a chunk may hold only one.
      const head: Buffer[] = []
      for (let n = 0; n < 2; ) {
        const step = await raw.next()
        if (step.done) break
        head.push(step.value)
        n += step.value.length
      }
      first = head.length ? Buffer.concat(head) : undefined
      source = (async function* () {
        if (first) yield first
        yield* raw
      })()
    }
    const decoder = decoderFor(encoding, first)
    const decoded: AsyncIterable<Buffer> = decoder ? pipeline(source, decoder, () => {}) : source
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of decoded) {
      size += chunk.length
      if (size > maxBytes) {
        throw new FetchProblem('refused', decoder ? `the body is larger than ${formatBytes(maxBytes)} once decompressed` : `the body is larger than ${formatBytes(maxBytes)}`)
      }
      chunks.push(chunk)
    }
    const bytes = new Uint8Array(size)
    let at = 0
    for (const chunk of chunks) {
      bytes.set(chunk, at)
      at += chunk.length
    }
    return bytes
  } catch (err) {
    if (err instanceof FetchProblem || isAbort(err) || body.errored) throw err
    // Whatever else fails here is the decompressor reading bytes that are not what they claim.
    throw new FetchProblem('unreachable', `the ${encoding} body is corrupt (${(err as Error).message})`, { cause: err })
  } finally {
    // Destroying an unfinished undici body aborts its request, reported as an error nobody needs.
    body.on('error', () => {}).destroy()
    void raw.return(undefined).catch(() => {})
  }
}

const isAbort = (err: unknown) => err instanceof Error && (err.name === 'AbortError' || (err as NodeJS.ErrnoException).code === 'UND_ERR_ABORTED')
