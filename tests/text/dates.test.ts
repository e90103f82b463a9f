import { describe, expect, it } from 'vitest';
import { datesIn } from '../../src/text/dates.js';

describe('datesIn', () => {
  it('reads dates as Vietnamese, English, Swedish, French and German write them', () => {
    expect(datesIn('Ngày 15/9/2023, hai bên ký kết.')).toMatchObject([{ day: 15, month: 9, year: 2023 }]);
    expect(datesIn('ngày 15 tháng 9 năm 2023')).toMatchObject([{ day: 15, month: 9, year: 2023 }]);
    expect(datesIn('On September 15, 2023 they met.')).toMatchObject([{ day: 15, month: 9, year: 2023 }]);
    expect(datesIn('Den 15 september tog han emot talmannen.')).toMatchObject([{ day: 15, month: 9 }]);
    expect(datesIn('Le 1er mars, à Paris.')).toMatchObject([{ day: 1, month: 3 }]);
    expect(datesIn('Am 15. September 2022 in Vaduz.')).toMatchObject([{ day: 15, month: 9, year: 2022 }]);
    expect(datesIn('giai đoạn 2021–2025')).toMatchObject([{ years: '2021–2025' }]);
  });

  it("reads a day's date before an anniversary's year as a day, not as the start of a span of years", () => {
    expect(datesIn('(30/9/1975 - 2025)')).toMatchObject([{ day: 30, month: 9, year: 1975 }, { year: 2025 }]);
    expect(datesIn('(21/7/1970 - 21/7/2025)')).toMatchObject([{ year: 1970 }, { year: 2025 }]);
  });

  it('does not read "máy bay" (aircraft) as the month of May', () => {
    expect(datesIn('Hợp đồng mua 13 máy bay Boeing.')).toEqual([]);
    expect(datesIn('They met on 13 May 2024.')).toMatchObject([{ day: 13, month: 5, year: 2024 }]);
  });
});
