export { extractMetadata, stripSiteName } from './extract-metadata.js'
export { cleanPersonName, nameFromProfileUrl, namesFromByline, type NameOptions } from './authors.js'
export { dateFromUrl, findDate, parseDateValue } from './dates.js'
export type { MetadataSource, PageMetadata, Sourced } from './types.js'
