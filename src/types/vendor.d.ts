// Type declarations for the untyped packages Dossier uses, limited to what it calls.

declare module '@citation-js/name' {
  export function parse(name: string): Record<string, string | undefined>
}

declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>)
    format(format: string, options?: Record<string, unknown>): string
  }
  export const plugins: {
    config: { get(name: string): any }
  }
}

declare module '@citation-js/plugin-bibtex'
declare module '@citation-js/plugin-ris'

declare module 'citeproc' {
  const CSL: {
    Engine: new (sys: { retrieveLocale(lang: string): unknown; retrieveItem(id: string): unknown }, style: unknown, lang?: string, forceLang?: boolean) => {
      setOutputFormat(format: 'text' | 'html' | 'rtf'): void
      updateItems(ids: string[]): void
      makeBibliography(): [unknown, string[]] | false
    }
  }
  export default CSL
}
