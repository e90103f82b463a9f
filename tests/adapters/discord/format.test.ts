// Unit tests of the Discord formatting: truncation, the 6,000-character fitting, answer/about embeds, buttons, autocomplete.
import { describe, expect, it } from 'vitest';
import { encodeCustomId, parseCustomId } from '../../../adapters/discord/custom-ids.js';
import {
  COLORS,
  LIMITS,
  embedLength,
  escapeText,
  factText,
  fileChoices,
  fitEmbed,
  foldText,
  formatAboutEmbed,
  formatAnswerButtons,
  formatAnswerEmbed,
  formatPassageEmbed,
  truncate,
} from '../../../adapters/discord/format.js';
import type { DocumentInfo } from '../../../src/index.js';
import { answerCiting, documents, indexInfo, passages } from './fake-assistant.js';
import { checkChoices, checkMessage } from './fake-discord.js';

describe('truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['abcdefghijk', 10, 'abcdefghi…'],
    ['alpha beta gamma delta', 19, 'alpha beta gamma…'], // cut at a word boundary near the end
    ['one two three four', 12, 'one two thr…'], // but not far back
    ['a😀b', 3, 'a…'], // never half of a surrogate pair
    ['abc', 1, '…'],
  ])('truncate(%j, %i) → %j', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
    expect(truncate(text, max).length).toBeLessThanOrEqual(max);
  });
});

describe('escapeText', () => {
  it.each([
    ['a *bold* _x_', 'a \\*bold\\* \\_x\\_'],
    ['> quoted\n# title\n- item', '\\> quoted\n\\# title\n\\- item'],
    ['1992 – 2022, a-b', '1992 – 2022, a-b'],
    ['<@123> [link](x) `code` ||spoiler||', '\\<@123> [link]\\(x) \\`code\\` \\|\\|spoiler\\|\\|'],
    ['in 1992 [1], since 2022 [2].', 'in 1992 [1], since 2022 [2].'],
  ])('escapeText(%j) → %j', (text, expected) => expect(escapeText(text)).toBe(expected));
});

describe('fitEmbed', () => {
  it('keeps an embed within limits untouched', () => {
    const embed = { title: 't', description: 'd', fields: [{ name: 'n', value: 'v' }], footer: { text: 'f' } };
    expect(fitEmbed(embed)).toEqual(embed);
  });

  it('cuts each part to its own limit, with an ellipsis', () => {
    const fitted = fitEmbed({ title: 'T'.repeat(300), description: 'D'.repeat(5000), footer: { text: 'F'.repeat(3000) } });
    expect(fitted.title).toBe('T'.repeat(255) + '…');
    expect(fitted.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(fitted.footer!.text.length).toBe(LIMITS.footerText);
    expect(embedLength(fitted)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it('shortens the field values before the description to reach 6,000 in all', () => {
    const fields = Array.from({ length: 5 }, (_, i) => ({ name: `[${i + 1}]`, value: 'v'.repeat(1000) }));
    const fitted = fitEmbed({ description: 'd'.repeat(3000), fields });
    expect(embedLength(fitted)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(fitted.description).toBe('d'.repeat(3000));
    expect(fitted.fields!.every((f) => f.value.endsWith('…') && f.value.length < 1000)).toBe(true);
  });

  it('keeps 25 fields, the last saying how many were left out', () => {
    const fields = Array.from({ length: 40 }, (_, i) => ({ name: `${i}`, value: 'v' }));
    const fitted = fitEmbed({ fields });
    expect(fitted.fields).toHaveLength(25);
    expect(fitted.fields![24]).toEqual({ name: '…', value: '16 more not shown' });
  });
});

describe('formatAnswerEmbed', () => {
  const now = new Date('2025-05-01T10:00:00Z');

  it('puts the answer in the description, one field per source (title; date, file and lines, the short passage), no timings', () => {
    const embed = formatAnswerEmbed(answerCiting('When?', [0]), { now });
    expect(embed).toEqual({
      title: 'When?',
      description: 'The two countries established diplomatic relations in 1992 [1].',
      color: COLORS.answered,
      fields: [
        {
          name: '[1] Việt Nam – Hàn Quốc: đối tác chiến lược toàn diện',
          value: '5 Dec 2022 · `000_korea.txt` lines 1–4\n> Hai nước thiết lập quan hệ ngoại giao vào năm 1992.\n> Quan hệ phát triển mạnh mẽ.',
        },
      ],
      timestamp: '2025-05-01T10:00:00.000Z',
    });
  });

  it('puts the fact in bold first when the core found one, and leaves a long passage to its button', () => {
    const base = answerCiting('When did the two countries upgrade relations?', [1, 0]);
    const answer = {
      ...base,
      answer: '2022 [1]\n\nFrom the sources (quoted in Vietnamese): Năm 2022, hai bên nâng cấp quan hệ … [1]',
      short: { text: '2022', kind: 'date' as const, citation: 1 },
      citations: [{ ...base.citations[0]!, publisher: 'Báo *Nhân Dân*', date: '2022-12-01', datePrecision: 'month' as const }, base.citations[1]!],
    };
    const embed = formatAnswerEmbed(answer, { now });
    expect(embed.description).toBe('**2022** [1]');
    expect(embed.fields!.map((f) => f.value)).toEqual([
      'Báo \\*Nhân Dân\\* · Dec 2022 · `000_korea.txt` lines 5–9',
      '5 Dec 2022 · `000_korea.txt` lines 1–4\n> Hai nước thiết lập quan hệ ngoại giao vào năm 1992.\n> Quan hệ phát triển mạnh mẽ.',
    ]);
    expect(embed.author).toBeUndefined();
    const labels = formatAnswerButtons(answer, 'k')
      .flatMap((r) => r.components)
      .map((b) => ('label' in b ? b.label : undefined));
    expect(labels).toEqual(['Show passage 1', undefined, undefined]);
  });

  it('cuts a long list answer with "and N more"', () => {
    const items = Array.from({ length: 14 }, (_, i) => ({ text: `Nước ${i + 1}`, citation: 1 }));
    const short = { text: items.map((i) => i.text).join(', '), kind: 'list' as const, citation: 1, items };
    expect(factText(short).split('\n')).toEqual([...items.slice(0, 10).map((i) => `• **${i.text}** [1]`), '*and 4 more*']);
  });

  it('says when a language model wrote the answer', () => {
    expect(formatAnswerEmbed({ ...answerCiting('q', [0]), mode: 'generated' }).author).toEqual({ name: 'Written from the sources' });
  });

  it('escapes a quoted (extractive) answer, and keeps the markdown of a generated one', () => {
    expect(formatAnswerEmbed({ ...answerCiting('q', [0]), answer: 'Quan hệ *Đối tác* [1]' }).description).toBe('Quan hệ \\*Đối tác\\* [1]');
    expect(formatAnswerEmbed({ ...answerCiting('q', [0]), mode: 'generated', answer: 'Since **1992** [1].' }).description).toBe(
      'Since **1992** [1].',
    );
  });

  it('marks an abstention in amber and shows the notice', () => {
    const embed = formatAnswerEmbed({ ...answerCiting('Germany?', []), abstained: true, notice: 'Offline mode.' }, { now });
    expect(embed.color).toBe(COLORS.abstained);
    expect(embed.color).not.toBe(COLORS.answered);
    expect(embed.author).toEqual({ name: 'Not covered by the sources' });
    expect(embed.fields).toEqual([{ name: 'Note', value: 'Offline mode.' }]);
  });

  it('fits a long answer with many long sources, which the fake Discord then accepts', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ ...answerCiting('q', [1]).citations[0]!, id: `p${i}` }));
    const answer = { ...answerCiting('Q'.repeat(400), []), answer: 'word '.repeat(2000), citations: many, notice: 'n'.repeat(2000) };
    const embed = formatAnswerEmbed(answer, { now });
    expect(checkMessage({ embeds: [embed], components: formatAnswerButtons(answer, 'k1') })).toEqual([]);
    expect(embed.title!.endsWith('…')).toBe(true);
    expect(embed.description!.endsWith('…')).toBe(true);
  });
});

describe('formatAnswerButtons', () => {
  it('has one "Show passage n" button per source whose passage the embed does not quote, then 👍 and 👎, each id under 100 characters', () => {
    const rows = formatAnswerButtons(answerCiting('q', [0, 1, 2]), 'abcd1234');
    const buttons = rows.flatMap((r) => r.components) as { label?: string; emoji?: { name?: string }; custom_id: string }[];
    expect(buttons.map((b) => b.label ?? b.emoji?.name)).toEqual(['Show passage 2', 'Show passage 3', '👍', '👎']);
    expect(buttons.map((b) => parseCustomId(b.custom_id))).toEqual([
      { kind: 'passage', passageId: passages[1]!.id },
      { kind: 'passage', passageId: passages[2]!.id },
      { kind: 'vote', vote: 'up', answerKey: 'abcd1234' },
      { kind: 'vote', vote: 'down', answerKey: 'abcd1234' },
    ]);
  });

  it('refers to a passage whose id is too long for a custom_id through the remembered answer', () => {
    const id = encodeCustomId({ kind: 'passage', passageId: 'x'.repeat(120), answerKey: 'abcd1234', index: 2 });
    expect(id).toBe('cite:abcd1234:2');
    expect(parseCustomId(id)).toEqual({ kind: 'cite', answerKey: 'abcd1234', index: 2 });
    expect(parseCustomId('something else')).toBeNull();
  });
});

describe('formatPassageEmbed', () => {
  it('shows a passage longer than 4,096 characters cut, saying so', () => {
    const embed = formatPassageEmbed({ ...passages[0]!, text: 'long passage '.repeat(500) }, documents[0]);
    expect(embed.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(embed.description!.endsWith('*(cut: the passage continues in 000_korea.txt)*')).toBe(true);
  });

  it("puts the answer's fact in bold, its offsets counted in the untrimmed passage", () => {
    const text = '  Quan hệ ngoại giao năm 1992 *nay* vững mạnh.';
    const at = text.indexOf('1992');
    expect(formatPassageEmbed({ ...passages[0]!, text }, documents[0], { fact: [at, at + 4] }).description).toBe(
      'Quan hệ ngoại giao năm **1992** \\*nay\\* vững mạnh.',
    );
    expect(formatPassageEmbed({ ...passages[0]!, text }, documents[0], { fact: [at, 999] }).description).not.toContain('**');
  });
});

describe('formatAboutEmbed', () => {
  it('lists as many files as fit and counts the rest', () => {
    const many: DocumentInfo[] = Array.from({ length: 200 }, (_, i) => ({ ...documents[0]!, file: `${String(i).padStart(3, '0')}_x.txt` }));
    const embed = formatAboutEmbed(many, { ...indexInfo, documents: 200, passages: 400 });
    expect(checkMessage({ embeds: [embed] })).toEqual([]);
    expect(embed.description).toMatch(/\n… and \d+ more files$/);
    const shown = embed.description!.split('\n').filter((l) => l.startsWith('• ')).length;
    expect(embed.description).toContain(`… and ${200 - shown} more files`);
  });
});

describe('fileChoices', () => {
  it.each([
    ['', ['000_korea.txt', '001_japan.txt']],
    ['001', ['001_japan.txt']],
    ['japan', ['001_japan.txt']],
    ['HAN QUOC', ['000_korea.txt']],
    ['đối tác', ['000_korea.txt']],
    ['germany', []],
  ])('typed %j → %j', (typed, files) => {
    expect(fileChoices(documents, typed).map((c) => c.value)).toEqual(files);
  });

  it('answers at most 25 choices of at most 100 characters, as the fake Discord requires', () => {
    const many: DocumentInfo[] = Array.from({ length: 60 }, (_, i) => ({
      ...documents[0]!,
      file: `${i}_file.txt`,
      title: 'Một tiêu đề rất dài '.repeat(10),
    }));
    const choices = fileChoices(many, '');
    expect(choices).toHaveLength(25);
    expect(checkChoices({ choices })).toEqual([]);
    expect(choices[0]!.name.endsWith('…')).toBe(true);
  });

  it('folds Vietnamese accents and đ', () => expect(foldText('Đối tác Hàn Quốc')).toBe('doi tac han quoc'));
});
