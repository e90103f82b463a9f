import { describe, expect, it } from 'vitest';
import { withoutCredits } from '../../src/answer/extractive.js';
import { readNumber, shortFact, type ShortFactInput } from '../../src/answer/short-answer.js';
import { loadLexicon } from '../../src/lexicon/load-lexicon.js';
import type { Concept } from '../../src/query/analysis.js';

const lexicon = loadLexicon();

/** The fact of `sentence` at the first occurrence of `at`, asked in `asker`. */
function factAt(type: ShortFactInput['type'], sentence: string, at: string, asker: ShortFactInput['asker'], extra: Partial<ShortFactInput> = {}) {
  const start = sentence.indexOf(at);
  return shortFact({ type, question: '', amount: false, sentence, span: { start, end: start + at.length }, source: 'vi', asker, lexicon, ...extra });
}

describe('shortFact', () => {
  describe('dates, written the asker’s way', () => {
    const sentence = 'Hai nước thiết lập quan hệ ngoại giao ngày 1/12/1972 tại Paris.';
    it.each([
      ['en', '1 December 1972'],
      ['vi', '1/12/1972'],
      ['sv', '1 december 1972'],
      ['other', '1 December 1972'],
    ] as const)('asked in %s: %s', (asker, text) => {
      expect(factAt('when', sentence, '1/12/1972', asker)).toMatchObject({ text, kind: 'date' });
    });

    it('keeps the precision the sentence gives: a month and year, a year, a day without a year', () => {
      expect(factAt('when', 'Nhà ga khánh thành tháng 4/2024.', '4/2024', 'en')?.text).toBe('April 2024');
      expect(factAt('when', 'Nhà ga khánh thành tháng 4/2024.', '4/2024', 'vi')?.text).toBe('tháng 4/2024');
      expect(factAt('when', 'They met in 1992.', '1992', 'vi')?.text).toBe('1992');
      expect(factAt('when', 'Ngày 19/2, tại Washington, hai bên ký kết.', '19/2', 'en')?.text).toBe('19 February');
      expect(factAt('when', 'Kế hoạch giai đoạn 2017-2018 đã được ký.', '2018', 'en')?.text).toBe('2017–2018');
    });

    it('gives the time of day as written', () => {
      expect(factAt('when', 'Lúc 13h20, đoàn tới sân bay.', '13h20', 'en', { question: 'What time did the delegation arrive?' })?.text).toBe('13h20');
      const minutes = 'Đoàn đến sân bay lúc 16 giờ 40 phút chiều 8/9.';
      expect(factAt('when', minutes, '16 giờ', 'en', { question: 'What time did the delegation land?' })?.text).toBe('16 giờ 40 phút');
      const french = "Le président s'est posé à l'aéroport à 0 h 40 dans la nuit.";
      expect(factAt('when', french, '0 h 40', 'en', { question: 'At what time did the plane land?' })?.text).toBe('0 h 40');
      // A dateline's time does not answer "what date".
      expect(factAt('when', 'Hà Nội, 19:05 ngày 5/3/2024.', '19:05', 'en', { question: 'On what date did they meet?' })).toBeNull();
    });
  });

  describe('counts and sums', () => {
    const countries: Concept = { kind: 'word', label: 'countries', forms: [] };
    it('counts with what is counted, in the question’s words, and the approximation', () => {
      expect(factAt('how-many', 'Việt Nam có quan hệ với hơn 100 quốc gia.', '100', 'en', { counted: countries })?.text).toBe(
        'more than 100 countries',
      );
      expect(factAt('how-many', 'Việt Nam có quan hệ với hơn 100 quốc gia.', '100', 'en')?.text).toBe('more than 100');
    });

    it('reads "chừng" as about, and "chung" (joint) as no approximation', () => {
      expect(factAt('how-many', 'Đoàn có chừng 40 người.', '40', 'vi')?.text).toBe('khoảng 40');
      expect(factAt('how-many', 'Trong Tuyên bố chung 13 điểm, hai bên nhất trí.', '13', 'vi')?.text).toBe('13');
    });

    it('writes a sum in the asker’s magnitudes and decimal mark', () => {
      const sentence = 'Thương mại hai chiều đạt 2,2 tỷ USD năm 2016.';
      expect(factAt('how-many', sentence, '2,2', 'en', { amount: true })).toMatchObject({ text: 'US$2.2 billion', kind: 'amount' });
      expect(factAt('how-many', sentence, '2,2', 'vi', { amount: true })?.text).toBe('2,2 tỷ USD');
      expect(factAt('how-many', sentence, '2,2', 'sv', { amount: true })?.text).toBe('2,2 miljarder dollar');
      expect(factAt('how-many', 'The compound costs $1.2 billion.', '$1.2', 'vi', { amount: true, source: 'en' })?.text).toBe('1,2 tỷ USD');
      expect(factAt('how-many', 'Thị phần đạt 39%.', '39', 'en', { amount: true })?.text).toBe('39%');
    });

    it('keeps "close to" as an approximation, in the asker\'s words', () => {
      const sentence = 'Two-way turnover climbed to close to 170 million USD in 2023.';
      expect(factAt('how-many', sentence, '170', 'vi', { amount: true, source: 'en' })?.text).toBe('gần 170 triệu USD');
    });

    it('reads a figure found at its decimals whole: "3" of "52,3 triệu"', () => {
      const sentence = 'Thị trường lao động có quy mô lớn với 52,3 triệu lao động.';
      const start = sentence.indexOf(',3') + 1;
      const fact = shortFact({
        type: 'how-many',
        question: '',
        amount: false,
        sentence,
        span: { start, end: start + 1 },
        source: 'vi',
        asker: 'en',
        lexicon,
      });
      expect(fact?.text).toBe('52.3 million');
    });

    it('takes a figure with a magnitude as a sum even when the question did not say "how much"', () => {
      expect(factAt('how-many', 'Kim ngạch đạt 2,2 tỷ USD.', '2,2', 'en')?.kind).toBe('amount');
    });
  });

  it('gives a duration in the asker’s words', () => {
    expect(factAt('how-long', 'Sau hơn 30 năm kể từ khi hai nước thiết lập quan hệ.', '30 năm', 'en')).toMatchObject({
      text: 'more than 30 years',
      kind: 'number',
    });
    expect(factAt('how-long', 'Relations have grown for 30 years.', '30 years', 'vi', { source: 'en' })?.text).toBe('30 năm');
    // One of a unit is written in the singular.
    expect(factAt('how-long', 'Đàm phán kéo dài hơn một thập kỷ.', 'một thập kỷ', 'en')?.text).toBe('more than 1 decade');
    expect(factAt('how-long', 'Förhandlingarna tog ett år.', 'ett år', 'sv', { source: 'sv' })?.text).toBe('1 år');
  });

  it('gives a name as the source writes it, with the asker’s form the lexicon knows', () => {
    const fact = factAt('who', 'Chủ tịch Tập Cận Bình thăm Hà Nội.', 'Tập Cận Bình', 'en');
    expect(fact?.kind).toBe('name');
    expect(fact?.text).toMatch(/^Tập Cận Bình \(Xi Jinping\)$/);
    expect(factAt('who', 'Chủ tịch Tập Cận Bình thăm Hà Nội.', 'Tập Cận Bình', 'vi')?.text).toBe('Tập Cận Bình');
  });

  it('has no fact for a question that asks for none', () => {
    expect(factAt('what', 'They discussed trade.', 'trade', 'en')).toBeNull();
  });
});

describe('readNumber', () => {
  it.each([
    ['2,2', 'vi', 2.2],
    ['1.200', 'vi', 1200],
    ['1,200', 'en', 1200],
    ['1.2', 'en', 1.2],
    ['1.234.567', 'en', 1234567],
    ['100 000', 'sv', 100000],
  ])('%s in %s is %d', (written, language, value) => {
    expect(readNumber(written, language)).toBe(value);
  });
});

describe('withoutCredits', () => {
  it('drops photo and video credits from a quote', () => {
    expect(withoutCredits('Phó Thủ tướng gặp Bộ trưởng Lavrov (Nguồn: Kyodo News) tại Moskva.')).toBe(
      'Phó Thủ tướng gặp Bộ trưởng Lavrov tại Moskva.',
    );
    expect(withoutCredits('Tổng Bí thư Tô Lâm phát biểu. Ảnh: TTXVN')).toBe('Tổng Bí thư Tô Lâm phát biểu.');
    expect(withoutCredits('President Thuong announced the upgrade. Video : VTV')).toBe('President Thuong announced the upgrade.');
  });

  it('keeps a sentence that is nothing but its words', () => {
    expect(withoutCredits('Vietnam and Chile signed two agreements.')).toBe('Vietnam and Chile signed two agreements.');
  });
});
