// Cardinal numbers written in words, one table for every reader of them (question analysis, answer types, short
// answers): no library reads numbers in words across Vietnamese, English, Swedish, French and German, and the few the
// news writes are a small, closed list.
import { fold } from './normalize.js';

/** Cardinals in words as each language writes them: [en, vi, sv, fr, de]. */
export const CARDINAL_FORMS: Readonly<Record<number, readonly [string, string, string, string, string]>> = {
  1: ['one', 'một', 'ett', 'un', 'eins'],
  2: ['two', 'hai', 'två', 'deux', 'zwei'],
  3: ['three', 'ba', 'tre', 'trois', 'drei'],
  4: ['four', 'bốn', 'fyra', 'quatre', 'vier'],
  5: ['five', 'năm', 'fem', 'cinq', 'fünf'],
  6: ['six', 'sáu', 'sex', 'six', 'sechs'],
  7: ['seven', 'bảy', 'sju', 'sept', 'sieben'],
  8: ['eight', 'tám', 'åtta', 'huit', 'acht'],
  9: ['nine', 'chín', 'nio', 'neuf', 'neun'],
  10: ['ten', 'mười', 'tio', 'dix', 'zehn'],
  11: ['eleven', 'mười một', 'elva', 'onze', 'elf'],
  12: ['twelve', 'mười hai', 'tolv', 'douze', 'zwölf'],
  13: ['thirteen', 'mười ba', 'tretton', 'treize', 'dreizehn'],
  15: ['fifteen', 'mười lăm', 'femton', 'quinze', 'fünfzehn'],
  20: ['twenty', 'hai mươi', 'tjugo', 'vingt', 'zwanzig'],
  30: ['thirty', 'ba mươi', 'trettio', 'trente', 'dreißig'],
  40: ['forty', 'bốn mươi', 'fyrtio', 'quarante', 'vierzig'],
  50: ['fifty', 'năm mươi', 'femtio', 'cinquante', 'fünfzig'],
  60: ['sixty', 'sáu mươi', 'sextio', 'soixante', 'sechzig'],
  100: ['hundred', 'trăm', 'hundra', 'cent', 'hundert'],
};

/**
 * One-word cardinals, folded, with their values ("quarante" 40, "tjugo" 20), and "dozen". Words that are as often
 * something else are left out: "un" and "en" (articles), "elf" (an English word), "eins", "trăm" (folded, also "trạm",
 * a station); "năm" (year) and "ba" (Mrs) are left to each reader.
 */
export const CARDINAL_WORDS: Readonly<Record<string, number>> = (() => {
  const words: Record<string, number> = { dozen: 12 };
  for (const [n, forms] of Object.entries(CARDINAL_FORMS))
    for (const form of forms) if (!/\s/.test(form) && !['un', 'elf', 'eins', 'trăm'].includes(form)) words[fold(form)] ??= +n;
  return words;
})();
