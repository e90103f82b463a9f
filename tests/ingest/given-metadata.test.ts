import { describe, expect, it } from 'vitest';
import { formatWarning, parseGivenDate, parseMetadataJson, readFrontMatter } from '../../src/ingest/given-metadata.js';

const ARTICLE = 'Việt Nam và Lào ký hiệp định\n\nNgày 9/1/2025, hai bên ký hiệp định.\n';

describe('readFrontMatter', () => {
  it('reads title, date, publisher, url and language, and blanks the block so line numbers stay', () => {
    const raw = `---\ntitle: "Vietnam, Laos sign a deal"\ndate: 2025-01-09\npublisher: VNA\nurl: https://vnanet.vn/a\nlanguage: vi\n---\n${ARTICLE}`;
    const front = readFrontMatter('a.txt', raw);
    expect(front.warnings).toEqual([]);
    expect(front.given).toEqual({
      title: 'Vietnam, Laos sign a deal',
      date: '2025-01-09',
      datePrecision: 'day',
      publisher: 'VNA',
      url: 'https://vnanet.vn/a',
      language: 'vi',
    });
    const lines = front.text.split('\n');
    expect(lines).toHaveLength(raw.split('\n').length);
    expect(lines.slice(0, 7).every((l) => l === '')).toBe(true);
    expect(lines[7]).toBe('Việt Nam và Lào ký hiệp định');
  });

  it('keeps a date’s precision: a year, a month', () => {
    expect(readFrontMatter('a.txt', '---\ndate: 2025\n---\nText.').given).toEqual({ date: '2025-01-01', datePrecision: 'year' });
    expect(readFrontMatter('a.txt', '---\ndate: 2025-03\n---\nText.').given).toEqual({ date: '2025-03-01', datePrecision: 'month' });
  });

  it('leaves a text that merely opens with a rule alone, without a warning', () => {
    const raw = '---\nViệt Nam và Lào ký hiệp định\n---\nHai bên ký.';
    expect(readFrontMatter('a.txt', raw)).toEqual({ text: raw, given: {}, warnings: [] });
    expect(readFrontMatter('a.txt', ARTICLE)).toEqual({ text: ARTICLE, given: {}, warnings: [] });
  });

  it('reports a block that is never closed and keeps the text whole', () => {
    const raw = `---\ntitle: A title\n${ARTICLE}`;
    const front = readFrontMatter('a.txt', raw);
    expect(front.text).toBe(raw);
    expect(front.given).toEqual({});
    expect(front.warnings).toEqual([{ file: 'a.txt', line: 1, message: expect.stringMatching(/not closed/) }]);
  });

  it('reports malformed YAML with its line, takes the block out of the text, and states nothing', () => {
    const raw = `---\ntitle: A title\ndate: [2025\n---\n${ARTICLE}`;
    const front = readFrontMatter('b.md', raw);
    expect(front.given).toEqual({});
    expect(front.warnings).toHaveLength(1);
    expect(front.warnings[0]).toMatchObject({ file: 'b.md', message: expect.stringMatching(/not valid YAML/) });
    expect(front.warnings[0]!.line).toBeGreaterThanOrEqual(3);
    expect(front.warnings[0]!.line).toBeLessThanOrEqual(4);
    expect(front.text.split('\n').slice(0, 4)).toEqual(['', '', '', '']);
    expect(front.text).toContain('Ngày 9/1/2025');
  });

  it('reports each bad field with its line and keeps the good ones', () => {
    const raw = '---\ntitle: Good title\ndate: next Tuesday\nurl: not a url\nauthor: Someone\npublisher:\n---\nText.';
    const front = readFrontMatter('c.txt', raw);
    expect(front.given).toEqual({ title: 'Good title' });
    expect(front.warnings.map(formatWarning)).toEqual([
      expect.stringMatching(/^c\.txt:3: front matter: "date" is not a date/),
      expect.stringMatching(/^c\.txt:4: front matter: "url" is not an http\(s\) URL/),
      expect.stringMatching(/^c\.txt:5: front matter: unknown key "author"/),
      expect.stringMatching(/^c\.txt:6: front matter: "publisher" must be a text value/),
    ]);
  });

  it('reports a block that is not a mapping', () => {
    const front = readFrontMatter('d.txt', '---\ntitle: x\n- a list item\n---\nText.');
    expect(front.given).toEqual({});
    expect(front.warnings).toHaveLength(1);
    expect(front.warnings[0]!.file).toBe('d.txt');
  });

  it('reads CRLF files and a byte order mark', () => {
    const front = readFrontMatter('e.txt', '\uFEFF---\r\ntitle: T\r\n---\r\nText.\r\n');
    expect(front.given).toEqual({ title: 'T' });
    expect(front.text.split('\n')).toEqual(['', '', '', 'Text.', '']);
  });
});

describe('parseGivenDate', () => {
  it.each([
    ['2023-11-27', { date: '2023-11-27', precision: 'day' }],
    ['2023-11-27T10:00:00+07:00', { date: '2023-11-27', precision: 'day' }],
    ['27 November 2023', { date: '2023-11-27', precision: 'day' }],
    ['27/11/2023', { date: '2023-11-27', precision: 'day' }],
    ['2023-11', { date: '2023-11-01', precision: 'month' }],
    ['2023', { date: '2023-01-01', precision: 'year' }],
    ['27/11', null],
    ['2023-13', null],
    ['soon', null],
    ['Published in Hanoi on 27/11/2023 by the ministry of foreign affairs', null],
  ])('%s', (value, expected) => {
    expect(parseGivenDate(value)).toEqual(expected);
  });
});

describe('parseMetadataJson', () => {
  it('reads entries by file name', () => {
    const { entries, warnings } = parseMetadataJson(
      JSON.stringify(
        { 'a.txt': { title: 'A', date: '2024-05', publisher: 'VNA', url: 'https://vnanet.vn/a' }, 'b.txt': { publisher: 'TT' } },
        null,
        2,
      ),
    );
    expect(warnings).toEqual([]);
    expect(entries.get('a.txt')).toEqual({ title: 'A', date: '2024-05-01', datePrecision: 'month', publisher: 'VNA', url: 'https://vnanet.vn/a' });
    expect(entries.get('b.txt')).toEqual({ publisher: 'TT' });
  });

  it('reports invalid JSON with its line and takes nothing from it', () => {
    const { entries, warnings } = parseMetadataJson('{\n  "a.txt": { "title": "A" },\n}\n');
    expect(entries.size).toBe(0);
    expect(warnings).toEqual([{ file: 'metadata.json', line: 3, message: expect.stringMatching(/not valid JSON/) }]);
  });

  it('reports a malformed entry or field with its line and keeps the rest', () => {
    const text = '{\n  "a.txt": "A title",\n  "b.txt": {\n    "title": "B",\n    "date": "yesterday"\n  },\n  "c.txt": { "title": "C" }\n}';
    const { entries, warnings } = parseMetadataJson(text);
    expect([...entries.keys()]).toEqual(['b.txt', 'c.txt']);
    expect(entries.get('b.txt')).toEqual({ title: 'B' });
    expect(warnings.map(formatWarning)).toEqual([
      expect.stringMatching(/^metadata\.json:2: entry "a\.txt" must be an object/),
      expect.stringMatching(/^metadata\.json:5: entry "b\.txt": "date" is not a date/),
    ]);
  });

  it('reports a file that is not an object of entries', () => {
    expect(parseMetadataJson('[1, 2]').warnings).toEqual([
      { file: 'metadata.json', line: 1, message: expect.stringMatching(/must be a JSON object/) },
    ]);
  });
});
