import type { Command } from 'commander'
import { analyzeLines, type Archive } from '../archive/index.js'
import { AppError } from '../shared/index.js'
import type { CliIo } from './run-cli.js'

interface Context {
  io: CliIo
  withArchive: <T>(cmd: Command, work: (archive: Archive) => Promise<T>) => Promise<T>
  parsePositiveInt: (value: string) => number
}

/** `dossier analyze`, `enrich`, `entities`, `timeline`: the analysts' commands. */
export function addAnalysisCommands(program: Command, { io, withArchive, parsePositiveInt }: Context): void {
  program
    .command('analyze')
    .description('find entities and dated references in each line {"id", "text", "dct"} of FILE; print {"id", "entities", "timexes"} per line')
    .argument('<file>', 'a JSON Lines file, or - for standard input')
    .action(async (file: string) => {
      const lines = file === '-' ? stdinLines(io) : io.readLines(file)
      for await (const out of analyzeLines(lines, file)) await io.stdout(out)
    })

  program
    .command('enrich')
    .description('enrich records: those never enriched, enriched by an older version, or failed (retried up to 3 times)')
    .option('--all', 'every record that needs it (the only mode; stated for scripts)')
    .option('--id <id>', 'one record, whatever its state')
    .action(async (opts: { all?: boolean; id?: string }, cmd: Command) => {
      if (!opts.all && !opts.id) throw new AppError('INVALID_INPUT', 'say --all or --id ID')
      await withArchive(cmd, async (a) => {
        if (opts.id) {
          const record = await a.get(opts.id)
          const status = await a.analysis.enrich(record.id)
          io.stderr(`${record.id}: ${status}\n`)
          return
        }
        const started = Date.now()
        const result = await a.analysis.enrichStale({
          onProgress: (done, failed) => {
            if ((done + failed) % 1000 < 50) io.stderr(`${done} enriched, ${failed} failed\n`)
          },
        })
        io.stderr(`${result.enriched} enriched, ${result.failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
      })
    })

  program
    .command('entities')
    .description('the people, organisations, places and agreements a record names')
    .argument('<id>', 'record id or slug')
    .option('--json', 'one JSON object: the record id, the enricher version, entities and dated events')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withArchive(cmd, async (a) => {
        const record = await a.get(id)
        const found = await a.analysis.forRecord(record.id)
        if (!found) {
          const state = (await a.analysis.failures(1000)).find((f) => f.publicationId === record.id)
          throw new AppError(state ? 'INTERNAL' : 'NOT_FOUND', state ? `enrichment failed (${state.attempts} attempts): ${state.error}` : `record ${record.id} is not enriched yet: run dossier enrich --all`)
        }
        if (opts.json) {
          io.stdout(`${JSON.stringify({ id: record.id, ...found })}\n`)
          return
        }
        for (const e of found.entities) {
          io.stdout(`${e.type.padEnd(9)} ${e.name}${e.country ? ` (${e.country})` : ''}  ×${e.mentions}  ${e.key}${e.surfaces.length > 1 ? `  as ${e.surfaces.join(' / ')}` : ''}\n`)
        }
        if (found.events.length) io.stdout('\n')
        for (const ev of found.events) io.stdout(`${ev.value.padEnd(23)} ${JSON.stringify(ev.text)}  ${ev.sentence.slice(0, 100)}\n`)
      })
    })

  program
    .command('timeline')
    .description('the dated events the published records refer to, earliest first')
    .option('--entity <name>', 'only events whose sentence names this entity (a name or a key such as country:JP)')
    .option('--topic <topic>', 'only events in records of this topic')
    .option('--author <name>', 'only events in records by this expert')
    .option('--from <day>', 'events ending on or after this day (YYYY-MM-DD)')
    .option('--to <day>', 'events starting on or before this day (YYYY-MM-DD)')
    .option('--limit <n>', 'events to print', parsePositiveInt, 100)
    .option('--json', 'one JSON object per line')
    .action(async (opts: { entity?: string; topic?: string; author?: string; from?: string; to?: string; limit: number; json?: boolean }, cmd: Command) => {
      await withArchive(cmd, async (a) => {
        const entity = opts.entity ? (await a.analysis.resolveEntity(opts.entity)).key : undefined
        const { total, events } = await a.analysis.timeline({ entity, topic: opts.topic, author: opts.author, from: opts.from, to: opts.to, limit: opts.limit })
        for (const ev of events) {
          if (opts.json) io.stdout(`${JSON.stringify(ev)}\n`)
          else io.stdout(`${(ev.start === ev.end ? ev.start : `${ev.start}..${ev.end}`).padEnd(22)} ${ev.publicationId}  ${ev.sentence.slice(0, 110)}\n`)
        }
        if (!opts.json) io.stderr(`${events.length} of ${total} events\n`)
      })
    })
}

async function* stdinLines(io: CliIo): AsyncIterable<string> {
  const text = new TextDecoder().decode(await io.readStdin())
  yield* text.split('\n')
}
