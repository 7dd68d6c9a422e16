import { AppError } from '../shared/index.js'

// Control characters other than tab, line feed, form feed and carriage return do not occur
// in text pages; finding one means the input is binary (an image, a PDF, a zip…).
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/

/**
 * Turns the bytes of a text source into a string, refusing what is not UTF-8 text.
 * @throws AppError SOURCE_UNPARSEABLE naming the line of the first bad byte.
 */
export function decodeText(bytes: Uint8Array): string {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    const good = new TextDecoder('utf-8').decode(bytes).split('\uFFFD')[0] ?? ''
    throw new AppError('SOURCE_UNPARSEABLE', 'is not UTF-8 text (binary or another encoding)', {
      line: good.split('\n').length,
    })
  }
  const bad = CONTROL.exec(text)
  if (bad) {
    throw new AppError('SOURCE_UNPARSEABLE', `contains binary data (control character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()})`, {
      line: text.slice(0, bad.index).split('\n').length,
    })
  }
  return text
}
