import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText, findHeadlineRuns, isHardWrapped, lineAt, reflowLines, splitSourceLines } from '../../src/ingest/clean.js';
import { CORPUS_DIR } from '../helpers/knowledge-base.js';

const corpusFile = (name: string) => readFileSync(join(CORPUS_DIR, name), 'utf8');
const texts = (raw: string) => cleanText(raw).paragraphs.map((p) => p.text);

describe('splitSourceLines', () => {
  it('normalises to NFC and numbers lines from 1', () => {
    const decomposed = 'Ha\u0300n Quo\u0302\u0301c\r\nline two';
    expect(splitSourceLines(decomposed)).toEqual([
      { line: 1, text: 'Hàn Quốc' },
      { line: 2, text: 'line two' },
    ]);
  });
});

describe('cleanText and terminal control', () => {
  it('drops escape sequences and control characters from the text, keeping its lines where they were', () => {
    const raw = [
      'Việt Nam và Lào\x1b]0;PWNED\x07 tăng cường hợp tác',
      '',
      '\x1b[2J\x1b[HHà Nội, 12/3/2024 - Hai bên nhất trí\x1b[31m tăng cường\x1b[0m hợp tác\tquốc phòng.\x07\x08',
      '',
      'Bộ trưởng hai nước\x0cđã ký\x9b1m bản ghi nhớ.\x1bc',
    ].join('\r\n');
    const cleaned = cleanText(raw);
    expect(cleaned.paragraphs.map((p) => [p.startLine, p.text])).toEqual([
      [1, 'Việt Nam và Lào tăng cường hợp tác'],
      [3, 'Hà Nội, 12/3/2024 - Hai bên nhất trí tăng cường hợp tác\tquốc phòng.'],
      [5, 'Bộ trưởng hai nước đã ký bản ghi nhớ.'],
    ]);
  });
});

describe('reflow', () => {
  it('joins a hard-wrapped document into paragraphs, names split across lines included', () => {
    const raw = [
      'Tổng',
      'Bí thư rất quan tâm đến chiến lược phát triển của Cảng Busan và mong muốn',
      'tăng cường hợp tác giữa Cảng Busan với các cảng biển của Việt Nam, thúc đẩy',
      'đầu tư xây dựng cảng biển thế hệ mới.',
      '',
      'TĂNG',
      'CƯỜNG HỢP TÁC CẢNG BIỂN',
      '',
      'Busan',
      'là cảng biển lớn nhất Hàn Quốc.',
    ].join('\n');
    expect(texts(raw)).toEqual([
      'Tổng Bí thư rất quan tâm đến chiến lược phát triển của Cảng Busan và mong muốn tăng cường hợp tác giữa Cảng Busan với ' +
        'các cảng biển của Việt Nam, thúc đẩy đầu tư xây dựng cảng biển thế hệ mới.',
      'TĂNG CƯỜNG HỢP TÁC CẢNG BIỂN',
      'Busan là cảng biển lớn nhất Hàn Quốc.',
    ]);
  });

  it('keeps one paragraph per line in a document whose lines are whole paragraphs', () => {
    const raw = 'Việt Nam và Hoa Kỳ ký các thỏa thuận\nNgày 19/2, tại Washington, hai bên ký kết.\nTổng giá trị là 37,2 tỷ USD.';
    expect(texts(raw)).toHaveLength(3);
  });

  it('maps each character of a reflowed paragraph back to its original line', () => {
    const lines = splitSourceLines(
      'intro line\n\nTrong khuôn khổ chuyến thăm, các nhà\nlãnh đạo hai nước đã đánh giá cao sự phát triển của quan\nhệ song phương.',
    );
    const [, paragraph] = reflowLines(lines);
    expect(paragraph!.startLine).toBe(3);
    expect(paragraph!.endLine).toBe(5);
    expect(lineAt(paragraph!, paragraph!.text.indexOf('lãnh đạo'))).toBe(4);
    expect(lineAt(paragraph!, paragraph!.text.indexOf('song phương'))).toBe(5);
    expect(lineAt(paragraph!, 0)).toBe(3);
  });

  it('tells a hard-wrapped file from one paragraph per line', () => {
    expect(isHardWrapped(splitSourceLines(corpusFile('000_c165353527c3661a.txt')))).toBe(true);
    for (const file of ['001_bee81db2a34faaf4.txt', '002_7adeef815edefb16.txt', '003_e165b3d44af3195c.txt', '004_8cf2e5f9d09ebff1.txt']) {
      expect(isHardWrapped(splitSourceLines(corpusFile(file)))).toBe(false);
    }
  });

  it('reflows the hard-wrapped 000 file and keeps its line numbers', () => {
    const { paragraphs } = cleanText(corpusFile('000_c165353527c3661a.txt'));
    const busan = paragraphs.find((p) => p.text.startsWith('Busan là cảng biển lớn nhất'))!;
    expect(busan).toMatchObject({ startLine: 63, endLine: 66 });
    expect(paragraphs.some((p) => p.text.includes('Tổng Bí thư rất ấn tượng'))).toBe(true);
    expect(paragraphs.some((p) => p.text === 'TĂNG CƯỜNG HỢP TÁC CẢNG BIỂN, THÚC ĐẨY ĐẦU TƯ XÂY DỰNG CẢNG BIỂN THẾ HỆ MỚI')).toBe(true);
  });
});

describe('boilerplate removal on the corpus', () => {
  it('drops the related-article and most-read lists of 001 and keeps the source line', () => {
    const cleaned = cleanText(corpusFile('001_bee81db2a34faaf4.txt'));
    const all = cleaned.paragraphs.map((p) => p.text).join('\n');
    expect(all).not.toMatch(/Cùng chuyên mục|Tin đọc nhiều|Indonesia|Thái Lan|Kampot/);
    expect(cleaned.paragraphs.at(-1)!.text).toBe('Nguồn: baochinhphu.vn');
    expect(cleaned.paragraphs.at(-1)!.kind).toBe('attribution');
    expect(cleaned.droppedLines).toContain(32);
    expect(cleaned.droppedLines).toContain(137);
    expect(cleaned.droppedLines).not.toContain(31);
  });

  it('drops the comment widgets of 002 and 003 and keeps the attribution', () => {
    const sv = texts(corpusFile('002_7adeef815edefb16.txt'));
    expect(sv).not.toContain('Kommentar (0)');
    expect(sv.at(-1)).toBe('Vnexpress.net');
    const vi = texts(corpusFile('003_e165b3d44af3195c.txt')).join('\n');
    expect(vi).not.toMatch(/Bình luận|Đăng nhập|Facebook Google|Bạn đã gửi thành công|Thông báo/);
    expect(vi).toContain('Thượng nghị sĩ cũng nhất trí với Tổng Bí thư');
  });

  it('drops the separator line of 004', () => {
    expect(cleanText(corpusFile('004_8cf2e5f9d09ebff1.txt')).droppedLines).toEqual([2]);
  });
});

describe('boilerplate rules on headers the code has never seen', () => {
  const article = 'Hai bên nhất trí tăng cường hợp tác kinh tế, thương mại và đầu tư trong thời gian tới.';
  it.each([
    ['Tin liên quan', ['Thủ tướng tiếp Đại sứ Nhật Bản', 'Việt Nam và Lào ký kết hiệp định mới', 'Hội nghị ASEAN khai mạc tại Jakarta']],
    ['Xem thêm', ['Bộ trưởng Ngoại giao thăm Ấn Độ', 'Hợp tác nghề cá với Philippines', 'Diễn đàn kinh tế Việt - Úc']],
    ['Läs också', ['Vietnam och Frankrike stärker banden', 'Ny hamn invigs i Da Nang', 'Premiärministern besöker Laos']],
    ['Related articles', ['Vietnam signs trade deal with Canada', 'Leaders meet in Hanoi for summit', 'New port opens in Hai Phong']],
  ])('drops a list under "%s"', (header, headlines) => {
    const raw = [article, '', 'Nguồn: TTXVN', header, ...headlines, '', `${headlines[0]} trong tuần...`].join('\n');
    const kept = texts(raw);
    expect(kept).toEqual([article, 'Nguồn: TTXVN']);
  });

  it('drops a headline list without a header when each headline is repeated', () => {
    const raw = [
      article,
      'Việt Nam phản đối lệnh cấm đánh bắt cá',
      'Việt Nam phản đối lệnh cấm đánh bắt cá',
      '',
      'Ngày 24/4, Bộ trưởng đã tiếp...',
    ].join('\n');
    expect(texts(raw)).toEqual([article]);
  });

  it.each([
    ['Kommentarer (12)'],
    ['Đăng nhập với'],
    ['Facebook Google Zalo'],
    ['Bạn đã gửi thành công.'],
    ['Comments (3)'],
    ['Logga in för att kommentera'],
  ])('drops the widget line "%s"', (widget) => {
    expect(texts(`${article}\n${widget}`)).toEqual([article]);
  });

  it('keeps an article heading followed by paragraphs, and two short headline-like lines', () => {
    const raw = ['HỢP TÁC CẢNG BIỂN', '', article, '', 'Tổng Bí thư điện đàm với các Nghị sĩ Hoa Kỳ', article.replace('kinh tế', 'văn hóa')].join(
      '\n',
    );
    expect(texts(raw)).toHaveLength(4);
  });

  it('finds no run in ordinary prose', () => {
    const paragraphs = reflowLines(splitSourceLines([article, article, article].join('\n\n')));
    expect(findHeadlineRuns(paragraphs).size).toBe(0);
  });
});
