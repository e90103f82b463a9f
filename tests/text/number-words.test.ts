import { describe, expect, it } from 'vitest';
import { CARDINAL_FORMS, CARDINAL_WORDS } from '../../src/text/number-words.js';

describe('CARDINAL_WORDS', () => {
  it('reads one-word cardinals of every language, folded', () => {
    expect(CARDINAL_WORDS.quarante).toBe(40);
    expect(CARDINAL_WORDS.tjugo).toBe(20);
    expect(CARDINAL_WORDS.muoi).toBe(10);
    expect(CARDINAL_WORDS.funfzig).toBe(50);
    expect(CARDINAL_WORDS.dozen).toBe(12);
  });

  it('leaves out words that are as often something else, and writings of several words', () => {
    for (const word of ['un', 'en', 'elf', 'eins', 'tram', 'muoi mot']) expect(CARDINAL_WORDS[word]).toBeUndefined();
  });

  it('holds every writing of the table it is read from', () => {
    expect(CARDINAL_FORMS[40]).toContain('quarante');
    expect(Object.values(CARDINAL_WORDS).every((n) => n === 12 || CARDINAL_FORMS[n] !== undefined)).toBe(true);
  });
});
