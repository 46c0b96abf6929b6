/** Longest piece of a file's own text that a message repeats; longer ones are cut and their length given. */
export const MAX_ECHOED_CHARS = 60;

/**
 * Text taken from a file (a cell, a header, a variable name) shortened for a one-line message:
 * a hostile file must not turn its 20 MB cell into a 20 MB message. Control characters and line
 * breaks are shown escaped so the message stays on one line.
 *
 * @example
 * [capForMessage('abc'), capForMessage('9'.repeat(512000))]; // ['abc', '99999…(512,000 characters)'] (60 digits kept)
 */
export function capForMessage(text: string, max: number = MAX_ECHOED_CHARS): string {
  const cut = text.length > max;
  // Only the kept head is escaped: the cost stays bounded however long the text.
  let head = '';
  for (const ch of cut ? text.slice(0, max) : text) {
    const code = ch.charCodeAt(0);
    head += code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : ch;
  }
  return cut ? `${head}…(${text.length.toLocaleString('en-US')} characters)` : head;
}
