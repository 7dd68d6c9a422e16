/**
 * What the visible page says about itself, for pages whose metadata is thin: the headline,
 * bylines, <time> elements and microdata.
 */

// Soft hyphens and zero-width characters are invisible on the page and must not split words.
const clean = (s: string | null | undefined) => (s ?? '').replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '').replace(/\s+/g, ' ').trim()

// What only the main column holds: the headline or the article's body (Blogger's main column
// is a "widget", WordPress themes call it "sidebar-left"…).
const MAIN_CONTENT = 'h1, article, [itemprop~="articleBody"], [class*="post-body"], [class*="entry-content"]'
const COMMENTS_CLASS = /(?:^|[\s_-])(comments?|comment-list|commentlist|comment-body|respond)(?:$|[\s_])/i
const FURNITURE_CLASS = /(?:^|[\s_-])(comments?|related|sidebar|teaser|widget|recommend\w*|more-stories|newsletter)(?:$|[\s_-])/i

/**
 * Whether an element sits in page furniture: navigation, a sidebar, comments, related
 * stories. Wrappers that hold the headline are never furniture, whatever their class says
 * (themes put "sidebar" on the main column's class list).
 */
export function inFurniture(element: Element): boolean {
  for (let e: Element | null = element; e && e.tagName !== 'BODY'; e = e.parentElement) {
    const tag = e.tagName
    if (tag === 'NAV') return true
    // An <aside> inside the article is its fact box (date, category), not a sidebar.
    if (tag === 'ASIDE' && !e.parentElement?.closest('article')) return true
    if (tag === 'FOOTER' && !e.closest('article')) return true
    const cls = e.getAttribute('class') ?? ''
    // Comments are furniture even when each one is an <article>.
    if (COMMENTS_CLASS.test(cls) || /^(comments?|respond)$/i.test(e.id)) return true
    if (FURNITURE_CLASS.test(cls)) return !e.querySelector(MAIN_CONTENT)
  }
  return false
}

const KICKER_CLASS = /kicker|overline|dachzeile|topline|roofline|eyebrow|supertitle|subtitle|sub-title|overhead|spitzmarke|label|category|rubric|section/i
// Text for screen readers only, such as the " - " between a kicker and the headline.
const HIDDEN_CLASS = /visually-hidden|sr-only|screen-reader|visuallyhidden|a11y/i
const HEADLINE_CLASS = /headline|title|heading/i

/**
 * Texts of the page's <h1> elements, those inside the article first. A headline marked up
 * with a kicker ("<h1><span class=kicker>Brexit</span><span class=headline>…</span></h1>")
 * offers both its whole text and the headline part alone.
 */
export function headings(document: Document): string[] {
  const elements = [...document.querySelectorAll('article h1, main h1, [itemprop~="headline"], [role="main"] h1'), ...document.querySelectorAll('h1')]
  const texts: string[] = []
  for (const h of elements.slice(0, 10)) {
    const whole = clean(h.textContent)
    if (!whole || whole.length >= 400) continue
    const parts = [...h.children].filter((c) => clean(c.textContent))
    const headline = parts.find((c) => HEADLINE_CLASS.test(c.getAttribute('class') ?? ''))
    if (parts.length > 1 && headline) texts.push(clean(headline.textContent))
    // The h1 without its kicker: the text nodes and the children not classed as kicker or hidden.
    const isAside = (c: Element) => KICKER_CLASS.test(c.getAttribute('class') ?? '') || HIDDEN_CLASS.test(c.getAttribute('class') ?? '')
    if (parts.some(isAside)) {
      let rest = ''
      for (let n = h.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === 3) rest += ` ${n.nodeValue ?? ''}`
        else if (n.nodeType === 1 && !isAside(n as Element)) rest += ` ${(n as Element).textContent ?? ''}`
      }
      const cleaned = clean(rest).replace(/^[\s:|–—-]+/, '')
      // With its kicker set apart, the headline is the rest: the whole h1 is not offered.
      if (cleaned) {
        texts.push(cleaned)
        continue
      }
    }
    texts.push(whole)
  }
  return [...new Set(texts)]
}

// Kinds of byline element, strongest first. One pass over the page classifies each element
// by the first kind it matches (eight selector queries would each walk the whole page).
const BYLINE_KINDS: ((e: Element, cls: string) => boolean)[] = [
  (e) => hasToken(e, 'itemprop', 'name') && Boolean(e.parentElement?.closest('[itemprop~="author"]')),
  (e) => hasToken(e, 'itemprop', 'author'),
  (e) => e.tagName === 'A' && hasToken(e, 'rel', 'author'),
  (e) => hasToken(e, 'rel', 'author'),
  (_, cls) => /byline[_-]{1,2}name|author[_-]{0,2}name|author-link|c-byline__author/i.test(cls),
  (e, cls) => /byline/i.test(cls) || /byline/i.test(e.id) || /byline/i.test(e.getAttribute('data-testid') ?? ''),
  (e, cls) => (/author|autor|auteur/i.test(cls) && !['IMG', 'PICTURE', 'FIGURE'].includes(e.tagName)) || e.hasAttribute('data-author') || /author/i.test(e.id),
  (e) => e.tagName === 'ADDRESS',
]
// Kinds found through the page's own author markup, not through a class name.
const MARKED_KINDS = 4

function hasToken(e: Element, attr: string, token: string): boolean {
  const v = e.getAttribute(attr)
  return v !== null && v.toLowerCase().split(/\s+/).includes(token)
}

export interface BylineElement {
  /** The element's whole text, then its children's texts. */
  texts: string[]
  parent: Element | null
  /** Found by markup that names the author role (itemprop, rel=author), not by a class name. */
  marked: boolean
}

/**
 * Byline elements, grouped by the kind of selector that found them, strongest kind first,
 * outside page furniture. Each element offers its whole text ("By Jane Doe, Washington") and
 * its children's texts ("Jane Doe"), so a name wrapped with a dateline or a role still comes
 * through.
 */
export function bylines(document: Document): BylineElement[][] {
  const groups: BylineElement[][] = BYLINE_KINDS.map(() => [])
  for (const e of document.querySelectorAll('*')) {
    const cls = e.getAttribute('class') ?? ''
    const kind = BYLINE_KINDS.findIndex((matches) => matches(e, cls))
    if (kind < 0 || groups[kind]!.length >= 12 || inFurniture(e)) continue
    const texts: string[] = []
    // A byline is short: a container with many elements under it is a section, not a byline.
    if (e.getElementsByTagName('*').length > 40) continue
    const whole = clean(e.getAttribute('content') || e.getAttribute('data-author') || e.textContent)
    if (whole.length > 2 && whole.length < 200) texts.push(whole)
    if (whole.length < 400) {
      for (const child of e.children) {
        const t = clean(child.textContent)
        if (t.length > 2 && t.length < 100 && t !== whole) texts.push(t)
      }
    }
    if (texts.length) groups[kind]!.push({ texts, parent: e.parentElement, marked: kind < MARKED_KINDS })
  }
  return groups.filter((g) => g.length > 0)
}

/** Microdata values (content, datetime or text) of an itemprop, outside nested items of other kinds. */
export function microdata(document: Document, prop: string): string[] {
  return [...document.querySelectorAll(`[itemprop~="${prop}"]`)]
    .filter((e) => e.tagName !== 'META')
    .map((e) => clean(e.getAttribute('datetime') || e.getAttribute('content') || e.textContent))
    .filter(Boolean)
}

export interface TimeMark {
  value: string
  /** A pubdate attribute, or a class or itemprop saying "published". */
  marksPublication: boolean
  marksModification: boolean
  inArticle: boolean
  inFurniture: boolean
}

/** <time> elements and elements classed or named as dates, in document order. */
export function timeMarks(document: Document): TimeMark[] {
  const marks: TimeMark[] = []
  for (const e of document.querySelectorAll('*')) {
    const cls = e.getAttribute('class') ?? ''
    const id = e.id
    if (e.tagName !== 'TIME' && !/date|publish/i.test(cls) && !/date/i.test(id)) continue
    if (marks.length >= 200) break
    const marker = `${cls} ${e.getAttribute('itemprop') ?? ''} ${id}`.toLowerCase()
    // A date is written in a few words: skip containers that merely carry a "date" class.
    const datetime = clean(e.getAttribute('datetime'))
    if (!datetime && e.getElementsByTagName('*').length > 6) continue
    const value = datetime || clean(e.textContent)
    if (!value || value.length > 120) continue
    marks.push({
      value,
      marksPublication: e.hasAttribute('pubdate') || /publish|posted|created|datepublished|entry-date|article-date|date-time|post-date/.test(marker),
      marksModification: /modif|updat/.test(marker),
      inArticle: Boolean(e.closest('article, main, [role="main"], header, .article, .post, .entry')),
      inFurniture: inFurniture(e),
    })
  }
  return marks
}

const INLINE = new Set(['A', 'SPAN', 'EM', 'STRONG', 'B', 'I', 'U', 'SMALL', 'ABBR', 'CITE', 'TIME', 'SUB', 'SUP', 'MARK', 'FONT', 'Q', 'BDI'])
const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'NAV', 'SELECT', 'BUTTON', 'IFRAME', 'FIGCAPTION'])

/**
 * The page's visible text in document order, without scripts, navigation and footers, and
 * the offset at which the headline starts in it (or -1). Used to find a date written near
 * the headline when no metadata gives one.
 */
export function visibleText(document: Document, headline: string | undefined, limit = 300_000): { text: string; headlineAt: number } {
  const wanted = headline ? foldForMatch(headline) : ''
  let text = ''
  let headlineAt = -1
  const walk = (node: Node) => {
    if (text.length > limit) return
    if (node.nodeType === 3) {
      text += node.nodeValue ?? ''
      return
    }
    if (node.nodeType !== 1) return
    const el = node as Element
    if (NOT_TEXT.has(el.tagName)) return
    if ((el.tagName === 'FOOTER' || el.tagName === 'ASIDE') && !el.closest('article')) return
    const cls = el.getAttribute('class') ?? ''
    if (COMMENTS_CLASS.test(cls) || (FURNITURE_CLASS.test(cls) && !el.querySelector(MAIN_CONTENT))) return
    // The headline element itself, not an earlier mention of its words in a ticker or menu.
    if (headlineAt < 0 && wanted && (el.tagName === 'H1' || el.getAttribute('itemprop') === 'headline') && foldForMatch(el.textContent ?? '').includes(wanted)) {
      headlineAt = text.length
    }
    // Blocks end lines, so a name at the end of one block does not run into the next.
    const gap = INLINE.has(el.tagName) ? ' ' : '\n'
    text += gap
    for (let c = el.firstChild; c; c = c.nextSibling) walk(c)
    text += gap
  }
  if (document.body) walk(document.body)
  // Offsets are kept by folding runs of white space to one character each, from the start.
  const before = headlineAt >= 0 ? squashSpace(text.slice(0, headlineAt)).length : -1
  text = squashSpace(text)
  if (before >= 0) return { text, headlineAt: before }
  const h = headline ? headline.replace(/\s+/g, ' ').trim() : ''
  let at = h ? text.indexOf(h) : -1
  if (at < 0 && h) at = text.replace(/\n/g, ' ').indexOf(h)
  return { text, headlineAt: at }
}

function squashSpace(s: string): string {
  return s.replace(/[^\S\n]+/g, ' ').replace(/ ?\n\s*/g, '\n')
}

function foldForMatch(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
}
