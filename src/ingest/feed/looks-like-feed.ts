/**
 * Sniffing a fetched document's kind from its first bytes, without parsing it: the router
 * calls this on every fetch, and a Content-Type header is too often wrong (feeds served as
 * text/html, pages as text/xml) to be trusted alone.
 */

// Feeds put comments, processing instructions (xml-stylesheet) and doctypes before the root,
// and some generators a long licence comment; past this many characters nobody does.
const SNIFF_LENGTH = 64 * 1024

/** The text after the XML prolog: the declaration, processing instructions, comments, doctype. */
function afterProlog(text: string): string {
  let s = text.slice(0, SNIFF_LENGTH).replace(/^\uFEFF/, '').trimStart()
  for (;;) {
    const m = /^(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)\s*/i.exec(s)
    if (!m) return s
    s = s.slice(m[0].length)
  }
}

/** The root element's name with any prefix removed, lower-cased ("rdf:RDF" -> "rdf"). */
function rootElement(text: string): string | undefined {
  const m = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]/.exec(afterProlog(text))
  return m?.[2]?.toLowerCase()
}

// A JSON Feed declares itself in "version"; the key usually comes first but need not. PHP's
// json_encode writes "https:\/\/jsonfeed.org\/…", which is the same string in JSON.
const JSON_FEED_VERSION = /"version"\s*:\s*"https?:\\?\/\\?\/jsonfeed\.org\\?\/version\\?\/\d/

/**
 * Whether a fetched document is a feed (RSS, Atom, RDF/RSS 1.0 or JSON Feed), judged from its
 * beginning: the XML root element or the JSON Feed version. An HTML page answers false, even
 * one that links to its feed.
 */
export function looksLikeFeed(text: string): boolean {
  const head = text.slice(0, SNIFF_LENGTH).replace(/^\uFEFF/, '').trimStart()
  if (head.startsWith('{')) return JSON_FEED_VERSION.test(head)
  const root = rootElement(head)
  if (root === 'rss' || root === 'feed') return true
  // RSS 1.0 and 0.90 are RDF documents; other RDF (a FOAF profile) has no <channel>/<item>.
  return root === 'rdf' && /<(?:[\w.-]+:)?(?:channel|item)[\s>]/.test(head)
}

/** Whether a document is an HTML page rather than XML or JSON (for clearer refusals). */
export function looksLikeHtmlPage(text: string): boolean {
  const head = text.slice(0, SNIFF_LENGTH).replace(/^\uFEFF/, '').trimStart()
  if (/^(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)*<!doctype\s+html\b/i.test(head)) return true
  const root = rootElement(head)
  return root === 'html' || root === 'head' || root === 'body'
}
