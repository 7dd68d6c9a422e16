/**
 * Boilerplate that Readability keeps inside an article, measured on the scrapinghub pages:
 * captions and image credits, bylines and datelines, share and tag bars, "related" and
 * "more from" link lists, breadcrumbs. Removed from the document before Readability scores it
 * (by element role), and from its output after (by what the text is).
 */

// Class or id words that mark page furniture, matched as whole words of the attribute
// ("related-posts", "share_bar", "article-tags"), never as parts of words ("shared-content").
const FURNITURE_WORD =
  /(?:^|[\s_-])(caption|captions|credit|credits|byline|bylines|dateline|timestamp|breadcrumb|breadcrumbs|share|sharing|social|sharebar|related|recommended|newsletter|subscribe|signup|promo|tags|tag-list|taglist|author-bio|authorbio|comments?|advert|advertisement|ad-container|sponsored|toolbar|print-only|sr-only|visually-hidden|screen-reader-text|more-stories|read-more|readmore|most-popular|trending|outbrain|taboola)(?:$|[\s_-])/i

const FURNITURE_TAGS = 'figcaption, nav, aside, footer, form, button, [role="navigation"], [role="complementary"], [aria-hidden="true"], [hidden]'

/** Removes furniture elements from a document before article scoring. Mutates the document. */
export function stripFurniture(document: Document): void {
  // ASP.NET pages wrap the whole page in one <form>; the guard below keeps such wrappers.
  for (const el of [...document.querySelectorAll(FURNITURE_TAGS)]) if (!containsMostOfBody(el)) el.remove()
  for (const el of [...document.querySelectorAll('[class], [id]')]) {
    if (!el.isConnected) continue
    const tag = el.tagName.toUpperCase()
    if (tag === 'BODY' || tag === 'HTML' || tag === 'ARTICLE' || tag === 'MAIN') continue
    const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`
    if (FURNITURE_WORD.test(names) && !containsMostOfBody(el)) el.remove()
  }
}

// A wrapper that holds most of the page's paragraphs is the article itself, whatever its
// class says ("post-with-comments"); never remove it.
function containsMostOfBody(el: Element): boolean {
  return el.querySelectorAll('p').length >= 5
}

const LEAD_IN = /^(related|related articles?|related stories|related content|read more|see more|see also|more from|more on|you may also like|you might also like|don'?t miss|most popular|most read|trending|recommended|tags?|topics|share( this)?|advert|advertisement|sponsored|follow us|sign up|subscribe|comments?|leave a (comment|reply))\b[:.!…]*\s*/i
const TAG_LIST = /^(tags?|topics|filed under|categories)\s*:?\s+\S+(,\s*[^,]+){2,}$/i
const IMAGE_COUNTER = /^(image|photo|slide|picture) \d+ of \d+$/i
const COOKIE_NOTICE = /\b(uses|use) cookies\b/i
const DATELINE = /^(updated|published|posted|last updated|first published)\b|\b(\d{1,2}:\d{2}\s*(am|pm|a\.m\.|p\.m\.)?|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4})\b/i
const CREDIT = /^\(?(image|photo|picture|credit|source|illustration|video)s?( credit)?\s*:|\((image|photo|credit)s?:[^)]*\)\s*$|^©|\bcopyright\b|all rights reserved/i

/** Drops paragraphs of extracted text that are furniture by what they say. */
export function dropBoilerplateParagraphs(paragraphs: string[]): string[] {
  return paragraphs.filter((p) => {
    const words = p.split(/\s+/).length
    if (words <= 12 && LEAD_IN.test(p)) return false
    if (words <= 15 && DATELINE.test(p) && !/[.!?]["”’]?$/.test(p)) return false
    if (words <= 40 && CREDIT.test(p)) return false
    if (TAG_LIST.test(p) || IMAGE_COUNTER.test(p)) return false
    if (words <= 60 && COOKIE_NOTICE.test(p)) return false
    return true
  })
}

/**
 * Removes lists whose every item is a link and nothing more: "related stories", "more from"
 * and tag lists that Readability keeps when they sit inside the article container.
 */
export function dropLinkLists(container: Element): void {
  for (const list of [...container.querySelectorAll('ul, ol')]) {
    const items = [...list.querySelectorAll('li')]
    if (items.length < 3) continue
    const allLinks = items.every((li) => {
      const text = (li.textContent ?? '').replace(/\s+/g, '')
      const linked = [...li.querySelectorAll('a')].reduce((n, a) => n + (a.textContent ?? '').replace(/\s+/g, '').length, 0)
      return text.length > 0 && linked / text.length > 0.8
    })
    if (allLinks) list.remove()
  }
}
