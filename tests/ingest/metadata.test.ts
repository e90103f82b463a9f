import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/ingest/clean.js';
import { extractDate, extractTitle, findFullDates } from '../../src/ingest/metadata.js';

describe('findFullDates', () => {
  it.each([
    ['17/09/2021 16:32', ['2021-09-17']],
    ['Ngày 24/4/2024, tại Nhà khách Chính phủ', ['2024-04-24']],
    ['vào ngày 24 tháng 11 năm 2016', ['2016-11-24']],
    ['den 27 november 2023 i Tokyo', ['2023-11-27']],
    ['On November 27, 2023 the leaders met', ['2023-11-27']],
    ['2023-11-27', ['2023-11-27']],
    ['Chiều 16/9, tại Trụ sở', []],
    ['vào tháng 3/2025', []],
    ['den 27 november', []],
    ['31/02/2021', []],
  ])('%s → %j', (text, expected) => {
    expect(findFullDates(text)).toEqual(expected);
  });
});

describe('document metadata', () => {
  it('takes the first full line as the title, cut to 120 characters at a word boundary', () => {
    const long =
      'Tiễn đoàn tại Sân bay Gimhae có Tổng Lãnh sự Việt Nam tại Busan Đoàn Phương Lan và Thị trưởng thành phố Busan Park Heong Jun cùng đông đảo cộng đồng.';
    const title = extractTitle(cleanText(long).paragraphs);
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title.endsWith('…')).toBe(true);
    expect(long.startsWith(title.slice(0, -1))).toBe(true);
    expect(extractTitle(cleanText('Việt Nam và Hoa Kỳ ký các thỏa thuận\nNgày 19/2, hai bên ký.').paragraphs)).toBe(
      'Việt Nam và Hoa Kỳ ký các thỏa thuận',
    );
  });

  it('gives a date only when the opening holds day, month and year', () => {
    expect(extractDate(cleanText('Tiêu đề bài\n\n17/09/2021 16:32\n\nChiều 16/9, hai bên gặp nhau.').paragraphs)).toBe('2021-09-17');
    expect(extractDate(cleanText('Tiêu đề bài\nNgày 19/2, tại Washington.').paragraphs)).toBeNull();
  });
});
