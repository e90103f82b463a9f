import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument, dedupePassages, toSentences } from '../../src/ingest/chunk.js';
import { cleanText } from '../../src/ingest/clean.js';
import { countWords, fold, squash } from '../../src/text/normalize.js';
import { CORPUS_DIR } from '../helpers/knowledge-base.js';

const files = [
  '000_c165353527c3661a.txt',
  '001_bee81db2a34faaf4.txt',
  '002_7adeef815edefb16.txt',
  '003_e165b3d44af3195c.txt',
  '004_8cf2e5f9d09ebff1.txt',
];
const load = (file: string) => readFileSync(join(CORPUS_DIR, file), 'utf8');

describe('chunkDocument on the corpus', () => {
  for (const file of files) {
    const raw = load(file);
    const cleaned = cleanText(raw);
    const passages = chunkDocument(file, cleaned.paragraphs);
    const sentences = toSentences(cleaned.paragraphs).map((s) => s.text);

    it(`${file}: every passage is whole sentences, at most 150 words unless one sentence is longer`, () => {
      for (const p of passages) {
        const body = p.text.replace(/\n/g, ' ');
        // A passage starts and ends on sentence boundaries: it is a run of the document's sentences.
        expect(sentences.some((s) => body.startsWith(s))).toBe(true);
        expect(sentences.some((s) => body.endsWith(s))).toBe(true);
        const longest = Math.max(...sentences.filter((s) => body.includes(s)).map(countWords));
        expect(countWords(p.text)).toBeLessThanOrEqual(Math.max(150 + 25, longest));
      }
    });

    it(`${file}: passages cover every sentence, overlap by at most one sentence, and most have 40 words or more`, () => {
      const covered = sentences.filter((s) => passages.some((p) => p.text.replace(/\n/g, ' ').includes(s)));
      expect(covered).toHaveLength(sentences.length);
      expect(passages.filter((p) => countWords(p.text) >= 40).length).toBeGreaterThanOrEqual(passages.length - 1);
    });

    it(`${file}: line ranges point at the original lines holding the text`, () => {
      const lines = raw.normalize('NFC').split(/\r?\n/);
      for (const p of passages) {
        const span = fold(squash(lines.slice(p.startLine - 1, p.endLine).join(' ')));
        const first = fold(squash(p.text)).split(' ').slice(0, 4).join(' ');
        const last = fold(squash(p.text)).split(' ').slice(-3).join(' ');
        expect(span).toContain(first);
        expect(span).toContain(last);
      }
    });
  }

  it('gives stable ids: file, line range and a content hash', () => {
    const cleaned = cleanText(load(files[1]!));
    const a = chunkDocument(files[1]!, cleaned.paragraphs);
    const b = chunkDocument(files[1]!, cleanText(load(files[1]!)).paragraphs);
    expect(a.map((p) => p.id)).toEqual(b.map((p) => p.id));
    expect(a[0]!.id).toMatch(/^001_bee81db2a34faaf4\.txt:1-\d+:[0-9a-f]{8}$/);
    expect(new Set(a.map((p) => p.id)).size).toBe(a.length);
  });

  it('keeps the source line with the last passage of its article', () => {
    const passages = chunkDocument(files[1]!, cleanText(load(files[1]!)).paragraphs);
    expect(passages.at(-1)!.text.endsWith('Nguồn: baochinhphu.vn')).toBe(true);
  });

  it('repeats a short last sentence at the start of the next passage', () => {
    const sentence = (n: number) => `Câu thứ ${n} nói về hợp tác kinh tế giữa hai nước trong nhiều lĩnh vực khác nhau.`;
    const paragraph = Array.from({ length: 12 }, (_, i) => sentence(i + 1)).join(' ');
    const passages = chunkDocument('x.txt', cleanText(paragraph).paragraphs, { minWords: 20, targetWords: 40, maxWords: 60, overlapWords: 25 });
    expect(passages.length).toBeGreaterThan(1);
    const lastOfFirst = passages[0]!.text.split(/(?<=\.) /).at(-1)!;
    expect(passages[1]!.text.startsWith(lastOfFirst)).toBe(true);
  });
});

describe('dedupePassages', () => {
  it('stores identical passages once, whatever their spacing or case', () => {
    const p = (id: string, text: string) => ({ id, file: 'f.txt', startLine: 1, endLine: 1, text });
    expect(dedupePassages([p('a', 'Hai bên nhất trí.'), p('b', 'hai  bên nhất trí.'), p('c', 'Khác.')]).map((x) => x.id)).toEqual(['a', 'c']);
  });
});
