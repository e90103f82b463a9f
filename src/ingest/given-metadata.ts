// Metadata a newsroom states for an article rather than leaving it to be read from the text: a front matter block at
// the top of the file (`---`, YAML, `---`) and the corpus folder's `metadata.json` (file name → fields). What is
// stated there wins over what is inferred. A malformed block or file is reported (file, line, what is wrong) and the
// article is still indexed, with inferred metadata for what could not be read. Pure: the caller reads the files.
import { createRequire } from 'node:module';

// The YAML parser is loaded when a file first has front matter: a process that only answers never needs it, and it
// costs about 40 ms of a one-shot CLI start.
let yamlModule: typeof import('yaml') | null = null;
const yamlParser = () => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
import { findFullDates, type DatePrecision } from './metadata.js';

/** Fields an article's metadata may state. `date` is already checked and made ISO, with its precision. */
export interface GivenMetadata {
  title?: string;
  date?: string;
  datePrecision?: DatePrecision;
  publisher?: string;
  url?: string;
  language?: string;
}

/** A problem with stated metadata: where it is (the file holding it, 1-based line when known) and what it is. */
export interface MetadataWarning {
  file: string;
  line: number | null;
  message: string;
}

export const METADATA_KEYS = ['title', 'date', 'publisher', 'url', 'language'] as const;

/** `file:line: message`, as a warning is shown. */
export function formatWarning(w: MetadataWarning): string {
  return `${w.file}${w.line !== null ? `:${w.line}` : ''}: ${w.message}`;
}

/** A stated date: yyyy, yyyy-mm, yyyy-mm-dd, or any full date the article reader knows ("27 November 2023"). */
export function parseGivenDate(value: string): { date: string; precision: DatePrecision } | null {
  const v = value.trim();
  let m = /^(\d{4})$/.exec(v);
  if (m && +m[1]! >= 1900 && +m[1]! <= 2100) return { date: `${m[1]}-01-01`, precision: 'year' };
  m = /^(\d{4})-(\d{1,2})$/.exec(v);
  if (m && +m[1]! >= 1900 && +m[1]! <= 2100 && +m[2]! >= 1 && +m[2]! <= 12)
    return { date: `${m[1]}-${m[2]!.padStart(2, '0')}-01`, precision: 'month' };
  // An ISO date with a time ("2023-11-27T10:00:00+07:00") is that day.
  const full = findFullDates(v.replace(/^(\d{4}-\d{2}-\d{2})[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?$/, '$1'));
  if (full.length === 1 && v.replace(/[\d\s\p{P}]/gu, '').length <= 12) return { date: full[0]!, precision: 'day' };
  return null;
}

/**
 * Checks one set of stated fields (`fields`: key → value as written) and keeps the sound ones. `lineOf` gives the
 * line of a key for the warning.
 */
function checkFields(
  file: string,
  fields: [string, unknown][],
  lineOf: (key: string) => number | null,
  where: string,
): { given: GivenMetadata; warnings: MetadataWarning[] } {
  const given: GivenMetadata = {};
  const warnings: MetadataWarning[] = [];
  const warn = (key: string, message: string) => warnings.push({ file, line: lineOf(key), message: `${where}: ${message}` });
  for (const [key, raw] of fields) {
    if (!(METADATA_KEYS as readonly string[]).includes(key)) {
      warn(key, `unknown key "${key}" (known: ${METADATA_KEYS.join(', ')}); ignored`);
      continue;
    }
    if (raw === null || raw === undefined || (typeof raw !== 'string' && typeof raw !== 'number')) {
      warn(key, `"${key}" must be a text value; ignored`);
      continue;
    }
    const value = String(raw).trim();
    if (!value) {
      warn(key, `"${key}" is empty; ignored`);
      continue;
    }
    if (key === 'date') {
      const date = parseGivenDate(value);
      if (!date) warn(key, `"date" is not a date (${JSON.stringify(value)}; expected yyyy-mm-dd, yyyy-mm or yyyy); inferred from the text instead`);
      else {
        given.date = date.date;
        given.datePrecision = date.precision;
      }
    } else if (key === 'url') {
      let ok = false;
      try {
        ok = /^https?:$/.test(new URL(value).protocol);
      } catch {
        ok = false;
      }
      if (ok) given.url = value;
      else warn(key, `"url" is not an http(s) URL (${JSON.stringify(value)}); ignored`);
    } else if (key === 'language') {
      if (/^[a-z]{2}$/.test(value.toLowerCase())) given.language = value.toLowerCase();
      else warn(key, `"language" must be a two-letter ISO 639-1 code (${JSON.stringify(value)}); detected from the text instead`);
    } else if (key === 'title') given.title = value.replace(/\s+/g, ' ');
    else given.publisher = value.replace(/\s+/g, ' ');
  }
  return { given, warnings };
}

/** A front matter block's own lines: a first line `---`, then `key: value` lines, then a closing `---` (or `...`). */
const FENCE = /^---\s*$/;
const CLOSE = /^(?:---|\.\.\.)\s*$/;
const KEY_LINE = /^[A-Za-z_][\w-]*\s*:/;
/** How far down a closing fence is looked for: a front matter block is a few lines, not an article. */
const MAX_FRONT_MATTER_LINES = 60;

export interface FrontMatter {
  /** The file's text with the block's lines left blank: line numbers stay those of the file. */
  text: string;
  given: GivenMetadata;
  warnings: MetadataWarning[];
}

/**
 * Reads a front matter block at the top of `raw`. A first line `---` followed by something other than a `key:` line
 * is no front matter (an article may open with a rule): the text is returned as it is, without a warning. A block
 * that is never closed is reported and read as article text (nothing is lost); a closed block is always taken out of
 * the text, and what of it cannot be read is reported.
 */
export function readFrontMatter(file: string, raw: string): FrontMatter {
  const lines = raw.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (!FENCE.test(lines[0] ?? '')) return { text: raw, given: {}, warnings: [] };
  const firstContent = lines.slice(1).findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (firstContent < 0 || !KEY_LINE.test(lines[1 + firstContent]!)) return { text: raw, given: {}, warnings: [] };
  const close = lines.findIndex((l, i) => i > 0 && i <= MAX_FRONT_MATTER_LINES && CLOSE.test(l));
  if (close < 0) {
    return {
      text: raw,
      given: {},
      warnings: [{ file, line: 1, message: `front matter: the block opened by "---" is not closed by a "---" line; read as article text` }],
    };
  }
  const text = lines.map((l, i) => (i <= close ? '' : l)).join('\n');
  const { isMap, isScalar, LineCounter, parseDocument } = yamlParser();
  const counter = new LineCounter();
  const yaml = lines.slice(1, close).join('\n');
  const doc = parseDocument(yaml, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  // Line 1 is the opening fence: the YAML's line n is the file's line n + 1.
  const fileLine = (offset: number) => counter.linePos(offset).line + 1;
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    return {
      text,
      given: {},
      warnings: [
        { file, line: fileLine(e.pos[0]), message: `front matter is not valid YAML (${e.message.split('\n')[0]}); metadata inferred from the text` },
      ],
    };
  }
  if (!isMap(doc.contents)) {
    return {
      text,
      given: {},
      warnings: [{ file, line: 2, message: 'front matter is not a list of "key: value" lines; metadata inferred from the text' }],
    };
  }
  const keyLines = new Map<string, number>();
  const fields: [string, unknown][] = [];
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (isScalar(pair.key) && pair.key.range) keyLines.set(key, fileLine(pair.key.range[0]));
    fields.push([key, isScalar(pair.value) ? pair.value.value : pair.value === null ? null : { nested: true }]);
  }
  const { given, warnings } = checkFields(file, fields, (key) => keyLines.get(key) ?? null, 'front matter');
  return { text, given, warnings };
}

/** The name of the corpus folder's metadata file. */
export const METADATA_FILE = 'metadata.json';

/**
 * Reads `metadata.json`: `{ "<file name>": { "title": …, "date": …, "publisher": …, "url": … }, … }`. Malformed JSON
 * is reported with its line and nothing is taken from it; a malformed entry or field is reported and skipped.
 */
export function parseMetadataJson(text: string, file = METADATA_FILE): { entries: Map<string, GivenMetadata>; warnings: MetadataWarning[] } {
  const entries = new Map<string, GivenMetadata>();
  const warnings: MetadataWarning[] = [];
  const lineAt = (offset: number) => text.slice(0, Math.max(0, offset)).split('\n').length;
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = (error as Error).message;
    // (V8 names the offset of the error, or says the text ended early: then the error is on the last line.)
    const position = /position (\d+)/.exec(message);
    const line = position ? lineAt(+position[1]!) : /end of JSON/i.test(message) ? text.trimEnd().split('\n').length : null;
    warnings.push({ file, line, message: `not valid JSON (${message}); no metadata taken from it` });
    return { entries, warnings };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    warnings.push({
      file,
      line: 1,
      message: 'must be a JSON object mapping file names to { title, date, publisher, url }; no metadata taken from it',
    });
    return { entries, warnings };
  }
  // (JSON.parse keeps no positions: a key's line is where its quoted name first stands.)
  const lineOfKey = (key: string, from = 0) => {
    const at = text.indexOf(JSON.stringify(key), from);
    return at < 0 ? null : lineAt(at);
  };
  for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
    const entryAt = text.indexOf(JSON.stringify(name));
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      warnings.push({ file, line: lineOfKey(name), message: `entry "${name}" must be an object { title, date, publisher, url }; ignored` });
      continue;
    }
    const checked = checkFields(
      file,
      Object.entries(value as Record<string, unknown>),
      (key) => lineOfKey(key, Math.max(0, entryAt)),
      `entry "${name}"`,
    );
    warnings.push(...checked.warnings);
    entries.set(name, checked.given);
  }
  return { entries, warnings };
}
