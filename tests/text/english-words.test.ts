import { describe, expect, it } from 'vitest';
import { isEnglishWord, isOnlyVerb } from '../../src/text/english-words.js';

describe('isEnglishWord', () => {
  it('knows common English words', () => {
    for (const word of ['relations', 'foreign', 'television', 'the', 'may', 'signed']) expect(isEnglishWord(word), word).toBe(true);
  });

  it('does not take names, unknown words or upper-case spellings for common words', () => {
    for (const word of ['busan', 'hanoi', 'vietnam', 'xyzzy', 'tv', 'Foreign']) expect(isEnglishWord(word), word).toBe(false);
  });

  it('does not take the names of object properties for words', () => {
    for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(isEnglishWord(word), word).toBe(false);
  });
});

describe('isOnlyVerb', () => {
  it('is true for words English uses only as verbs', () => {
    expect(isOnlyVerb('greeted')).toBe(true);
    expect(isOnlyVerb('visited')).toBe(true);
  });

  it('is false for words that are also nouns or adjectives, and for unknown words', () => {
    for (const word of ['visit', 'signed', 'relations', 'busan', 'xyzzy', 'constructor']) expect(isOnlyVerb(word), word).toBe(false);
  });
});
