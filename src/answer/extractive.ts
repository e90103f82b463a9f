// The offline answerer: quotes the sentences of the retrieved passages that best answer the question, preferring
// the kind of fact asked for (a date, a number, a name, a place, a source), with [n] markers for the citations.
import type { TextLanguage } from '../lexicon/forms.js';
import type { Lexicon } from '../lexicon/load-lexicon.js';
import type { AnswerDraft, AnswerInput, Answerer, RetrievedPassage, WeighedConcept } from '../ports.js';
import { conceptPositions, formAt, formPositions, formsFor, passageMatches } from '../retrieve/passage-match.js';
import { isStopword, lexiconTermsIn, vietnameseSurnames } from '../lexicon/load-lexicon.js';
import type { Concept, QuestionType } from '../query/analysis.js';
import { asksAboutDocument, coverageOf } from '../retrieve/retrieve-passages.js';
import { fold, hasVietnameseLetters } from '../text/normalize.js';
import { splitClauses, splitSentences } from '../text/sentences.js';
import { tokenizeText, WORD, type TokenizedText } from '../text/tokens.js';
import { focusConcept } from './abstain.js';
import {
  answerSpans,
  asksAmount,
  asksYear,
  asksCountry,
  introducesPlace,
  namesTheFigure,
  countingSpans,
  countsWhatIsAsked,
  figuresOfAskedYears,
  datelineEnd,
  isDispatchDate,
  datePrecisionFits,
  datesTheFocus,
  endOfName,
  givenNames,
  holdsAnswerType,
  needsTypedAnswer,
  wordSpans,
  yearsIn,
  type Span,
} from './answer-type.js';
import { disagreeLine, leadLine, notCovered, slipNote } from './messages.js';
import { shortFact, type ShortFact } from './short-answer.js';
import type { Highlight, ShortAnswer } from '../types.js';

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

/** What a question asks about, read once per question: its focus and the role of the person or place asked
 * (`roleAsked`), indexes into its concepts or -1. */
interface Wanted {
  focus: number;
  role: number;
}

interface Candidate {
  text: string;
  /** Where the sentence starts in its passage's text. */
  offset: number;
  passage: RetrievedPassage;
  /** Where the asked-for facts stand in the sentence. */
  spans: Span[];
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

/** Does the text name a foreign country other than those asked about? (Vietnam and shared regions do not count.) */
function namesOtherCountry(tokens: TokenizedText, language: TextLanguage, asked: ReadonlySet<string>, lexicon: Lexicon): boolean {
  return lexiconTermsIn(tokens.folded, lexicon).some(
    (t) =>
      t.entry.kind === 'country' &&
      t.entry.code !== undefined &&
      t.entry.code !== 'VN' &&
      t.entry.code !== 'ZZ' &&
      !asked.has(t.entry.code) &&
      // Found folded; written as the language writes it? ("nhất" is not "Nhật".)
      t.entry.forms.some((f) => formAt(f, tokens, t.start, language)),
  );
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

/**
 * A figure asked for a year ("how many … in 2019") comes from a passage that names the year or an article of that
 * year: the 559 sailors of a 2023 port call are no count of 2019. (A sentence naming other years is
 * `answerSpans`'s.)
 */
function yearFits(type: QuestionType, question: string, sentence: string, passage: RetrievedPassage): boolean {
  if (type !== 'how-many') return true;
  const asked = yearsIn(question);
  if (asked.length === 0 || yearsIn(sentence).length > 0) return true;
  const articleYear = passage.date?.slice(0, 4);
  return asked.some((year) => passage.text.includes(year) || year === articleYear || passage.title?.includes(year));
}

/** The sentences of a passage, each with its offset in the passage's text. */
function sentencesOf(passage: RetrievedPassage): { text: string; offset: number }[] {
  let at = 0;
  return passage.text.split('\n').flatMap((paragraph) => {
    const start = at;
    at += paragraph.length + 1;
    return splitSentences(paragraph).map((s) => ({ text: paragraph.slice(s.start, s.end), offset: start + s.start }));
  });
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
    const wanted: Wanted = { focus, role: roleAsked(input, lexicon) };
    // Names the question counts by ("Airbus" in "how many Airbus planes"): a number right before one counts.
    const units = concepts.filter((c, i) => c.kind === 'name' && i !== analysis.counted);
    const askedCountries = new Set(concepts.flatMap((c, i) => (c.kind === 'country' && keys.includes(i) ? [c.country!] : [])));
    input.passages.forEach((passage, rank) => {
      const flags = conceptFlags(passage, input.concepts);
      const language = textLanguageOf(passage);
      for (const { text, offset } of sentencesOf(passage)) {
        // A country the article is about counts for each of its sentences: "the 8th dialogue" is Korean throughout.
        const tokens = tokenizeText(text);
        const literal = passageMatches(concepts, tokens, language);
        // A sentence naming another country and not the one asked is about that other country, whatever its article
        // is about: "Vietnam and Spain upgraded ties on 10 November" does not date the upgrade with Japan.
        const elsewhere = askedCountries.size > 0 && namesOtherCountry(tokens, language, askedCountries, lexicon);
        // The people the passage names count for its sentences that speak of them otherwise ("les deux présidents");
        // a sentence naming them still comes first.
        const spokenOf = concepts.map((c, i) => !literal[i] && c.kind === 'person' && flags.matched[i] === true);
        // A count is a number by the thing counted (in words too: "ba bản ghi nhớ"); a counted thing the corpus never
        // names cannot be checked ("cannon shots" for "phát đại bác"), nor can a sum of money.
        const countable = analysis.type === 'how-many' && analysis.counted >= 0 && input.concepts[analysis.counted]!.passages > 0;
        const found =
          countable && !asksAmount(input.question)
            ? countingSpans(text, concepts[analysis.counted]!, language, units)
            : answerSpans(analysis.type, text, input.question, lexicon);
        // A date answers "on what date" with a day, "which year" with a year: each date as precise as asked ("2023–2028"
        // is no date of an election).
        const spans =
          analysis.type === 'how-many'
            ? figuresOfAskedYears(text, found, input.question)
            : analysis.type === 'when'
              ? found.filter((span) => datePrecisionFits('when', input.question, text.slice(span.start, span.end)))
              : found;
        const matched = literal.map(
          (m, i) =>
            m ||
            // The figure stands for the question's word for it ("how much money": "300.000 USD").
            (analysis.type === 'how-many' && namesTheFigure(concepts[i]!, input.question, text, spans)) ||
            (!(elsewhere && askedCountries.has(concepts[i]!.country!) && concepts[i]!.kind === 'country') &&
              (flags.subject[i] === true || (concepts[i]!.context === true && flags.article[i] === true))) ||
            spokenOf[i]!,
        );
        const inferred = coverageOf(spokenOf, input.concepts);
        const cov = coverageOf(matched, input.concepts);
        const typed =
          spans.length > 0 &&
          yearFits(analysis.type, input.question, text, passage) &&
          // A fact answers only from a sentence that says something of the question itself, not from a dateline
          // under a headline that does ("24/05/2014 17:53" is no year of relations); a document's own date aside.
          (asksAboutDocument(analysis) || literal.some((m, i) => m && !(concepts[i]!.kind === 'country' && concepts[i]!.country === 'VN'))) &&
          (!countable || countsWhatIsAsked(text, concepts[analysis.counted]!, language, units)) &&
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
        candidates.push({ text, offset, passage, spans, flags, rank, coverage: cov, matched, typed, score });
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
      (analysis.type === 'who' && analysis.asked >= 0 && c.matched[analysis.asked] === true) ||
      // A count of the very thing counted is about it: "sets out six pillars of cooperation" for "how many pillars
      // does the partnership set out".
      (analysis.type === 'how-many' && analysis.counted >= 0 && c.matched[analysis.counted] === true && c.typed);
    let usable = needsTypedAnswer(analysis, lexicon)
      ? candidates.filter((c) => c.typed && aboutFocus(c) && datePrecisionFits(analysis.type, input.question, c.text))
      : candidates;
    // A dispatch's own date answers "when" only where no other sentence dates the event: "BRUSSELS, ngày 14/12/2022 –
    // Thủ tướng … hôm nay tham dự Hội nghị" dates the summit, not the partnership it recalls.
    if (analysis.type === 'when') {
      const dispatchOnly = (c: Candidate) => c.spans.length > 0 && c.spans.every((sp) => isDispatchDate(c.text, sp));
      usable = [...usable.filter((c) => !dispatchOnly(c)), ...usable.filter(dispatchOnly)];
    }
    // "Phó Thủ tướng nào dự lễ …", "who was the mayor of Busan", "who presided": a sentence naming someone right by
    // the office or the act asked about answers before one that only shares more of the question's other words
    // ("Foto: Besökare vid invigningen av Legos fabrik" names a company, not a deputy prime minister).
    if (wanted.role >= 0) {
      const named = input.concepts[wanted.role]!.concept;
      // The name follows its office ("Minister Pippa Hackett", "Phó Thủ tướng Mai Văn Chính") with no "and" or comma
      // between: "Higgins welcomes General Secretary …" holds no secretary's name.
      const holder = (c: Candidate) => {
        const tokens = tokenizeText(c.text);
        const at = conceptPositions(named, tokens, textLanguageOf(c.passage));
        if (at.length === 0) return false;
        const words = wordSpans(c.text);
        // The office between the act and the name is the name's ("represented by Deputy Prime Minister Prak Sokhonn",
        // "representerades av vice premiärminister …"): its words do not part them.
        const office = tokens.folded.map(() => false);
        for (const t of lexiconTermsIn(tokens.folded, lexicon, tokens.lower))
          if (t.entry.kind === 'office') for (let k = t.start; k < t.start + t.length; k++) office[k] = true;
        const apart = (a: number, first: number) => office.slice(a + 1, first).filter((o) => !o).length + 1;
        return rankedFacts(c, input, lexicon, wanted).some(({ span }) => {
          const first = words.findIndex((w) => w.end > span.start);
          return at.some((a) => first > a && apart(a, first) <= LIST_ANCHOR_WORDS && !JOINED.test(c.text.slice(words[a]!.end, span.start)));
        });
      };
      const holders = usable.filter(holder);
      if (holders.length > 0) usable = [...holders, ...usable.filter((c) => !holders.includes(c))];
    }
    // "Which session", "chùa nào", "vilket universitet": a sentence naming one (an ordinal, a name by the word asked)
    // answers before a fuller one naming none, when it scores nearly as well ("… inscribed on the World Heritage List"
    // names no session; "at the 45th session" does).
    if (analysis.type === 'what' && analysis.asked >= 0 && WHICH.test(fold(input.question)) && usable[0]) {
      const top = usable[0];
      // (Named right by the word asked: a name elsewhere in the sentence may be anyone's.)
      const names = (c: Candidate) => rankedFacts(c, input, lexicon, wanted).some(({ distance }) => distance <= LIST_ANCHOR_WORDS);
      if (rankedFacts(top, input, lexicon, wanted).length === 0) {
        const naming = usable.find((c) => c.score >= WHICH_NAMING_RATIO * top.score && names(c));
        if (naming) usable = [naming, ...usable.filter((c) => c !== naming)];
      }
    }
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
    const highlights = new Map<number, Highlight[]>();
    const { aliases } = lexicon;
    const fact =
      needsTypedAnswer(analysis, lexicon) || ['how-long', 'where'].includes(analysis.type) || (analysis.type === 'what' && analysis.asked >= 0)
        ? this.factOf(first, input, lexicon, wanted)
        : null;
    for (const c of chosen) {
      let marker = cited.indexOf(c.passage);
      if (marker < 0) marker = cited.push(c.passage) - 1;
      const quote = trimSentence(c.text, input, c.passage, this.options.maxSentenceChars, lexicon);
      parts.push(`${analysis.type === 'source' ? quote : withoutCredits(quote)} [${marker + 1}]`);
      const marked = highlights.get(marker) ?? [];
      marked.push({ start: c.offset, end: c.offset + c.text.length, kind: 'sentence' });
      if (c === first && fact) marked.push({ start: c.offset + fact.span.start, end: c.offset + fact.span.end, kind: 'fact' });
      highlights.set(marker, marked);
      // A corpus alias in the quote ("Fan Pingming") is explained: what the newsroom says it stands for.
      for (const alias of aliases) {
        const means = alias.forms[0]!;
        for (const w of alias.written ?? []) {
          if (fold(c.text).includes(fold(w.text)) && !notes.some((n) => n.includes(w.text))) notes.push(slipNote(input.language, w.text, means.text));
        }
      }
    }
    let short: ShortAnswer | undefined = fact ? { text: fact.text, kind: fact.kind, citation: cited.indexOf(first.passage) + 1 } : undefined;
    const list = asksForList(input.question, analysis, input.concepts) ? this.listOf(first, usable, input, lexicon, wanted) : null;
    if (list) {
      const items = list.map((item) => {
        let marker = cited.indexOf(item.passage);
        if (marker < 0) marker = cited.push(item.passage) - 1;
        return { text: item.text, citation: marker + 1 };
      });
      short = { text: items.map((i) => i.text).join('; '), kind: 'list', citation: items[0]!.citation, items };
    }
    // Articles that disagree: near-equal sentences of other articles giving another value of the fact asked (an
    // archive holds several reports of one event, not all of them right). Each is cited, after the first.
    const others: string[] = [];
    if (fact && !list) {
      // A sentence disagrees when it holds the question as fully as the chosen one (the same concepts, a fact of the
      // kind asked), wherever its passage ranked, or scores nearly as high.
      const asFull = (c: Candidate) => c.coverage >= first.coverage && first.matched.every((m, i) => !m || c.matched[i]);
      for (const c of usable) {
        if (others.length >= MAX_DISAGREEING) break;
        if (c.passage.file === first.passage.file || (c.score < first.score - DISAGREE_MARGIN && !asFull(c))) continue;
        const other = this.factOf(c, input, lexicon, wanted);
        if (!other || other.kind !== fact.kind || fold(other.text) === fold(fact.text)) continue;
        if (others.some((o) => fold(o).startsWith(`${fold(other.text)} [`))) continue;
        let marker = cited.indexOf(c.passage);
        if (marker < 0) marker = cited.push(c.passage) - 1;
        others.push(`${other.text} [${marker + 1}]`);
      }
    }
    // Further passages that passed the evidence check follow the cited ones, for the reader to check.
    for (const p of input.passages) if (cited.length < 3 && !cited.includes(p)) cited.push(p);
    const lead = leadLine(
      input.language,
      chosen.map((c) => c.passage.language),
    );
    const quoted = [...(others.length ? [disagreeLine(input.language, others)] : []), lead, ...parts, ...notes].join(' ');
    if (!short) return { text: quoted, abstained: false, cited, mode: 'extractive', highlights };
    const factLine = short.items ? short.items.map((i) => `${i.text} [${i.citation}]`).join('; ') : `${short.text} [${short.citation}]`;
    return { text: `${factLine}\n\n${quoted}`, abstained: false, cited, mode: 'extractive', short, highlights };
  }

  /**
   * The typed fact of the chosen sentence. Of several candidates, the one nearest what the question asks about: the
   * office of "who was the mayor of Busan" (a name right after "Thị trưởng … Busan"), the thing of "which hospital",
   * else the question's focus ("upgrade" dates 2022, not the 1992 of the same sentence), else any of its words.
   */
  private factOf(chosen: Candidate, input: AnswerInput, lexicon: Lexicon, wanted: Wanted): ShortFact | null {
    const ranked = rankedFacts(chosen, input, lexicon, wanted);
    if (ranked.length === 0) return null;
    const { span } = ranked[0]!;
    const { analysis } = input;
    if (analysis.type === 'what') return { text: chosen.text.slice(span.start, span.end), kind: 'name', span };
    const counted = analysis.counted >= 0 ? input.concepts[analysis.counted]?.concept : undefined;
    return shortFact({
      type: analysis.type,
      question: input.question,
      amount: asksAmount(input.question),
      sentence: chosen.text,
      span,
      ...(counted ? { counted } : {}),
      source: chosen.passage.language,
      asker: input.language,
      lexicon,
    });
  }

  /**
   * The bulleted list of an article that answers: a run of "- …" lines that a retrieved passage holding what is asked
   * belongs to or introduces ("Các văn bản được ký kết … gồm:"), read across the article's passages, each line's
   * first sentence.
   */
  private bulletedList(input: AnswerInput): { text: string; passage: RetrievedPassage }[] | null {
    const asked =
      input.analysis.asked >= 0 ? input.concepts[input.analysis.asked]!.concept : input.concepts.find((c) => c.concept.kind === 'glossary')?.concept;
    if (!asked) return null;
    for (const retrieved of input.passages) {
      if (!retrieved.matchedTerms.includes(asked.label)) continue;
      const language = textLanguageOf(retrieved);
      // The list is of what is asked: its lines or the line introducing them name it ("- Hợp đồng mua …" for deals).
      const names = (text: string) => passageMatches([asked], tokenizeText(text), language)[0] === true;
      const article = input.articlePassages?.(retrieved) ?? [retrieved];
      const lines = article.flatMap((passage) => passage.text.split('\n').map((text) => ({ text, passage })));
      for (let i = 0; i < lines.length; i++) {
        if (!BULLET.test(lines[i]!.text) || (i > 0 && BULLET.test(lines[i - 1]!.text))) continue;
        let end = i;
        while (end + 1 < lines.length && BULLET.test(lines[end + 1]!.text)) end++;
        const run = lines.slice(i, end + 1);
        const introduced = i > 0 && lines[i - 1]!.passage === retrieved && /:\s*$/.test(lines[i - 1]!.text);
        const about = run.some((l) => names(l.text)) || (i > 0 && names(lines[i - 1]!.text));
        if (run.length >= 2 && about && (introduced || run.some((l) => l.passage === retrieved))) {
          // Of a list of several kinds ("văn bản": licences, contracts, agreements), the lines of the kind asked.
          const ofKind = run.filter((l) => names(l.text));
          return (ofKind.length >= 2 ? ofKind : run).map((l) => ({ text: bulletText(l.text), passage: l.passage })).filter((l) => l.text);
        }
      }
    }
    return null;
  }

  /**
   * Every item a list question asks for ("which senators", "những văn kiện nào", "vilka avtal"), from the quoted
   * passages first, each once: the lines of a bulleted list that holds the first answer, else the names standing by
   * what is asked in every sentence that answers. Null when there are fewer than two.
   */
  private listOf(first: Candidate, usable: Candidate[], input: AnswerInput, lexicon: Lexicon, wanted: Wanted) {
    const items: { text: string; passage: RetrievedPassage }[] = [];
    const add = (text: string, passage: RetrievedPassage) => {
      const key = fold(text);
      // "Daines" after "Steve Daines" is the same senator; "Steve Daines" after "Daines" replaces it.
      const same = items.findIndex((i) => fold(i.text).includes(key) || key.includes(fold(i.text)));
      if (same < 0) items.push({ text, passage });
      else if (key.length > fold(items[same]!.text).length) items[same] = { text, passage };
    };
    const bullets = this.bulletedList(input);
    if (bullets) {
      for (const { text, passage } of bullets) add(text, passage);
    } else if (input.analysis.type === 'who' || input.analysis.type === 'what') {
      for (const c of [first, ...usable.filter((u) => u !== first && u.coverage >= this.options.minSentenceCoverage)]) {
        for (const { span, distance } of rankedFacts(c, input, lexicon, wanted))
          if (distance <= LIST_ANCHOR_WORDS) add(c.text.slice(span.start, span.end), c.passage);
      }
    }
    return items.length >= 2 ? items.slice(0, MAX_LIST_ITEMS) : null;
  }
}

// How many words before a name its country may stand: "Israeli Minister of Economy and Industry Nir Barkat"; and
// how many words nearer what is asked a name given the country asked about counts as.
const COUNTRY_BEFORE_NAME = 6;
const COUNTRY_NAME_BONUS = 9;
const ASKS_VIETNAMESE = /\b(vietnamese|vietnamesisk\w*)\b/;
// A Vietnamese holder of an office asked about: "which Vietnamese minister", "the Vietnamese naval officer" (not "the
// Vietnamese delegation", whose host may be anyone).
const OFFICE_WORDS =
  String.raw`(ministers?|president|officials?|officers?|ambassadors?|leaders?|diplomats?|deputy|general|envoy|chairm[ae]n|` +
  String.raw`chairwoman|secretary|premier|prime minister|signer|signatory|representatives?|minister\w*|ambassad\w*)`;
const ASKS_VIETNAMESE_PERSON = new RegExp(String.raw`\b(vietnamese|vietnamesisk\w*) (\w+ )?${OFFICE_WORDS}\b`);
// The side that acted for Vietnam or for its partner: "on Vietnam's behalf", "thay mặt Việt Nam", "for the Bahamian side".
const VIETNAMS_SIDE = new RegExp(
  String.raw`\b(on vietnam'?s behalf|on behalf of vietnam|(for )?(the )?vietnam(ese|'s)? side|` +
    String.raw`thay mat (phia |nha nuoc |chinh phu )?viet nam|phia viet nam|for vietnams rakning|pa vietnams sida)\b`,
);
const PARTNERS_SIDE = new RegExp(
  String.raw`\b(on behalf of (the )?(?!vietnam)\w+|on (?!vietnam)\w+'?s? behalf|(for )?the (?!vietnam)\w+ side|` +
    String.raw`thay mat (phia )?(?!viet)\w+|phia (?!viet)\w+ (da |co )?(ky|ki))\b`,
);
/** Which side's person the question asks for: Vietnamese, a partner's, or either. */
function askedSide(question: string): 'vietnamese' | 'partner' | null {
  if (ASKS_VIETNAMESE_PERSON.test(question) || VIETNAMS_SIDE.test(question)) return 'vietnamese';
  return PARTNERS_SIDE.test(question) ? 'partner' : null;
}
// What stands between a figure and the total it is out of, folded: "192 of the", "121/", "145 trên tổng số", "6 av".
const OUT_OF = /\d\s*(?:\/|(?:out of|of the|of|tren tong so|tren|trong tong so|trong so|av|sur|von)\s)\s*$/;
// A conjunction or a comma between a name and an office: the name is not the office holder's.
const JOINED = /(^|\s)(và|and|och|et|und|cùng|with)(\s|$)|[,;]/u;
const PARTED_WORDS = 10;

/** Another article's value is reported when its sentence scores within this of the chosen one; at most this many. */
const DISAGREE_MARGIN = 0.05;
const MAX_DISAGREEING = 2;

/** A name in a list stands this many words from what is asked at most ("Thượng nghị sĩ Steve Daines"). */
const LIST_ANCHOR_WORDS = 4;
const MAX_LIST_ITEMS = 20;
const BULLET = /^\s*(?:[-•*–]|\d{1,2}[.)])\s+/u;

/** A bulleted line's first sentence, without its bullet or credits. */
function bulletText(line: string): string {
  const body = line.replace(BULLET, '');
  const first = splitSentences(body)[0];
  return withoutCredits(first ? body.slice(first.start, first.end) : body).trim();
}

/**
 * The facts of a sentence the question asks for, nearest what it asks about first: the office of "who was the mayor
 * of Busan" (a name right after "Thị trưởng … Busan"), the thing of "which hospital", else the question's focus
 * ("upgrade" dates 2022, not the 1992 of the same sentence), else any of its words. `distance` is in words from that
 * anchor (Infinity without one).
 */
function rankedFacts(chosen: Candidate, input: AnswerInput, lexicon: Lexicon, { focus, role }: Wanted): { span: Span; distance: number }[] {
  const { analysis } = input;
  const language = textLanguageOf(chosen.passage);
  const tokens = tokenizeText(chosen.text);
  const words = wordSpans(chosen.text);
  const asked = analysis.asked >= 0 ? input.concepts[analysis.asked]!.concept : undefined;
  // Only "which X" asks for a name: "what did they discuss" asks for a quote.
  const which = analysis.type === 'what' && asked !== undefined && WHICH.test(fold(input.question));
  if (analysis.type === 'what' && !which) return [];
  // "Where" answered by a named building or body rather than a proper name: "tại Trụ sở Bộ Quốc phòng".
  // Of the names a "where" sentence holds, the places: those a preposition of place introduces ("tại Trụ sở Bộ Quốc
  // phòng", "in Moscow"), else those the lexicon knows as places or countries ("Busan"), not the people beside them.
  const where = analysis.type === 'where' ? placesOf(chosen, input.question, lexicon, asked ? { asked, tokens, language } : undefined) : [];
  if (!which && where.length === 0 && (analysis.type === 'where' || !chosen.typed || chosen.spans.length === 0)) return [];
  // A thing asked for by name is named in quotes: 'ett nytt samarbetsramverk, kallat "Officiellt säkerhetsstöd"'.
  const given = givenNames(chosen.text, input.question);
  if (given.length > 0) return given.map((span) => ({ span, distance: 0 }));
  let spans = which ? namesAfter(asked!, chosen.text, tokens, language, input.question, lexicon) : analysis.type === 'where' ? where : chosen.spans;
  if (which) {
    const kind = fold(asked!.label);
    // "Which round", "lần thứ mấy": an ordinal as the sentence writes it ("lần thứ 9", "ninth", "16:e").
    if (ASKS_ORDINAL.test(fold(input.question)))
      spans = [...fold(chosen.text).matchAll(ORDINAL)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
    // "Which city", "sân bay nào" where the sentence does not say "city": the places it names; "which king": the people.
    else if (spans.length === 0 && PLACE_NOUNS.test(kind)) spans = answerSpans('where', chosen.text, input.question, lexicon);
    else if (spans.length === 0 && PERSON_NOUNS.test(kind)) spans = answerSpans('who', chosen.text, input.question, lexicon);
    // Any other kind ("which fund", "which pagoda") the sentence does not name: the one name it holds beyond the question's.
    else if (spans.length === 0) {
      const names = answerSpans('who', chosen.text, input.question, lexicon);
      if (names.length === 1) spans = names;
    }
  }
  if (analysis.type === 'how-many') {
    // A number the question itself gives ("Boeing 737") is no answer; figures beat number words ("năm" is also "year").
    const given = new Set(fold(input.question).match(/\d+/g) ?? []);
    spans = spans.filter((sp) => !given.has(fold(chosen.text.slice(sp.start, sp.end)).replace(/\D/g, '')));
    if (spans.some((sp) => /^\d/.test(chosen.text.slice(sp.start)))) spans = spans.filter((sp) => /^\d/.test(chosen.text.slice(sp.start)));
    // "192 of the 193 votes", "121/171 phiếu", "145 trên 189": the total a figure is out of answers no count of it.
    const counts = spans.filter((sp) => !OUT_OF.test(fold(chosen.text.slice(Math.max(0, sp.start - 24), sp.start))));
    if (counts.length > 0) spans = counts;
  }
  // "Which year": a date with its year, where the sentence also gives a day without one ("ngày 16/12 … năm 1991").
  if (analysis.type === 'when' && asksYear(input.question)) {
    const withYear = spans.filter((sp) => yearsIn(chosen.text.slice(sp.start, sp.end)).length > 0);
    if (withYear.length > 0) spans = withYear;
  }
  // A name in a photo credit ("Photo: VGP/Nhat Bac") took the picture: it answers only a question about a source.
  if (analysis.type !== 'source') {
    const credits = creditRanges(chosen.text);
    spans = spans.filter((sp) => !credits.some((c) => sp.start >= c.start && sp.start < c.end));
  }
  if (spans.length === 0) return [];
  const tokenAt = (offset: number) =>
    Math.max(
      0,
      words.findIndex((w) => w.end > offset),
    );
  // "Who was the mayor of Busan": the first common noun of a "who" question is the office asked about (or what it
  // asks the owner of: "lời mời của ai").
  const office =
    analysis.type === 'who'
      ? role >= 0
        ? input.concepts[role]!.concept
        : input.concepts.find((c) => c.concept.kind === 'glossary')?.concept
      : undefined;
  const present = (c: Concept | undefined): c is Concept => c !== undefined && conceptPositions(c, tokens, language).length > 0;
  // "When were ties upgraded to a comprehensive strategic partnership": the rarest of the question's words in the
  // sentence dates it ("… ngoại giao vào năm 1992 và … Đối tác chiến lược toàn diện vào năm 2022").
  const rarest =
    analysis.type === 'when'
      ? input.concepts
          .filter((c) => (c.concept.kind === 'glossary' || c.concept.kind === 'word') && !c.concept.modifier && present(c.concept))
          .sort((a, b) => b.weight - a.weight)[0]?.concept
      : undefined;
  const anchor = [asked, office, rarest, focus >= 0 ? input.concepts[focus]!.concept : undefined].find(present);
  let ranked: { span: Span; distance: number }[];
  if (anchor) {
    const at = conceptPositions(anchor, tokens, language);
    // Words from the anchor to the fact; a fact before it counts one word further ("Mayor Park", "Park, mayor"), and
    // one a conjunction or a comma parts from it belongs to someone else ("Đoàn Phương Lan và Thị trưởng … Park").
    const apart = (from: number, to: number) => (JOINED.test(chosen.text.slice(from, to)) ? PARTED_WORDS : 0);
    const distance = (sp: Span) =>
      Math.min(
        ...at.map((a) =>
          tokenAt(sp.start) > a
            ? tokenAt(sp.start) - a + apart(words[a]!.end, sp.start)
            : a - tokenAt(sp.end - 1) + 1 + apart(sp.end, words[a]!.start),
        ),
      );
    // Of facts as near the anchor, the one nearest a person the question names: "Daines (Cộng hòa-bang Montana) …
    // Hagerty (Cộng hòa-bang Tennessee)" gives Hagerty's state Tennessee.
    const people = input.concepts
      .filter((c) => c.concept.kind === 'person' || c.concept.kind === 'name')
      .flatMap((c) => conceptPositions(c.concept, tokens, language));
    const fromPeople = (sp: Span) => (people.length ? Math.min(...people.map((p) => Math.abs(tokenAt(sp.start) - p))) : 0);
    ranked = spans
      .map((span) => ({ span, distance: distance(span), apart: fromPeople(span) }))
      .sort((a, b) => a.distance - b.distance || a.apart - b.apart)
      .map(({ span, distance }) => ({ span, distance }));
  } else {
    const near = (sp: Span) => nearness(chosen.text, [sp], input.concepts, language);
    ranked = spans.map((span) => ({ span, distance: Infinity, near: near(span) })).sort((a, b) => b.near - a.near);
  }
  // Of several dates, the one whose clause says most of what is asked: "sedan diplomatiska förbindelser upprättades
  // 1973, särskilt sedan de två länderna uppgraderade till det omfattande strategiska partnerskapet … 2014" dates the
  // upgrade 2014, though "upgrade" stands nearer 1973.
  if (analysis.type === 'when' && ranked.length > 1) {
    const clauseEnds = [...chosen.text.matchAll(/[,;:]\s+/g)].map((m) => m.index! + 1);
    // (A clause of a few words, "…, ngày 25/3/1971;", belongs with the one before it.)
    const clauseOf = (offset: number) => {
      const end = clauseEnds.find((e) => e > offset) ?? chosen.text.length;
      const starts = [0, ...clauseEnds.filter((e) => e <= offset)];
      const start = starts[starts.length - 1]!;
      const short = chosen.text.slice(start, end).trim().split(/\s+/).length <= 4;
      return [short ? (starts[starts.length - 2] ?? 0) : start, end] as const;
    };
    const positions = input.concepts.map((c) => (c.concept.kind === 'country' ? [] : conceptPositions(c.concept, tokens, language)));
    const said = (sp: Span) => {
      const [from, to] = clauseOf(sp.start);
      return input.concepts.reduce(
        (sum, c, i) => sum + (positions[i]!.some((k) => words[k]!.start >= from && words[k]!.start < to) ? c.weight : 0),
        0,
      );
    };
    const weight = new Map(ranked.map((r) => [r, said(r.span)]));
    ranked = [...ranked].sort((a, b) => weight.get(b)! - weight.get(a)!);
  }
  if (which || analysis.type === 'who' || analysis.type === 'where') {
    ranked = ranked.map((r) => ({ span: wholeName(r.span, chosen.text, tokens, lexicon), distance: r.distance }));
  }
  // "Who was Tonga's foreign minister": of two ministers, the one the sentence gives that country ("Vietnams
  // utrikesminister Bui Thanh Son och Tongas utrikesminister Fekitamoeloa Utoikamanu") comes first, unless it stands
  // much further from what is asked. Not when the question asks for a Vietnamese ("which Vietnamese minister met the
  // Hungarian president").
  if ((which || analysis.type === 'who') && !ASKS_VIETNAMESE.test(fold(input.question))) {
    const foreign = input.concepts.filter((c) => c.concept.kind === 'country' && c.concept.country !== 'VN').map((c) => c.concept);
    const at = foreign.flatMap((c) => conceptPositions(c, tokens, language));
    if (at.length > 0) {
      const starts = ranked.map((r) => tokenAt(r.span.start));
      // The country stands within a few words before the name, with no other name of the sentence between.
      const ofCountry = (first: number) => at.some((a) => a < first && first - a <= COUNTRY_BEFORE_NAME && !starts.some((s) => s > a && s < first));
      const weighed = ranked.map((r, i) => ({ r, d: r.distance - (ofCountry(starts[i]!) ? COUNTRY_NAME_BONUS : 0) }));
      ranked = weighed.sort((a, b) => a.d - b.d).map((w) => w.r);
    }
  }
  // The side a question asks for puts its people first: a Vietnamese name (one a Vietnamese family name opens) for
  // "which Vietnamese minister saw Ramaphosa off" or "on Vietnam's behalf", another for "on behalf of Israel".
  // "Which Indian prime minister …" asks for a partner's office holder, whom no Vietnamese name answers at all ("who
  // received the Hungarian president" asks for anyone).
  const asksPerson = which || analysis.type === 'who';
  const foldedQuestion = fold(input.question);
  const officeOfPartner =
    asksPerson &&
    input.concepts.some(
      (c) =>
        c.concept.kind === 'country' &&
        c.concept.country !== 'VN' &&
        new RegExp(`^(which|what|vilken|vilket|vilka) ${fold(c.concept.label)} (\\w+ )?${OFFICE_WORDS}\\b`).test(foldedQuestion),
    );
  const side = officeOfPartner ? 'partner' : asksPerson ? askedSide(foldedQuestion) : null;
  if (side) {
    const surnames = vietnameseSurnames();
    const vietnamese = (r: { span: Span }) => {
      const [first, second] = tokenizeText(chosen.text.slice(r.span.start, r.span.end)).folded;
      return second !== undefined && surnames.has(first!);
    };
    const first = (r: { span: Span }) => vietnamese(r) === (side === 'vietnamese');
    if (officeOfPartner) ranked = ranked.filter(first);
    else if (ranked.some(first)) ranked = [...ranked.filter(first), ...ranked.filter((r) => !first(r))];
  }
  // A day's or a month's name ("Saturday") is nobody.
  if (analysis.type === 'who') ranked = ranked.filter((r) => !CALENDAR_WORDS.test(fold(chosen.text.slice(r.span.start, r.span.end))));
  // Vietnam is named everywhere: it is no answer to "which X".
  // Nor is an office or a common word of the field written with capitals ("Thứ trưởng Quốc phòng"), or a day's or a
  // month's name ("Friday"): no name.
  if (which) {
    ranked = ranked.filter((r) => {
      const text = chosen.text.slice(r.span.start, r.span.end);
      return !isVietnam(text, lexicon) && !onlyTitles(text, lexicon) && !CALENDAR_WORDS.test(fold(text));
    });
  }
  return ranked.map(({ span, distance }) => ({ span, distance }));
}

// Folded: the thing whose owner is asked ("lời mời của ai", "whose invitation").
const WHOSE = /(\S+(?: \S+){0,2}) cua ai\b|\bwhose (\w+)/;

/**
 * The role a person asked for plays: the office of "which deputy prime minister" or "Đại sứ … là ai", the act of "who
 * presided over the parade" (a "who" question's first word of the field); for "where", the kind of place asked ("sân
 * bay nào"). An index into the question's concepts, or -1.
 */
function roleAsked(input: AnswerInput, lexicon: Lexicon): number {
  const { analysis } = input;
  // ("Vid vilken flygplats …", "sân bay nào": the place after the kind asked, as a person after an office.)
  if (analysis.type === 'where') return analysis.asked >= 0 && input.concepts[analysis.asked]!.concept.kind === 'glossary' ? analysis.asked : -1;
  const asksPerson = analysis.type === 'who' || (analysis.type === 'what' && analysis.asked >= 0 && WHICH.test(fold(input.question)));
  if (!asksPerson) return -1;
  // "Theo lời mời của ai", "at whose invitation": whose the thing is, not who led the delegation.
  const whose = WHOSE.exec(fold(input.question));
  const owned = whose
    ? input.concepts.findIndex((c) => c.concept.kind === 'glossary' && (whose[1] ?? whose[2])!.endsWith(fold(c.concept.label)))
    : -1;
  if (owned >= 0) return owned;
  const at = analysis.asked >= 0 ? analysis.asked : input.concepts.findIndex((c) => c.concept.kind === 'glossary');
  if (at < 0) return -1;
  const role = input.concepts[at]!.concept;
  // "Vem tog emot Irlands president Michael D. Higgins": an office the question gives its holder is not asked.
  const end = input.question.indexOf(role.label) + role.label.length;
  const holderGiven = input.concepts.some(
    (c) =>
      (c.concept.kind === 'person' || c.concept.kind === 'name') &&
      /^\s+$/.test(input.question.slice(end, input.question.indexOf(c.concept.label, end))),
  );
  // ("Which agreement": only an office makes "which" ask for a person.)
  const office = lexiconTermsIn(tokenizeText(role.label).folded, lexicon).some((t) => t.entry.kind === 'office');
  return !holderGiven && (analysis.type === 'who' || office) ? at : -1;
}

/**
 * Does the question ask for every item of a kind: "which senators", "what agreements" (a plural noun asked about),
 * "những văn kiện nào", "các công ty nào", "vilka avtal", "who were"?
 */
function asksForList(question: string, analysis: AnswerInput['analysis'], concepts: readonly WeighedConcept[]): boolean {
  const folded = fold(question);
  if (/\bvilka\b|\bnhung ai\b|\b(nhung|cac) [\w ]{1,40}\bnao\b|^who (are|were)\b/.test(folded)) return true;
  const asked = analysis.asked >= 0 ? concepts[analysis.asked]!.concept : concepts.find((c) => c.concept.kind === 'glossary')?.concept;
  // English: a plural noun within three words of "which/what" that is the thing asked ("which US senators").
  if (analysis.language !== 'en' || asked === undefined || !/^(which|what)\b/.test(folded)) return false;
  const askedWords = fold(asked.label).split(' ');
  return (folded.match(WORD) ?? []).slice(1, 4).some((w) => w.length > 3 && /[^s]s$/.test(w) && askedWords.includes(w));
}

function isVietnam(name: string, lexicon: Lexicon): boolean {
  // "Vietnams" (Swedish genitive) is Vietnam too.
  const folded = tokenizeText(name.replace(/(?<=\p{L}{4})s$/u, '')).folded;
  return lexiconTermsIn(folded, lexicon).some(
    (t) => t.entry.code === 'VN' && t.entry.kind === 'country' && t.start === 0 && t.length === folded.length,
  );
}

/** A regex matching any of the folded words or phrases, whole (`^…$`) or as words of a text (`\b…\b`). */
const anyOf = (phrases: string, whole: boolean, flags = '') =>
  new RegExp(whole ? `^(${phrases.split(', ').join('|')})$` : `\\b(${phrases.split(', ').join('|')})\\b`, flags);

// Folded: what an ordinal question asks, and ordinals as the articles write them.
const ASKS_ORDINAL = anyOf(
  [
    ...['round', 'edition', 'session', 'meeting', 'anniversary', 'term', 'place'].flatMap((kind) => [`which ${kind}`, `what ${kind}`]),
    'rank, lan thu may, thu may, lan thu bao nhieu, vilken omgang, vilket nummer, i ordningen',
  ].join(', '),
  false,
);
const ORDINAL = new RegExp(
  [
    '\\b(lan thu|thu|khoa|ky) (\\d+|[ivxl]+)\\b',
    '\\b\\d+(st|nd|rd|th|:e|e)\\b',
    anyOf('first, second, third, fourth, fifth, sixth, seventh, eighth, ninth, tenth', false).source,
    anyOf('forsta, andra, tredje, fjarde, femte, sjatte, sjunde, attonde, nionde, tionde', false).source,
  ].join('|'),
  'g',
);
// Folded nouns of a "which X" question whose answer is a place, or a person.
const PLACE_NOUNS = anyOf(
  'city, cities, country, countries, nation, province, state, capital, airport, station, port, venue, region, town, ' +
    'thanh pho, tinh, nuoc, quoc gia, thu do, san bay, nha ga, cang, bang, khu vuc, ' +
    'stad, staden, land, landet, provins, flygplats, hamn, delstat',
  true,
);
const PERSON_NOUNS = anyOf(
  'king, queen, president, prime minister, minister, mayor, leader, ambassador, senator, chairman, chairwoman, governor, ' +
    'secretary, official, vua, tong thong, thu tuong, bo truong, thi truong, lanh dao, dai su, thuong nghi si, chu tich, ' +
    'kung, drottning, premiarminister, borgmastare, ledare',
  true,
);

// Day and month names are capitalised in English.
const CALENDAR_WORDS = anyOf(
  'monday, tuesday, wednesday, thursday, friday, saturday, sunday, january, february, march, april, may, june, july, ' +
    'august, september, october, november, december',
  true,
);

/** Is every word of the text part of an office or a common term of the lexicon ("Thứ trưởng Quốc phòng")? */
function onlyTitles(text: string, lexicon: Lexicon): boolean {
  const folded = tokenizeText(text).folded;
  const covered = folded.map(() => false);
  for (const t of lexiconTermsIn(folded, lexicon)) {
    if (t.entry.kind === 'office' || t.entry.kind === 'term') for (let k = t.start; k < t.start + t.length; k++) covered[k] = true;
  }
  return folded.length > 0 && covered.every(Boolean);
}

// A preposition of place, then a run of capitalised words (joined by "of", "và"…): "tại Trụ sở Bộ Quốc phòng", "at
// the Prime Minister's Office" (capitalised words only: "in the morning" names no place).
const PLACE_RUN =
  /(?:^|[\s,(])(?:tại|ở|in|at|i|på|à|au)\s+(?:the\s+)?(\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:of|the|de|du|des|và|and|för|\p{Lu}[\p{L}\p{M}'’-]*))*)/gu;

/** The places of a "where" candidate: introduced by a preposition, else known to the lexicon as places or countries. */
function placesOf(
  chosen: Candidate,
  question: string,
  lexicon: Lexicon,
  kind?: { asked: Concept; tokens: TokenizedText; language: TextLanguage },
): Span[] {
  // "Which country": a foreign country the question does not name, not the city or body the sentence names too.
  if (asksCountry(question)) return answerSpans('where', chosen.text, question, lexicon);
  // "Which state", "sân bay nào": the name right after the kind of place asked ("bang Montana", "sân bay Gimhae").
  if (kind && PLACE_NOUNS.test(fold(kind.asked.label))) {
    const named = namesAfter(kind.asked, chosen.text, kind.tokens, kind.language, question, lexicon).filter(
      (s) => !isVietnam(chosen.text.slice(s.start, s.end), lexicon),
    );
    if (named.length > 0) return named;
  }
  // Vietnam, named everywhere, is no answer to "where" (a question about a place in Vietnam names its city); nor is
  // the place of a dateline.
  const dateline = datelineEnd(chosen.text);
  const introduced = placesIntroduced(chosen.text, question, chosen.passage.language).filter(
    (s) => !isVietnam(chosen.text.slice(s.start, s.end), lexicon) && s.start >= dateline,
  );
  if (introduced.length > 0) return introduced;
  return chosen.spans.filter((span) => {
    const folded = tokenizeText(chosen.text.slice(span.start, span.end)).folded;
    return lexiconTermsIn(folded, lexicon).some((t) => (t.entry.kind === 'place' || t.entry.kind === 'country') && t.start === 0);
  });
}

// Vietnamese capitalises a name's first syllables only ("Trụ sở Bộ Quốc phòng"): after "tại"/"ở", the place runs to
// the next punctuation or function word, 60 characters at most.
// (A dot followed by a letter is an abbreviation's: "Washington D.C.".)
const PLACE_ENDING_WORDS = 'và|của|với|để|cho|từ|trong|khi|đã|sẽ|được|là|có|nhằm|theo|sau|trước|vào|nhân|lúc';
const PLACE_RUN_VI = new RegExp(
  String.raw`(?:^|[\s,(])(?:tại|ở)\s+(\p{Lu}(?:[^,.;:()\n]|\.(?=\p{L})){0,60}?)` +
    String.raw`(?=\s*(?:[,;:()\n]|\.(?!\p{L}))|\s+(?:${PLACE_ENDING_WORDS})\s|\s*$)`,
  'gu',
);

/** The places a sentence introduces with a preposition, beyond what the question says, as spans. */
function placesIntroduced(sentence: string, question: string, language: string): Span[] {
  const asked = new Set(fold(question).match(WORD) ?? []);
  const spans: Span[] = [];
  for (const m of sentence.matchAll(language === 'vi' ? PLACE_RUN_VI : PLACE_RUN)) {
    const run = m[1]!.replace(/(\s+(?:of|the|de|du|des|và|and|för))+$/u, '');
    const start = m.index! + m[0].indexOf(m[1]!);
    const words = fold(run).match(WORD) ?? [];
    if (words.some((w) => !asked.has(w))) spans.push({ start, end: start + run.length });
  }
  return spans;
}

const WHICH = /\b(which|nao|vilk(a|en|et)|quel(le)?s?|welche[rsmn]?)\b/;
// How near the best sentence's score one naming what "which X" asks must come to answer before it.
const WHICH_NAMING_RATIO = 0.9;

const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'de',
  'da',
  'do',
  'dos',
  'das',
  'del',
  'della',
  'di',
  'van',
  'von',
  'der',
  'den',
  'bin',
  'al',
  'el',
  'la',
  'le',
]);

// Lexicon kinds that end a name: "Busan Đoàn Phương Lan" is a city, then a consul; "Đoàn" (delegation) and "Lan"
// are common words of the lexicon, and inside a run of capitals they are part of the name.
const NAME_ENDS: ReadonlySet<string> = new Set(['country', 'place', 'office', 'organisation']);

/** A name found in part, widened to the capitalised words around it that end no name: "Phương" → "Đoàn Phương Lan". */
function wholeName(span: Span, sentence: string, tokens: TokenizedText, lexicon: Lexicon): Span {
  const words = wordSpans(sentence);
  let first = words.findIndex((w) => w.start >= span.start);
  let last = first;
  while (last + 1 < words.length && words[last + 1]!.end <= span.end) last++;
  if (first < 0 || last < first) return span;
  const ends = tokens.cased.map(() => false);
  const terms = lexiconTermsIn(tokens.folded, lexicon);
  for (const t of terms) {
    if (NAME_ENDS.has(t.entry.kind)) for (let k = t.start; k < t.start + t.length; k++) ends[k] = true;
  }
  // A person the lexicon knows is one name whatever its syllables fold to: "Ánh" of "Võ Thị Ánh Xuân" is not "Anh".
  for (const t of terms) {
    if (t.entry.kind === 'person' || t.entry.kind === 'alias') for (let k = t.start; k < t.start + t.length; k++) ends[k] = false;
  }
  // A particle between two capitalised words belongs to the name: "Moreira de Lemos", "Ludwig van Beethoven".
  const particle = (i: number) =>
    NAME_PARTICLES.has(tokens.cased[i] ?? '') && /^\p{Lu}/u.test(tokens.cased[i + 1] ?? '') && /^\p{Lu}/u.test(tokens.cased[i - 1] ?? '');
  const joins = (i: number) =>
    i > 0 &&
    i < tokens.cased.length &&
    (/^\p{Lu}/u.test(tokens.cased[i]!) || (hyphened(i) && /^\p{N}/u.test(tokens.cased[i]!)) || particle(i)) &&
    !ends[i];
  // Only a space or a hyphen stands between the words of a name ("Oyun-Erdene", "Samel-90", "Á-Âu"): "Steve Daines
  // (Cộng hòa…)" ends at the bracket.
  // So does an abbreviation's dot between capital letters ("Washington D.C.").
  const initial = (i: number) => /^\p{Lu}$/u.test(tokens.cased[i] ?? '');
  const spaced = (i: number) =>
    /^(\s+|[-‐]|\s[-–]\s)$/u.test(sentence.slice(words[i]!.end, words[i + 1]!.start)) ||
    (sentence.slice(words[i]!.end, words[i + 1]!.start) === '.' && initial(i) && initial(i + 1));
  const hyphened = (i: number) => i > 0 && /^[-‐]$/u.test(sentence.slice(words[i - 1]!.end, words[i]!.start));
  // A run found across a bracket or a comma ends there: "Steve Daines (Cộng" is "Steve Daines".
  for (let k = first; k < last; k++) {
    if (!spaced(k)) {
      last = k;
      break;
    }
  }
  while (joins(first - 1) && spaced(first - 1)) first--;
  while (joins(last + 1) && spaced(last)) last++;
  // A Vietnamese name of a body ends in a syllable in lower case where a stop word, a mark or the sentence's end
  // follows it: "Ủy ban Chuẩn chi,", "Đại học Kinh tế Quốc dân (NEU)" (not "Busan để", "Tâm Anh ngày 16/9", nor a
  // country's or a place's name, "Việt Nam vừa", nor a foreign one, "Hagerty đối với").
  const next = last + 1;
  const lowerSyllable =
    next < words.length &&
    hasVietnameseLetters(tokens.cased[last]!) &&
    !ends[last] &&
    /^\p{Ll}+$/u.test(tokens.cased[next]!) &&
    spaced(last) &&
    !isStopword(lexicon, tokens.lower[next]!, tokens.folded[next]!) &&
    !lexiconTermsIn(tokens.folded.slice(next, next + 1), lexicon).length &&
    (next + 1 >= words.length ||
      !/^\s+$/u.test(sentence.slice(words[next]!.end, words[next + 1]!.start)) ||
      isStopword(lexicon, tokens.lower[next + 1]!, tokens.folded[next + 1]!));
  if (lowerSyllable) last = next;
  return { start: words[first]!.start, end: endOfName(sentence, words[last]!.end) };
}

/**
 * The names a "which X" question may be asking for: a run of capitalised words (with the lexicon term it opens, so
 * "Liên minh kinh tế Á-Âu" stays whole) standing within three words after X ("bệnh viện đa khoa Tâm Anh", "the
 * carrier Sun Phu Quoc Airways") or right before it ("Sun Phu Quoc Airways carrier"). Words of the question are not
 * the answer.
 */
function namesAfter(asked: Concept, sentence: string, tokens: TokenizedText, language: TextLanguage, question: string, lexicon: Lexicon): Span[] {
  const words = wordSpans(sentence);
  const questionWords = new Set(fold(question).match(WORD) ?? []);
  const capital = (i: number) => i > 0 && /^\p{Lu}/u.test(tokens.cased[i] ?? '') && !questionWords.has(tokens.folded[i]!);
  const terms = lexiconTermsIn(tokens.folded, lexicon);
  // Words of a title or another term of the field ("Thứ trưởng"): no name runs through them.
  const inTerm = new Set(terms.filter((t) => t.length > 1).flatMap((t) => Array.from({ length: t.length }, (_, k) => t.start + k)));
  // Where each occurrence of the asked kind ends: the longest of its forms found there ("Sân bay" of "sân bay quốc tế").
  const ends = new Map<number, number>();
  for (const form of formsFor(asked, language)) {
    for (const at of formPositions(form, tokens, language)) ends.set(at, Math.max(ends.get(at) ?? 0, at + form.folded.length));
  }
  const found: Span[] = [];
  for (const at of conceptPositions(asked, tokens, language)) {
    const after = ends.get(at) ?? at + 1;
    let start = -1;
    for (let i = after; i < Math.min(after + 4, tokens.cased.length); i++) {
      if (capital(i)) {
        start = i;
        break;
      }
    }
    if (start < 0 && capital(at - 1)) {
      let first = at - 1;
      while (capital(first - 1)) first--;
      // A body the lexicon knows, which the run ends ("Liên minh châu Phi (AU), tổ chức …"), is the name whole.
      const known = terms
        .filter((t) => (t.entry.kind === 'organisation' || t.entry.kind === 'place') && t.start <= at - 1 && t.start + t.length > first)
        .sort((a, b) => b.length - a.length)[0];
      if (known) found.push({ start: words[known.start]!.start, end: words[known.start + known.length - 1]!.end });
      else found.push({ start: words[first]!.start, end: words[at - 1]!.end });
      continue;
    }
    if (start < 0) continue;
    let end = start;
    // A name may hold a word in lower case between capitalised ones ("Bệnh viện Đa khoa Tâm Anh"), never a function
    // word ("Sun Phu Quoc Airways và Tập đoàn Boeing" is two names).
    const bridge = (i: number) =>
      /^\p{Ll}/u.test(tokens.cased[i] ?? '') && !inTerm.has(i) && !isStopword(lexicon, tokens.lower[i]!, tokens.folded[i]!) && capital(i + 1);
    while (capital(end + 1) || bridge(end + 1)) end++;
    for (const t of terms) if (t.start === start) end = Math.max(end, t.start + t.length - 1);
    found.push({ start: words[start]!.start, end: endOfName(sentence, words[end]!.end) });
  }
  return found;
}

// Photo and video credits and source lines inside a quote ("Ảnh: TTXVN", "(Nguồn: Kyodo News)", "Video : VTV") say
// nothing about the question unless it asks for a source.
const BRACKETED_CREDIT = /\s*\((?:ảnh|photo|foto|bild|video|nguồn|source|källa)\s*:[^)]{1,60}\)/giu;
const TRAILING_CREDIT =
  /[\s.]+(?:[Ảả]nh|[Pp]hoto|[Ff]oto|[Bb]ild|[Vv]ideo)\s*:\s*[\p{Lu}\p{N}][\p{L}\p{N}.&/-]*(?:\s+[\p{Lu}\p{N}][\p{L}\p{N}.&/-]*){0,3}\s*$/u;

/** Where the photo and video credits of a text stand. */
function creditRanges(text: string): Span[] {
  const ranges = [...text.matchAll(BRACKETED_CREDIT)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  const trailing = TRAILING_CREDIT.exec(text);
  if (trailing) ranges.push({ start: trailing.index, end: trailing.index + trailing[0].length });
  return ranges;
}

/** A quote without its photo or video credits. */
export function withoutCredits(quote: string): string {
  const cleaned = quote.replace(BRACKETED_CREDIT, '').replace(TRAILING_CREDIT, (m) => (m.trimStart().startsWith('.') ? '.' : ''));
  return cleaned.trim() || quote;
}
