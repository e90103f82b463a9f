// What kind of answer a question asks for, read from its wording in English, Vietnamese (with or without
// diacritics) or Swedish: a publication date, a date, a number, a duration, a person, a place, the source of an
// article, a reason, or a fact.
import { fold } from '../text/normalize.js';
import { readTable } from '../text/tables.js';
import type { QuestionType } from './analysis.js';

export type { QuestionType };

const TYPES: ReadonlySet<string> = new Set<QuestionType>(['published', 'when', 'how-many', 'how-long', 'who', 'where', 'source', 'why', 'what']);

/**
 * The cues of `question-cues.tsv`, in file order: each a type, what it is tested on, and its expression. Consecutive
 * cues of one type are alternatives of one expression, matched as whole words; a cue written `=…` stands alone.
 */
function loadCues(): [QuestionType, RegExp, 'folded' | 'marked'][] {
  const cues: [QuestionType, RegExp, 'folded' | 'marked'][] = [];
  let group: { type: QuestionType; on: 'folded' | 'marked'; alternatives: string[] } | null = null;
  const close = () => {
    if (group) cues.push([group.type, new RegExp(`\\b(${group.alternatives.join('|')})\\b`, 'u'), group.on]);
    group = null;
  };
  for (const { cells, line } of readTable(new URL('question-cues.tsv', import.meta.url))) {
    const [type, on, cue] = cells;
    if (!type || !TYPES.has(type) || (on !== 'folded' && on !== 'marked') || !cue) {
      throw new Error(`question-cues.tsv:${line}: expected type<TAB>folded|marked<TAB>cue`);
    }
    if (cue.startsWith('=')) {
      close();
      cues.push([type as QuestionType, new RegExp(cue.slice(1), 'u'), on]);
    } else if (group && group.type === type && group.on === on) group.alternatives.push(cue);
    else {
      close();
      group = { type: type as QuestionType, on, alternatives: [cue] };
    }
  }
  close();
  return cues;
}

const CUES = loadCues();

export function detectQuestionType(question: string): QuestionType {
  const folded = fold(question).replace(/\s+/g, ' ');
  const marked = question.normalize('NFC').toLowerCase().replace(/\s+/g, ' ');
  for (const [type, cue, on] of CUES) if (cue.test(on === 'marked' ? marked : folded)) return type;
  return 'what';
}
