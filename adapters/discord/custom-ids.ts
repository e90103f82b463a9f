// The custom_id of each button the bot posts (at most 100 characters), and its parsing when the button is clicked.

export type ButtonAction =
  /** Show a passage of the index by its id: stateless, survives a restart. */
  | { kind: 'passage'; passageId: string }
  /** Show source `index` of a remembered answer: for a passage id too long for a custom_id. */
  | { kind: 'cite'; answerKey: string; index: number }
  | { kind: 'vote'; vote: 'up' | 'down'; answerKey: string };

const MAX = 100;

export function encodeCustomId(
  action: { kind: 'passage'; passageId: string; answerKey: string; index: number } | Extract<ButtonAction, { kind: 'vote' }>,
): string {
  if (action.kind === 'vote') return `vote:${action.vote}:${action.answerKey}`;
  const direct = `passage:${action.passageId}`;
  return direct.length <= MAX ? direct : `cite:${action.answerKey}:${action.index}`;
}

export function parseCustomId(customId: string): ButtonAction | null {
  if (customId.startsWith('passage:'))
    return customId.length > 'passage:'.length ? { kind: 'passage', passageId: customId.slice('passage:'.length) } : null;
  const cite = /^cite:([\w-]+):(\d+)$/.exec(customId);
  if (cite) return { kind: 'cite', answerKey: cite[1]!, index: Number(cite[2]) };
  const vote = /^vote:(up|down):([\w-]+)$/.exec(customId);
  if (vote) return { kind: 'vote', vote: vote[1] as 'up' | 'down', answerKey: vote[2]! };
  return null;
}
