// The fixed list of questions the bench asks: every seed eval set in tests/fixtures/*.jsonl, plus
// ../shared/eval/dev.jsonl when present; a question asked by two sets is asked once.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readItems, type EvalItem } from './score-rules.js';

export interface QuestionSet {
  items: EvalItem[];
  /** Each file read, with how many of its questions were new. */
  sources: { path: string; read: number; added: number }[];
}

/** The question files of the bench, in a fixed order (the fixtures by name, then the shared dev set). */
export function questionFiles(root: string): string[] {
  const fixtures = join(root, 'tests/fixtures');
  const files = readdirSync(fixtures)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(fixtures, f));
  const dev = resolve(root, '../shared/eval/dev.jsonl');
  if (existsSync(dev)) files.push(dev);
  return files;
}

/** The items of `files`, first occurrence of each question text kept (compared without case or extra spaces). */
export function loadQuestions(files: string[], root = process.cwd()): QuestionSet {
  const seen = new Set<string>();
  const items: EvalItem[] = [];
  const sources: QuestionSet['sources'] = [];
  for (const path of files) {
    const read = readItems(path);
    let added = 0;
    for (const item of read) {
      const key = item.q.replace(/\s+/g, ' ').trim().toLowerCase();
      if (!key || seen.has(key)) continue;
      seen.add(key);
      items.push({ ...item, q: item.q.replace(/\n/g, ' ') });
      added++;
    }
    sources.push({ path: relative(root, path) || path, read: read.length, added });
  }
  return { items, sources };
}
