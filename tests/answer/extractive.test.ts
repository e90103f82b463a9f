import { describe, expect, it } from 'vitest';
import { holdsAnswerType } from '../../src/answer/extractive.js';

describe('holdsAnswerType', () => {
  it('finds a date for a "when" question, but not in a dateline, which dates the dispatch', () => {
    const question = 'On which day did Pham Binh Minh hold talks with Sergey Lavrov?';
    expect(holdsAnswerType('when', 'Trong chuyến thăm Nga, vào ngày 24 tháng 11, ông đã hội đàm với Lavrov.', question)).toBe(true);
    expect(holdsAnswerType('when', 'Hà Nội 25/11 - Theo lời mời của Bộ trưởng Ngoại giao Nga Sergey Lavrov.', question)).toBe(false);
    expect(holdsAnswerType('when', 'Ngày 19/2, Tổng Bí thư đã điện đàm với Thượng nghị sĩ.', question)).toBe(true);
  });

  it('does not take a figure dated only by another year as the answer for the year asked about', () => {
    const sentence = 'Năm 2016 tổng thương mại song phương lên tới $ 2,2 tỷ, và phấn đấu đến năm 2020, thương mại song phương .';
    expect(holdsAnswerType('how-many', sentence, 'What trade figure did they aim for by 2020?')).toBe(false);
    expect(holdsAnswerType('how-many', sentence, 'What was bilateral trade in 2016?')).toBe(true);
    const yen = 'Värdet av yenlån under räkenskapsåret 2023 skulle kunna överstiga 100 miljarder yen för första gången sedan räkenskapsåret 2017.';
    expect(holdsAnswerType('how-many', yen, 'How much could yen loans reach in fiscal year 2023?')).toBe(true);
  });

  it('does not count a number the question already gives', () => {
    expect(holdsAnswerType('how-many', 'Hợp đồng mua 50 máy bay Boeing.', 'How many jets did the 50-jet order cover?')).toBe(false);
    expect(holdsAnswerType('how-many', 'Tổng giá trị là 37,2 tỷ USD.', 'What was the combined value?')).toBe(true);
  });
});
