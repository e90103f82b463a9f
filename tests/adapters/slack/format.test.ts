// Unit tests of the Slack formatting helpers: escaping, cutting to Block Kit limits, plain questions, answer blocks.
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/index.js';
import { ACTION, answerMessage, citationText, decodePassageRef, encodePassageRef, factText, passageMessage } from '../../../adapters/slack/format.js';
import { LIMITS, cutPoint, escapeMrkdwn, mentions, packLines, toPlainQuestion, truncate } from '../../../adapters/slack/mrkdwn.js';
import { KOREA_PASSAGE, cannedAnswer, citationOf } from './fake-assistant.js';

type Block = {
  type: string;
  text?: { text: string };
  elements?: { text?: string | { text: string }; action_id?: string }[];
  accessory?: { action_id: string; value: string };
};
const sectionTexts = (blocks: unknown[]) => (blocks as Block[]).filter((b) => b.type === 'section').map((b) => b.text!.text);

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel> now', '&lt;!channel&gt; now'],
    ['<!here|here>', '&lt;!here|here&gt;'],
    ['ask <@U123ABC>', 'ask &lt;@U123ABC&gt;'],
    ['<https://evil.test|click>', '&lt;https://evil.test|click&gt;'],
    ['A & B > C', 'A &amp; B &gt; C'],
    ['&lt; already', '&amp;lt; already'],
    ['hey @channel and @here, @everyone', 'hey @\u2060channel and @\u2060here, @\u2060everyone'],
    ['Việt Nam – Hàn Quốc', 'Việt Nam – Hàn Quốc'],
  ])('escapes %j', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });
});

describe('truncate and cutPoint', () => {
  it('leaves text that fits alone', () => {
    expect(truncate('short', 10)).toBe('short');
  });
  it('cuts at a space and ends with a visible ellipsis, within the limit', () => {
    const out = truncate('one two three four five six', 15);
    expect(out).toBe('one two three …');
    expect(out.length).toBeLessThanOrEqual(15);
  });
  it('never cuts inside an entity', () => {
    const text = 'x'.repeat(8) + '&amp;' + 'y'.repeat(20);
    for (let max = 9; max <= 13; max++) {
      const cut = cutPoint(text, max);
      expect(text.slice(0, cut)).not.toMatch(/&[a-z]*$/);
    }
  });
  it('never splits a surrogate pair', () => {
    const text = 'ab😀cd'.repeat(3);
    const cut = cutPoint(text, 3);
    expect(text.slice(0, cut)).toBe('ab');
  });
});

describe('packLines', () => {
  it('packs lines into chunks under the limit and splits an over-long line with the prefix', () => {
    const chunks = packLines(['>aaaa', '>' + 'b '.repeat(20).trim(), '>cc'], 12, '>');
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(12);
    expect(chunks.every((c) => c.split('\n').every((line) => line.startsWith('>')))).toBe(true);
    expect(chunks.join('\n').replace(/[>\s]/g, '')).toBe('aaaa' + 'b'.repeat(20) + 'cc');
  });
});

describe('toPlainQuestion', () => {
  it.each([
    ['<@UBOT> When did Vietnam and Japan establish relations?', 'When did Vietnam and Japan establish relations?'],
    ['<@UBOT|factbot>   what   about <@U0OTHER|lan>?', 'what about @lan?'],
    ['see <#C123|news> and <https://vnexpress.net/a|this article>', 'see #news and this article'],
    ['Vietnam &amp; Korea &lt;2022&gt;', 'Vietnam & Korea <2022>'],
    ['<!here> anyone?', '@here anyone?'],
    ['<@UBOT>', ''],
  ])('%j → %j', (input, expected) => {
    expect(toPlainQuestion(input, 'UBOT')).toBe(expected);
  });
  it('tells whether the bot is mentioned', () => {
    expect(mentions('hi <@UBOT>', 'UBOT')).toBe(true);
    expect(mentions('hi <@UBOT|bot>', 'UBOT')).toBe(true);
    expect(mentions('hi <@UBOTX>', 'UBOT')).toBe(false);
    expect(mentions('hi', undefined)).toBe(false);
  });
});

/** An answer whose core found the fact: "1992 [1]", a blank line, then the quote. */
function factAnswer(overrides: Partial<Answer> = {}): Answer {
  return cannedAnswer('When did Vietnam and South Korea establish diplomatic relations?', {
    answer: '1992 [1]\n\nFrom the sources (quoted in Vietnamese): Các nhà lãnh đạo hai nước đánh giá cao … vào năm 1992. [1]',
    short: { text: '1992', kind: 'date', citation: 1 },
    citations: [
      { ...citationOf(KOREA_PASSAGE), publisher: 'Báo Quân đội', datePrecision: 'day', url: 'https://example.test/a' },
      { ...citationOf({ ...KOREA_PASSAGE, id: 'p2', startLine: 14, endLine: 14 }, 'Second article'), date: '2022-12-01', datePrecision: 'month' },
    ],
    ...overrides,
  });
}

describe('answerMessage', () => {
  it('puts the fact first in bold, then one line per source with title, publisher, date, file and lines and a "Show passage" button', () => {
    const message = answerMessage(factAnswer(), { key: 'k1', shareable: true });
    const blocks = message.blocks as (Block & { block_id?: string })[];
    expect(blocks[0]).toMatchObject({ type: 'section', text: { text: '*1992* [1]' } });
    const sources = blocks.filter((b) => b.block_id?.startsWith('source_'));
    expect(sources.map((b) => b.text!.text)).toEqual([
      '*[1]* _Việt Nam – Hàn Quốc_ · Báo Quân đội · 1 Jun 2024 · `000_c165353527c3661a.txt` lines 1–12',
      '*[2]* _Second article_ · Dec 2022 · `000_c165353527c3661a.txt` line 14',
    ]);
    expect(sources.map((b) => b.accessory?.action_id)).toEqual([ACTION.showPassage, ACTION.showPassage]);
    expect(JSON.stringify(sources)).toContain('Show passage');
    // Compact: the fact, two source lines, the buttons; no passage, no quote, no id, no timing.
    expect(blocks.map((b) => b.type)).toEqual(['section', 'section', 'section', 'actions']);
    const all = JSON.stringify(blocks);
    expect(all).not.toContain('Các nhà lãnh đạo');
    expect(all).not.toMatch(/\bref\b|\d+ ms\b|extractive|Quoted from/);
    // The answer's key is only a button value, never text a reader sees.
    expect(JSON.stringify(blocks.map((b) => [b.text, b.type === 'context' ? b.elements : null]))).not.toContain('k1');
    expect(message.text).toMatch(/^1992 \[1\]\nSources: 000_c165353527c3661a\.txt$/);
  });

  it('shows the quote when the core found no fact, still with one line per source', () => {
    const message = answerMessage(cannedAnswer('q'), { key: 'k1', shareable: true });
    const texts = sectionTexts(message.blocks);
    expect(texts[0]).toBe('Vietnam and South Korea established diplomatic relations in 1992 [1].');
    expect(texts[1]).toBe('*[1]* _Việt Nam – Hàn Quốc_ · 1 Jun 2024 · `000_c165353527c3661a.txt` lines 1–12');
    const ids = JSON.stringify(message.blocks);
    for (const id of Object.values(ACTION)) expect(ids).toContain(id);
    expect(message.text).toContain('Sources: 000_c165353527c3661a.txt');
  });

  it('cuts a long list answer cleanly with "and N more"', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ text: `Country number ${i + 1}`, citation: 1 }));
    const answer = factAnswer({ short: { text: items.map((i) => i.text).join(', '), kind: 'list', citation: 1, items } });
    const fact = sectionTexts(answerMessage(answer, { key: 'k' }).blocks)[0]!;
    const lines = fact.split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('• *Country number 1* [1]');
    expect(lines[9]).toBe('• *Country number 10* [1]');
    expect(lines[10]).toBe('_and 30 more_');
  });

  it('keeps a list of long items within one section, the cut said', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ text: `${i} ${'tên rất dài '.repeat(40)}`, citation: 2 }));
    const answer = factAnswer({ short: { text: 'x', kind: 'list', citation: 2, items } });
    const fact = factText(answer.short!);
    expect(fact.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(fact).toMatch(/\n_and \d+ more_$/);
    expect(fact.split('\n').every((l) => l.startsWith('• *') || l.startsWith('_and'))).toBe(true);
  });

  it('keeps a "*" in the fact from ending the bold', () => {
    expect(factText({ text: 'A*B <!here>', kind: 'name', citation: 3 })).toBe('*A∗B &lt;!here&gt;* [3]');
  });

  it('has no share button unless shareable, and names who asked on a shared answer', () => {
    expect(JSON.stringify(answerMessage(cannedAnswer('q'), { key: 'k' }).blocks)).not.toContain(ACTION.postToChannel);
    const shared = answerMessage(cannedAnswer('<!channel> q'), { key: 'k', askedBy: 'lan' });
    expect(sectionTexts(shared.blocks)[0]).toBe('*lan* asked: &lt;!channel&gt; q');
  });

  it('says an abstention without sources, and ignores a fact on it', () => {
    const answer: Answer = cannedAnswer('q', {
      abstained: true,
      answer: 'The sources do not cover this.',
      short: { text: '1992', kind: 'date', citation: 1 },
      citations: [],
    });
    const message = answerMessage(answer, { key: 'k' });
    expect(sectionTexts(message.blocks)).toEqual(['The sources do not cover this.']);
    expect(JSON.stringify(message.blocks)).not.toContain(ACTION.showPassage);
  });

  it('says when the answer was written by a language model', () => {
    expect(JSON.stringify(answerMessage(cannedAnswer('q', { mode: 'generated' }), { key: 'k' }).blocks)).toContain('Written by a language model');
    expect(JSON.stringify(answerMessage(cannedAnswer('q'), { key: 'k' }).blocks)).not.toContain('Written by a language model');
  });

  it('shows the notice', () => {
    const message = answerMessage(cannedAnswer('q', { notice: 'Model <down>' }), { key: 'k' });
    expect(JSON.stringify(message.blocks)).toContain('Model &lt;down&gt;');
  });

  it('stays within 50 blocks and 3,000 characters a section whatever the answer, saying what it left out', () => {
    const passage = 'Tin <!channel> & tin. '.repeat(500);
    const citations = Array.from({ length: 80 }, (_, i) => citationOf({ ...KOREA_PASSAGE, id: `p${i}`, text: passage }, 'T <!here> '.repeat(100)));
    const answer = cannedAnswer('q', { answer: 'Một câu trả lời rất dài. '.repeat(2000), citations, notice: 'n'.repeat(5000) });
    const message = answerMessage(answer, { key: 'k', shareable: true, askedBy: 'x'.repeat(4000) });
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    for (const text of sectionTexts(message.blocks)) expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    const all = JSON.stringify(message.blocks);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<!here>');
    expect(all).toMatch(/\d+ more sources not shown/);
    expect(sectionTexts(message.blocks).some((t) => t.endsWith(' …'))).toBe(true);
    expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });

  it('cuts a long title in a source line with an ellipsis, keeping one line', () => {
    const text = citationText(citationOf(KOREA_PASSAGE, 'tiêu đề '.repeat(200)), 0);
    expect(text.length).toBeLessThan(500);
    expect(text).toContain(' …_');
    expect(text).not.toContain('\n');
  });
});

describe('passage references', () => {
  it('round-trips through the button value', () => {
    const citation = citationOf(KOREA_PASSAGE);
    expect(decodePassageRef(encodePassageRef(citation))).toEqual({ id: KOREA_PASSAGE.id, file: KOREA_PASSAGE.file, line: 1 });
    expect(decodePassageRef('not json')).toBeNull();
  });

  it("carries where the answer's fact stands in the passage, and drops a malformed mark", () => {
    const citation = { ...citationOf(KOREA_PASSAGE), highlights: [{ start: 3, end: 7, kind: 'fact' as const }] };
    expect(decodePassageRef(encodePassageRef(citation))?.fact).toEqual([3, 7]);
    expect(decodePassageRef(JSON.stringify({ id: 'a', file: 'b', line: 1, fact: [7, 3] }))).toEqual({ id: 'a', file: 'b', line: 1 });
  });
});

describe('passageMessage', () => {
  it("puts the answer's fact in bold, and nothing when the mark does not fall on whole words", () => {
    const text = 'Hai nước thiết lập quan hệ ngoại giao năm 1992 <và> hơn thế.';
    const at = text.indexOf('1992');
    expect(sectionTexts(passageMessage({ ...KOREA_PASSAGE, text }, undefined, [at, at + 4]).blocks)[1]).toBe(
      '>Hai nước thiết lập quan hệ ngoại giao năm *1992* &lt;và&gt; hơn thế.',
    );
    expect(sectionTexts(passageMessage({ ...KOREA_PASSAGE, text }, undefined, [at, at + 2]).blocks)[1]).not.toContain('*');
  });

  it('quotes the whole passage over as many sections as it needs', () => {
    const text = Array.from({ length: 300 }, (_, i) => `dòng ${i + 1} <!here>`).join('\n');
    const message = passageMessage({ ...KOREA_PASSAGE, text }, 'Tiêu đề');
    const sections = sectionTexts(message.blocks);
    expect(sections[0]).toContain('`000_c165353527c3661a.txt` · lines 1–12');
    expect(sections.length).toBeGreaterThan(2);
    for (const s of sections) expect(s.length).toBeLessThanOrEqual(LIMITS.sectionText);
    const body = sections.slice(1).join('\n');
    for (let i = 1; i <= 300; i++) expect(body).toContain(`>dòng ${i} &lt;!here&gt;`);
  });
});
