// Appends 👍/👎 feedback on answers to a JSONL file in the data folder, one object per click.
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface FeedbackRecord {
  channel: 'slack' | 'discord' | 'web';
  vote: 'up' | 'down';
  userId: string;
  question: string;
  answer: string;
  citations: { file: string; startLine: number; endLine: number }[];
  time?: string;
}

export async function appendFeedback(file: string, record: FeedbackRecord): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  // One write of one line: appends of a few hundred bytes do not interleave between concurrent clicks.
  await appendFile(file, JSON.stringify({ time: new Date().toISOString(), ...record }) + '\n', 'utf8');
}
