// The bot's own words, in the question's language (English when the language is unknown).
import type { Language } from '../types.js';

type Lang = 'en' | 'vi' | 'sv';
const pick = (language: Language): Lang => (language === 'vi' || language === 'sv' ? language : 'en');

/** A language's name in the answer's language: "French", "tiếng Pháp", "franska" (CLDR names through Intl). */
export function languageName(code: string, answerLanguage: Language): string {
  const lang = pick(answerLanguage);
  if (code === 'other' || !/^[a-z]{2,3}$/.test(code)) return { en: 'the original language', vi: 'nguyên văn', sv: 'originalspråket' }[lang];
  const name = new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
  // Vietnamese writes "tiếng Pháp" in running text; CLDR capitalises it as a standalone name.
  return lang === 'vi' ? name.replace(/^Tiếng/, 'tiếng') : name;
}

/** The lead of an extractive answer; says when the quotes are in another language than the question. */
export function leadLine(question: Language, quoted: string[]): string {
  const lang = pick(question);
  const foreign = [...new Set(quoted.filter((l) => l !== question && l !== 'other'))];
  const names = foreign.map((l) => languageName(l, question)).join(', ');
  if (lang === 'vi') return foreign.length ? `Theo các nguồn (trích nguyên văn ${names}):` : 'Theo các nguồn:';
  if (lang === 'sv') return foreign.length ? `Enligt källorna (citat på ${names}):` : 'Enligt källorna:';
  return foreign.length ? `From the sources (quoted in ${names}):` : 'From the sources:';
}

export function notCovered(language: Language, missing: string[]): string {
  const lang = pick(language);
  const list = missing.map((m) => `“${m}”`).join(', ');
  if (lang === 'vi') {
    return missing.length
      ? `Các nguồn hiện có không đề cập đến ${list}, nên tôi không thể trả lời câu hỏi này.`
      : 'Các nguồn hiện có không chứa thông tin trả lời câu hỏi này.';
  }
  if (lang === 'sv') {
    return missing.length
      ? `Källorna nämner inte ${list}, så jag kan inte besvara frågan.`
      : 'Källorna innehåller inget som besvarar den här frågan.';
  }
  return missing.length
    ? `The sources do not mention ${list}, so I cannot answer this.`
    : 'The sources do not cover this question: nothing in them answers it.';
}

/** A note after a quote holding a known translation slip of its text. */
export function slipNote(language: Language, written: string, means: string): string {
  const lang = pick(language);
  if (lang === 'vi') return `(“${written}” trong bài này là ${means}.)`;
  if (lang === 'sv') return `(”${written}” i den här texten betyder ${means}.)`;
  return `(“${written}” in this text means ${means}.)`;
}

/** Other values other articles give for the fact asked, each with its marker: "Other sources give 1995 [2]; 2001 [3]." */
export function disagreeLine(language: Language, others: string[]): string {
  const lang = pick(language);
  const list = others.join('; ');
  if (lang === 'vi') return `Các nguồn khác ghi: ${list}.`;
  if (lang === 'sv') return `Andra källor anger: ${list}.`;
  return `Other sources give: ${list}.`;
}
