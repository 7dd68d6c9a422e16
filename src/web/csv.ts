/**
 * CSV (RFC 4180) for chart downloads. Cells that a spreadsheet would run as a formula
 * (starting with = + - @, tab or carriage return) get a leading apostrophe: the file is data.
 */
export function toCsv(header: string[], rows: (string | number | undefined | null)[][]): string {
  const cell = (v: string | number | undefined | null) => {
    if (v === undefined || v === null) return ''
    if (typeof v === 'number') return String(v)
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
  }
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}
