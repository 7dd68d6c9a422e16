import { randomBytes } from 'node:crypto'
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import type { Archive, ExportFormat, Extracted, ImportOutcome, IngestInput } from '../archive/index.js'
import { CITATION_FORMATS, EXPORT_FORMATS, isCitationFormat } from '../archive/index.js'
import { PUBLICATION_STATUSES, displayName, type PublicationStatus } from '../model/index.js'
import { createProgress } from './progress.js'
import { addAnalysisCommands } from './analysis-commands.js'
import { addJobCommands } from './job-commands.js'
import { importRequests, type JobQueue, type JobRequest } from '../jobs/index.js'
import { AppError, ERROR_CODES, toAppError } from '../shared/index.js'

/** What the CLI needs from the world; main/ supplies the real ones, tests their own. */
export interface CliIo {
  /** May return a promise when the output is backed up; long outputs await it. */
  stdout: (text: string) => void | Promise<void>
  stderr: (text: string) => void
  readFile: (path: string) => Promise<Uint8Array>
  readStdin: () => Promise<Uint8Array>
  /** The lines of a file, streamed. */
  readLines: (path: string) => AsyncIterable<string>
  /** Writes a file from chunks, atomically: the file appears whole or not at all. */
  writeFileAtomic: (path: string, chunks: AsyncIterable<string>) => Promise<void>
}

export interface CliDeps {
  io: CliIo
  /** Lists the files under a folder, recursively, sorted; undefined when the path is not a folder. */
  listFolder: (path: string) => Promise<string[] | undefined>
  /** Whether standard error is a terminal (a live progress bar) or a log (plain lines). */
  isInteractive: boolean
  /** The collection's excerpt length for web-ingested bodies (`DOSSIER_EXCERPT_WORDS`); undefined keeps full text. */
  excerptWords?: number
  /** Where a live progress bar draws (standard error). */
  progressStream: NodeJS.WritableStream
  /** Opens the archive at `db` (or the configured default) for one command. */
  openArchive: (db: string | undefined) => Promise<{ archive: Archive; jobs: () => Promise<JobQueue>; close: () => Promise<void> }>
  /** Resolves when the process is asked to stop (SIGINT, SIGTERM). */
  untilStopped: () => Promise<void>
  /** Starts the web server and resolves when it stops. */
  serve: (options: { db: string | undefined; port: number | undefined; host: string | undefined; workers: number }) => Promise<void>
}

/** A snippet for the terminal: <mark> shown as [brackets], entities decoded. */
function plainSnippet(html: string): string {
  return html
    .replace(/<mark>/g, '[')
    .replace(/<\/mark>/g, ']')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

/** `--full-text` wins, then `--excerpt N`, then the collection's setting. */
function excerptWords(opts: { excerpt?: number; fullText?: boolean }, deps: CliDeps): number | undefined {
  return opts.fullText ? undefined : (opts.excerpt ?? deps.excerptWords)
}

const STATUS_OPTION = () => new Option('--status <status>', 'only records of this status').choices(PUBLICATION_STATUSES)

/**
 * Runs one `dossier` command and returns its exit code: 0 ok, 1 failed, 2 bad usage.
 * Everything it prints goes through `io`; it never exits the process.
 */
export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  const { io } = deps
  let exitCode = 0
  const withOpened = async <T>(cmd: Command, work: (opened: { archive: Archive; jobs: () => Promise<JobQueue> }) => Promise<T>): Promise<T> => {
    const { close, ...opened } = await deps.openArchive(cmd.optsWithGlobals().db as string | undefined)
    try {
      return await work(opened)
    } finally {
      await close()
    }
  }
  const withArchive = <T>(cmd: Command, work: (archive: Archive) => Promise<T>) => withOpened(cmd, (o) => work(o.archive))
  const withQueue = <T>(cmd: Command, work: (queue: JobQueue, archive: Archive) => Promise<T>) => withOpened(cmd, async (o) => work(await o.jobs(), o.archive))

  const program = new Command('dossier')
    .description('The archive and analysis desk of a policy research center')
    .option('--db <path>', 'the archive: a SQLite file or a postgres:// address (default: $DATABASE_URL, $DOSSIER_DB or ./data/dossier.db)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError()

  program
    .command('import')
    .description('add or update records from page-text files or JSON Lines (- reads standard input)')
    .argument('<files...>', 'files to import')
    .addOption(new Option('--format <format>', 'the input format (default: by extension or content)').choices(['page-text', 'jsonl']))
    .option('--json', 'print one {"id","status"} line per record')
    .option('--queue', 'hand the records to the background workers (`dossier worker`) in jobs, instead of importing here')
    .option('--batch <n>', 'records per job with --queue', parsePositiveInt, 500)
    .action(async (files: string[], opts: { json?: boolean; format?: 'page-text' | 'jsonl'; queue?: boolean; batch: number }, cmd: Command) => {
      const sources = await Promise.all(
        files.map(async (name) => ({ name, bytes: await (name === '-' ? io.readStdin() : readInput(io, name)) })),
      )
      if (opts.queue) {
        const requests = sources.flatMap((s) => importRequests(s.name, s.bytes, { format: opts.format, batch: opts.batch, actor: 'cli:import' }))
        const ids = await withQueue(cmd, (queue) => queue.sendMany(requests))
        for (const id of ids) io.stdout(opts.json ? `${JSON.stringify({ job: id })}\n` : `${id}\n`)
        io.stderr(`${ids.length} jobs queued; \`dossier jobs\` follows them\n`)
        return
      }
      const outcomes = await withArchive(cmd, async (archive) => {
        const items = sources.flatMap((s) => archive.readSources([s], opts.format))
        return archive.importItems(items, { actor: `cli:import` })
      })
      for (const o of outcomes) {
        if (o.error) io.stderr(`error: ${o.error.describe()}\n`)
        if (opts.json) io.stdout(`${JSON.stringify(outcomeJson(o))}\n`)
        else if (o.status !== 'failed') io.stdout(`${o.status.padEnd(9)} ${o.id}  ${o.ref}\n`)
      }
      if (!opts.json) io.stderr(`${summarize(outcomes)}\n`)
      if (outcomes.some((o) => o.status === 'failed')) exitCode = 1
    })

  program
    .command('extract')
    .description('run the web-ingest pipeline on pages, feeds or files and print what it finds, storing nothing')
    .argument('<inputs...>', 'URLs, .html or .html.gz files, feeds')
    .option('--url <url>', 'the original address of file inputs')
    .option('--excerpt <words>', 'keep an excerpt of at most this many words (default: DOSSIER_EXCERPT_WORDS)', parsePositiveInt)
    .option('--full-text', 'keep the full text even when the collection keeps excerpts')
    .option('--json', 'print one JSON object per record')
    .action(async (inputs: string[], opts: { url?: string; excerpt?: number; fullText?: boolean; json?: boolean }, cmd: Command) => {
      const sources = await readInputs(deps, inputs)
      const results = await withArchive(cmd, (a) => a.extract(sources, { url: opts.url, excerptWords: excerptWords(opts, deps) }))
      for (const r of results) {
        if (r.error) io.stderr(`error: ${r.error.describe()}\n`)
        if (opts.json) io.stdout(`${JSON.stringify(extractJson(r))}\n`)
        else if (r.draft) io.stdout(`${r.ref}\n${describeDraft(extractJson(r))}\n`)
      }
      if (results.some((r) => r.error)) exitCode = 1
    })

  program
    .command('ingest')
    .description('add pieces from URLs, feeds, files or folders, with progress and a final report')
    .argument('<inputs...>', 'URLs (pages or feeds), files (.html, .html.gz, .txt, .jsonl) or folders')
    .option('--concurrency <n>', 'inputs processed at once', parsePositiveInt, 4)
    .option('--excerpt <words>', 'keep excerpts of at most this many words (default: DOSSIER_EXCERPT_WORDS)', parsePositiveInt)
    .option('--full-text', 'keep the full text even when the collection keeps excerpts')
    .option('--json', 'print one {"id","status","ref"} line per record, and errors')
    .option('--queue', 'hand URLs to the background workers (`dossier worker`), one job each, instead of fetching here')
    .action(async (inputs: string[], opts: { concurrency: number; excerpt?: number; fullText?: boolean; json?: boolean; queue?: boolean }, cmd: Command) => {
      if (opts.queue) {
        const others = inputs.filter((i) => !isUrl(i))
        if (others.length) throw new AppError('USAGE', `--queue takes URLs only (files: dossier import --queue): ${others.join(', ')}`)
        const ids = await withQueue(cmd, (queue) =>
          queue.sendMany(inputs.map((url): JobRequest => ({ kind: 'ingest', url, actor: 'cli:ingest', excerptWords: excerptWords(opts, deps) }))),
        )
        for (const id of ids) io.stdout(`${id}\n`)
        io.stderr(`${ids.length} jobs queued\n`)
        return
      }
      const sources = await readInputs(deps, inputs)
      const progress = createProgress(io, deps.isInteractive && !opts.json, deps.progressStream)
      const outcomes = await withArchive(cmd, (a) =>
        a.ingest(sources, {
          actor: 'cli:ingest',
          concurrency: opts.concurrency,
          excerptWords: excerptWords(opts, deps),
          onProgress: (p) => {
            progress.tick(p)
            if (opts.json) io.stdout(`${JSON.stringify(outcomeJson(p.last))}\n`)
          },
        }),
      )
      progress.stop()
      if (!opts.json) {
        for (const o of outcomes) io.stdout(`${o.status.padEnd(9)} ${o.id ?? '-'}  ${o.ref}${o.error ? `  (${o.error.code}: ${o.error.message})` : ''}\n`)
      }
      io.stderr(`${summarize(outcomes)}\n`)
      if (outcomes.some((o) => o.status === 'failed')) exitCode = 1
    })

  program
    .command('search')
    .description('full-text search: words, "phrases", -excluded, OR, prefix*, and field filters (type:, author:, year:2019..2023 …)')
    .argument('<query>', 'the query, quoted as one argument')
    .option('--facets', 'print counts per type, author, outlet, topic, region, program and year')
    .option('--page <n>', 'page number', parsePositiveInt, 1)
    .option('--limit <n>', 'results per page (at most 100)', parsePositiveInt, 20)
    .option('--cursor <cursor>', 'continue after a previous page (printed on standard error)')
    .option('--sort <order>', 'relevance or date')
    .option('--all', 'include drafts and withdrawn records (editors)')
    .option('--json', 'print {"total","hits":[{"id","title","snippet",…}],"facets":{field:{value:count}}}')
    .action(async (q: string, opts: { facets?: boolean; page: number; limit: number; cursor?: string; sort?: string; all?: boolean; json?: boolean }, cmd: Command) => {
      if (opts.sort !== undefined && opts.sort !== 'relevance' && opts.sort !== 'date') {
        throw new AppError('USAGE', `--sort must be relevance or date, not "${opts.sort}"`)
      }
      const answer = await withArchive(cmd, (a) =>
        a.search(q, { facets: opts.facets, page: opts.page, limit: opts.limit, cursor: opts.cursor, sort: opts.sort as 'relevance' | 'date' | undefined, includeUnpublished: opts.all }),
      )
      if (opts.json) {
        const facets = answer.facets && Object.fromEntries(Object.entries(answer.facets).map(([field, counts]) => [field, Object.fromEntries(counts.map((c) => [c.value, c.count]))]))
        io.stdout(`${JSON.stringify({ ...answer, facets })}\n`)
        return
      }
      io.stdout(`${answer.total} result${answer.total === 1 ? '' : 's'}${answer.pages > 1 && answer.page ? `, page ${answer.page} of ${answer.pages}` : ''}\n`)
      if (answer.suggestion) io.stdout(`did you mean: ${answer.suggestion}\n`)
      for (const [i, h] of answer.hits.entries()) {
        const n = (answer.page ? (answer.page - 1) * opts.limit : 0) + i + 1
        const meta = [h.authors.join(', '), h.outlet, h.published].filter(Boolean).join(' · ')
        io.stdout(`\n${n}. ${h.title}  [${h.id}]\n   ${meta}\n   ${plainSnippet(h.snippet)}\n`)
      }
      if (answer.facets) {
        for (const [field, counts] of Object.entries(answer.facets)) {
          if (counts.length) io.stdout(`\n${field}: ${counts.map((c) => `${c.value} (${c.count})`).join(', ')}\n`)
        }
      }
      if (answer.nextCursor) io.stderr(`more: dossier search ${JSON.stringify(q)} --cursor ${answer.nextCursor}\n`)
    })

  program
    .command('list')
    .description('list records, newest first')
    .addOption(STATUS_OPTION())
    .option('--limit <n>', 'at most this many', parsePositiveInt, 50)
    .option('--cursor <cursor>', 'continue after a previous page')
    .option('--json', 'print one record per line as JSON')
    .action(async (opts: { status?: PublicationStatus; limit: number; cursor?: string; json?: boolean }, cmd: Command) => {
      const page = await withArchive(cmd, (a) => a.list(opts))
      for (const p of page.items) {
        if (opts.json) io.stdout(`${JSON.stringify(p)}\n`)
        else io.stdout(`${p.id}  ${(p.published ?? '').padEnd(10)}  ${p.status.padEnd(9)}  ${p.title}\n`)
      }
      if (page.nextCursor) io.stderr(`more: dossier list --cursor ${page.nextCursor}\n`)
    })

  program
    .command('show')
    .description('print one record')
    .argument('<id>', 'record id or slug')
    .addOption(new Option('--format <format>', 'text (the page) or json (the record)').choices(['text', 'json']).default('text'))
    .action(async (id: string, opts: { format: 'text' | 'json' }, cmd: Command) => {
      const out = await withArchive(cmd, async (a) => (opts.format === 'json' ? `${JSON.stringify(await a.get(id), null, 2)}\n` : a.pageText(id)))
      io.stdout(out)
    })

  program
    .command('cite')
    .description('cite one record')
    .argument('<id>', 'record id or slug')
    .addOption(new Option('--style <style>', 'citation style or format').choices(CITATION_FORMATS).default('chicago'))
    .action(async (id: string, opts: { style: string }, cmd: Command) => {
      if (!isCitationFormat(opts.style)) throw new AppError('USAGE', `unknown style ${opts.style}`)
      const style = opts.style
      io.stdout(`${await withArchive(cmd, (a) => a.cite(id, style))}\n`)
    })

  program
    .command('history')
    .description("list a record's revisions: when, by whom, what changed")
    .argument('<id>', 'record id or slug')
    .option('--json', 'print the revisions as JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const revisions = await withArchive(cmd, async (a) => a.revisions((await a.get(id)).id))
      for (const r of revisions) {
        if (opts.json) io.stdout(`${JSON.stringify(r)}\n`)
        else io.stdout(`${r.number}  ${r.at}  ${r.actor}  ${r.action}${r.changes ? `: ${Object.keys(r.changes).join(', ')}` : ''}\n`)
      }
    })

  program
    .command('export')
    .description('write the whole archive to standard output')
    .addOption(new Option('--format <format>', 'exchange format').choices(EXPORT_FORMATS).default('jsonl'))
    .addOption(STATUS_OPTION())
    .action(async (opts: { format: ExportFormat; status?: PublicationStatus }, cmd: Command) => {
      await withArchive(cmd, async (a) => {
        for await (const chunk of a.export(opts.format, { status: opts.status })) await io.stdout(chunk)
      })
    })

  const token = program.command('token').description('API tokens: create, list, revoke')
  token
    .command('create')
    .description('create an API token and print it (shown once; only its hash is kept)')
    .requiredOption('--scope <scopes>', 'comma-separated: read, write, admin')
    .option('--name <name>', 'who or what the token is for', 'api')
    .action(async (opts: { scope: string; name: string }, cmd: Command) => {
      const scopes = opts.scope.split(',').map((s) => s.trim()).filter(Boolean)
      const bad = scopes.find((s) => !['read', 'write', 'admin'].includes(s))
      if (bad || scopes.length === 0) throw new AppError('USAGE', `--scope takes read, write and admin, not "${bad ?? opts.scope}"`)
      const created = await withArchive(cmd, (a) => a.createToken(opts.name, scopes as ('read' | 'write' | 'admin')[]))
      io.stdout(`${created.secret}\n`)
      io.stderr(`token ${created.token.id} (${created.token.name}; ${scopes.join(', ')}): keep it now, it is not shown again\n`)
    })
  token
    .command('list')
    .description('list tokens (never their secrets)')
    .action(async (_opts: unknown, cmd: Command) => {
      for (const t of await withArchive(cmd, (a) => a.listTokens())) {
        io.stdout(`${t.id}  ${t.scopes.join(',').padEnd(16)}  ${t.createdAt}  ${t.revokedAt ? `revoked ${t.revokedAt}` : 'live'}  ${t.name}\n`)
      }
    })
  token
    .command('revoke')
    .description('revoke a token by its id')
    .argument('<id>')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await withArchive(cmd, (a) => a.revokeToken(id))
      io.stderr(`token ${id} revoked\n`)
    })

  const account = program.command('account').description('editor accounts: create, list, set a password')
  /** The password piped in with --password-stdin, or a generated one that is printed once. */
  const passwordFrom = async (opts: { passwordStdin?: boolean }) => {
    if (!opts.passwordStdin) return { password: randomBytes(15).toString('base64url'), generated: true }
    const password = new TextDecoder().decode(await io.readStdin()).split(/\r?\n/)[0] ?? ''
    return { password, generated: false }
  }
  account
    .command('create')
    .description('create an account; prints a generated password unless one is piped in')
    .requiredOption('--email <email>', 'the sign-in address')
    .addOption(new Option('--role <role>', 'what the account may do').choices(['admin', 'editor']).default('editor'))
    .option('--name <name>', 'the name shown in the editor and in revisions')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .action(async (opts: { email: string; role: 'admin' | 'editor'; name?: string; passwordStdin?: boolean }, cmd: Command) => {
      const { password, generated } = await passwordFrom(opts)
      const created = await withArchive(cmd, (a) => a.accounts.create({ email: opts.email, name: opts.name, role: opts.role, password }))
      if (generated) io.stdout(`${password}\n`)
      io.stderr(`account ${created.email} (${created.role}) created${generated ? '; its password is above, shown once' : ''}\n`)
    })
  account
    .command('list')
    .description('list accounts (never their passwords)')
    .action(async (_opts: unknown, cmd: Command) => {
      for (const a of await withArchive(cmd, (ar) => ar.accounts.list())) io.stdout(`${a.email}  ${a.role.padEnd(6)}  ${a.createdAt}  ${a.name}\n`)
    })
  account
    .command('password')
    .description('set a new password; prints a generated one unless one is piped in')
    .requiredOption('--email <email>', 'the account')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .action(async (opts: { email: string; passwordStdin?: boolean }, cmd: Command) => {
      const { password, generated } = await passwordFrom(opts)
      await withArchive(cmd, (a) => a.accounts.setPassword(opts.email, password))
      if (generated) io.stdout(`${password}\n`)
      io.stderr(`password of ${opts.email} set\n`)
    })

  program
    .command('migrate')
    .description('copy a whole archive to another (SQLite to PostgreSQL or back) and verify the copy by its exports')
    .requiredOption('--from <archive>', 'the source: a SQLite path (or sqlite:PATH) or a postgres:// address')
    .requiredOption('--to <archive>', 'the target, empty or holding an earlier copy')
    .action(async (opts: { from: string; to: string }) => {
      const location = (s: string) => s.replace(/^sqlite:/, '')
      const source = await deps.openArchive(location(opts.from))
      try {
        const target = await deps.openArchive(location(opts.to))
        try {
          const done = await source.archive.copyTo(target.archive, opts.from)
          io.stderr(`${done.restored} copied, ${done.present} already there; the exports match (${done.verified.join(', ')})\n`)
        } finally {
          await target.close()
        }
      } finally {
        await source.close()
      }
    })

  program
    .command('backup')
    .description('write the whole archive — records, their revisions, accounts without passwords — to FILE')
    .argument('<file>', 'the backup file (JSON Lines); written whole or not at all')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      await withArchive(cmd, (a) => io.writeFileAtomic(file, a.backup()))
      io.stderr(`backup written to ${file}\n`)
    })

  program
    .command('restore')
    .description('put a backup back into an archive (an empty one, or one it was restored into before)')
    .argument('<file>', 'a file written by dossier backup')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const { counts, stale } = await withArchive(cmd, async (a) => ({ counts: await a.restore(io.readLines(file), file), stale: await a.analysis.needsEnrichment() }))
      io.stderr(`${counts.restored} restored, ${counts.present} already present\n`)
      if (stale) io.stderr('entities and dates are not in backups: run dossier enrich --all to find them again (editors\' corrections were restored)\n')
    })

  addAnalysisCommands(program, { io, withArchive, parsePositiveInt })
  addJobCommands(program, { io, withQueue, parsePositiveInt, untilStopped: deps.untilStopped })

  program
    .command('serve')
    .description('serve the website and API')
    .option('--port <n>', 'port to listen on (default: $PORT or 8080)', parsePositiveInt)
    .option('--host <host>', 'address to listen on (default: 127.0.0.1)')
    .option('--workers <n>', 'background jobs this process works at once; 0 leaves them to `dossier worker` processes', parseCount, 1)
    .action(async (opts: { port?: number; host?: string; workers: number }, cmd: Command) => {
      await deps.serve({ db: cmd.optsWithGlobals().db as string | undefined, port: opts.port, host: opts.host, workers: opts.workers })
    })

  try {
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2
    const e = toAppError(err)
    io.stderr(`error: ${e.describe()}\n`)
    return ERROR_CODES[e.code].exit
  }
}

const isUrl = (s: string) => /^https?:\/\//i.test(s)

/** URLs stay addresses; folders become their files; files are read here, parsed in the archive. */
async function readInputs(deps: CliDeps, inputs: string[]): Promise<IngestInput[]> {
  const out: IngestInput[] = []
  for (const input of inputs) {
    if (isUrl(input)) {
      out.push({ kind: 'url', url: input })
      continue
    }
    const files = input === '-' ? undefined : await deps.listFolder(input)
    for (const name of files ?? [input]) {
      out.push({ kind: 'file', name, bytes: await (name === '-' ? deps.io.readStdin() : readInput(deps.io, name)) })
    }
  }
  return out
}

function extractJson(r: Extracted) {
  if (!r.draft) return { ref: r.ref, error: { code: r.error?.code ?? 'INTERNAL', message: r.error?.describe() ?? 'no record' } }
  const d = r.draft
  return {
    ref: r.ref,
    title: d.title,
    authors: (d.authors ?? []).map(displayName),
    datePublished: d.published ?? null,
    outlet: d.outlet ?? null,
    language: d.language ?? null,
    url: d.url ?? null,
    type: d.type ?? 'other',
    summary: d.summary ?? null,
    body: d.body?.text ?? null,
    isExcerpt: d.body?.isExcerpt ?? false,
    sources: r.provenance ?? {},
  }
}

function describeDraft(j: ReturnType<typeof extractJson>): string {
  if (!('title' in j)) return ''
  const sources: Record<string, string | undefined> = j.sources ?? {}
  const line = (label: string, value: unknown, field?: string) =>
    value === null || value === undefined || (Array.isArray(value) && value.length === 0)
      ? ''
      : `  ${label.padEnd(10)} ${Array.isArray(value) ? value.join('; ') : String(value)}${field && sources[field] ? `  [${sources[field]}]` : ''}\n`
  return [
    line('title', j.title, 'title'),
    line('authors', j.authors, 'authors'),
    line('date', j.datePublished, 'published'),
    line('outlet', j.outlet, 'outlet'),
    line('type', j.type, 'type'),
    line('language', j.language, 'language'),
    line('url', j.url, 'url'),
    line('summary', j.summary, 'summary'),
    line('body', j.body ? `${j.body.split(/\s+/).length} words${j.isExcerpt ? ' (excerpt)' : ''}` : null, 'body'),
  ].join('')
}

async function readInput(io: CliIo, name: string): Promise<Uint8Array> {
  try {
    return await io.readFile(name)
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message
    throw new AppError('NOT_FOUND', reason, { source: name })
  }
}

function parsePositiveInt(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`"${value}" is not a positive whole number`)
  return n
}

function parseCount(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`"${value}" is not a whole number`)
  return n
}

function outcomeJson(o: ImportOutcome) {
  return o.error ? { id: o.id ?? null, status: o.status, ref: o.ref, error: { code: o.error.code, message: o.error.describe() } } : { id: o.id, status: o.status, ref: o.ref }
}

function summarize(outcomes: ImportOutcome[]): string {
  const count = (s: string) => outcomes.filter((o) => o.status === s).length
  return `${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged, ${count('failed')} failed`
}
