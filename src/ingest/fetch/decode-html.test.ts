import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decodeHtmlBytes } from './decode-html.js'

// Builds test pages from ASCII markup and explicit byte values, since Node can encode only
// UTF-8 and UTF-16: `page('<p>', [0xe9], '</p>')`.
function page(...parts: Array<string | number[]>): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)))
}

// The expected bytes, by hand from the code tables.
const LEGACY = {
  // “Café” – 5 € (windows-1252: curly quotes 0x93/0x94, é 0xE9, en dash 0x96, euro 0x80)
  windows1252: { bytes: [0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x96, 0x20, 0x35, 0x20, 0x80], text: '“Café” – 5 €' },
  // Grüße (ISO-8859-1: ü 0xFC, ß 0xDF)
  latin1: { bytes: [0x47, 0x72, 0xfc, 0xdf, 0x65], text: 'Grüße' },
  // 日本語の政策 (Shift_JIS)
  shiftJis: { bytes: [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x82, 0xcc, 0x90, 0xad, 0x8d, 0xf4], text: '日本語の政策' },
  // 中文政策 (GB2312)
  gb2312: { bytes: [0xd6, 0xd0, 0xce, 0xc4, 0xd5, 0xfe, 0xb2, 0xdf], text: '中文政策' },
  // 한국어 (EUC-KR)
  eucKr: { bytes: [0xc7, 0xd1, 0xb1, 0xb9, 0xbe, 0xee], text: '한국어' },
}

describe('decodeHtmlBytes', () => {
  it('takes the charset of the Content-Type header', () => {
    const cases: Array<[string, number[], string, string]> = [
      ['text/html; charset=windows-1252', LEGACY.windows1252.bytes, LEGACY.windows1252.text, 'windows-1252'],
      ['text/html; charset=ISO-8859-1', LEGACY.latin1.bytes, LEGACY.latin1.text, 'windows-1252'],
      ['text/html; charset="Shift_JIS"', LEGACY.shiftJis.bytes, LEGACY.shiftJis.text, 'shift_jis'],
      ['text/html;charset=gb2312', LEGACY.gb2312.bytes, LEGACY.gb2312.text, 'gbk'],
      ['text/html; charset=euc-kr', LEGACY.eucKr.bytes, LEGACY.eucKr.text, 'euc-kr'],
    ]
    for (const [header, bytes, text, charset] of cases) {
      assert.deepEqual(decodeHtmlBytes(page('<p>', bytes, '</p>'), header), { text: `<p>${text}</p>`, charset }, header)
    }
  })

  it('reads every windows-1252 byte from 0x80 to 0x9F as the standard says', () => {
    const bytes = Array.from({ length: 32 }, (_, i) => 0x80 + i)
    const { text } = decodeHtmlBytes(page(bytes), 'text/html; charset=windows-1252')
    assert.equal(text, '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ')
  })

  it('reads GBK and GB18030 pages, four-byte sequences included', () => {
    // 0x80 is € in GBK; 0x95 0x32 0x82 0x36 is U+20000 in GB18030.
    const bytes = page([0xd6, 0xd0, 0x80, 0x95, 0x32, 0x82, 0x36])
    assert.equal(decodeHtmlBytes(bytes, 'text/html; charset=GBK').text, '中€𠀀')
    assert.deepEqual(decodeHtmlBytes(bytes, 'text/html; charset=gb18030'), { text: '中€𠀀', charset: 'gb18030' })
  })

  it('follows a byte order mark, even against the header', () => {
    const le = page([0xff, 0xfe], [0x3c, 0, 0x70, 0, 0x3e, 0, 0xe9, 0, 0x2c, 0x67, 0xac, 0x4e])
    assert.deepEqual(decodeHtmlBytes(le), { text: '<p>é本京', charset: 'utf-16le' })
    const be = page([0xfe, 0xff], [0, 0x3c, 0, 0x70, 0, 0x3e, 0, 0xe9, 0x67, 0x2c])
    assert.deepEqual(decodeHtmlBytes(be, 'text/html; charset=iso-8859-1'), { text: '<p>é本', charset: 'utf-16be' })
    const utf8 = page([0xef, 0xbb, 0xbf], [0x63, 0x61, 0x66, 0xc3, 0xa9])
    assert.deepEqual(decodeHtmlBytes(utf8, 'text/html; charset=windows-1252'), { text: 'café', charset: 'utf-8' })
  })

  it('finds <meta charset> and <meta http-equiv> when the header has none', () => {
    const meta = page('<!doctype html><html><head><meta charset="windows-1252"><title>', LEGACY.windows1252.bytes, '</title>')
    assert.deepEqual(decodeHtmlBytes(meta, 'text/html'), { text: `<!doctype html><html><head><meta charset="windows-1252"><title>${LEGACY.windows1252.text}</title>`, charset: 'windows-1252' })
    const equiv = page(`<html><head><META HTTP-EQUIV='Content-Type' CONTENT='text/html;charset=Shift_JIS'><body>`, LEGACY.shiftJis.bytes)
    assert.equal(decodeHtmlBytes(equiv).charset, 'shift_jis')
    assert.ok(decodeHtmlBytes(equiv).text.endsWith(LEGACY.shiftJis.text))
    const unquoted = page('<meta charset=euc-kr>', LEGACY.eucKr.bytes)
    assert.deepEqual(decodeHtmlBytes(unquoted), { text: `<meta charset=euc-kr>${LEGACY.eucKr.text}`, charset: 'euc-kr' })
  })

  it('prefers the header to the meta element', () => {
    const bytes = page('<meta charset="windows-1252"><p>', LEGACY.shiftJis.bytes)
    assert.deepEqual(decodeHtmlBytes(bytes, 'text/html; charset=shift_jis'), { text: `<meta charset="windows-1252"><p>${LEGACY.shiftJis.text}`, charset: 'shift_jis' })
  })

  it('ignores a header charset it cannot decode, and meta elements in comments, scripts or without http-equiv', () => {
    // Only the last meta counts; the page is ASCII, so without it the answer would be UTF-8.
    const bytes = page('<!-- <meta charset="shift_jis"> --><script>var s = "<meta charset=euc-kr>"</script><meta content="text/html; charset=gb2312"><meta charset="nonsense"><meta charset="iso-8859-1"><p>ok')
    assert.equal(decodeHtmlBytes(bytes, 'text/html; charset=x-made-up').charset, 'windows-1252')
    assert.equal(decodeHtmlBytes(page('<!-- <meta charset="shift_jis"> --><p>ok')).charset, 'utf-8')
  })

  it('reads a meta element up to 4 KiB in, not beyond', () => {
    const filler = `<style>${'x'.repeat(3000)}</style>`
    assert.equal(decodeHtmlBytes(page(filler, '<meta charset="euc-kr">', LEGACY.eucKr.bytes)).charset, 'euc-kr')
    assert.equal(decodeHtmlBytes(page(filler, filler, '<meta charset="euc-kr">', LEGACY.eucKr.bytes)).charset, 'windows-1252')
  })

  it('treats a meta element claiming UTF-16 as UTF-8, since it was readable as ASCII', () => {
    assert.deepEqual(decodeHtmlBytes(page('<meta charset="utf-16"><p>', [0xc3, 0xa9])), { text: '<meta charset="utf-16"><p>é', charset: 'utf-8' })
  })

  it('takes the encoding of an XML declaration (feeds)', () => {
    const feed = page('<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>', LEGACY.latin1.bytes, '</title></rss>')
    assert.deepEqual(decodeHtmlBytes(feed, 'application/rss+xml'), { text: `<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>${LEGACY.latin1.text}</title></rss>`, charset: 'windows-1252' })
  })

  it('falls back to UTF-8 when the bytes are UTF-8, else windows-1252', () => {
    assert.deepEqual(decodeHtmlBytes(Buffer.from('<p>Schröder — 東京</p>')), { text: '<p>Schröder — 東京</p>', charset: 'utf-8' })
    assert.deepEqual(decodeHtmlBytes(page('<p>', LEGACY.windows1252.bytes)), { text: `<p>${LEGACY.windows1252.text}`, charset: 'windows-1252' })
    assert.deepEqual(decodeHtmlBytes(new Uint8Array()), { text: '', charset: 'utf-8' })
  })

  it('decodes a view into a larger buffer by its own bytes only', () => {
    const whole = page('xx<meta charset="euc-kr">', LEGACY.eucKr.bytes, 'yy')
    const view = whole.subarray(2, whole.length - 2)
    assert.deepEqual(decodeHtmlBytes(view), { text: `<meta charset="euc-kr">${LEGACY.eucKr.text}`, charset: 'euc-kr' })
  })
})
