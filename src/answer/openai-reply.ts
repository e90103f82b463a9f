// Reading the model's reply: JSON (strict, JSON mode or loose text) validated with the reply schema, then every
// citation checked against the passages sent and renumbered to the order the answer cites them in.
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { modelReplySchema, type ModelReply } from './openai-prompt.js';

export type ReplyProblem = 'malformed' | 'refused' | 'truncated' | 'empty';

export type ReadReply = { ok: true; reply: ModelReply } | { ok: false; problem: ReplyProblem; detail: string };

/** The JSON object in `text`: the whole text, a fenced ```json block, or the outermost {...} in prose. */
function extractJson(text: string): unknown {
  const trimmed = text.trim();
  const candidates = [trimmed];
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(trimmed);
  if (fenced?.[1]) candidates.push(fenced[1].trim());
  const start = trimmed.indexOf('{');
  const end = trimmed.lastIndexOf('}');
  if (start >= 0 && end > start) candidates.push(trimmed.slice(start, end + 1));
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next shape
    }
  }
  throw new Error('no JSON object in the reply');
}

/** Parses reply text with the same zod schema whatever response format produced it. */
export function parseReplyText(text: string): ReadReply {
  if (!text.trim()) return { ok: false, problem: 'empty', detail: 'empty reply' };
  let json: unknown;
  try {
    json = extractJson(text);
  } catch (error) {
    return { ok: false, problem: 'malformed', detail: (error as Error).message };
  }
  const parsed = modelReplySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      problem: 'malformed',
      detail: `reply does not match the schema (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'})`,
    };
  }
  return { ok: true, reply: parsed.data };
}

/** The reply of a chat completion, or why there is none (refusal, content filter, cut off, no choice). */
export function readCompletion(completion: ChatCompletion): ReadReply {
  const choice = completion.choices?.[0];
  if (!choice?.message) return { ok: false, problem: 'malformed', detail: 'no choice in the completion' };
  const { message } = choice;
  if (typeof message.refusal === 'string' && message.refusal.trim()) return { ok: false, problem: 'refused', detail: 'the model refused' };
  if (choice.finish_reason === 'content_filter') return { ok: false, problem: 'refused', detail: 'content filter' };
  if (choice.finish_reason === 'length') return { ok: false, problem: 'truncated', detail: 'the reply was cut off (length)' };
  return parseReplyText(typeof message.content === 'string' ? message.content : '');
}

export interface CheckedCitations {
  /** Answer text with markers renumbered 1..n in order of first appearance; markers to unknown passages removed. */
  text: string;
  /** 0-based indexes of the passages sent, in the new marker order. */
  order: number[];
  /** Citation numbers the model gave that name no passage sent (each once). */
  dropped: number[];
}

// [3], [1, 2], [1][2] (two groups), [2-4] and [2–4].
const MARKER_GROUP = /\s?\[(\s*\d+(?:\s*(?:[,;]|-|–|and)\s*\d+)*\s*)\]/g;

function groupNumbers(body: string): number[] {
  const out: number[] = [];
  for (const part of body.split(/\s*(?:[,;]|and)\s*/)) {
    const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part.trim());
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to >= from && to - from < 20) for (let n = from; n <= to; n++) out.push(n);
      else out.push(from, to);
    } else if (part.trim()) out.push(Number(part.trim()));
  }
  return out;
}

/**
 * Keeps only citations of passages 1..`passageCount`, renumbers them to the order the answer cites them in and
 * rewrites the markers to match. Numbers listed in `citations` but not marked in the text follow, as supporting
 * sources; when the text has no valid marker at all they are appended as markers at its end.
 */
export function checkCitations(reply: Pick<ModelReply, 'answer' | 'citations'>, passageCount: number): CheckedCitations {
  const valid = (n: number) => Number.isInteger(n) && n >= 1 && n <= passageCount;
  const order: number[] = [];
  const dropped: number[] = [];
  const drop = (n: number) => {
    if (!dropped.includes(n)) dropped.push(n);
  };
  const renumber = (n: number) => {
    let at = order.indexOf(n - 1);
    if (at < 0) at = order.push(n - 1) - 1;
    return at + 1;
  };
  let text = reply.answer.replace(MARKER_GROUP, (whole, body: string) => {
    const numbers = [...new Set(groupNumbers(body))];
    const kept = numbers.filter(valid);
    numbers.filter((n) => !valid(n)).forEach(drop);
    if (kept.length === 0) return '';
    const space = whole.startsWith(' ') || whole.startsWith('\n') ? whole[0]! : '';
    return space + kept.map((n) => `[${renumber(n)}]`).join('');
  });
  const listed = [...new Set(reply.citations)];
  listed.filter((n) => !valid(n)).forEach(drop);
  const unmarked = listed.filter((n) => valid(n) && !order.includes(n - 1));
  if (order.length === 0 && unmarked.length > 0) {
    const markers = unmarked.map((n) => `[${renumber(n)}]`).join('');
    const body = text.trimEnd();
    const end = /[.!?…]$/u.test(body) ? body.slice(-1) : '';
    text = `${body.slice(0, body.length - end.length)} ${markers}${end}`;
  } else {
    for (const n of unmarked) order.push(n - 1);
  }
  // Removing a marker can leave "word ." or doubled spaces behind.
  text = text
    .replace(/[ \t]+([.,;:!?])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
  return { text, order, dropped };
}
