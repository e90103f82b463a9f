import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ArchiveGenerator,
  MAX_WORDS,
  MIN_WORDS,
  articleSeed,
  foldName,
  readSeedArticles,
  seedLanguage,
  splitParagraphs,
  splitSentences,
} from '../../scripts/lib/synthetic-archive.js';

const CORPUS = resolve(import.meta.dirname, '../../corpus');
const seeds = readSeedArticles(CORPUS);
const generator = new ArchiveGenerator(seeds, 1);
const temp: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'synthetic-archive-test-'));
  temp.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
const vocabularyOf = (texts: Iterable<string>) => {
  const vocabulary = new Set<string>();
  for (const text of texts) for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) vocabulary.add(w);
  return vocabulary;
};
const synthetic = (n: number, g = generator) => [...g.articles(n)];

describe('seed text', () => {
  it('joins hard-wrapped lines into paragraphs split at blank lines, dropping short blocks and rules', () => {
    const text = 'Hai nước đã ký\nkết thỏa thuận hợp tác.\n\n-----\n\nNgắn quá\n\nĐoạn thứ hai có\nnhiều hơn bốn từ.\n';
    expect(splitParagraphs(text)).toEqual(['Hai nước đã ký kết thỏa thuận hợp tác.', 'Đoạn thứ hai có nhiều hơn bốn từ.']);
  });

  it('reads a text whose blank-line blocks average under 1.5 lines as one paragraph a line', () => {
    const lines = [
      'Dòng một có năm từ.',
      'Dòng hai cũng có năm từ.',
      'Dòng ba cũng vậy nhé bạn.',
      'Dòng bốn cũng vậy nhé bạn.',
      'Dòng năm là dòng cuối.',
    ];
    const text = `${lines[0]}\n\n${lines[1]}\n${lines[2]}\n\n${lines[3]}\n\n${lines[4]}`;
    expect(splitParagraphs(text)).toEqual(lines);
    // Blocks of several lines each: hard-wrapped paragraphs.
    expect(splitParagraphs(lines.slice(0, 3).join('\n'))).toEqual([lines.slice(0, 3).join(' ')]);
  });

  it('splits sentences before a letter, not before a number, and drops fragments under four words', () => {
    expect(splitSentences('Ngày 19/2, hai bên đã gặp nhau. Kết quả là 5. 7 thỏa thuận được ký kết hôm nay. Xong rồi.')).toEqual([
      'Ngày 19/2, hai bên đã gặp nhau.',
      'Kết quả là 5. 7 thỏa thuận được ký kết hôm nay.',
    ]);
  });

  it('tells the Swedish seed from the Vietnamese ones by their letters', () => {
    expect(seeds.map((s) => `${s.file.slice(0, 3)} ${s.language}`)).toEqual(['000 vi', '001 vi', '002 sv', '003 vi', '004 vi']);
    expect(seedLanguage('Sverige och Vietnam har fördjupat sitt samarbete på många områden.')).toBe('sv');
  });

  it('folds a Vietnamese name to ASCII, keeping Đ as D', () => {
    expect(foldName('Đặng Văn Thưởng')).toBe('Dang Van Thuong');
  });
});

describe('ArchiveGenerator', () => {
  it('is deterministic for a given seed and differs for another seed', () => {
    const again = new ArchiveGenerator(readSeedArticles(CORPUS), 1);
    const other = new ArchiveGenerator(seeds, 2);
    const a = synthetic(40);
    expect(synthetic(40, again)).toEqual(a);
    const b = synthetic(40, other);
    expect(b.filter((x, i) => x.text === a[i]!.text)).toHaveLength(0);
  });

  it('makes article i from (seed, i) alone: a larger archive is the smaller one plus more articles', () => {
    const small = synthetic(30);
    expect(synthetic(60).slice(0, 25)).toEqual(small);
    expect(generator.article(17)).toEqual(small[17]);
    expect(new Set(Array.from({ length: 1000 }, (_, i) => articleSeed(1, i))).size).toBe(1000);
  });

  it('writes the seed articles byte for byte, then N − 5 synthetic ones, reproducibly', () => {
    const dir = tempDir();
    const summary = generator.writeArchive(dir, 25);
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(25);
    expect(summary).toMatchObject({ articles: 25, seedArticles: 5, synthetic: 20 });
    for (const seed of readdirSync(CORPUS).filter((f) => f.endsWith('.txt'))) {
      expect(readFileSync(join(dir, seed))).toEqual(readFileSync(join(CORPUS, seed)));
    }
    const again = tempDir();
    new ArchiveGenerator(readSeedArticles(CORPUS), 1).writeArchive(again, 25);
    expect(readdirSync(again).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(again, f), 'utf8')).toBe(readFileSync(join(dir, f), 'utf8'));
  });

  it('keeps every article between 300 and 900 body words, each under a title and a date line', () => {
    const articles = synthetic(400);
    for (const a of articles) {
      expect(a.bodyWords).toBeGreaterThanOrEqual(MIN_WORDS);
      expect(a.bodyWords).toBeLessThanOrEqual(MAX_WORDS);
      expect(a.bodyWords).toBe(a.paragraphs.reduce((sum, p) => sum + wordCount(p), 0));
      const [title, date, ...body] = a.text.trimEnd().split('\n\n');
      expect(body).toEqual(a.paragraphs);
      expect(wordCount(title!)).toBeLessThanOrEqual(16);
      expect(date).toMatch(a.language === 'vi' ? /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/ : /^Publicerad \d{1,2} [a-z]+ \d{4}$/);
    }
    // Lengths spread over the range rather than piling up at one end.
    const lengths = articles.map((a) => a.bodyWords);
    expect(lengths.filter((n) => n < 500).length).toBeGreaterThan(60);
    expect(lengths.filter((n) => n > 700).length).toBeGreaterThan(60);
  });

  it('writes 80% Vietnamese and 20% Swedish articles, each in the language it says', () => {
    const articles = synthetic(2005);
    const swedish = articles.filter((a) => a.language === 'sv').length / articles.length;
    expect(swedish).toBeGreaterThan(0.17);
    expect(swedish).toBeLessThan(0.23);
    for (const a of articles) expect(seedLanguage(a.text)).toBe(a.language);
  });

  it('grows its vocabulary with N, as a real archive does', () => {
    const all = synthetic(2005).map((a) => a.text);
    const at = (n: number) => vocabularyOf(all.slice(0, n)).size;
    const [v50, v500, v2000] = [at(50), at(500), at(2000)];
    expect(v500).toBeGreaterThan(v50 * 1.3);
    expect(v2000).toBeGreaterThan(v500 * 1.3);
    // Most of that growth is in names, places and companies the seeds never held.
    const seedVocabulary = vocabularyOf(seeds.map((s) => s.text));
    expect([...vocabularyOf(all)].filter((w) => !seedVocabulary.has(w) && /^\p{L}+$/u.test(w)).length).toBeGreaterThan(500);
  });

  it('substitutes names, cities and companies per article, consistently within it', () => {
    const articles = synthetic(300);
    for (const entity of ['Busan', 'Gimhae', 'Boeing', 'Mevion', 'Fumio Kishida', 'Sergey Lavrov', 'Park Jae Min']) {
      expect(articles.filter((a) => a.text.includes(entity)).map((a) => a.file)).toEqual([]);
    }
  });

  it('replaces a seed full name and its surname alone by one person ("Sergey Lavrov" … "Lavrov")', () => {
    const tiny = new ArchiveGenerator(
      [
        {
          file: '000_vi.txt',
          text: 'Bộ trưởng Sergey Lavrov đã tới Busan vào sáng nay để gặp đối tác. Sau cuộc gặp, ông Lavrov nói chuyện với các nhà báo địa phương.\n',
        },
        {
          file: '001_sv.txt',
          text: 'Ministern Sergey Lavrov besökte Japan och träffade sina kollegor där. Efter mötet talade Lavrov med pressen på plats.\n',
        },
      ],
      3,
    );
    let checked = 0;
    for (const a of tiny.articles(60)) {
      for (const m of a.text.matchAll(/(?:Bộ trưởng|Ministern) (\S+(?: \S+)*?) (?:đã tới|besökte)[\s\S]*?(?:ông|talade) (\S+) (?:nói|med)/g)) {
        expect(m[1]!.split(' ').pop()).toBe(m[2]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('keeps substituted dates valid (day 1–28, month 1–12)', () => {
    for (const a of synthetic(300)) {
      for (const m of a.text.matchAll(/(?<![\d/])(\d{1,2})\/(\d{1,2})(?:\/\d{4})?(?![\d/])/g)) {
        expect(Number(m[1])).toBeGreaterThanOrEqual(1);
        expect(Number(m[1])).toBeLessThanOrEqual(28);
        expect(Number(m[2])).toBeGreaterThanOrEqual(1);
        expect(Number(m[2])).toBeLessThanOrEqual(12);
      }
      for (const m of a.text.matchAll(/tháng (\d+)/g)) expect(Number(m[1])).toBeLessThanOrEqual(12);
    }
  });

  it('gives an edited revision of an article under the same file name, one paragraph longer', () => {
    const original = generator.article(7);
    const edited = generator.article(7, 1);
    expect(edited.file).toBe(original.file);
    expect(edited.text.startsWith(original.text.trimEnd())).toBe(true);
    expect(edited.paragraphs).toHaveLength(original.paragraphs.length + 1);
    expect(generator.article(7, 1)).toEqual(edited);
  });
});
