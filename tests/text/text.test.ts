import { describe, expect, it } from 'vitest';
import { detectDocumentLanguage, detectLanguage } from '../../src/text/language.js';
import { fold } from '../../src/text/normalize.js';
import { foldedTokens, tokenize } from '../../src/text/tokens.js';
import { splitSentences } from '../../src/text/sentences.js';

describe('fold', () => {
  it.each([
    ['Hàn Quốc', 'han quoc'],
    ['Đà Nẵng', 'da nang'],
    ['Östersjön', 'ostersjon'],
    ['Ha\u0300n Quo\u0302\u0301c', 'han quoc'],
    ['Busan USA', 'busan usa'], // ASCII: lower-cased only
    ['Quan hệ Đối tác Chiến lược Toàn diện Việt Nam – Hàn Quốc', 'quan he doi tac chien luoc toan dien viet nam – han quoc'], // long: not remembered
  ])('%s → %s', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it('tokenises on letters and digits', () => {
    expect(tokenize('Boeing 737-8, “Smart JAMP”!')).toEqual(['boeing', '737', '8', 'smart', 'jamp']);
    expect(foldedTokens('Tổng Bí thư Tô Lâm')).toEqual(['tong', 'bi', 'thu', 'to', 'lam']);
  });
});

describe('detectLanguage', () => {
  it.each([
    ['Cảng Busan liên kết với hải cảng của bao nhiêu quốc gia?', 'vi'],
    ['bai viet ve doi thoai chinh sach quoc phong lan thu 9 lay nguon tu dau', 'vi'],
    ['tong bi thu to lam tham cang busan vao ngay nao', 'vi'],
    ['Vad är Smart JAMP?', 'sv'],
    ['I vilka vietnamesiska städer vill Tô Lâm bygga nya hamnar?', 'sv'],
    ['Who is David Fogel?', 'en'],
    ['Who is Phạm Bình Minh?', 'en'],
    ['How long have Vietnam and South Korea had diplomatic relations?', 'en'],
    ["Busan: rank among the world's container ports", 'en'],
    ['the nao la doi tac chien luoc toan dien', 'vi'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});

describe('detectDocumentLanguage', () => {
  it('reads French whose function words are also Swedish ("en", "de") as French', () => {
    const text =
      "Le Timor-Leste devient membre de l'Association des nations de l'Asie du Sud-Est, le Vietnam salue l'événement. " +
      'La cérémonie a eu lieu en présence des dirigeants de la région, qui ont salué une étape importante pour le bloc.';
    expect(detectDocumentLanguage(text)).toBe('fr');
  });

  it('reads Swedish full of Vietnamese names as Swedish', () => {
    const text =
      'Vietnams premiärminister Phạm Minh Chính besökte Stockholm på tisdagen. Han träffade statsministern och de två ' +
      'länderna kom överens om att fördjupa samarbetet inom handel, utbildning och klimat under de kommande åren.';
    expect(detectDocumentLanguage(text)).toBe('sv');
  });

  it('reads German as German and Vietnamese as Vietnamese', () => {
    expect(detectDocumentLanguage('Bundespräsident Frank-Walter Steinmeier hat zum Auftakt seines zweitägigen Staatsbesuchs in Vietnam ein Abkommen zur Gewinnung vietnamesischer Fachkräfte auf den Weg gebracht.')).toBe('de');
    expect(detectDocumentLanguage('Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản tại Hà Nội, hai bên nhất trí tăng cường hợp tác.')).toBe('vi');
  });
});

describe('splitSentences', () => {
  const sentences = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));
  it('splits at sentence ends, not at abbreviations, initials or decimals', () => {
    expect(sentences('Ngày 19/2, tại thủ đô Washington D.C., Tổng Bí thư ký kết. Tổng giá trị là 37,2 tỷ USD. Hai bên nhất trí.')).toEqual([
      'Ngày 19/2, tại thủ đô Washington D.C., Tổng Bí thư ký kết.',
      'Tổng giá trị là 37,2 tỷ USD.',
      'Hai bên nhất trí.',
    ]);
  });

  it('keeps a photo credit with its sentence', () => {
    expect(sentences('Tổng Bí thư điện đàm với Thượng nghị sĩ. Ảnh: TTXVN')).toEqual(['Tổng Bí thư điện đàm với Thượng nghị sĩ. Ảnh: TTXVN']);
  });

  it('splits after a closing quote', () => {
    expect(sentences('Han sa "Detta är viktigt." De två ledarna enades.')).toEqual(['Han sa "Detta är viktigt."', 'De två ledarna enades.']);
  });
});
