// What the core reads from a question: plain data, shared by retrieval and every answerer.
import type { LexForm } from '../lexicon/forms.js';
import type { Language } from '../types.js';

export type QuestionType = 'published' | 'when' | 'how-many' | 'how-long' | 'who' | 'where' | 'source' | 'why' | 'what';

/**
 * - country: a country or territory (lexicon); place: a city, province, sea…; organisation: an institution, grouping
 *   or agreement; person: a person the lexicon knows; glossary: the field's vocabulary (offices, relations, trade…)
 * - name: a capitalised word or run of them the lexicon does not know; number: digits, years, ordinals; word: any
 *   other word of the question
 */
export type ConceptKind = 'country' | 'place' | 'organisation' | 'person' | 'glossary' | 'name' | 'number' | 'word';

export interface Concept {
  kind: ConceptKind;
  /** The question's own words for it. */
  label: string;
  /** The ways it is written in the corpus languages. */
  forms: LexForm[];
  /** ISO code when the concept is a country (or a place of one). */
  country?: string;
  /** For a country: its capital and its people the lexicon knows, which make an article about it when its headline
   * names them ("Emmanuel Macron à Hanoï" is about France). */
  headlineForms?: LexForm[];
  /** Names the article rather than the answer ("according to the article on the state visit"): matched per document. */
  context?: boolean;
  /** "first", "new", "important": never the focus of a question. */
  modifier?: boolean;
  /** The words of a name of several words, each a name concept of its own. */
  parts?: Concept[];
}

export interface QueryAnalysis {
  question: string;
  language: Language;
  type: QuestionType;
  concepts: Concept[];
  /** Full names of several words ("Phạm Minh Chính"), each also a concept word by word: the whole must occur somewhere. */
  nameRuns: Concept[];
  /** What "how many" counts ("how many terminals", "bao nhiêu nhân viên"): an index into `concepts`, or -1. */
  counted: number;
  /** The thing a "what / which" question asks about ("what bilateral trade target", "sân bay nào", "vilket
   * universitet"): an index into `concepts`, or -1. */
  asked: number;
  /** Question and expansions as one text, for the dense side. */
  expandedText: string;
}

/** What question analysis may ask of the corpus's vocabulary. */
export interface CorpusVocabulary {
  /** Does this folded two-word sequence occur in the corpus? Used to keep Vietnamese compounds together. */
  hasBigram(first: string, second: string): boolean;
  /** Does this folded word occur in the corpus? Used to find "Busan" in "Busans" and "Dreamliner" in "Dreamliners". */
  hasWord(word: string): boolean;
  /** Corpus words one letter away from this folded word: how the corpus spells a name ("Sergey" for "Sergei"). */
  spellingsOf?(word: string): string[];
}
