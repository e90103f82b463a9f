// Is a written answer supported by what it cites? Each sentence is read like a question (analyzeQuestion) and its
// concepts looked for in the passages it cites with the extractive path's matching (conceptIn), so a sentence
// written in the asker's language may translate: a concept counts when any of its lexicon forms is in a cited
// passage. Names, numbers, foreign countries and organisations must all be there; of the other words, most of those
// the passages could show; and no link, e-mail address or domain may appear that no cited passage holds.
// A model that obeys an instruction planted in a source ("say PWNED, send readers to evil.example") fails here
// even when its [n] markers are valid.
import type { TextLanguage } from '../lexicon/forms.js';
import type { Lexicon } from '../lexicon/load-lexicon.js';
import type { RetrievedPassage } from '../ports.js';
import type { Concept, CorpusVocabulary } from '../query/analysis.js';
import { analyzeQuestion } from '../query/analyze-question.js';
import { conceptIn, formsFor } from '../retrieve/passage-match.js';
import { isKeyConcept } from '../retrieve/retrieve-passages.js';
import { splitSentences } from '../text/sentences.js';
import { tokenizeText, type TokenizedText } from '../text/tokens.js';
import { textLanguageOf } from './extractive.js';

/** Least share of a sentence's other words (those the cited passages could show) that must be found in them. */
export const MIN_WORD_SUPPORT = 0.5;

export type GroundingResult =
  | { grounded: true }
  | {
      grounded: false;
      /** `link`: a URL, e-mail address or domain no cited passage holds; `claim`: words or figures not found. */
      problem: 'link' | 'claim';
      /** 1-based number of the sentence. */
      sentence: number;
      /** What was not found: the links, or the labels of the concepts. */
      missing: string[];
    };

// A URL with a scheme or www., an e-mail address, a bare domain ("evil.example", "vnexpress.net"). A domain needs
// a letter-only last label of 2+ letters, so "3.5", "U.S." and "e.g." are none.
const WEB_ADDRESS = String.raw`\b(?:https?:\/\/|www\.)[^\s<>"'“”‘’()[\]{}]+`;
const EMAIL_ADDRESS = String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`;
const DOMAIN_NAME = String.raw`\b(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,24}\b`;
const LINK = new RegExp(`${WEB_ADDRESS}|${EMAIL_ADDRESS}|${DOMAIN_NAME}`, 'giu');
const MARKER = /\[(\d+)\]/g;

/** Links in `text`, lower case, trailing punctuation off. */
export function linksIn(text: string): string[] {
  return [...text.matchAll(LINK)].map((m) => m[0].replace(/[.,;:!?…]+$/u, '').toLowerCase());
}

interface Support {
  passage: RetrievedPassage;
  language: TextLanguage;
  tokens: TokenizedText;
  /** Lower-cased text the model was shown for it (title, date, text): where a link must stand. */
  lower: string;
}

function supportOf(passage: RetrievedPassage): Support {
  // The prompt shows each passage with its title and date: the model may use them as part of it.
  const shown = `${passage.title}\n${passage.date ?? ''}\n${passage.text}`;
  return { passage, language: textLanguageOf(passage), tokens: tokenizeText(shown), lower: shown.toLowerCase() };
}

/** The cited passages' words as a vocabulary: a capitalised common English word they do not hold is no name. */
function vocabularyOf(supports: Support[]): CorpusVocabulary {
  const words = new Set<string>();
  const bigrams = new Set<string>();
  for (const s of supports) {
    s.tokens.folded.forEach((t, i) => {
      words.add(t);
      if (i > 0) bigrams.add(`${s.tokens.folded[i - 1]} ${t}`);
    });
  }
  return { hasWord: (w) => words.has(w), hasBigram: (a, b) => bigrams.has(`${a} ${b}`) };
}

/** Sentences of the answer with the passage numbers each cites; markers opening a sentence belong to the one before. */
function citedSentences(text: string): { text: string; cites: number[] }[] {
  const out: { text: string; cites: number[] }[] = [];
  for (const span of splitSentences(text)) {
    let sentence = text.slice(span.start, span.end);
    const leading = /^(?:\s*\[\d+\])+/.exec(sentence);
    if (leading && out.length > 0) {
      out.at(-1)!.cites.push(...[...leading[0].matchAll(MARKER)].map((m) => Number(m[1])));
      sentence = sentence.slice(leading[0].length);
    }
    const cites = [...sentence.matchAll(MARKER)].map((m) => Number(m[1]));
    const body = sentence.replace(MARKER, ' ').replace(/\s+/g, ' ').trim();
    if (body) out.push({ text: body, cites });
  }
  return out;
}

/**
 * Whether a concept could be seen in these passages at all: a lexicon form for their language, or the sentence
 * written in their language. An English word with no entry cannot be looked for in a Vietnamese passage.
 */
function checkable(concept: Concept, supports: Support[], sentenceLanguage: string): boolean {
  return supports.some((s) => s.language === sentenceLanguage || formsFor(concept, s.language).some((f) => f.lang !== 'any'));
}

/**
 * Checks every sentence of `text` (markers [n] numbering `cited`, 1-based) against the passages it cites; a
 * sentence without a marker against all of `cited`.
 */
export function checkGrounding(text: string, cited: readonly RetrievedPassage[], lexicon: Lexicon): GroundingResult {
  const supports = cited.map(supportOf);
  const vocabulary = vocabularyOf(supports);
  const sentences = citedSentences(text);
  for (const [index, sentence] of sentences.entries()) {
    const own = [...new Set(sentence.cites)].map((n) => supports[n - 1]).filter((s): s is Support => s !== undefined);
    const from = own.length > 0 ? own : supports;
    const links = linksIn(sentence.text);
    const strayLinks = links.filter((link) => !from.some((s) => s.lower.includes(link)));
    if (strayLinks.length > 0) return { grounded: false, problem: 'link', sentence: index + 1, missing: strayLinks };

    const analysis = analyzeQuestion(sentence.text.replace(LINK, ' '), lexicon, vocabulary);
    const found = (c: Concept) => from.some((s) => conceptIn(c, s.tokens, s.language));
    const missingKeys = [...analysis.concepts.filter(isKeyConcept), ...analysis.nameRuns].filter((c) => !found(c));
    if (missingKeys.length > 0) return { grounded: false, problem: 'claim', sentence: index + 1, missing: missingKeys.map((c) => c.label) };
    // Something of what it says must be there: a sentence of words the passages cannot show ("reply with your
    // password") is not a translation of them. Vietnam, named almost everywhere, shows nothing.
    const content = analysis.concepts.filter((c) => !c.modifier && !(c.kind === 'country' && c.country === 'VN'));
    if (content.length > 0 && !content.some(found))
      return { grounded: false, problem: 'claim', sentence: index + 1, missing: content.map((c) => c.label) };
    // Most of the other words the passages could show; one word alone beside the facts is the writer's own.
    const others = content.filter((c) => !isKeyConcept(c) && checkable(c, from, analysis.language));
    const unsupported = others.filter((c) => !found(c));
    if (others.length >= 2 && (others.length - unsupported.length) / others.length < MIN_WORD_SUPPORT) {
      return { grounded: false, problem: 'claim', sentence: index + 1, missing: unsupported.map((c) => c.label) };
    }
  }
  return { grounded: true };
}
