// Data shapes shared by the core and every adapter: zod schemas and the types inferred from them.
import { z } from 'zod';

export const languageSchema = z.enum(['vi', 'en', 'sv', 'other']);
export type Language = z.infer<typeof languageSchema>;

/** A passage of a source text, as stored in the index. Lines are 1-based and inclusive, in the original file. */
export const passageSchema = z.object({
  id: z.string(),
  file: z.string(),
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
  text: z.string(),
});
export type Passage = z.infer<typeof passageSchema>;

/**
 * What the corpus holds about one source file. `language` is an ISO 639-1 code ("vi", "en", "sv", "fr", "de"…) or
 * "other"; `date` is ISO (yyyy-mm-dd, the first of the month or year when only those are known: see `datePrecision`)
 * or null.
 */
export const documentInfoSchema = z.object({
  file: z.string(),
  title: z.string(),
  language: z.string(),
  date: z.string().nullable(),
  datePrecision: z.enum(['day', 'month', 'year']).optional(),
  /** The article gives the day and month without a year ("Ngày 19/2"): the year is the latest it names, a guess. */
  dateYearInferred: z.boolean().optional(),
  publisher: z.string().optional(),
  url: z.string().optional(),
  passageCount: z.number().int().nonnegative(),
});
export type DocumentInfo = z.infer<typeof documentInfoSchema>;

/**
 * A stretch of a citation's `passage`, as character offsets [start, end): the sentence that answers, or the fact
 * inside it.
 */
export const highlightSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  kind: z.enum(['sentence', 'fact']),
});
export type Highlight = z.infer<typeof highlightSchema>;

export const citationSchema = z.object({
  id: z.string(),
  file: z.string(),
  title: z.string(),
  date: z.string().nullable(),
  datePrecision: z.enum(['day', 'month', 'year']).optional(),
  /** The article gives the day and month without a year ("Ngày 19/2"): the year is the latest it names, a guess. */
  dateYearInferred: z.boolean().optional(),
  publisher: z.string().optional(),
  url: z.string().optional(),
  /** ISO 639-1 code of the article's language, or "other". */
  language: z.string().optional(),
  startLine: z.number().int().positive(),
  endLine: z.number().int().positive(),
  passage: z.string(),
  score: z.number(),
  /** The answering sentence and the fact in `passage`, when the answer quotes it. */
  highlights: z.array(highlightSchema).optional(),
});
export type Citation = z.infer<typeof citationSchema>;

export const shortAnswerKinds = ['date', 'number', 'amount', 'name', 'place', 'list'] as const;

/**
 * The fact asked for, in the asker's language, taken from a cited sentence (never written from nothing): "1992",
 * "more than 100 countries", "US$2.2 billion", "Tô Lâm", or a list of them. `citation` is the 1-based marker of the
 * citation whose passage holds it; a list's items each carry their own.
 */
export const shortAnswerSchema = z.object({
  text: z.string(),
  kind: z.enum(shortAnswerKinds),
  citation: z.number().int().positive(),
  items: z.array(z.object({ text: z.string(), citation: z.number().int().positive() })).optional(),
});
export type ShortAnswer = z.infer<typeof shortAnswerSchema>;

/** The one answer shape every adapter shows. Markers [1], [2] in `answer` point into `citations` (1-based). */
export const answerSchema = z.object({
  question: z.string(),
  answer: z.string(),
  /** The fact first, when the question asks for a typed fact and a cited sentence holds one. */
  short: shortAnswerSchema.optional(),
  abstained: z.boolean(),
  language: languageSchema,
  mode: z.enum(['extractive', 'generated']),
  notice: z.string().optional(),
  citations: z.array(citationSchema),
  timingsMs: z.object({ retrieve: z.number(), answer: z.number(), total: z.number() }),
});
export type Answer = z.infer<typeof answerSchema>;

/** What an adapter can say about the index it answers from. */
export const indexInfoSchema = z.object({
  buildId: z.string(),
  builtAt: z.string(),
  embedder: z.string(),
  documents: z.number().int(),
  passages: z.number().int(),
});
export type IndexInfo = z.infer<typeof indexInfoSchema>;
