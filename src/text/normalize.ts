// Text normalisation shared by ingest, retrieval and answering: NFC and diacritic folding.

/** Unicode NFC: Vietnamese text arrives both precomposed and decomposed. */
export function toNfc(text: string): string {
  return text.normalize('NFC');
}

const ASCII = /^[\x00-\x7f]*$/;
// Words are folded over and over (every passage token at load, every question, every quoted sentence): short strings
// are remembered. Bounded: cleared when full, so a long-running adapter does not grow without end.
const FOLD_CACHE_MAX_CHARS = 40;
const FOLD_CACHE_MAX_ENTRIES = 50_000;
const foldCache = new Map<string, string>();

/** Lower case without diacritics, đ → d: "Hàn Quốc" and "han quoc" fold to the same string. */
export function fold(text: string): string {
  // ASCII has no marks and no đ: NFD leaves it as it is, so folding is lower-casing.
  if (ASCII.test(text)) return text.toLowerCase();
  if (text.length > FOLD_CACHE_MAX_CHARS) return foldUncached(text);
  let folded = foldCache.get(text);
  if (folded === undefined) {
    if (foldCache.size >= FOLD_CACHE_MAX_ENTRIES) foldCache.clear();
    foldCache.set(text, (folded = foldUncached(text)));
  }
  return folded;
}

function foldUncached(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** Whitespace collapsed, trimmed. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function countWords(text: string): number {
  return (text.match(/\S+/g) ?? []).length;
}

/** Letters with marks that only Vietnamese uses among the languages we meet. */
export const VIETNAMESE_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/giu;

export function hasVietnameseLetters(text: string): boolean {
  return /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu.test(text);
}

// One Vietnamese syllable, folded: an onset, one to three vowels, a final consonant. A word that is none ("paulo",
// "busan", "medvedev") can only be a foreign name in Vietnamese text.
const VIETNAMESE_SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?$/;

/** Could this folded word be one syllable of Vietnamese? */
export function isVietnameseSyllable(folded: string): boolean {
  return VIETNAMESE_SYLLABLE.test(folded);
}
