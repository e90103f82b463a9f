import { describe, expect, it } from 'vitest';
import { countWords, fold, hasVietnameseLetters, squash, toNfc, VIETNAMESE_LETTERS } from '../../src/text/normalize.js';

describe('fold', () => {
  it.each([
    ['Hàn Quốc', 'han quoc'],
    ['Đà Nẵng', 'da nang'],
    ['ĐẠI HỘI', 'dai hoi'],
    ['Östersjön', 'ostersjon'],
    ['Ångström', 'angstrom'],
    ['coopération économique', 'cooperation economique'],
    ['Ha\u0300n Quo\u0302\u0301c', 'han quoc'], // decomposed
    ['Busan USA', 'busan usa'], // ASCII: lower-cased only
    ['Quan hệ Đối tác Chiến lược Toàn diện Việt Nam – Hàn Quốc', 'quan he doi tac chien luoc toan dien viet nam – han quoc'], // long: not remembered
  ])('%s → %s', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it('folds the same text the same way every time (remembered or not)', () => {
    expect(fold('Thụy Điển')).toBe('thuy dien');
    expect(fold('Thụy Điển')).toBe('thuy dien');
    const long = 'Bộ trưởng Bộ Ngoại giao Bùi Thanh Sơn tiếp Đại sứ Thụy Điển tại Hà Nội';
    expect(fold(long)).toBe(fold(long));
    expect(fold(long)).toBe('bo truong bo ngoai giao bui thanh son tiep dai su thuy dien tai ha noi');
  });
});

describe('toNfc', () => {
  it('composes decomposed Vietnamese', () => {
    const decomposed = 'Ha\u0300 No\u0323\u0302i';
    expect(decomposed).not.toBe('Hà Nội');
    expect(toNfc(decomposed)).toBe('Hà Nội');
  });
});

describe('squash and countWords', () => {
  it('collapses whitespace and trims', () => {
    expect(squash('  Hà \n\t Nội  ')).toBe('Hà Nội');
    expect(squash('')).toBe('');
  });

  it('counts whitespace-separated words', () => {
    expect(countWords('  a b\nc ')).toBe(3);
    expect(countWords('2,2 tỷ USD')).toBe(3);
    expect(countWords('   ')).toBe(0);
  });
});

describe('hasVietnameseLetters', () => {
  it('sees letters only Vietnamese uses, not Swedish or French ones', () => {
    expect(hasVietnameseLetters('Đà')).toBe(true);
    expect(hasVietnameseLetters('Thụy')).toBe(true);
    expect(hasVietnameseLetters('ƯU TIÊN')).toBe(true);
    expect(hasVietnameseLetters('Östersjön')).toBe(false);
    expect(hasVietnameseLetters('café à Paris')).toBe(false);
    expect(hasVietnameseLetters('Ha Noi')).toBe(false);
  });

  it('agrees with the global VIETNAMESE_LETTERS pattern, which counts them', () => {
    expect('Nguyễn Phú Trọng'.match(VIETNAMESE_LETTERS)).toEqual(['ễ', 'ọ']);
    expect('Hà Nội'.match(VIETNAMESE_LETTERS)).toEqual(['ộ']);
  });
});
