import { describe, expect, it } from 'vitest';
import { prepareDocument } from '../../src/ingest/prepare-document.js';

const BODY = [
  'Việt Nam và Lào ký hiệp định thương mại biên giới',
  '',
  'Ngày 9/1, tại Viêng Chăn, hai bên ký hiệp định thương mại biên giới và thống nhất mở thêm cửa khẩu. Kim ngạch năm 2024 đạt 2 tỷ USD.',
  '',
  'Hai bên nhất trí tăng cường hợp tác giao thông, năng lượng và giáo dục trong thời gian tới, đồng thời thúc đẩy đầu tư.',
].join('\n');

const prepare = (text: string, given = {}) => prepareDocument({ file: 'laos.txt', text, sha256: 'x' }, undefined, given);

describe('prepareDocument metadata', () => {
  it('infers title, date with its precision and language when nothing is stated', () => {
    const { document, warnings } = prepare(BODY);
    expect(warnings).toEqual([]);
    expect(document).toMatchObject({
      title: 'Việt Nam và Lào ký hiệp định thương mại biên giới',
      date: '2024-01-09',
      datePrecision: 'day',
      language: 'vi',
    });
    expect(document.publisher).toBeUndefined();
    expect(document.url).toBeUndefined();
  });

  it('takes stated values over inferred ones, keeps front matter out of the passages and the file’s line numbers in them', () => {
    const front = '---\ntitle: Laos trade deal\ndate: 2025-01\npublisher: VNA\nurl: https://vnanet.vn/laos\n---\n';
    const plain = prepare(BODY).document;
    const { document, warnings } = prepare(front + BODY);
    expect(warnings).toEqual([]);
    expect(document).toMatchObject({
      title: 'Laos trade deal',
      date: '2025-01-01',
      datePrecision: 'month',
      publisher: 'VNA',
      url: 'https://vnanet.vn/laos',
    });
    expect(document.passages.map((p) => p.text)).toEqual(plain.passages.map((p) => p.text));
    expect(document.passages.map((p) => [p.startLine, p.endLine])).toEqual(plain.passages.map((p) => [p.startLine + 6, p.endLine + 6]));
    expect(document.passages.some((p) => /vnanet|publisher|---/.test(p.text))).toBe(false);
  });

  it('takes metadata.json’s entry over inference and the front matter over both, field by field', () => {
    const given = { title: 'From metadata.json', publisher: 'Nhân Dân', date: '2023-05-02', datePrecision: 'day' as const };
    expect(prepare(BODY, given).document).toMatchObject(given);
    const { document } = prepare(`---\npublisher: VNA\ndate: 2025\n---\n${BODY}`, given);
    expect(document).toMatchObject({ title: 'From metadata.json', publisher: 'VNA', date: '2025-01-01', datePrecision: 'year' });
  });

  it('still indexes a file with malformed front matter, with inferred metadata and a warning naming file and line', () => {
    const { document, warnings } = prepare(`---\ntitle: [unclosed\n---\n${BODY}`);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: 'laos.txt', line: expect.any(Number), message: expect.stringMatching(/YAML/) });
    expect(document.title).toBe('Việt Nam và Lào ký hiệp định thương mại biên giới');
    expect(document.date).toBe('2024-01-09');
    expect(document.passages.length).toBeGreaterThan(0);
    expect(document.passages[0]!.startLine).toBe(4);
  });

  it('infers the publisher from an attribution line, and a stated one wins over it', () => {
    expect(prepare(`${BODY}\n\nTheo TTXVN`).document.publisher).toBe('TTXVN');
    expect(prepare(`${BODY}\n\nTheo TTXVN`, { publisher: 'Nhân Dân' }).document.publisher).toBe('Nhân Dân');
    expect(prepare(`---\npublisher: VNA\n---\n${BODY}\n\nTheo TTXVN`).document.publisher).toBe('VNA');
  });

  it('leaves the date null, with no precision, when the text has none', () => {
    const { document } = prepare('Hai nước ký hiệp định\n\nHai nước ký hiệp định thương mại và hợp tác giáo dục.');
    expect(document.date).toBeNull();
    expect(document.datePrecision).toBeUndefined();
  });
});
