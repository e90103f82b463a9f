// Written answers from an OpenAI-compatible server (openai SDK): structured JSON, every citation checked against
// the passages sent, and the extractive answer (with a notice saying why) whenever the written one cannot be used.
import type OpenAI from 'openai';
import { APIError } from 'openai';
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { loadLexicon, type Lexicon } from '../lexicon/load-lexicon.js';
import type { AnswerDraft, AnswerInput, Answerer } from '../ports.js';
import { checkGrounding } from './grounding.js';
import { notCovered } from './messages.js';
import {
  classifyFailure,
  defaultRetryOptions,
  redactSecrets,
  sharedApiLimiter,
  withRetries,
  type ConcurrencyLimiter,
  type RetryOptions,
} from '../openai/client.js';
import { droppedCitationsNotice, fallbackNotice, type FallbackReason } from './openai-messages.js';
import { buildMessages, replyFormats, responseFormatFor, type ReplyFormat } from './openai-prompt.js';
import { checkCitations, readCompletion } from './openai-reply.js';

export interface OpenAIAnswererOptions {
  client: OpenAI;
  /** Chat model name (CHAT_MODEL). */
  model: string;
  /** Writes the answer when the model's cannot be used: the extractive answerer. */
  fallback: Answerer;
  /** Budget of one answer, every attempt, backoff and wait for a free slot included (ms). */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  /** Limits concurrent API calls; the process-wide limiter by default. */
  limiter?: ConcurrencyLimiter;
  /** One line per answer (tokens, latency, outcome) and per retry or format change. Never given the key. */
  log?: (message: string) => void;
  /** Strings removed from anything logged (the API key). */
  secrets?: (string | undefined)[];
  /** Response format tried first; later answers start from the one the server accepted. */
  format?: ReplyFormat;
  /** The lexicon sentences are read with when checking that the sources support them; the general one by default. */
  lexicon?: () => Lexicon;
}

interface CallStats {
  attempts: number;
  format: ReplyFormat;
  prompt: number;
  completion: number;
  total: number;
  usageKnown: boolean;
}

const defaultLexicon = () => loadLexicon();

/** A server that does not support a response format answers 400 or 422: try the next, weaker one. */
function isFormatRefusal(error: unknown): boolean {
  return error instanceof APIError && (error.status === 400 || error.status === 422);
}

export class OpenAIAnswerer implements Answerer {
  readonly name: string;
  private format: ReplyFormat;
  private readonly timeoutMs: number;
  private readonly retry: RetryOptions;
  private readonly limiter: ConcurrencyLimiter;

  constructor(private readonly options: OpenAIAnswererOptions) {
    this.name = `openai/${options.model}`;
    this.format = options.format ?? 'json_schema';
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.retry = { ...defaultRetryOptions, ...options.retry };
    this.limiter = options.limiter ?? sharedApiLimiter();
  }

  /** The response format the next answer starts with. */
  get currentFormat(): ReplyFormat {
    return this.format;
  }

  private log(message: string): void {
    this.options.log?.(redactSecrets(message, this.options.secrets));
  }

  async answer(input: AnswerInput): Promise<AnswerDraft> {
    const started = performance.now();
    const stats: CallStats = { attempts: 0, format: this.format, prompt: 0, completion: 0, total: 0, usageKnown: false };
    const deadline = Date.now() + this.timeoutMs;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
    const messages = buildMessages(input);

    let completion: ChatCompletion;
    try {
      completion = await this.complete(messages, signal, deadline, stats);
    } catch (error) {
      if (input.signal?.aborted) throw error; // the caller cancelled: no answer wanted
      const kind = classifyFailure(error, timeout.aborted || Date.now() >= deadline);
      const reason: FallbackReason = kind === 'cancelled' ? 'timeout' : kind;
      return this.fallBack(input, reason, (error as Error).message, stats, started);
    }

    const read = readCompletion(completion);
    if (!read.ok) return this.fallBack(input, read.problem === 'refused' ? 'refused' : 'malformed', read.detail, stats, started);
    const { reply } = read;
    if (reply.abstained) {
      // Our own wording: a model talked into "abstaining" with some other text cannot pass that text on.
      this.report('abstained', stats, started, { citations: 0, dropped: 0 });
      return { text: notCovered(input.language, []), abstained: true, cited: [], mode: 'generated' };
    }
    const checked = checkCitations(reply, input.passages.length);
    const words = checked.text.replace(/\[\d+\]/g, '');
    if (!/[\p{L}\p{N}]/u.test(words)) return this.fallBack(input, 'malformed', 'the answer text is empty', stats, started);
    if (checked.order.length === 0) {
      const detail = checked.dropped.length ? `cited only passages not sent: ${checked.dropped.join(', ')}` : 'no citation';
      return this.fallBack(input, 'no-valid-citation', detail, stats, started);
    }
    // Valid markers are not enough: what each sentence says must be in the passages it cites (a model may obey an
    // instruction planted in a source and cite that source for it).
    const cited = checked.order.map((i) => input.passages[i]!);
    const grounding = checkGrounding(checked.text, cited, (this.options.lexicon ?? defaultLexicon)());
    if (!grounding.grounded) {
      const what = grounding.problem === 'link' ? 'links not in its sources' : 'not in its sources';
      const detail = `sentence ${grounding.sentence}: ${what}: ${grounding.missing.slice(0, 6).join(', ')}`;
      return this.fallBack(input, grounding.problem === 'link' ? 'unsourced-link' : 'ungrounded', detail, stats, started);
    }
    this.report('generated', stats, started, { citations: checked.order.length, dropped: checked.dropped.length });
    return {
      text: checked.text,
      abstained: false,
      cited,
      mode: 'generated',
      ...(checked.dropped.length ? { notice: droppedCitationsNotice(input.language, checked.dropped.length) } : {}),
    };
  }

  /** One chat completion under the deadline: retried on 429/5xx, and on a refused response format, the next one. */
  private async complete(messages: ChatCompletionMessageParam[], signal: AbortSignal, deadline: number, stats: CallStats): Promise<ChatCompletion> {
    const first = replyFormats.indexOf(this.format);
    for (let i = first; ; i++) {
      const format = replyFormats[i]!;
      stats.format = format;
      try {
        const completion = await withRetries(
          () => {
            stats.attempts++;
            return this.limiter.run(
              () =>
                this.options.client.chat.completions.create(
                  { model: this.options.model, messages, ...responseFormatFor(format) },
                  { signal, maxRetries: 0, timeout: Math.max(1, deadline - Date.now()) },
                ),
              signal,
            );
          },
          this.retry,
          {
            signal,
            deadline,
            onRetry: (error, attempt, delayMs) =>
              this.log(`openai: chat attempt ${attempt} failed (${(error as Error).message}); retrying in ${Math.round(delayMs)} ms`),
          },
        );
        if (completion.usage) {
          stats.usageKnown = true;
          stats.prompt += completion.usage.prompt_tokens ?? 0;
          stats.completion += completion.usage.completion_tokens ?? 0;
          stats.total += completion.usage.total_tokens ?? 0;
        }
        if (i > first) {
          this.format = format;
          this.log(`openai: the server accepted response format ${format}; using it from now on`);
        }
        return completion;
      } catch (error) {
        if (i < replyFormats.length - 1 && isFormatRefusal(error)) {
          this.log(`openai: response format ${format} refused (${(error as Error).message}); trying ${replyFormats[i + 1]}`);
          continue;
        }
        throw error;
      }
    }
  }

  private async fallBack(input: AnswerInput, reason: FallbackReason, detail: string, stats: CallStats, started: number): Promise<AnswerDraft> {
    this.report(`fallback reason=${reason}`, stats, started, { detail });
    const draft = await this.options.fallback.answer(input);
    return { ...draft, mode: 'extractive', notice: fallbackNotice(input.language, reason) };
  }

  private report(outcome: string, stats: CallStats, started: number, extra: Record<string, string | number>): void {
    const tokens = stats.usageKnown ? `prompt:${stats.prompt} completion:${stats.completion} total:${stats.total}` : 'unknown';
    const fields = Object.entries(extra)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : v}`)
      .join(' ');
    const latency = Math.round(performance.now() - started);
    this.log(
      (
        `openai answer: model=${this.options.model} format=${stats.format} outcome=${outcome} attempts=${stats.attempts} ` +
        `tokens=${tokens} latency_ms=${latency} ${fields}`
      ).trimEnd(),
    );
  }
}
