import { describe, expect, it } from 'vitest';
import { stripControls } from '../../src/text/control-chars.js';

describe('stripControls', () => {
  const cases: [string, string, string][] = [
    ['plain text', 'Việt Nam – Hàn Quốc', 'Việt Nam – Hàn Quốc'],
    ['colour codes (CSI)', 'the \x1b[31mred\x1b[0m line and \x1b[1;38;5;196mbold\x1b[m', 'the red line and bold'],
    ['clearing the screen and moving the cursor', '\x1b[2J\x1b[HHello\x1b[3;1H', 'Hello'],
    ['an 8-bit CSI', 'a\x9b31mb', 'ab'],
    ['a window title ended by BEL (OSC 0)', 'x\x1b]0;PWNED\x07y', 'xy'],
    ['a window title ended by ST (OSC 2)', 'x\x1b]2;PWNED\x1b\\y', 'xy'],
    ['a hyperlink (OSC 8)', '\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\', 'click'],
    ['an OSC without terminator: to the end of the line', 'a\x1b]0;title\nnext line', 'a\nnext line'],
    ['an 8-bit OSC', 'a\x9d0;t\x9cb', 'ab'],
    ['a device control string (DCS)', 'a\x1bPq#0;2;0;0;0\x1b\\b', 'ab'],
    ['a lone two-byte escape (RIS, full reset)', 'a\x1bcb', 'ab'],
    ['a charset switch (ESC ( 0)', 'a\x1b(0b', 'ab'],
    ['a lone ESC at the end', 'text\x1b', 'text'],
    ['bell, backspace, NUL and DEL', 'a\x07b\x08c\x00d\x7fe', 'abcde'],
    ['C1 controls that start no string', 'a\x80b\x91c\x9ad', 'abcd'],
    ['an 8-bit APC string, to its end', 'a\x9fhidden\x9cb', 'ab'],
    ['vertical tab, form feed and NEL as spaces', 'one\x0btwo\x0cthree\x85four', 'one two three four'],
    ['tabs and line breaks kept', 'a\tb\r\nc\nd\re', 'a\tb\r\nc\nd\re'],
  ];
  it.each(cases)('removes %s', (_what, input, expected) => {
    expect(stripControls(input)).toBe(expected);
  });
});
