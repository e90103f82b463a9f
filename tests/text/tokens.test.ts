import { describe, expect, it } from 'vitest';
import { foldedClauses, foldedTokens, tokenize, tokenizeText, words } from '../../src/text/tokens.js';

describe('words', () => {
  it('takes runs of letters and digits; a percent or currency sign is a word of its own', () => {
    expect(words('39% của 2,2 tỷ USD, $5 và €3')).toEqual(['39', '%', 'của', '2', '2', 'tỷ', 'USD', '$', '5', 'và', '€', '3']);
    expect(words('₫100 £2 ¥3')).toEqual(['₫', '100', '£', '2', '¥', '3']);
  });

  it('keeps letters with diacritics and cuts at dashes, slashes and apostrophes', () => {
    expect(words('Đà Nẵng—Ångström')).toEqual(['Đà', 'Nẵng', 'Ångström']);
    expect(words('12/3/2024')).toEqual(['12', '3', '2024']);
    expect(words("Kim Jong-un's")).toEqual(['Kim', 'Jong', 'un', 's']);
  });

  it('finds no words in punctuation', () => {
    expect(words('?!… — ""')).toEqual([]);
  });
});

describe('tokenize and foldedTokens', () => {
  it('lower-cases, keeping diacritics, or folds them away', () => {
    expect(tokenize('Boeing 737-8, “Smart JAMP”!')).toEqual(['boeing', '737', '8', 'smart', 'jamp']);
    expect(tokenize('Đà Nẵng ÅÄÖ')).toEqual(['đà', 'nẵng', 'åäö']);
    expect(foldedTokens('Tổng Bí thư Tô Lâm')).toEqual(['tong', 'bi', 'thu', 'to', 'lam']);
    expect(foldedTokens('ĐÀ NẴNG Ångström')).toEqual(['da', 'nang', 'angstrom']);
  });
});

describe('foldedClauses', () => {
  it('cuts at punctuation, brackets, dashes and line breaks, and drops empty runs', () => {
    expect(foldedClauses('Hà Nội, ngày 12/3 – Hai bên (Việt Nam) ký.\nTiếp')).toEqual([
      ['ha', 'noi'],
      ['ngay', '12'],
      ['3'],
      ['hai', 'ben'],
      ['viet', 'nam'],
      ['ky'],
      ['tiep'],
    ]);
    expect(foldedClauses('... ,,, ;')).toEqual([]);
  });
});

describe('tokenizeText', () => {
  it('gives the tokens as written, lower case and folded, in step, with the positions of each folded token', () => {
    const t = tokenizeText('Hà Nội và Ha Noi; hà nội');
    expect(t.cased).toEqual(['Hà', 'Nội', 'và', 'Ha', 'Noi', 'hà', 'nội']);
    expect(t.lower).toEqual(['hà', 'nội', 'và', 'ha', 'noi', 'hà', 'nội']);
    expect(t.folded).toEqual(['ha', 'noi', 'va', 'ha', 'noi', 'ha', 'noi']);
    expect(t.positions.get('ha')).toEqual([0, 3, 5]);
    expect(t.positions.get('noi')).toEqual([1, 4, 6]);
    expect(t.positions.get('va')).toEqual([2]);
    expect(t.positions.size).toBe(3);
  });

  it('gives empty lists for a text without words', () => {
    const t = tokenizeText(' — ');
    expect([t.cased, t.lower, t.folded]).toEqual([[], [], []]);
    expect(t.positions.size).toBe(0);
  });
});
