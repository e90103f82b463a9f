// The offline answerer: quotes the sentences of the retrieved passages that best answer the question, preferring
// the kind of fact asked for (a date, a number, a name, a place, a source), with [n] markers for the citations.
import type { TextLanguage } from '../lexicon/forms.js';
import type { Lexicon } from '../lexicon/load-lexicon.js';
import type { AnswerDraft, AnswerInput, Answerer, RetrievedPassage, WeighedConcept } from '../ports.js';
import { conceptPositions, passageMatches } from '../retrieve/passage-match.js';
import { asksAboutDocument, coverageOf } from '../retrieve/retrieve-passages.js';
import { fold } from '../text/normalize.js';
import { splitClauses, splitSentences } from '../text/sentences.js';
import { tokenizeText } from '../text/tokens.js';
import { focusConcept } from './abstain.js';
import {
  answerSpans,
  asksAmount,
  introducesPlace,
  countingSpans,
  countsWhatIsAsked,
  datePrecisionFits,
  datesTheFocus,
  holdsAnswerType,
  needsTypedAnswer,
  wordSpans,
  type Span,
} from './answer-type.js';
import { leadLine, notCovered, slipNote } from './messages.js';

export interface ExtractiveOptions {
  /** A quoted sentence longer than this (characters) is cut to the clauses that matter. */
  maxSentenceChars: number;
  /** A second sentence is added when it scores at least this share of the first. */
  secondSentenceRatio: number;
  /** Least weighted share of the question a quoted sentence must cover. */
  minSentenceCoverage: number;
}

export const defaultExtractiveOptions: ExtractiveOptions = { maxSentenceChars: 400, secondSentenceRatio: 0.85, minSentenceCoverage: 0.25 };

const FOCUS_BONUS = 0.3;
/** Bonus for an asked-for fact standing right by the question's words, falling to nothing ten words away. */
const NEAR_BONUS = 0.3;
// For "where", a sentence saying "tại …", "in …" answers more surely than one merely naming a country.
const PLACE_BONUS = 0.15;
const NEAR_WORDS = 10;

/**
 * How close the asked-for fact stands to what the question says, 0..1: "nhậm chức Thủ tướng ngày 22/8/2023" dates
 * the taking of office, "Sáng 11/12, … lễ đón … Thủ tướng Hun Manet" the welcome. Measured in words from the fact
 * to the nearest word of a concept of the question other than Vietnam (named everywhere) and the key names, which
 * only say who it is about.
 */
function nearness(text: string, spans: Span[], concepts: readonly WeighedConcept[], language: TextLanguage): number {
  if (spans.length === 0) return 0;
  const words = wordSpans(text);
  const tokens = tokenizeText(text);
  const wordAt = (offset: number) => {
    const i = words.findIndex((w) => w.end > offset);
    return i < 0 ? words.length - 1 : i;
  };
  const factWords = spans.map((s) => [wordAt(s.start), wordAt(Math.max(s.start, s.end - 1))] as const);
  let best = Infinity;
  for (const c of concepts) {
    if (c.concept.country === 'VN' || c.concept.kind === 'name' || c.concept.kind === 'number' || c.concept.modifier) continue;
    for (const at of conceptPositions(c.concept, tokens, language)) {
      for (const [from, to] of factWords) best = Math.min(best, at < from ? from - at : at > to ? at - to : 0);
    }
  }
  return best === Infinity ? 0 : Math.max(0, 1 - best / NEAR_WORDS);
}

/** The language matching treats a passage's text as. */
export function textLanguageOf(passage: RetrievedPassage): TextLanguage {
  const l = passage.language;
  return l === 'vi' || l === 'en' || l === 'sv' || l === 'fr' || l === 'de' ? l : 'other';
}

/** Per concept (in order): its label among the passage's matched, article and subject terms. */
export function conceptFlags(passage: RetrievedPassage, concepts: readonly WeighedConcept[]) {
  const has = (labels: string[]) => concepts.map((c) => labels.includes(c.concept.label));
  return { matched: has(passage.matchedTerms), article: has(passage.articleTerms), subject: has(passage.subjectTerms) };
}

interface Candidate {
  text: string;
  passage: RetrievedPassage;
  flags: ReturnType<typeof conceptFlags>;
  rank: number;
  coverage: number;
  matched: boolean[];
  typed: boolean;
  score: number;
}

/** Share of the names, numbers and foreign countries of the question that a sentence holds (1 when there are none). */
function keyShare(matched: boolean[], keys: number[]): number {
  return keys.length === 0 ? 1 : keys.filter((i) => matched[i]).length / keys.length;
}

/** Cuts a long sentence to the run of clauses that holds the most of the question (and the asked-for fact). */
function trimSentence(text: string, input: AnswerInput, passage: RetrievedPassage, maxChars: number, lexicon: Lexicon): string {
  if (text.length <= maxChars) return text;
  const clauses = splitClauses(text);
  const scored = clauses.map((clause) => {
    const matched = passageMatches(
      input.concepts.map((c) => c.concept),
      tokenizeText(clause),
      textLanguageOf(passage),
    );
    return coverageOf(matched, input.concepts) + (holdsAnswerType(input.analysis.type, clause, input.question, lexicon) ? 0.5 : 0);
  });
  let best = { start: 0, end: 0, score: -1 };
  for (let start = 0; start < clauses.length; start++) {
    let length = 0;
    let score = 0;
    for (let end = start; end < clauses.length; end++) {
      length += clauses[end]!.length + 1;
      if (length > maxChars && end > start) break;
      score += scored[end]!;
      if (score > best.score) best = { start, end, score };
    }
  }
  const body = clauses
    .slice(best.start, best.end + 1)
    .join(' ')
    .replace(/[,;:]$/u, '');
  return `${best.start > 0 ? '… ' : ''}${body}${best.end < clauses.length - 1 ? ' …' : ''}`;
}

function sentencesOf(passage: RetrievedPassage): string[] {
  return passage.text.split('\n').flatMap((paragraph) => splitSentences(paragraph).map((s) => paragraph.slice(s.start, s.end)));
}

export class ExtractiveAnswerer implements Answerer {
  readonly name = 'extractive';

  /** `lexicon` gives the lexicon of the moment (a corpus's aliases may change while an adapter runs). */
  constructor(
    private readonly lexicon: () => Lexicon,
    private readonly options: ExtractiveOptions = defaultExtractiveOptions,
  ) {}

  async answer(input: AnswerInput): Promise<AnswerDraft> {
    const { analysis } = input;
    const lexicon = this.lexicon();
    const concepts = input.concepts.map((c) => c.concept);
    const candidates: Candidate[] = [];
    const keys = input.concepts.flatMap((c, i) => (c.key ? [i] : []));
    // The thing asked about ("the combined value"): a sentence holding it beats one that only names the people.
    const focus = focusConcept(input.concepts, analysis);
    input.passages.forEach((passage, rank) => {
      const flags = conceptFlags(passage, input.concepts);
      const language = textLanguageOf(passage);
      for (const text of sentencesOf(passage)) {
        // A country the article is about counts for each of its sentences: "the 8th dialogue" is Korean throughout.
        const literal = passageMatches(concepts, tokenizeText(text), language);
        // The people the passage names count for its sentences that speak of them otherwise ("les deux présidents");
        // a sentence naming them still comes first.
        const spokenOf = concepts.map((c, i) => !literal[i] && c.kind === 'person' && flags.matched[i] === true);
        const matched = literal.map(
          (m, i) => m || flags.subject[i] === true || (concepts[i]!.context === true && flags.article[i] === true) || spokenOf[i]!,
        );
        const inferred = coverageOf(spokenOf, input.concepts);
        const cov = coverageOf(matched, input.concepts);
        // A count is a number by the thing counted (in words too: "ba bản ghi nhớ"); a counted thing the corpus never
        // names cannot be checked ("cannon shots" for "phát đại bác"), nor can a sum of money.
        const countable = analysis.type === 'how-many' && analysis.counted >= 0 && input.concepts[analysis.counted]!.passages > 0;
        const spans =
          countable && !asksAmount(input.question)
            ? countingSpans(text, concepts[analysis.counted]!, language)
            : answerSpans(analysis.type, text, input.question, lexicon);
        const typed =
          spans.length > 0 &&
          (!countable || countsWhatIsAsked(text, concepts[analysis.counted]!, language)) &&
          (analysis.type !== 'when' || focus < 0 || datesTheFocus(text, concepts[focus]!, input.question, language));
        const words = text.split(/\s+/).length;
        const short = words < 5 && analysis.type !== 'source' && analysis.type !== 'published' ? 0.15 : 0;
        // A dateline or a source line answers for the whole article its passage belongs to.
        const score = asksAboutDocument(analysis)
          ? passage.articleCoverage + (typed ? 0.6 : 0) - 0.03 * rank
          : cov +
            (typed ? 0.3 + NEAR_BONUS * nearness(text, spans, input.concepts, language) : 0) +
            (typed && analysis.type === 'where' && introducesPlace(text) ? PLACE_BONUS : 0) +
            0.5 * keyShare(matched, keys) +
            (focus >= 0 && matched[focus] ? FOCUS_BONUS : 0) +
            0.15 * passage.score -
            0.03 * rank -
            short -
            0.01 * inferred;
        candidates.push({ text, passage, flags, rank, coverage: cov, matched, typed, score });
      }
    });
    candidates.sort((a, b) => b.score - a.score);
    // A date or a number answers only if it is about the thing asked: the sentence (or its passage) holds the
    // question's focus, or the sentence holds one of its names or numbers.
    const specificKeys = keys.filter((i) => concepts[i]!.kind !== 'country');
    const documentLevel = asksAboutDocument(analysis);
    const aboutFocus = (c: Candidate): boolean =>
      focus < 0 ||
      c.matched[focus] === true ||
      (documentLevel ? c.flags.article[focus] : c.flags.matched[focus]) === true ||
      specificKeys.some((i) => c.matched[i]) ||
      // "Which deputy minister …": a sentence naming the office asked about is about it ("Deputy Foreign Minister
      // Jorge Rojas"), whatever verb the question used.
      (analysis.type === 'who' && analysis.asked >= 0 && c.matched[analysis.asked] === true);
    const usable = needsTypedAnswer(analysis, lexicon)
      ? candidates.filter((c) => c.typed && aboutFocus(c) && datePrecisionFits(analysis.type, input.question, c.text))
      : candidates;
    const first = usable[0];
    const enough = first && (documentLevel ? first.passage.articleCoverage : first.coverage) >= this.options.minSentenceCoverage;
    if (!first || !enough) {
      return { text: notCovered(input.language, []), abstained: true, cited: [], mode: 'extractive' };
    }
    const chosen = [first];
    const second = usable.find(
      (c) =>
        c !== first &&
        c.text !== first.text &&
        c.score >= this.options.secondSentenceRatio * first.score &&
        (c.matched.some((m, i) => m && !first.matched[i]) || (c.typed && !first.typed)),
    );
    if (second) chosen.push(second);

    const cited: RetrievedPassage[] = [];
    const parts: string[] = [];
    const notes: string[] = [];
    const { aliases } = lexicon;
    for (const c of chosen) {
      let marker = cited.indexOf(c.passage);
      if (marker < 0) marker = cited.push(c.passage) - 1;
      parts.push(`${trimSentence(c.text, input, c.passage, this.options.maxSentenceChars, lexicon)} [${marker + 1}]`);
      // A corpus alias in the quote ("Fan Pingming") is explained: what the newsroom says it stands for.
      for (const alias of aliases) {
        const means = alias.forms[0]!;
        for (const w of alias.written ?? []) {
          if (fold(c.text).includes(fold(w.text)) && !notes.some((n) => n.includes(w.text))) notes.push(slipNote(input.language, w.text, means.text));
        }
      }
    }
    // Further passages that passed the evidence check follow the cited ones, for the reader to check.
    for (const p of input.passages) if (cited.length < 3 && !cited.includes(p)) cited.push(p);
    const lead = leadLine(
      input.language,
      chosen.map((c) => c.passage.language),
    );
    return { text: [lead, ...parts, ...notes].join(' '), abstained: false, cited, mode: 'extractive' };
  }
}
