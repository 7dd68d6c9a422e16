/** Edit distance (Levenshtein), stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
      cur.push(v)
      rowMin = Math.min(rowMin, v)
    }
    if (rowMin > max) return max + 1
    prev = cur
  }
  return prev[b.length]!
}

/**
 * The archive's word closest to a misspelt one: the smallest edit distance (at most 1 for
 * short words, 2 for longer ones), then the word found in the most records.
 */
export function closestTerm(word: string, vocabulary: { term: string; docs: number }[]): string | undefined {
  const w = word.toLowerCase()
  const max = w.length <= 4 ? 1 : 2
  let best: { term: string; distance: number; docs: number } | undefined
  for (const { term, docs } of vocabulary) {
    if (term === w) continue
    const distance = editDistance(w, term, max)
    if (distance > max) continue
    if (!best || distance < best.distance || (distance === best.distance && docs > best.docs)) best = { term, distance, docs }
  }
  return best?.term
}
