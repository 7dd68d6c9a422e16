import { SingleBar } from 'cli-progress'
import type { IngestProgress } from '../archive/index.js'
import type { CliIo } from './run-cli.js'

export interface Progress {
  tick(progress: IngestProgress): void
  stop(): void
}

/**
 * A live bar over the inputs (with records stored, items/s and ETA) on a terminal; on a log,
 * one plain line per record with the same figures, since a bar's control characters would
 * garble a file. Feeds yield several records per input, so the bar counts inputs.
 */
export function createProgress(io: CliIo, interactive: boolean, stream: NodeJS.WritableStream): Progress {
  const started = Date.now()
  const rate = (n: number) => (n / Math.max((Date.now() - started) / 1000, 0.001)).toFixed(1)
  const eta = (p: IngestProgress) => {
    const left = p.inputsTotal - p.inputsDone
    const perInput = (Date.now() - started) / Math.max(p.inputsDone, 1)
    return p.inputsDone === 0 ? '?' : `${Math.round((left * perInput) / 1000)}s`
  }
  if (!interactive) {
    return {
      tick: (p) => io.stderr(`[${p.inputsDone}/${p.inputsTotal} inputs, ${p.records} records, ${rate(p.records)} items/s, eta ${eta(p)}] ${p.last.status} ${p.last.ref}\n`),
      stop: () => {},
    }
  }
  const bar = new SingleBar({
    format: '{bar} {value}/{total} inputs | {records} records | {rate} items/s | eta {eta_formatted} | {last}',
    stream,
    hideCursor: true,
    etaBuffer: 20,
  })
  let started_ = false
  return {
    tick: (p) => {
      if (!started_) {
        bar.start(p.inputsTotal, 0, { records: 0, rate: '0', last: '' })
        started_ = true
      }
      bar.update(p.inputsDone, { records: p.records, rate: rate(p.records), last: `${p.last.status} ${p.last.ref}`.slice(0, 50) })
    },
    stop: () => {
      if (started_) bar.stop()
    },
  }
}
