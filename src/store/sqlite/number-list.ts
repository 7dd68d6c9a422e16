/**
 * "3,17,40" as numbers, in one pass and without the strings and the array a split would make
 * (the array is sized for the most numbers the text could hold: every other character a digit).
 */
export function parseNumberList(list: string): Int32Array {
  const out = new Int32Array((list.length >> 1) + 1)
  let k = 0
  let value = 0
  for (let i = 0; i < list.length; i++) {
    const c = list.charCodeAt(i)
    if (c === 44) {
      out[k++] = value
      value = 0
    } else value = value * 10 + (c - 48)
  }
  out[k++] = value
  return out.subarray(0, k)
}
