import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PUBLICATION_TYPE_IDS } from '../model/index.js'
import { AppError } from '../shared/index.js'
import { QUERY_FIELDS, isRangeFilter, parseQuery, type SearchQuery, type TextTerm } from './query.js'

const w = (text: string, prefix = false): TextTerm => ({ kind: 'word', text, prefix })
const p = (...words: string[]): TextTerm => ({ kind: 'phrase', words })
const q = (parts: Partial<SearchQuery>): SearchQuery => ({ must: [], not: [], filters: [], words: [], ...parts })

/** Asserts that parsing fails as a user error on the search box, with exactly this message. */
function rejects(input: string, message: string) {
  assert.throws(
    () => parseQuery(input),
    (err: unknown) => {
      assert.ok(err instanceof AppError, `not an AppError: ${String(err)}`)
      assert.equal(err.code, 'INVALID_INPUT')
      assert.deepEqual(err.location, { field: 'q' })
      assert.equal(err.message, message)
      return true
    },
  )
}

const KNOWN_FIELDS = 'type, author, outlet, topic, region, program, entity, lang, year, date'
const YEAR_HELP = 'use year:2023, year:2019..2023, year:..2020 or year:2019..'
const DATE_HELP = 'use a day, month or year such as date:2023-01-18, date:2023-01 or date:2023, or a range such as date:2023-01..2023-03'

describe('parseQuery: text', () => {
  it('reads an empty or blank query as browse mode', () => {
    assert.deepEqual(parseQuery(''), q({}))
    assert.deepEqual(parseQuery('  \t\n\u3000 '), q({}))
  })

  it('requires every word (AND), keeping case and listing lower-cased words', () => {
    assert.deepEqual(
      parseQuery('Nuclear  security'),
      q({ must: [[w('Nuclear')], [w('security')]], words: ['nuclear', 'security'] }),
    )
  })

  it('reads a quoted phrase', () => {
    assert.deepEqual(
      parseQuery('"security cooperation" japan'),
      q({ must: [[p('security', 'cooperation')], [w('japan')]], words: ['security', 'cooperation', 'japan'] }),
    )
  })

  it('reads typographic quotes as quotes', () => {
    assert.deepEqual(parseQuery('\u201Csecurity cooperation\u201D'), q({ must: [[p('security', 'cooperation')]], words: ['security', 'cooperation'] }))
  })

  it('reads a one-word phrase as a word and ignores an empty phrase', () => {
    assert.deepEqual(parseQuery('"japan" "" " "'), q({ must: [[w('japan')]], words: ['japan'] }))
  })

  it('starts a new token after a closing quote', () => {
    assert.deepEqual(parseQuery('"arms control"treaty'), q({ must: [[p('arms', 'control')], [w('treaty')]], words: ['arms', 'control', 'treaty'] }))
  })

  it('drops an unbalanced quote and reads the rest as words', () => {
    assert.deepEqual(
      parseQuery('"security cooperation'),
      q({ must: [[w('security')], [w('cooperation')]], words: ['security', 'cooperation'] }),
    )
  })

  it('drops only the stray last quote when a phrase came before it', () => {
    assert.deepEqual(
      parseQuery('"arms control" treaty" nuclear'),
      q({ must: [[p('arms', 'control')], [w('treaty')], [w('nuclear')]], words: ['arms', 'control', 'treaty', 'nuclear'] }),
    )
  })

  it('excludes a word and a phrase with a leading -', () => {
    assert.deepEqual(
      parseQuery('nuclear -china -"north korea"'),
      q({ must: [[w('nuclear')]], not: [w('china'), p('north', 'korea')], words: ['nuclear'] }),
    )
  })

  it('allows an exclusion with no positive terms', () => {
    assert.deepEqual(parseQuery('-china'), q({ not: [w('china')] }))
  })

  it('keeps hyphenated words whole and ignores a lone -', () => {
    assert.deepEqual(
      parseQuery('op-ed Jarvis-Gibson - U.S.-Japan'),
      q({ must: [[w('op-ed')], [w('Jarvis-Gibson')], [w('U.S.-Japan')]], words: ['op-ed', 'jarvis-gibson', 'u.s.-japan'] }),
    )
  })

  it('reads A OR B C as (A OR B) AND C', () => {
    assert.deepEqual(
      parseQuery('japan OR korea nuclear'),
      q({ must: [[w('japan'), w('korea')], [w('nuclear')]], words: ['japan', 'korea', 'nuclear'] }),
    )
  })

  it('chains OR across words and phrases', () => {
    assert.deepEqual(
      parseQuery('japan OR korea OR "south korea" OR taiwan'),
      q({ must: [[w('japan'), w('korea'), p('south', 'korea'), w('taiwan')]], words: ['japan', 'korea', 'south', 'taiwan'] }),
    )
  })

  it('ignores a dangling OR at the start or end, a doubled OR and a lone OR', () => {
    assert.deepEqual(parseQuery('OR japan korea OR'), q({ must: [[w('japan')], [w('korea')]], words: ['japan', 'korea'] }))
    assert.deepEqual(parseQuery('japan OR OR korea'), q({ must: [[w('japan'), w('korea')]], words: ['japan', 'korea'] }))
    assert.deepEqual(parseQuery('OR'), q({}))
  })

  it('ignores OR next to an exclusion or a filter', () => {
    assert.deepEqual(
      parseQuery('japan OR -china OR korea'),
      q({ must: [[w('japan')], [w('korea')]], not: [w('china')], words: ['japan', 'korea'] }),
    )
    assert.deepEqual(
      parseQuery('japan OR type:report'),
      q({ must: [[w('japan')]], filters: [{ field: 'type', values: ['report'], negated: false }], words: ['japan'] }),
    )
  })

  it('reads lower-case or as a word, a quoted OR as text, and AND as the default', () => {
    assert.deepEqual(parseQuery('war or peace'), q({ must: [[w('war')], [w('or')], [w('peace')]], words: ['war', 'or', 'peace'] }))
    assert.deepEqual(parseQuery('"OR" japan'), q({ must: [[w('OR')], [w('japan')]], words: ['or', 'japan'] }))
    assert.deepEqual(parseQuery('japan AND korea'), q({ must: [[w('japan')], [w('korea')]], words: ['japan', 'korea'] }))
  })

  it('drops repeated terms and groups a required term makes redundant', () => {
    assert.deepEqual(
      parseQuery('japan korea japan OR korea OR japan -china -china'),
      q({ must: [[w('japan')], [w('korea')]], not: [w('china')], words: ['japan', 'korea'] }),
    )
    assert.deepEqual(parseQuery('japan OR korea korea OR japan'), q({ must: [[w('japan'), w('korea')]], words: ['japan', 'korea'] }))
  })

  it('reads a trailing * as a prefix and ignores a lone *', () => {
    assert.deepEqual(parseQuery('secur* * cooperat** -prolif*'), q({
      must: [[w('secur', true)], [w('cooperat', true)]],
      not: [w('prolif', true)],
      words: ['secur', 'cooperat'],
    }))
  })

  it('reads a prefix inside brackets and ignores * inside a phrase', () => {
    assert.deepEqual(parseQuery('(secur*) "nuclear secur*"'), q({
      must: [[w('secur', true)], [p('nuclear', 'secur')]],
      words: ['secur', 'nuclear'],
    }))
  })

  it('strips FTS syntax characters and punctuation at word edges', () => {
    assert.deepEqual(
      parseQuery('(japan) korea, x^2 {alliance} a|b ~taiwan'),
      q({
        must: [[w('japan')], [w('korea')], [w('x')], [w('2')], [w('alliance')], [w('a')], [w('b')], [w('taiwan')]],
        words: ['japan', 'korea', 'x', '2', 'alliance', 'a', 'b', 'taiwan'],
      }),
    )
  })

  it('ignores tokens that are only punctuation', () => {
    assert.deepEqual(parseQuery('() ^ ... japan & -- "()"'), q({ must: [[w('japan')]], words: ['japan'] }))
  })

  it('keeps CJK text as a word', () => {
    assert.deepEqual(parseQuery('尖閣諸島'), q({ must: [[w('尖閣諸島')]], words: ['尖閣諸島'] }))
    assert.deepEqual(parseQuery('「尖閣諸島」、'), q({ must: [[w('尖閣諸島')]], words: ['尖閣諸島'] }))
  })

  it('keeps diacritics and other scripts, lower-casing only the word list', () => {
    assert.deepEqual(
      parseQuery('Schröder Ñandú Москва'),
      q({ must: [[w('Schröder')], [w('Ñandú')], [w('Москва')]], words: ['schröder', 'ñandú', 'москва'] }),
    )
  })

  it('reads a colon that is not a field filter as text', () => {
    assert.deepEqual(parseQuery('10:30'), q({ must: [[w('10:30')]], words: ['10:30'] }))
    assert.deepEqual(parseQuery('http://example.org/x'), q({ must: [[w('http://example.org/x')]], words: ['http://example.org/x'] }))
    assert.deepEqual(parseQuery('Japan: a b'), q({ must: [[w('Japan')], [w('a')], [w('b')]], words: ['japan', 'a', 'b'] }))
    assert.deepEqual(parseQuery('type: report'), q({ must: [[w('type')], [w('report')]], words: ['type', 'report'] }))
    assert.deepEqual(parseQuery('Schröder:Merkel'), q({ must: [[w('Schröder:Merkel')]], words: ['schröder:merkel'] }))
  })

  it('reads a field inside quotes or after other characters as text', () => {
    assert.deepEqual(parseQuery('"type:report"'), q({ must: [[w('type:report')]], words: ['type:report'] }))
    assert.deepEqual(parseQuery('(foo:bar)'), q({ must: [[w('foo:bar')]], words: ['foo:bar'] }))
  })
})

describe('parseQuery: filters', () => {
  it('reads type: by id, label or alias, quoted or not, in any case', () => {
    assert.deepEqual(parseQuery('type:report'), q({ filters: [{ field: 'type', values: ['report'], negated: false }] }))
    assert.deepEqual(parseQuery('type:"policy brief"'), q({ filters: [{ field: 'type', values: ['policy-brief'], negated: false }] }))
    assert.deepEqual(parseQuery('type:op-ed'), q({ filters: [{ field: 'type', values: ['op-ed'], negated: false }] }))
    assert.deepEqual(parseQuery('Type:Report'), q({ filters: [{ field: 'type', values: ['report'], negated: false }] }))
    assert.deepEqual(parseQuery('type:"op ed"'), q({ filters: [{ field: 'type', values: ['op-ed'], negated: false }] }))
    assert.deepEqual(parseQuery('type:working_paper'), q({ filters: [{ field: 'type', values: ['working-paper'], negated: false }] }))
    assert.deepEqual(parseQuery('type:journal-article'), q({ filters: [{ field: 'type', values: ['journal-article'], negated: false }] }))
  })

  it('refuses an unknown type, naming it and listing the known ids', () => {
    rejects('nuclear type:pamphlet', `unknown publication type "pamphlet" in "type:pamphlet"; known types: ${PUBLICATION_TYPE_IDS.join(', ')}`)
    rejects('type:"white paper"', `unknown publication type "white paper" in "type:"white paper""; known types: ${PUBLICATION_TYPE_IDS.join(', ')}`)
  })

  it('reads quoted and bare values of author: and outlet:', () => {
    assert.deepEqual(
      parseQuery('author:"Mina  Pollmann" outlet:"The Diplomat" author:Kishida'),
      q({
        filters: [
          { field: 'author', values: ['Mina Pollmann', 'Kishida'], negated: false },
          { field: 'outlet', values: ['The Diplomat'], negated: false },
        ],
      }),
    )
  })

  it('reads topic:, region: and program: as typed', () => {
    assert.deepEqual(
      parseQuery('topic:"Nuclear Issues" region:Asia program:"Project on Managing the Atom"'),
      q({
        filters: [
          { field: 'topic', values: ['Nuclear Issues'], negated: false },
          { field: 'region', values: ['Asia'], negated: false },
          { field: 'program', values: ['Project on Managing the Atom'], negated: false },
        ],
      }),
    )
  })

  it('reads lang: as a lower-cased language tag', () => {
    assert.deepEqual(
      parseQuery('lang:en lang:DE lang:pt-BR lang:pt_br'),
      q({ filters: [{ field: 'lang', values: ['en', 'de', 'pt-br'], negated: false }] }),
    )
  })

  it('refuses a lang: that is not a language tag', () => {
    rejects('lang:english', '"english" in "lang:english" is not a language tag; use a tag such as en, de or pt-BR')
  })

  it('reads year: as one year, a range or a range open at either end', () => {
    assert.deepEqual(
      parseQuery('year:2023 year:2019..2023 year:..2020 year:2019.. year:2015-2017'),
      q({
        filters: [
          {
            field: 'year',
            ranges: [{ from: '2023', to: '2023' }, { from: '2019', to: '2023' }, { to: '2020' }, { from: '2019' }, { from: '2015', to: '2017' }],
            negated: false,
          },
        ],
      }),
    )
  })

  it('reads date: at day, month and year precision, widening to whole days', () => {
    assert.deepEqual(
      parseQuery('date:2023-01..2023-03 date:2023-01-18 date:2023 date:2024-02'),
      q({
        filters: [
          {
            field: 'date',
            ranges: [
              { from: '2023-01-01', to: '2023-03-31' },
              { from: '2023-01-18', to: '2023-01-18' },
              { from: '2023-01-01', to: '2023-12-31' },
              { from: '2024-02-01', to: '2024-02-29' },
            ],
            negated: false,
          },
        ],
      }),
    )
  })

  it('reads date: ranges open at either end and dates as pages print them', () => {
    assert.deepEqual(
      parseQuery('date:..2022-06 date:2023-01-18.. date:"Jan. 18, 2023..March 2023"'),
      q({
        filters: [
          { field: 'date', ranges: [{ to: '2022-06-30' }, { from: '2023-01-18' }, { from: '2023-01-18', to: '2023-03-31' }], negated: false },
        ],
      }),
    )
  })

  it('refuses a malformed year', () => {
    rejects('year:20x3', `malformed year "20x3" in "year:20x3"; ${YEAR_HELP}`)
    rejects('year:2019..23', `malformed year "23" in "year:2019..23"; ${YEAR_HELP}`)
    rejects('year:..', `malformed year ".." in "year:.."; ${YEAR_HELP}`)
  })

  it('refuses a year range that starts after it ends', () => {
    rejects('year:2023..2019', 'year range "2023..2019" in "year:2023..2019" starts after it ends')
  })

  it('refuses a malformed or impossible date', () => {
    rejects('date:2023-13', `malformed date "2023-13" in "date:2023-13"; ${DATE_HELP}`)
    rejects('date:2023-02-30', `malformed date "2023-02-30" in "date:2023-02-30"; ${DATE_HELP}`)
    rejects('date:2023-01..2023-13', `malformed date "2023-13" in "date:2023-01..2023-13"; ${DATE_HELP}`)
    rejects('-date:yesterday', `malformed date "yesterday" in "-date:yesterday"; ${DATE_HELP}`)
  })

  it('refuses a date range that starts after it ends', () => {
    rejects('date:2023-03..2023-01', 'date range "2023-03..2023-01" in "date:2023-03..2023-01" starts after it ends')
  })

  it('negates a filter with a leading -', () => {
    assert.deepEqual(
      parseQuery('japan -type:report -author:"Mina Pollmann" -year:..2019'),
      q({
        must: [[w('japan')]],
        filters: [
          { field: 'type', values: ['report'], negated: true },
          { field: 'author', values: ['Mina Pollmann'], negated: true },
          { field: 'year', ranges: [{ to: '2019' }], negated: true },
        ],
        words: ['japan'],
      }),
    )
  })

  it('ORs repeated filters on one field into one filter, apart from negated ones', () => {
    assert.deepEqual(
      parseQuery('type:report type:policy-brief type:Report -type:op-ed -type:speech'),
      q({
        filters: [
          { field: 'type', values: ['report', 'policy-brief'], negated: false },
          { field: 'type', values: ['op-ed', 'speech'], negated: true },
        ],
      }),
    )
  })

  it('ORs repeated ranges on one field, dropping exact repeats', () => {
    assert.deepEqual(
      parseQuery('year:2019 year:2021..2022 year:2019'),
      q({ filters: [{ field: 'year', ranges: [{ from: '2019', to: '2019' }, { from: '2021', to: '2022' }], negated: false }] }),
    )
  })

  it('ignores a filter with an empty quoted value', () => {
    assert.deepEqual(parseQuery('type:"" japan'), q({ must: [[w('japan')]], words: ['japan'] }))
  })

  it('reads field names in any case', () => {
    assert.deepEqual(
      parseQuery('AUTHOR:Pollmann Year:2023 LANG:EN'),
      q({
        filters: [
          { field: 'author', values: ['Pollmann'], negated: false },
          { field: 'year', ranges: [{ from: '2023', to: '2023' }], negated: false },
          { field: 'lang', values: ['en'], negated: false },
        ],
      }),
    )
  })

  it('reads a query of filters only as browse mode', () => {
    const parsed = parseQuery('type:report year:2023')
    assert.deepEqual(parsed.must, [])
    assert.deepEqual(parsed.words, [])
    assert.equal(parsed.filters.length, 2)
  })

  it('drops an unbalanced quote in a filter value like any other', () => {
    assert.deepEqual(
      parseQuery('author:"Mina Pollmann'),
      q({ must: [[w('Pollmann')]], filters: [{ field: 'author', values: ['Mina'], negated: false }], words: ['pollmann'] }),
    )
  })

  it('refuses an unknown field, naming it and the known fields', () => {
    rejects('nuclear foo:bar', `unknown field "foo" in "foo:bar"; known fields: ${KNOWN_FIELDS} (to search for the text itself, put it in quotes)`)
    rejects('-Subject:"arms control"', `unknown field "Subject" in "-Subject:"arms control""; known fields: ${KNOWN_FIELDS} (to search for the text itself, put it in quotes)`)
  })

  it('tells range filters from value filters', () => {
    const [type, year] = parseQuery('type:report year:2023').filters
    assert.equal(isRangeFilter(type!), false)
    assert.equal(isRangeFilter(year!), true)
    assert.deepEqual([...QUERY_FIELDS], KNOWN_FIELDS.split(', '))
  })
})

describe('parseQuery: everything at once', () => {
  it('reads a mixed query of phrases, OR, exclusion and filters', () => {
    assert.deepEqual(
      parseQuery('"security cooperation" japan OR korea -china type:"policy brief" year:2019..2023 author:"Mina Pollmann"'),
      {
        must: [[p('security', 'cooperation')], [w('japan'), w('korea')]],
        not: [w('china')],
        filters: [
          { field: 'type', values: ['policy-brief'], negated: false },
          { field: 'year', ranges: [{ from: '2019', to: '2023' }], negated: false },
          { field: 'author', values: ['Mina Pollmann'], negated: false },
        ],
        words: ['security', 'cooperation', 'japan', 'korea'],
      },
    )
  })
})
