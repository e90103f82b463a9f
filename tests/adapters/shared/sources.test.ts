// Unit tests of what every channel says first and how it names a source.
import { describe, expect, it } from 'vitest';
import { answerLead, displayDate, factItems, sourceParts } from '../../../adapters/shared/sources.js';
import type { Answer, Citation } from '../../../src/index.js';

const citation: Citation = {
  id: 'a.txt:3-3:x',
  file: 'a.txt',
  title: '  Việt Nam –\n Hàn Quốc ',
  date: '2022-12-05',
  startLine: 3,
  endLine: 3,
  passage: 'p',
  score: 1,
};

const answer = (overrides: Partial<Answer>): Answer => ({
  question: 'q',
  answer: '1992 [1]\n\nFrom the sources (quoted in Vietnamese): … năm 1992. [1]',
  short: { text: '1992', kind: 'date', citation: 1 },
  abstained: false,
  language: 'en',
  mode: 'extractive',
  citations: [citation],
  timingsMs: { retrieve: 1, answer: 1, total: 2 },
  ...overrides,
});

describe('displayDate', () => {
  it.each([
    ['2022-12-05', undefined, '5 Dec 2022'],
    ['2022-12-05', 'day', '5 Dec 2022'],
    ['2022-12-01', 'month', 'Dec 2022'],
    ['2022-01-01', 'year', '2022'],
    ['December 2022', 'month', 'December 2022'],
    [null, 'day', null],
  ] as const)('%j at %j → %j', (date, precision, expected) => {
    expect(displayDate(date, precision)).toBe(expected);
  });
  it('marks a year the article did not write with its day as a guess', () => {
    expect(displayDate('2024-08-13', 'day', true)).toBe('13 Aug 2024?');
  });
});

describe('sourceParts', () => {
  it('gives the title on one line, the publisher and date when known, the file and lines', () => {
    expect(sourceParts(citation)).toEqual({ title: 'Việt Nam – Hàn Quốc', date: '5 Dec 2022', where: 'a.txt, line 3' });
    expect(sourceParts({ ...citation, title: ' ', publisher: 'VnExpress', datePrecision: 'year', endLine: 9 })).toEqual({
      title: 'a.txt',
      publisher: 'VnExpress',
      date: '2022',
      where: 'a.txt, lines 3–9',
    });
  });
});

describe('answerLead', () => {
  it('splits the fact from the quote that follows it', () => {
    expect(answerLead(answer({}))).toEqual({
      short: { text: '1992', kind: 'date', citation: 1 },
      evidence: 'From the sources (quoted in Vietnamese): … năm 1992. [1]',
    });
  });
  it("splits a list's items, each with its marker, from the quote", () => {
    const items = [
      { text: 'Steve Daines', citation: 1 },
      { text: 'Bill Hagerty', citation: 2 },
    ];
    const short = { text: 'Steve Daines; Bill Hagerty', kind: 'list' as const, citation: 1, items };
    expect(answerLead(answer({ short, answer: 'Steve Daines [1]; Bill Hagerty [2]\n\nFrom the sources: … [1]' })).evidence).toBe(
      'From the sources: … [1]',
    );
  });
  it('keeps the whole answer as the evidence when it does not start with the fact, or there is none', () => {
    expect(answerLead(answer({ answer: 'Written answer [1].' })).evidence).toBe('Written answer [1].');
    expect(answerLead(answer({ short: undefined }))).toEqual({ short: undefined, evidence: answer({}).answer });
  });
  it('has no fact for an abstention', () => {
    expect(answerLead(answer({ abstained: true })).short).toBeUndefined();
  });
});

describe('factItems', () => {
  it('cuts a list to its first items and counts the rest; a single fact is one item', () => {
    const items = ['A', 'B', 'C', 'D'].map((text, i) => ({ text, citation: i + 1 }));
    expect(factItems({ text: 'A, B, C, D', kind: 'list', citation: 1, items }, 3)).toEqual({ items: items.slice(0, 3), more: 1 });
    expect(factItems({ text: '1992', kind: 'date', citation: 2 }, 3)).toEqual({ items: [{ text: '1992', citation: 2 }], more: 0 });
  });
});
