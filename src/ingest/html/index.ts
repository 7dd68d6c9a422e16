export { extractFromHtml, type HtmlExtraction, type HtmlExtractOptions, type Provenance } from './extract-html.js'
export { extractBody, type BodyExtraction } from './extract-body.js'
export { htmlElementToText, htmlToPlainText } from './html-to-text.js'
