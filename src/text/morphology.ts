// Word forms for matching across inflections: Snowball stemmers (@orama/stemmers) for English, Swedish, French and
// German, and English irregular verbs and nouns from wink-lexicon's tables ("met" is "meet", "men" is "man"). English
// uses Snowball, not a lemmatizer: wink-lemmatizer loads WordNet (≈290 ms measured), more than the CLI's whole
// cold-start budget, while a stemmer and the irregular tables load in under 10 ms. Vietnamese has no inflection.
import { createRequire } from 'node:module';
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

/** English irregular forms and their base ("held" → "hold"), and each base's forms, loaded on first use. */
let irregular: { base: Map<string, string>; forms: Map<string, string[]> } | null = null;
function irregularEnglish() {
  if (!irregular) {
    const require = createRequire(import.meta.url);
    const verbs = require('wink-lexicon/src/irregular-verbs.js') as Record<string, string>;
    const nouns = (require('wink-lexicon/src/irregular-nouns.js') as { singular: Record<string, string> }).singular;
    const tables = [verbs, nouns];
    const base = new Map<string, string>();
    const forms = new Map<string, string[]>();
    for (const table of tables) {
      for (const [form, lemma] of Object.entries(table)) {
        if (form === lemma) continue;
        base.set(form, lemma);
        forms.set(lemma, [...(forms.get(lemma) ?? []), form]);
      }
    }
    irregular = { base, forms };
  }
  return irregular;
}

/** A word and its irregular relatives: "met" → met, meet; "meet" → meet, met. */
function family(word: string, language: MorphLanguage): string[] {
  if (language !== 'en') return [word];
  const { base, forms } = irregularEnglish();
  const lemma = base.get(word) ?? word;
  return [...new Set([word, lemma, ...(forms.get(lemma) ?? [])])];
}

// Words are compared over and over (every question word against every corpus word that shares its opening letters):
// their keys are remembered, boundedly.
const CACHE_MAX = 100_000;
const cache: Record<MorphLanguage, Map<string, readonly string[]>> = { en: new Map(), sv: new Map(), fr: new Map(), de: new Map() };

/**
 * The stems a lower-case word may stand for. Snowball's Swedish stemmer leaves the neuter definite ending -et alone
 * ("pappersbruket", "avtalet", "samarbetet") and the -n of "handeln", "sektorn", so such a word also gets the stem
 * of the word without it; a past tense in -de/-te ("höjdes") also gets the verb's stem ("höj").
 * Words shorter than three letters are their own key: stemming "us" or "bo" would conflate unrelated words.
 */
export function wordKeys(word: string, language: MorphLanguage): readonly string[] {
  const known = cache[language].get(word);
  if (known) return known;
  let keys: string[];
  if (/\d/.test(word)) keys = [word];
  else {
    const stem = STEMMERS[language];
    const lemma = language === 'en' ? (irregularEnglish().base.get(word) ?? word) : word;
    keys = [lemma.length < 3 ? lemma : stem(lemma)];
    // Definite endings Snowball leaves: "-et" and the "-n" of nouns in -el, -or ("handeln", "sektorn").
    const definite = language !== 'sv' || word.length < 6 ? 0 : word.endsWith('et') ? 2 : /[lr]n$/.test(word) ? 1 : 0;
    if (definite > 0) {
      const bare = stem(word.slice(0, -definite));
      if (bare !== keys[0]) keys.push(bare);
    }
    // Nor the past -de/-te of verbs like "höja" ("höjde", "höjdes" stem to "höjd"): the verb's stem is a key too.
    if (language === 'sv' && word.length >= 5 && /[^aeiouyåäö](de|des|te|tes)$/.test(word) && /[dt]$/.test(keys[0]!) && keys[0]!.length > 3) {
      keys.push(keys[0]!.slice(0, -1));
    }
  }
  if (cache[language].size >= CACHE_MAX) cache[language].clear();
  cache[language].set(word, keys);
  return keys;
}

/** Do two lower-case words of `language` share a stem ("costs"/"costing", "förbindelse"/"förbindelser")? */
export function sameWord(a: string, b: string, language: MorphLanguage): boolean {
  if (a === b) return true;
  // A short word is only itself or an irregular form of itself ("went" is "go"): "us" is not "use", which Snowball
  // stems to "us".
  if (a.length < 3 || b.length < 3) {
    const lemma = (w: string) => (language === 'en' ? (irregularEnglish().base.get(w) ?? w) : w);
    return lemma(a) === lemma(b);
  }
  // Stems never start differently from their words (irregular forms aside: "went", "go"): a cheap test first.
  if (a[0] !== b[0] && language !== 'en') return false;
  const keysA = wordKeys(a, language);
  const keysB = wordKeys(b, language);
  return keysA.some((k) => keysB.includes(k));
}

/**
 * What a word and its stems share, less a letter (stems change a last letter: "countri" of "country"), at least three
 * letters: a prefix of its regular inflections.
 */
function prefixOf(word: string, language: MorphLanguage): string {
  let prefix = word;
  for (const key of wordKeys(word, language)) {
    let k = 0;
    while (k < prefix.length && k < key.length && prefix[k] === key[k]) k++;
    prefix = prefix.slice(0, k);
  }
  if (prefix.length > 3) prefix = prefix.slice(0, -1);
  return prefix.length >= 3 ? prefix : word.slice(0, Math.min(3, word.length));
}

/**
 * Prefixes every word sharing a stem with `word` starts with, for looking such words up in a sorted vocabulary: one
 * for the word's regular inflections, one per irregular relative ("bought" for "buy").
 */
export function stemPrefixes(word: string, language: MorphLanguage): string[] {
  return [...new Set(family(word, language).map((w) => prefixOf(w, language)))];
}
