// Cleans one source text: NFC, web boilerplate removed, hard-wrapped lines reflowed, with a map back to line numbers.
import { stripControls } from '../text/control-chars.js';
import { countWords, toNfc } from '../text/normalize.js';

export interface SourceLine {
  /** 1-based line number in the original file. */
  line: number;
  text: string;
}

/** A reflowed paragraph: `segments` map character offsets in `text` back to original lines. */
export interface Paragraph {
  text: string;
  startLine: number;
  endLine: number;
  segments: { offset: number; line: number }[];
  kind: 'body' | 'heading' | 'attribution';
}

export interface CleanedText {
  paragraphs: Paragraph[];
  /** Original line numbers of non-blank lines removed as boilerplate. */
  droppedLines: number[];
}

// Comment, login and sharing widgets: short lines made only of such phrases (vi, sv, en).
const WIDGET_LINES: RegExp[] = [
  /^(bình luận|ý kiến( bạn đọc)?|comments?|kommentar(er)?|kommentera|thảo luận|discussion)(\s*\(\d+\))?$/iu,
  /^(đăng nhập|đăng ký|log ?in|sign ?in|sign ?up|logga in|registrera dig)\b/iu,
  /^((facebook|google|twitter|zalo|linkedin|email|e-post|x)\s*)+$/iu,
  /^(thông báo|chia sẻ|share|dela|in bài|print|skriv ut|tweet|thích|like|gilla|gửi|send|skicka|quay lại|về đầu trang|back to top|tillbaka)$/iu,
  /(đã gửi thành công|gửi thành công|sent successfully|har skickats|tack för din kommentar)\.?$/iu,
  /^(tags?|từ khóa|từ khoá|nyckelord|taggar|ämnen)\s*:/iu,
];
const SEPARATOR_LINE = /^[\s\-=_*·•~#]{3,}$/u;
// "Nguồn: baochinhphu.vn", "Theo TTXVN", "Källa: TT", a bare "Vnexpress.net": the attribution is article content.
const ATTRIBUTION = /^(?:(nguồn|source|källa|theo)\s*:?\s*\S.{0,60}|[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.(vn|com|net|org|se|info|gov|edu)(\/\S*)?)$/iu;
const TERMINAL = /[.!?…:;"”»)]$/u;

/**
 * Splits raw text into NFC lines with their 1-based numbers; non-breaking spaces become spaces, terminal escape
 * sequences and control characters go (a file's text reaches terminals and chat messages).
 */
export function splitSourceLines(raw: string): SourceLine[] {
  return toNfc(stripControls(raw.replace(/^\uFEFF/, '')))
    .split(/\r\n|\r|\n/)
    .map((text, i) => ({
      line: i + 1,
      text: text
        .replace(/[\u00a0\u2007\u202f]/g, ' ')
        .replace(/\s+$/u, '')
        .replace(/^\s+/u, ''),
    }));
}

export function isWidgetLine(text: string): boolean {
  return countWords(text) <= 10 && !isAttribution(text) && WIDGET_LINES.some((re) => re.test(text.trim()));
}

export function isAttribution(text: string): boolean {
  return ATTRIBUTION.test(text.trim());
}

/**
 * Documents whose paragraphs are hard-wrapped: most lines followed by another non-blank line do not end a sentence.
 * and many continue in lower case. In such a document a block of lines is one paragraph; elsewhere each line is one.
 */
export function isHardWrapped(lines: SourceLine[]): boolean {
  let continued = 0;
  let open = 0;
  let lowerNext = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i]!.text || !lines[i + 1]!.text) continue;
    continued++;
    if (TERMINAL.test(lines[i]!.text)) continue;
    open++;
    if (/^\p{Ll}/u.test(lines[i + 1]!.text)) lowerNext++;
  }
  // A list of headlines also has many open lines, but each of its lines starts a new capitalised item.
  return continued >= 3 && open / continued >= 0.5 && lowerNext / open >= 0.3;
}

/** Joins lines into paragraphs, keeping the offset of each line inside its paragraph. Blank lines separate blocks. */
export function reflowLines(lines: SourceLine[]): Paragraph[] {
  const hardWrapped = isHardWrapped(lines);
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | null = null;
  let previous: SourceLine | null = null;
  for (const line of lines) {
    if (!line.text) {
      current = null;
      previous = null;
      continue;
    }
    const continues = current !== null && previous !== null && (hardWrapped || (!TERMINAL.test(previous.text) && /^\p{Ll}/u.test(line.text)));
    if (current && continues) {
      current.segments.push({ offset: current.text.length + 1, line: line.line });
      current.text += ' ' + line.text;
      current.endLine = line.line;
    } else {
      current = { text: line.text, startLine: line.line, endLine: line.line, segments: [{ offset: 0, line: line.line }], kind: 'body' };
      paragraphs.push(current);
    }
    previous = line;
  }
  for (const p of paragraphs) p.kind = classifyParagraph(p.text);
  return paragraphs;
}

function classifyParagraph(text: string): Paragraph['kind'] {
  if (isAttribution(text)) return 'attribution';
  const letters = text.match(/\p{L}/gu) ?? [];
  if (countWords(text) >= 2 && letters.length >= 6 && letters.every((c) => c === c.toUpperCase())) return 'heading';
  return 'body';
}

/** A short section header made of words only: "Cùng chuyên mục", "Tin liên quan", "Läs också", "Related". */
function isSectionHeader(text: string): boolean {
  const words = countWords(text);
  return words >= 1 && words <= 5 && /^\p{Lu}[\p{L} ]*$/u.test(text) && !isAttribution(text);
}

/** A headline in a list of links: a short line that does not end a sentence, or a teaser cut off with an ellipsis. */
function isHeadlineLike(text: string): boolean {
  const words = countWords(text);
  if (/(\.\.\.|…)$/u.test(text)) return words <= 60;
  return words >= 2 && words <= 30 && !TERMINAL.test(text) && !isAttribution(text);
}

/**
 * Finds related-article and most-read lists: a short header followed by three or more headline-like paragraphs
 * (repeated headlines and teasers count; a short complete sentence inside the run counts when the run goes on
 * after it). Returns the indexes of the paragraphs to drop.
 */
export function findHeadlineRuns(paragraphs: Paragraph[]): Set<number> {
  const drop = new Set<number>();
  const seen = new Set<string>();
  const repeated = paragraphs.map((p, i) => {
    const isRepeat = seen.has(p.text) || paragraphs[i + 1]?.text === p.text;
    seen.add(p.text);
    return isRepeat;
  });
  const listItem = (i: number) => {
    const p = paragraphs[i];
    return p !== undefined && p.kind !== 'attribution' && (isHeadlineLike(p.text) || (repeated[i] === true && countWords(p.text) <= 40));
  };
  for (let h = 0; h < paragraphs.length; h++) {
    if (drop.has(h) || !isSectionHeader(paragraphs[h]!.text)) continue;
    let end = h;
    let items = 0;
    for (let j = h + 1; j < paragraphs.length; j++) {
      const shortSentence = countWords(paragraphs[j]!.text) <= 40;
      if (listItem(j) || (items > 0 && shortSentence && listItem(j + 1))) {
        items++;
        end = j;
      } else break;
    }
    if (items >= 3) for (let k = h; k <= end; k++) drop.add(k);
  }
  // A headline repeated elsewhere in the text is a link list even without a header; so is the teaser under it.
  paragraphs.forEach((p, i) => {
    if (repeated[i] && isHeadlineLike(p.text) && p.kind !== 'heading') drop.add(i);
    else if (drop.has(i - 1) && /(\.\.\.|…)$/u.test(p.text) && countWords(p.text) <= 60) drop.add(i);
  });
  return drop;
}

/** Cleans a raw text: widget and separator lines dropped, lines reflowed, headline lists dropped. */
export function cleanText(raw: string): CleanedText {
  const lines = splitSourceLines(raw);
  const droppedLines: number[] = [];
  const kept = lines.map((l) => {
    if (l.text && (isWidgetLine(l.text) || SEPARATOR_LINE.test(l.text))) {
      droppedLines.push(l.line);
      return { line: l.line, text: '' };
    }
    return l;
  });
  const paragraphs = reflowLines(kept);
  const drop = findHeadlineRuns(paragraphs);
  const result: Paragraph[] = [];
  paragraphs.forEach((p, i) => {
    if (!drop.has(i)) return void result.push(p);
    for (const s of p.segments) droppedLines.push(s.line);
  });
  return { paragraphs: result, droppedLines: droppedLines.sort((a, b) => a - b) };
}

/** The original line holding character `offset` of a paragraph. */
export function lineAt(paragraph: Paragraph, offset: number): number {
  let line = paragraph.startLine;
  for (const s of paragraph.segments) {
    if (s.offset > offset) break;
    line = s.line;
  }
  return line;
}
