// Slack text helpers, pure: escaping so nothing the bot posts pings anyone, cutting text to Block Kit's limits
// without breaking an entity, and turning a user's Slack-formatted message back into a plain question.

/** Slack's documented limits that the formatter must respect (characters unless named otherwise). */
export const LIMITS = {
  blocks: 50, // blocks a message
  sectionText: 3000, // text of a section block
  contextText: 2000, // kept under the 3,000 of a text object, so a context line stays a line
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  fallbackText: 3000, // top-level `text`: Slack accepts more, notifications show far less
} as const;

export const ELLIPSIS = ' …';

/**
 * Escapes `&`, `<` and `>` (so `<!channel>`, `<!here>`, `<@U…>` and links from a passage or a question stay text),
 * and breaks a bare `@channel` / `@here` / `@everyone` with a word joiner in case a client links it.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u2060$1');
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * The largest index ≤ `max` where `text` (already escaped) can be cut: never inside an entity (`&amp;`) or a
 * surrogate pair, at a space or line break when one is near the end.
 */
export function cutPoint(text: string, max: number): number {
  if (text.length <= max) return text.length;
  let cut = Math.max(0, max);
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp !== -1 && cut - amp < 6) {
    const semi = text.indexOf(';', amp);
    if (semi !== -1 && semi >= cut && semi - amp < 6) cut = amp;
  }
  if (cut > 0 && isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  const floor = Math.floor(cut * 0.8);
  const space = Math.max(text.lastIndexOf(' ', cut), text.lastIndexOf('\n', cut));
  if (space > floor && space > 0) cut = space;
  return cut;
}

/** `text` (already escaped) cut to at most `max` characters, ending with a visible ellipsis when it was cut. */
export function truncate(text: string, max: number, ellipsis = ELLIPSIS): string {
  if (text.length <= max) return text;
  return text.slice(0, cutPoint(text, max - ellipsis.length)).trimEnd() + ellipsis;
}

/**
 * Packs lines (already escaped) into chunks of at most `max` characters joined by line breaks. A line longer than
 * `max` is split, its continuation pieces starting with `prefix` (">" keeps a quote a quote).
 */
export function packLines(lines: string[], max: number, prefix = ''): string[] {
  const pieces: string[] = [];
  for (const line of lines) {
    let rest = line;
    let first = true;
    while (true) {
      const head = first ? '' : prefix;
      if (head.length + rest.length <= max) {
        pieces.push(head + rest);
        break;
      }
      const cut = Math.max(1, cutPoint(rest, max - head.length));
      pieces.push(head + rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut).trimStart();
      first = false;
    }
  }
  const chunks: string[] = [];
  let current: string | null = null;
  for (const piece of pieces) {
    if (current !== null && current.length + 1 + piece.length <= max) current += '\n' + piece;
    else {
      if (current !== null) chunks.push(current);
      current = piece;
    }
  }
  if (current !== null) chunks.push(current);
  return chunks;
}

/** Each line of `text` (already escaped) as a Slack block quote. */
export function quoteLines(text: string): string[] {
  return text.split('\n').map((line) => `>${line}`);
}

/**
 * A user's Slack message as a plain question: the bot's own mention removed, other mentions, channels and links
 * turned into their visible text, entities decoded, whitespace collapsed.
 */
export function toPlainQuestion(text: string, botUserId?: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, label?: string) => (id === botUserId ? ' ' : `@${label || id}`))
    .replace(/<#([CG][A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `#${name || id}`)
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_m, label?: string) => label ?? '')
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether a Slack message text mentions the user `botUserId`. */
export function mentions(text: string, botUserId: string | undefined): boolean {
  return botUserId !== undefined && new RegExp(`<@${botUserId}(\\|[^>]*)?>`).test(text);
}
