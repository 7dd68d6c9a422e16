export { decodeText } from './decode-text.js'
export { parseJsonLines } from './json-lines.js'
export { parsePageText, parseCitationAuthors, parseCitationLine } from './page-text/index.js'
export { detectFormat, readSource, type Source, type SourceFormat, type SourceItem } from './read-source.js'
