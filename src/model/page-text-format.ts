/**
 * The fixed words of the page-text format (see ingest/page-text for the reader and
 * render/page-text for the writer): the footer prefixes and the mark after an excerpt.
 */
export const PAGE_TEXT = {
  contactPrefix: 'For more information on this publication:',
  citationPrefix: 'For Academic Citation:',
  excerptMark: '...',
} as const
