import { parseHTML } from 'linkedom'

// Elements whose content starts on a new paragraph. Text inside other elements (a, em, span…)
// runs on in the same paragraph.
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
])
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'SELECT', 'TEXTAREA', 'IFRAME', 'OBJECT'])

/**
 * Plain text of an element, paragraphs separated by blank lines: the shape the record's body
 * and the page-text format use. White space inside a paragraph is folded to single spaces.
 */
export function htmlElementToText(root: Element): string {
  const paragraphs: string[] = []
  let current = ''
  const flush = () => {
    const p = current.replace(/\s+/g, ' ').trim()
    if (p) paragraphs.push(p)
    current = ''
  }
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      current += node.nodeValue ?? ''
      return
    }
    if (node.nodeType !== 1) return
    const el = node as Element
    const tag = el.tagName.toUpperCase()
    if (SKIP.has(tag)) return
    if (tag === 'BR') {
      current += '\n'
      return
    }
    const isBlock = BLOCK.has(tag)
    if (isBlock) flush()
    for (let child = el.firstChild; child; child = child.nextSibling) walk(child)
    if (isBlock) flush()
  }
  walk(root)
  flush()
  return paragraphs.join('\n\n')
}

/** Plain text of an HTML fragment (a feed entry's content), paragraphs separated by blank lines. */
export function htmlToPlainText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body><div id="fragment">${html}</div></body></html>`)
  const root = document.getElementById('fragment')
  return root ? htmlElementToText(root as unknown as Element) : ''
}
