// Terminal control in text that comes from outside (corpus files, questions, a model's reply): escape sequences
// and control characters are removed, so nothing the bot prints can retitle a window, clear a screen or colour a
// terminal, and no "31m" left of a colour code is read as a word. Tabs, line feeds and carriage returns stay:
// line numbers and paragraph breaks depend on them.

// ECMA-48 sequences, 7-bit (ESC …) and 8-bit (a C1 introducer) forms. A string sequence without its terminator
// (OSC, DCS …) ends at the end of the line, which is also where a terminal would show the rest as text.
const ESCAPE_SEQUENCES = new RegExp(
  [
    /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]/.source, // CSI: colours, cursor moves, clearing the screen
    /(?:\x1b\]|\x9d)[^\x07\x1b\x9c\n\r]*(?:\x07|\x1b\\|\x9c)?/.source, // OSC: window title, hyperlinks, clipboard
    /(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c\n\r]*(?:\x1b\\|\x9c)?/.source, // DCS, SOS, PM, APC
    /\x1b[ -/]*[0-~]/.source, // every other escape: ESC, intermediates, a final byte
  ].join('|'),
  'g',
);
// Vertical tab, form feed and NEL separate words: a space each.
const SEPARATING_CONTROLS = /[\x0b\x0c\x85]/g;
// C0 except tab, line feed and carriage return; DEL; C1; and an ESC no sequence claimed.
const OTHER_CONTROLS = /[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]/g;

/** `text` without terminal escape sequences and control characters; tabs and line breaks kept. */
export function stripControls(text: string): string {
  // Most text holds none: one test instead of three replacements.
  if (!/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(text)) return text;
  return text.replace(ESCAPE_SEQUENCES, '').replace(SEPARATING_CONTROLS, ' ').replace(OTHER_CONTROLS, '');
}
