import { describe, expect, it } from 'vitest';
import { splitClauses, splitSentences } from '../../src/text/sentences.js';

const sentences = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('splits at sentence ends, not at abbreviations, initials or decimals', () => {
    expect(sentences('Ngày 19/2, tại thủ đô Washington D.C., Tổng Bí thư ký kết. Tổng giá trị là 37,2 tỷ USD. Hai bên nhất trí.')).toEqual([
      'Ngày 19/2, tại thủ đô Washington D.C., Tổng Bí thư ký kết.',
      'Tổng giá trị là 37,2 tỷ USD.',
      'Hai bên nhất trí.',
    ]);
  });

  it('keeps a German day and its month in one sentence ("am 23. September 1975")', () => {
    expect(sentences('Beide Länder nahmen am 23. September 1975 Beziehungen auf. Der Handel wuchs seitdem stark.')).toEqual([
      'Beide Länder nahmen am 23. September 1975 Beziehungen auf.',
      'Der Handel wuchs seitdem stark.',
    ]);
    expect(sentences('The delegation had 23. Sweden sent four more people.')).toEqual(['The delegation had 23.', 'Sweden sent four more people.']);
  });

  it('keeps decimals written with a comma or a point, and dates, inside their sentence', () => {
    expect(sentences('Kim ngạch đạt 2,2 tỷ USD. Hai bên nhất trí tăng cường hợp tác.')).toEqual([
      'Kim ngạch đạt 2,2 tỷ USD.',
      'Hai bên nhất trí tăng cường hợp tác.',
    ]);
    expect(sentences('Ngày 12/3/2024, hai bên ký kết. Lễ ký diễn ra tại Hà Nội.')).toEqual([
      'Ngày 12/3/2024, hai bên ký kết.',
      'Lễ ký diễn ra tại Hà Nội.',
    ]);
    expect(sentences('Growth was 6.5 percent in 2023. Exports rose 14.3% year on year.')).toEqual([
      'Growth was 6.5 percent in 2023.',
      'Exports rose 14.3% year on year.',
    ]);
  });

  it.each([
    ['Mr. Smith met Dr. Nguyen in Hanoi. They discussed trade at length.', ['Mr. Smith met Dr. Nguyen in Hanoi.', 'They discussed trade at length.']],
    [
      'TP. Hồ Chí Minh đón đoàn đại biểu cấp cao. Hai bên trao đổi ý kiến.',
      ['TP. Hồ Chí Minh đón đoàn đại biểu cấp cao.', 'Hai bên trao đổi ý kiến.'],
    ],
    [
      'Avtalet omfattar bl.a. Handel och utbildning. Det undertecknades i Stockholm igår.',
      ['Avtalet omfattar bl.a. Handel och utbildning.', 'Det undertecknades i Stockholm igår.'],
    ],
    ['The U.S. Senate voted on it. It entered into force.', ['The U.S. Senate voted on it.', 'It entered into force.']],
    [
      'Ông Nguyễn Văn A. Cho biết hai bên đã thống nhất. Việc ký kết diễn ra sau đó.',
      ['Ông Nguyễn Văn A. Cho biết hai bên đã thống nhất.', 'Việc ký kết diễn ra sau đó.'],
    ],
  ])('does not cut after an abbreviation or initial: %s', (text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  it('does not cut before a lower-case word', () => {
    expect(sentences('He left. then they stayed in the hall.')).toEqual(['He left. then they stayed in the hall.']);
  });

  it('cuts at question and exclamation marks and an ellipsis, and before a number', () => {
    expect(sentences('Is this the right port? Yes, it is the right port. Who knows... perhaps never! The talks continue today.')).toEqual([
      'Is this the right port?',
      'Yes, it is the right port.',
      'Who knows... perhaps never!',
      'The talks continue today.',
    ]);
    expect(sentences('Hai bên đã ký kết nhiều văn kiện. 2024 là năm bản lề của quan hệ hai nước.')).toHaveLength(2);
  });

  it('splits after a closing quote, and before an opening one', () => {
    expect(sentences('Han sa "Detta är viktigt." De två ledarna enades.')).toEqual(['Han sa "Detta är viktigt."', 'De två ledarna enades.']);
    expect(sentences('“Vietnam is a key partner,” he said. “We will deepen our ties,” the minister added.')).toEqual([
      '“Vietnam is a key partner,” he said.',
      '“We will deepen our ties,” the minister added.',
    ]);
  });

  it('keeps a photo credit with its sentence', () => {
    expect(sentences('Tổng Bí thư điện đàm với Thượng nghị sĩ. Ảnh: TTXVN')).toEqual(['Tổng Bí thư điện đàm với Thượng nghị sĩ. Ảnh: TTXVN']);
  });

  it('gives offsets into the text, trimmed', () => {
    const text = '  The first sentence is here. The second one is here.  ';
    expect(splitSentences(text)).toEqual([
      { start: 2, end: 29 },
      { start: 30, end: 53 },
    ]);
  });

  it('gives one span for text without a boundary and none for blank text', () => {
    expect(sentences('No boundary here')).toEqual(['No boundary here']);
    expect(splitSentences('   ')).toEqual([]);
    expect(splitSentences('')).toEqual([]);
  });
});

describe('splitClauses', () => {
  it('cuts after a comma, semicolon or colon followed by a space, keeping the punctuation', () => {
    expect(splitClauses('Ngày 12/3/2024, tại Hà Nội, hai bên ký kết; lễ ký: trang trọng.')).toEqual([
      'Ngày 12/3/2024,',
      'tại Hà Nội,',
      'hai bên ký kết;',
      'lễ ký:',
      'trang trọng.',
    ]);
  });

  it('does not cut inside a decimal or at a comma without a space', () => {
    expect(splitClauses('Kim ngạch đạt 2,2 tỷ USD')).toEqual(['Kim ngạch đạt 2,2 tỷ USD']);
    expect(splitClauses('a,b and c')).toEqual(['a,b and c']);
  });

  it('does not cut at a sentence end', () => {
    expect(splitClauses('Hai bên ký kết. Lễ ký trang trọng')).toEqual(['Hai bên ký kết. Lễ ký trang trọng']);
  });
});
