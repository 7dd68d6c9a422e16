import { escapeHtml } from '../shared/index.js'

/**
 * HTML by tagged template: every interpolated value is escaped unless it is already `Html`
 * (made by this tag or by `raw`), so forgetting to escape is not possible by accident.
 */
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value
  }
}


type Value = Html | string | number | boolean | null | undefined | Value[]

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return ''
  if (Array.isArray(v)) return v.map(render).join('')
  if (v instanceof Html) return v.value
  return escapeHtml(String(v))
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!))
  return new Html(out)
}

/** Trusted markup only: output of citeproc, which escapes the record's text itself. */
export const raw = (s: string) => new Html(s)

export { escapeHtml }
