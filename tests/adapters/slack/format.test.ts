// Unit tests of the Slack formatting helpers: escaping, cutting to Block Kit limits, plain questions, answer blocks.
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/index.js';
import { ACTION, answerMessage, citationText, decodePassageRef, encodePassageRef, passageMessage } from '../../../adapters/slack/format.js';
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

describe('answerMessage', () => {
  it('shows the answer, each source with file, line range, date and quoted passage, and the buttons', () => {
    const message = answerMessage(cannedAnswer('q'), { key: 'k1', shareable: true });
    const texts = sectionTexts(message.blocks);
    expect(texts[0]).toBe('Vietnam and South Korea established diplomatic relations in 1992 [1].');
    expect(texts).toContain('*Source*');
    const source = texts.find((t) => t.startsWith('*[1]*'))!;
    expect(source).toContain('`000_c165353527c3661a.txt` · lines 1–12 · 2024-06-01');
    expect(source).toContain('>Các nhà lãnh đạo');
    const ids = JSON.stringify(message.blocks);
    for (const id of Object.values(ACTION)) expect(ids).toContain(id);
    expect(message.text).toContain('Sources: 000_c165353527c3661a.txt');
  });

  it('has no share button unless shareable, and names who asked on a shared answer', () => {
    expect(JSON.stringify(answerMessage(cannedAnswer('q'), { key: 'k' }).blocks)).not.toContain(ACTION.postToChannel);
    const shared = answerMessage(cannedAnswer('<!channel> q'), { key: 'k', askedBy: 'lan' });
    expect(sectionTexts(shared.blocks)[0]).toBe('*lan* asked: &lt;!channel&gt; q');
  });

  it('says an abstention without a sources section', () => {
    const answer: Answer = cannedAnswer('q', { abstained: true, answer: 'The sources do not cover this.', citations: [] });
    const message = answerMessage(answer, { key: 'k' });
    expect(sectionTexts(message.blocks)).toEqual(['The sources do not cover this.']);
    expect(JSON.stringify(message.blocks)).not.toContain(ACTION.showPassage);
    expect(JSON.stringify(message.blocks)).toContain('No passage of the sources answers this');
  });

  it('shows the notice', () => {
    const message = answerMessage(cannedAnswer('q', { notice: 'Model <down>' }), { key: 'k' });
    expect(JSON.stringify(message.blocks)).toContain('Model &lt;down&gt;');
  });

  it('stays within 50 blocks and 3,000 characters a section whatever the answer, saying what it left out', () => {
    const passage = 'Tin <!channel> & tin. '.repeat(500);
    const citations = Array.from({ length: 80 }, (_, i) => citationOf({ ...KOREA_PASSAGE, id: `p${i}`, text: passage }));
    const answer = cannedAnswer('q', { answer: 'Một câu trả lời rất dài. '.repeat(2000), citations, notice: 'n'.repeat(5000) });
    const message = answerMessage(answer, { key: 'k', shareable: true, askedBy: 'x'.repeat(4000) });
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    for (const text of sectionTexts(message.blocks)) expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    const all = JSON.stringify(message.blocks);
    expect(all).not.toContain('<!channel>');
    expect(all).toMatch(/\d+ more sources not shown/);
    expect(sectionTexts(message.blocks).some((t) => t.endsWith(' …'))).toBe(true);
    expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });

  it('cuts a long passage in a source with an ellipsis, keeping it a quote', () => {
    const text = citationText(citationOf({ ...KOREA_PASSAGE, text: 'dòng '.repeat(2000) }), 0);
    expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(text.endsWith(' …')).toBe(true);
    expect(
      text
        .split('\n')
        .slice(2)
        .every((line) => line.startsWith('>')),
    ).toBe(true);
  });
});

describe('passage references', () => {
  it('round-trips through the button value', () => {
    const citation = citationOf(KOREA_PASSAGE);
    expect(decodePassageRef(encodePassageRef(citation))).toEqual({ id: KOREA_PASSAGE.id, file: KOREA_PASSAGE.file, line: 1 });
    expect(decodePassageRef('not json')).toBeNull();
  });
});

describe('passageMessage', () => {
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
