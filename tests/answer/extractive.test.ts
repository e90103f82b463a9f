import { describe, expect, it } from 'vitest';
import { holdsAnswerType } from '../../src/answer/extractive.js';

describe('holdsAnswerType', () => {
  it('finds a date for a "when" question, but not in a dateline, which dates the dispatch', () => {
    const question = 'On which day did Pham Binh Minh hold talks with Sergey Lavrov?';
    expect(holdsAnswerType('when', 'Trong chuyến thăm Nga, vào ngày 24 tháng 11, ông đã hội đàm với Lavrov.', question)).toBe(true);
    expect(holdsAnswerType('when', 'Hà Nội 25/11 - Theo lời mời của Bộ trưởng Ngoại giao Nga Sergey Lavrov.', question)).toBe(false);
    expect(holdsAnswerType('when', 'Ngày 19/2, Tổng Bí thư đã điện đàm với Thượng nghị sĩ.', question)).toBe(true);
  });

  it('does not count a number the question already gives', () => {
    expect(holdsAnswerType('how-many', 'Hợp đồng mua 50 máy bay Boeing.', 'How many jets did the 50-jet order cover?')).toBe(false);
    expect(holdsAnswerType('how-many', 'Tổng giá trị là 37,2 tỷ USD.', 'What was the combined value?')).toBe(true);
  });
});
