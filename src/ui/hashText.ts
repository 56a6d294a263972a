/**
 * How `Hash` (and the first view, src/firstView) shows a hex value: first 10 and last 8 characters around an ellipsis
 * (21 characters), unless `full` or at most 20 characters long.
 */
export const hashText = (value: string, full = false) => (full || value.length <= 20 ? value : `${value.slice(0, 10)}…${value.slice(-8)}`)
