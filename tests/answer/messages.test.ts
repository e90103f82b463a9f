import { describe, expect, it } from 'vitest';
import { languageName, leadLine, notCovered, slipNote } from '../../src/answer/messages.js';

describe('languageName', () => {
  it.each([
    ['fr', 'en', 'French'],
    ['fr', 'vi', 'tiếng Pháp'],
    ['fr', 'sv', 'franska'],
    ['en', 'vi', 'tiếng Anh'],
    ['vi', 'en', 'Vietnamese'],
    ['vi', 'sv', 'vietnamesiska'],
    ['de', 'sv', 'tyska'],
  ] as const)('names %s in %s as "%s"', (code, answer, name) => {
    expect(languageName(code, answer)).toBe(name);
  });

  it('writes Vietnamese names in lower case, as running text does ("tiếng Đức", not "Tiếng Đức")', () => {
    expect(languageName('de', 'vi')).toBe('tiếng Đức');
    expect(languageName('sv', 'vi')).toMatch(/^tiếng /);
  });

  it('answers in English when the answer language is unknown', () => {
    expect(languageName('fr', 'other')).toBe('French');
  });

  it.each([
    ['en', 'the original language'],
    ['vi', 'nguyên văn'],
    ['sv', 'originalspråket'],
  ] as const)('calls an unknown or malformed language "the original language" (in %s)', (answer, words) => {
    expect(languageName('other', answer)).toBe(words);
    expect(languageName('xx-YY', answer)).toBe(words);
    expect(languageName('FR', answer)).toBe(words);
    expect(languageName('', answer)).toBe(words);
  });
});

describe('leadLine', () => {
  it('says only "from the sources" when every quote is in the question\'s language', () => {
    expect(leadLine('en', ['en', 'en'])).toBe('From the sources:');
    expect(leadLine('vi', ['vi'])).toBe('Theo các nguồn:');
    expect(leadLine('sv', ['sv'])).toBe('Enligt källorna:');
  });

  it("names the other languages of the quotes once each, in the question's language", () => {
    expect(leadLine('en', ['vi', 'en', 'vi'])).toBe('From the sources (quoted in Vietnamese):');
    expect(leadLine('vi', ['en', 'sv'])).toBe('Theo các nguồn (trích nguyên văn tiếng Anh, tiếng Thụy Điển):');
    expect(leadLine('sv', ['vi'])).toBe('Enligt källorna (citat på vietnamesiska):');
  });

  it('does not name a quote whose language is unknown', () => {
    expect(leadLine('en', ['other'])).toBe('From the sources:');
  });
});

describe('notCovered', () => {
  it.each([
    ['en', 'The sources do not mention “Argentina”, “Ana Lopez”, so I cannot answer this.'],
    ['vi', 'Các nguồn hiện có không đề cập đến “Argentina”, “Ana Lopez”, nên tôi không thể trả lời câu hỏi này.'],
    ['sv', 'Källorna nämner inte “Argentina”, “Ana Lopez”, så jag kan inte besvara frågan.'],
  ] as const)('names what the sources lack, quoted (%s)', (language, message) => {
    expect(notCovered(language, ['Argentina', 'Ana Lopez'])).toBe(message);
  });

  it.each([
    ['en', 'The sources do not cover this question: nothing in them answers it.'],
    ['vi', 'Các nguồn hiện có không chứa thông tin trả lời câu hỏi này.'],
    ['sv', 'Källorna innehåller inget som besvarar den här frågan.'],
    ['other', 'The sources do not cover this question: nothing in them answers it.'],
  ] as const)('says the answer is missing when nothing in particular is (%s)', (language, message) => {
    expect(notCovered(language, [])).toBe(message);
  });
});

describe('slipNote', () => {
  it("explains a corpus alias in the question's language", () => {
    expect(slipNote('en', 'Östersjön', 'Biển Đông')).toBe('(“Östersjön” in this text means Biển Đông.)');
    expect(slipNote('vi', 'Östersjön', 'Biển Đông')).toBe('(“Östersjön” trong bài này là Biển Đông.)');
    expect(slipNote('sv', 'Östersjön', 'Biển Đông')).toBe('(”Östersjön” i den här texten betyder Biển Đông.)');
    expect(slipNote('other', 'Fan Pingming', 'Phạm Bình Minh')).toBe('(“Fan Pingming” in this text means Phạm Bình Minh.)');
  });
});
