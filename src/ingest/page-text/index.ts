export { parsePageText } from './parse-page-text.js'
export { parseCitationAuthors, parseCitationLine } from './parse-citation-line.js'
