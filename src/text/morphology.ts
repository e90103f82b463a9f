// Word forms for matching across inflections: Snowball stemmers (@orama/stemmers) for English, Swedish, French and
// German. English uses Snowball too, not a lemmatizer: wink-lemmatizer loads WordNet (≈290 ms measured), more than the
// CLI's whole cold-start budget, while a stemmer loads in under 10 ms. Vietnamese has no inflection.
import { stemmer as stemGerman } from '@orama/stemmers/german';
import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemFrench } from '@orama/stemmers/french';
import { stemmer as stemSwedish } from '@orama/stemmers/swedish';

export type MorphLanguage = 'en' | 'sv' | 'fr' | 'de';

const STEMMERS: Record<MorphLanguage, (word: string) => string> = {
  en: stemEnglish,
  sv: stemSwedish,
  fr: stemFrench,
  de: stemGerman,
};

export function isMorphLanguage(language: string): language is MorphLanguage {
  return language === 'en' || language === 'sv' || language === 'fr' || language === 'de';
}

// Words are compared over and over (every question word against every corpus word that shares its opening letters):
// their keys are remembered, boundedly.
const CACHE_MAX = 100_000;
const cache: Record<MorphLanguage, Map<string, readonly string[]>> = { en: new Map(), sv: new Map(), fr: new Map(), de: new Map() };

/**
 * The stems a lower-case word may stand for. Snowball's Swedish stemmer leaves the neuter definite ending -et alone
 * ("pappersbruket", "avtalet", "samarbetet"), so a word ending in -et also gets the stem of the word without it.
 * Words shorter than four letters are their own key: stemming "us" or "bo" conflates unrelated words.
 */
export function wordKeys(word: string, language: MorphLanguage): readonly string[] {
  const known = cache[language].get(word);
  if (known) return known;
  let keys: string[];
  if (word.length < 4 || /\d/.test(word)) keys = [word];
  else {
    const stem = STEMMERS[language];
    keys = [stem(word)];
    if (language === 'sv' && word.length >= 6 && word.endsWith('et')) {
      const bare = stem(word.slice(0, -2));
      if (bare !== keys[0]) keys.push(bare);
    }
  }
  if (cache[language].size >= CACHE_MAX) cache[language].clear();
  cache[language].set(word, keys);
  return keys;
}

/** Do two lower-case words of `language` share a stem ("costs"/"costing", "förbindelse"/"förbindelser")? */
export function sameWord(a: string, b: string, language: MorphLanguage): boolean {
  if (a === b) return true;
  // Stems never start differently from their words: a cheap test before stemming.
  if (a[0] !== b[0] || a.length < 4 || b.length < 4) return false;
  const keysA = wordKeys(a, language);
  const keysB = wordKeys(b, language);
  return keysA.some((k) => keysB.includes(k));
}

/**
 * A prefix every word sharing a stem with `word` starts with, for looking such words up in a sorted vocabulary:
 * the shortest of the word and its stems (at least three letters). Irregular forms ("bought" of "buy") are missed.
 */
export function stemPrefix(word: string, language: MorphLanguage): string {
  let prefix = word;
  for (const key of wordKeys(word, language)) {
    let k = 0;
    while (k < prefix.length && k < key.length && prefix[k] === key[k]) k++;
    prefix = prefix.slice(0, k);
  }
  return prefix.length >= 3 ? prefix : word.slice(0, Math.min(3, word.length));
}
