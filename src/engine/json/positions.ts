// Offsets to 1-based line and column. Parsing keeps only offsets; positions are worked out for the few
// places a caller asks about (diagnostics), from a table of line starts built once per text.

import type { TextPosition } from './json-node.js';

/** Offsets where each line starts; "\n", "\r\n" and a lone "\r" each end a line. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a || (ch === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

export function positionAt(lineStarts: readonly number[], offset: number): TextPosition {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { offset, line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}
