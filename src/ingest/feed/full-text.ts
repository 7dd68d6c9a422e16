import { htmlToText, wordCount, withoutFeedFooter } from './feed-text.js'

/**
 * Below this many words a feed's "content" is taken for a teaser even when it sits in a
 * full-text field: excerpt-only WordPress feeds put their 55-word excerpt in content:encoded,
 * and the pieces this archive keeps (op-eds, briefs, reports) run to hundreds of words.
 */
export const MIN_FULL_TEXT_WORDS = 150

/** A description with no separate content field counts as the full text from this length on. */
export const MIN_DESCRIPTION_AS_FULL_TEXT_WORDS = 400

// How an excerpt announces that the rest is elsewhere: "[…]", "…", "Read more", "Continue reading".
const TRUNCATION_MARK = /(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.|\b(?:read more|continue reading|read the full \w+|full story)\b[^.!?]{0,80}[.!?»›→]*)\s*$/i

export const endsLikeExcerpt = (text: string): boolean => TRUNCATION_MARK.test(text)

/**
 * Whether HTML from a full-text field (content:encoded, Atom content, content_html) really is
 * the piece's text rather than a second copy of its teaser: long enough, clearly longer than
 * the summary, and not cut off with a "read more".
 */
export function isFullText(contentHtml: string | undefined, summaryText: string | undefined): boolean {
  if (!contentHtml) return false
  const text = withoutFeedFooter(htmlToText(contentHtml))
  const words = wordCount(text)
  if (words < MIN_FULL_TEXT_WORDS) return false
  const summaryWords = summaryText ? wordCount(summaryText) : 0
  // A feed may repeat a long abstract in both fields; the text must add something substantial.
  if (summaryWords > 0 && words < summaryWords * 1.5) return false
  // A long excerpt can still end in "Continue reading"; a full article rarely does.
  if (words < 3 * MIN_FULL_TEXT_WORDS && endsLikeExcerpt(text)) return false
  return true
}

/**
 * Whether an RSS description, in a feed with no content field, is the piece's text: older
 * feeds and some CMSs put whole articles there.
 */
export function isDescriptionFullText(descriptionText: string | undefined): boolean {
  if (!descriptionText) return false
  const text = withoutFeedFooter(descriptionText)
  return wordCount(text) >= MIN_DESCRIPTION_AS_FULL_TEXT_WORDS && !endsLikeExcerpt(text) && text.includes('\n\n')
}
