import { describe, expect, it } from 'vitest';
import { CAPITALISED, SegmentBuilder, passageTerms } from '../../src/store/segment-builder.js';
import type { Section } from '../../src/store/segment-file.js';
import { fold } from '../../src/text/normalize.js';
import { doc } from '../helpers/segment.js';

const decoder = new TextDecoder();

/** The strings of a (starts, bytes) pair of sections. */
function stringsOf(starts: Section, bytes: Section): string[] {
  return Array.from({ length: starts.length - 1 }, (_, i) => decoder.decode((bytes as Uint8Array).subarray(starts[i]!, starts[i + 1]!)));
}

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** Passages in Vietnamese (with diacritics and without), English and Swedish, and a few letters beyond the BMP. */
const DOCUMENTS = [
  doc('vi.txt', ['Việt Nam và Pháp tăng cường hợp tác quốc phòng.', 'Hai bên thảo luận biện pháp hợp tác, hợp tác lâu dài tại Đà Nẵng.'], {
    language: 'vi',
    date: '2024-03-12',
    datePrecision: 'day',
  }),
  doc('en.txt', ['Vietnam and Sweden signed a trade agreement; quoc phong means defence.'], {
    language: 'en',
    publisher: 'VNA',
    url: 'https://example.org/a',
  }),
  doc('sv.txt', ['Sverige och Vietnam stärker handeln.', 'Handeln växer: ａｂｃ 𝐀𝐁𝐂 ﬁ 𠀀 zebra.'], { language: 'sv' }),
];

function build(vectors: Float32Array = new Float32Array(0)) {
  const builder = new SegmentBuilder();
  for (const d of DOCUMENTS) builder.add(d);
  return { builder, ...builder.finish(vectors) };
}

describe('passageTerms', () => {
  it('counts lower-case words, adjacent pairs and capitalised markers', () => {
    const { terms, length } = passageTerms('Việt Nam và Pháp áp dụng biện pháp hợp tác, hợp tác.');
    expect(length).toBe(12);
    expect(terms.get('việt')).toBe(1);
    expect(terms.get('việt nam')).toBe(1);
    expect(terms.get(`${CAPITALISED}việt`)).toBe(1);
    expect(terms.get('^nam')).toBe(1);
    expect(terms.get('pháp')).toBe(2); // "Pháp" (France) and "biện pháp" (measure) share the word…
    expect(terms.get('^pháp')).toBe(1); // …but only France is capitalised
    expect(terms.has('^và')).toBe(false);
    expect(terms.get('hợp tác')).toBe(2); // the comma does not split pairs
    expect(terms.get('tác hợp')).toBe(1);
    expect(terms.get('hợp')).toBe(2);
    expect(terms.has('Việt')).toBe(false);
  });

  it('keeps diacritics (no folding) and takes a percent sign as a word', () => {
    const { terms, length } = passageTerms('Sverige stärker handeln 39%');
    expect([...terms.keys()].sort()).toEqual(
      ['%', '39', '39 %', '^sverige', 'handeln', 'handeln 39', 'stärker', 'stärker handeln', 'sverige', 'sverige stärker'].sort(),
    );
    expect(length).toBe(5);
  });

  it('has no terms for a passage without words', () => {
    expect(passageTerms('… — !')).toEqual({ terms: new Map(), length: 0 });
  });
});

describe('SegmentBuilder', () => {
  it("numbers passages document by document and keeps each document's facts", () => {
    const { builder, documents } = build();
    expect(builder.documentCount).toBe(3);
    expect(builder.passageCount).toBe(5);
    expect(documents.map((d) => [d.file, d.firstPassage, d.passageCount])).toEqual([
      ['vi.txt', 0, 2],
      ['en.txt', 2, 1],
      ['sv.txt', 3, 2],
    ]);
    expect(documents[0]).toEqual({
      file: 'vi.txt',
      sha256: 'sha-vi.txt',
      title: 'Title of vi.txt',
      language: 'vi',
      date: '2024-03-12',
      datePrecision: 'day',
      firstPassage: 0,
      passageCount: 2,
    });
    expect(documents[1]).toMatchObject({ publisher: 'VNA', url: 'https://example.org/a' });
    expect(documents[0]).not.toHaveProperty('passages');
  });

  it('stores line ranges, token counts and the UTF-8 texts of the passages', () => {
    const { sections } = build();
    const texts = DOCUMENTS.flatMap((d) => d.passages.map((p) => p.text));
    expect(Array.from(sections.lines!)).toEqual([1, 3, 11, 13, 1, 3, 1, 3, 11, 13]);
    expect(Array.from(sections.lengths!)).toEqual(texts.map((t) => passageTerms(t).length));
    expect(stringsOf(sections.textStart!, sections.text!)).toEqual(texts);
  });

  it('sorts the vocabulary by UTF-8 bytes (code points), not by UTF-16 units', () => {
    const { sections } = build();
    const terms = stringsOf(sections.termStart!, sections.terms!);
    for (let i = 1; i < terms.length; i++) expect(byteOrder(terms[i - 1]!, terms[i]!), `${terms[i - 1]} < ${terms[i]}`).toBeLessThan(0);
    // 'ａｂｃ' (U+FF41…) comes before '𝐀𝐁𝐂' (U+1D400…, a surrogate pair in UTF-16) in byte order only.
    const a = terms.indexOf('ａｂｃ');
    const b = terms.indexOf('𝐀𝐁𝐂');
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThan(b);
    expect(['ａｂｃ', '𝐀𝐁𝐂'].sort()).toEqual(['𝐀𝐁𝐂', 'ａｂｃ']);
    expect(terms).not.toEqual([...terms].sort());
  });

  it('holds every term of every passage with its postings in passage order and its counts', () => {
    const { sections } = build();
    const terms = stringsOf(sections.termStart!, sections.terms!);
    const start = sections.postingStart!;
    const passages = sections.postingPassage!;
    const tf = sections.postingTf!;
    expect(passages).toBeInstanceOf(Uint16Array);
    expect(tf).toBeInstanceOf(Uint8Array);
    expect(start).toHaveLength(terms.length + 1);
    expect(start[terms.length]).toBe(passages.length);
    // What each passage's own terms say, against what the postings say.
    const expected = new Map<string, [number, number][]>();
    DOCUMENTS.flatMap((d) => d.passages).forEach((p, index) => {
      for (const [term, count] of passageTerms(p.text).terms) {
        const list = expected.get(term) ?? [];
        list.push([index, count]);
        expected.set(term, list);
      }
    });
    expect(terms.length).toBe(expected.size);
    terms.forEach((term, id) => {
      const got = Array.from({ length: start[id + 1]! - start[id]! }, (_, k): [number, number] => [passages[start[id]! + k]!, tf[start[id]! + k]!]);
      expect(got, term).toEqual(expected.get(term));
    });
    const postings = (term: string) => {
      const id = terms.indexOf(term);
      return Array.from(passages.subarray(start[id]!, start[id + 1]!));
    };
    expect(postings('vietnam')).toEqual([2, 3]);
    expect(postings('hợp tác')).toEqual([0, 1]);
    expect(tf[start[terms.indexOf('hợp tác')]! + 1]).toBe(2);
    expect(postings('^pháp')).toEqual([0]);
    expect(postings('pháp')).toEqual([0, 1]);
    expect(postings('handeln')).toEqual([3, 4]);
    expect(postings('^handeln')).toEqual([4]);
  });

  it('maps each folded key to the terms written with and without diacritics, capitalised markers aside', () => {
    const { sections } = build();
    const terms = stringsOf(sections.termStart!, sections.terms!);
    const keys = stringsOf(sections.foldStart!, sections.folds!);
    for (let i = 1; i < keys.length; i++) expect(byteOrder(keys[i - 1]!, keys[i]!)).toBeLessThan(0);
    const termStart = sections.foldTermStart!;
    const foldTerms = sections.foldTerms!;
    expect(termStart).toHaveLength(keys.length + 1);
    const termsOf = (key: string) => {
      const k = keys.indexOf(key);
      return k < 0 ? [] : Array.from(foldTerms.subarray(termStart[k]!, termStart[k + 1]!)).map((id) => terms[id]);
    };
    expect(termsOf('quoc phong').sort()).toEqual(['quoc phong', 'quốc phòng']);
    expect(termsOf('viet nam')).toEqual(['việt nam']);
    expect(termsOf('da nang')).toEqual(['đà nẵng']);
    expect(termsOf('starker')).toEqual(['stärker']);
    expect(termsOf('vietnam')).toEqual(['vietnam']);
    expect(keys.some((k) => k.startsWith(CAPITALISED))).toBe(false);
    // Every term but the capitalised ones is listed exactly once, under its folded form, ids ascending.
    const listed: number[] = [];
    keys.forEach((key, k) => {
      const ids = Array.from(foldTerms.subarray(termStart[k]!, termStart[k + 1]!));
      expect([...ids].sort((x, y) => x - y)).toEqual(ids);
      for (const id of ids) expect(fold(terms[id]!)).toBe(key);
      listed.push(...ids);
    });
    const plain = terms.map((t, id) => [t, id] as const).filter(([t]) => !t.startsWith(CAPITALISED));
    expect(listed.sort((x, y) => x - y)).toEqual(plain.map(([, id]) => id));
    expect(foldTerms.length).toBe(plain.length);
  });

  it('always stores the vectors, as given', () => {
    const vectors = new Float32Array(5 * 3).map((_, i) => i / 10);
    expect(build(vectors).sections.vectors).toBe(vectors);
  });

  it("caps a term's count in a passage at 255", () => {
    const builder = new SegmentBuilder();
    builder.add(doc('long.txt', [Array(300).fill('vòng').join(' ')]));
    const { sections } = builder.finish(new Float32Array(0));
    const terms = stringsOf(sections.termStart!, sections.terms!);
    expect(terms).toEqual(['vòng', 'vòng vòng']);
    expect(Array.from(sections.postingTf!)).toEqual([255, 255]);
    expect(Array.from(sections.lengths!)).toEqual([300]);
  });

  it('builds an empty segment, and documents with no passages', () => {
    const builder = new SegmentBuilder();
    builder.add(doc('empty.txt', []));
    const { documents, sections } = builder.finish(new Float32Array(0));
    expect(documents).toEqual([expect.objectContaining({ file: 'empty.txt', firstPassage: 0, passageCount: 0 })]);
    expect(Array.from(sections.termStart!)).toEqual([0]);
    expect(Array.from(sections.textStart!)).toEqual([0]);
    expect(Array.from(sections.postingStart!)).toEqual([0]);
    expect(Array.from(sections.foldTermStart!)).toEqual([0]);
    for (const name of ['lines', 'lengths', 'text', 'terms', 'postingPassage', 'postingTf', 'folds', 'foldTerms', 'vectors'])
      expect(sections[name], name).toHaveLength(0);
  });
});
