import { Readability } from '@mozilla/readability'
import { htmlElementToText } from './html-to-text.js'
import { dropBoilerplateParagraphs, dropLinkLists, stripFurniture } from './strip-boilerplate.js'

export interface BodyExtraction {
  /** Plain text, paragraphs separated by blank lines. */
  text: string
  /** The article's HTML as Readability cleaned it (not yet sanitised for display). */
  html: string
  wordCount: number
}

/**
 * The main text of a page, by Readability on the given document. Readability rewrites the
 * document it is given, so callers pass a document they no longer need (or a fresh parse).
 * Returns undefined when no article-like content is found.
 */
export function extractBody(document: Document): BodyExtraction | undefined {
  stripFurniture(document)
  const article = new Readability(document, { keepClasses: false }).parse()
  if (!article?.content) return undefined
  const container = document.createElement('div')
  container.innerHTML = article.content
  dropLinkLists(container)
  const text = dropBoilerplateParagraphs(htmlElementToText(container).split('\n\n')).join('\n\n')
  if (!text) return undefined
  return { text, html: container.innerHTML, wordCount: text.split(/\s+/).length }
}
