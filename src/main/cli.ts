#!/usr/bin/env node
import { once } from 'node:events'
import { createReadStream, createWriteStream } from 'node:fs'
import { readFile, readdir, rename, rm, stat } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import path from 'node:path'
import { runCli } from '../cli/run-cli.js'
import { toAppError } from '../shared/index.js'
import { loadConfig } from './config.js'
import { createLogger, openArchive } from './deps.js'
import { serve } from './server.js'

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

async function* readLines(file: string): AsyncIterable<string> {
  yield* createInterface({ input: createReadStream(file), crlfDelay: Infinity })
}

/** Writes beside the target and renames at the end, so a failure leaves no half-written file. */
async function writeFileAtomic(file: string, chunks: AsyncIterable<string>): Promise<void> {
  const partial = `${file}.partial-${process.pid}`
  try {
    await pipeline(Readable.from(chunks), createWriteStream(partial))
    await rename(partial, file)
  } catch (err) {
    await rm(partial, { force: true })
    throw err
  }
}

async function listFolder(dir: string): Promise<string[] | undefined> {
  const info = await stat(dir).catch(() => undefined)
  if (!info?.isDirectory()) return undefined
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort()
}

async function main(): Promise<number> {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    process.stderr.write(`error: ${toAppError(err).describe()}\n`)
    return 2
  }
  const log = createLogger(config)
  return runCli(process.argv.slice(2), {
    io: {
      // Waiting for 'drain' keeps a large export from piling up in memory behind a slow reader.
      stdout: (s) => (process.stdout.write(s) ? undefined : once(process.stdout, 'drain').then(() => undefined)),
      stderr: (s) => void process.stderr.write(s),
      readFile: (p) => readFile(p),
      readStdin,
      readLines,
      writeFileAtomic,
    },
    listFolder,
    isInteractive: process.stderr.isTTY === true,
    excerptWords: config.excerptWords,
    progressStream: process.stderr,
    openArchive: (db) => openArchive(config, db, log),
    untilStopped: () =>
      new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve())
        process.once('SIGTERM', () => resolve())
      }),
    serve: (o) => serve(config, o, log),
  })
}

process.exitCode = await main()
