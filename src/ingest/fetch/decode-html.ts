import { isUtf8 } from 'node:buffer'

/** Decoded text and the WHATWG name of the encoding it was read in (`utf-8`, `windows-1252`, `shift_jis`…). */
export interface DecodedText {
  text: string
  charset: string
}

// How far to look for <meta charset>. The HTML standard says 1024 bytes, but pages with long
// heads (inline styles, analytics) put the declaration later and browsers still honour it.
const PRESCAN_BYTES = 4096

// Bytes 0x80–0x9F, where windows-1252 differs from ISO-8859-1. Written out because Node's
// TextDecoder has decoded windows-1252 as plain Latin-1 since 20.18.3 / 22.13.0
// (nodejs/node#60888), which turns curly quotes, dashes and € into control characters.
const WINDOWS_1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178'

/** The WHATWG name for an encoding label, or undefined when this runtime cannot decode it. */
function encodingFor(label: string | undefined): string | undefined {
  if (!label) return undefined
  try {
    return new TextDecoder(label.trim()).encoding
  } catch {
    return undefined
  }
}

/** The `charset` parameter of a Content-Type value (a header or a meta element's `content`). */
export function charsetParameter(contentType: string | undefined): string | undefined {
  const m = /charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))/i.exec(contentType ?? '')
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  return undefined
}

/** The attributes of one tag's inside (`name="value"`, `name=value`, bare `name`), names lower-cased. */
function attributes(tagInside: string): Map<string, string> {
  const attrs = new Map<string, string>()
  for (const m of tagInside.matchAll(/([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
    const name = m[1]!.toLowerCase()
    if (!attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? '')
  }
  return attrs
}

/**
 * The encoding a document declares in its first bytes: an XML declaration (feeds), else the
 * first `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` that
 * names an encoding this runtime knows. Comments and scripts are skipped, as a browser's
 * prescan would, so a commented-out or quoted meta does not count.
 */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  // Latin-1 maps every byte to one character, so ASCII markup reads right whatever the encoding.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN_BYTES))
    .toString('latin1')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<script\b[\s\S]*?(?:<\/script\s*>|$)/gi, '')
  const xml = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']+)["']/.exec(head)
  const fromXml = encodingFor(xml?.[1])
  if (fromXml) return fromXml
  for (const m of head.matchAll(/<meta(?=[\s/])([^>]*)>?/gi)) {
    const attrs = attributes(m[1]!)
    const label = attrs.has('charset')
      ? attrs.get('charset')
      : attrs.get('http-equiv')?.trim().toLowerCase() === 'content-type'
        ? charsetParameter(attrs.get('content'))
        : undefined
    const found = encodingFor(label)
    // A document whose meta could be read as ASCII is not UTF-16, whatever it claims.
    if (found) return found.startsWith('utf-16') ? 'utf-8' : found
  }
  return undefined
}

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009F]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!)
}

function decodeAs(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes)
  // The standard's GBK decoder is the GB18030 one (four-byte sequences included); ICU's "gbk"
  // is not, and GB18030 is a superset, so GB2312 and GBK pages read the same through it.
  return new TextDecoder(encoding === 'gbk' ? 'gb18030' : encoding).decode(bytes)
}

/**
 * Decodes an HTML page (or a feed) the way a browser would choose its encoding: a byte order
 * mark, then the charset of the Content-Type header, then a declaration in the document's
 * first 4 KiB (`<meta charset>`, `<meta http-equiv>`, `<?xml encoding?>`), then UTF-8 when the
 * bytes are valid UTF-8, else windows-1252 (which ISO-8859-1 and US-ASCII labels also mean on
 * the web). The BOM goes first, as in the HTML standard: it cannot be there by accident,
 * while a server's default header often is wrong. Pure; used for fetched pages and files alike.
 */
export function decodeHtmlBytes(bytes: Uint8Array, contentType?: string): DecodedText {
  const charset =
    bomEncoding(bytes) ??
    encodingFor(charsetParameter(contentType)) ??
    declaredEncoding(bytes) ??
    (isUtf8(bytes) ? 'utf-8' : 'windows-1252')
  return { text: decodeAs(bytes, charset), charset }
}
