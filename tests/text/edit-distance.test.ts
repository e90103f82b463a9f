import { describe, expect, it } from 'vitest';
import { withinOneEdit } from '../../src/text/edit-distance.js';

describe('withinOneEdit', () => {
  it.each([
    ['sergei', 'sergey', true],
    ['lavrov', 'lavrow', true],
    ['hagerty', 'haggerty', true],
    ['daines', 'dines', true],
    ['kishida', 'kishida', true],
    ['sergei', 'sergio', false],
    ['park', 'parks', true],
    ['busan', 'pusan', true],
    ['thuong', 'truong', true],
    ['lavrov', 'lavrova', true],
    ['kishida', 'kushido', false],
    ['lavrov', 'lavrovaa', false],
    ['park', 'parkers', false],
  ])('%s ~ %s → %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });
});
