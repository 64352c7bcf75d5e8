/** How much mail is read at once: the Free plan gives an event 10 ms of CPU. */

/**
 * Above these, reading the message would not fit the Free plan's 10 ms of CPU (postal-mime takes ~3 ms for
 * 48 KB, and its time and memory grow with the number of lines): it is kept and read later.
 */
export const READ_NOW_BYTES = 512 * 1024;
export const READ_NOW_LINES = 20_000;
/** Even later, in a queue job, postal-mime is not handed more than this. */
export const READ_EVER_BYTES = 8 * 1024 * 1024;

function lineCount(raw: Uint8Array, stopAt: number): number {
  let lines = 0;
  for (let i = 0; i < raw.length && lines <= stopAt; i++) if (raw[i] === 10) lines++;
  return lines;
}

/** Why this message should not be parsed now, or null when it can be. */
export function tooBigToRead(raw: Uint8Array, limits: { bytes: number; lines: number }): string | null {
  if (raw.length > limits.bytes) {
    return `too large to read right away (${(raw.length / 1048576).toFixed(1)} MB); kept for review`;
  }
  if (lineCount(raw, limits.lines) > limits.lines)
    return `too many lines to read right away; kept for review`;
  return null;
}
