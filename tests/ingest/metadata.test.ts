import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/ingest/clean.js';
import { eventYears, extractDate, extractPublisher, extractTitle, findFullDates, isCaption, recase } from '../../src/ingest/metadata.js';

const SEED = new URL('../../corpus/', import.meta.url);
const seed = (file: string) => cleanText(readFileSync(new URL(file, SEED), 'utf8')).paragraphs;
const title = (text: string) => extractTitle(cleanText(text).paragraphs);
const date = (text: string) => extractDate(cleanText(text).paragraphs);

describe('findFullDates', () => {
  it.each([
    ['17/09/2021 16:32', ['2021-09-17']],
    ['Ngày 24/4/2024, tại Nhà khách Chính phủ', ['2024-04-24']],
    ['vào ngày 24 tháng 11 năm 2016', ['2016-11-24']],
    ['den 27 november 2023 i Tokyo', ['2023-11-27']],
    ['On November 27, 2023 the leaders met', ['2023-11-27']],
    ['Hanoi, Nov 8, 2017', ['2017-11-08']],
    ['le 27 novembre 2023 à Tokyo', ['2023-11-27']],
    ['Hanoi, 23.01.2024, 15:10 Uhr', ['2024-01-23']],
    ['am 23. Januar 2024', ['2024-01-23']],
    ['2023-11-27', ['2023-11-27']],
    ['Chiều 16/9, tại Trụ sở', []],
    ['vào tháng 3/2025', []],
    ['den 27 november', []],
    ['31/02/2021', []],
  ])('%s → %j', (text, expected) => {
    expect(findFullDates(text)).toEqual(expected);
  });
});

describe('extractTitle', () => {
  it('takes a short first line without a final period as the headline', () => {
    expect(title('Việt Nam và Hoa Kỳ ký các thỏa thuận\nNgày 19/2, hai bên ký.')).toBe('Việt Nam và Hoa Kỳ ký các thỏa thuận');
  });

  it('passes over a caption that ends with a photo or video credit', () => {
    expect(title('Bộ trưởng tiếp Đại sứ Nhật Bản. Ảnh: TTXVN\n\nViệt Nam và Nhật Bản tăng cường hợp tác\n\nSáng 3/5, hai bên hội đàm.')).toBe(
      'Việt Nam và Nhật Bản tăng cường hợp tác',
    );
    expect(title('The two ministers at the talks in Hanoi (Photo: VNA)\n\nVietnam, Japan step up defence ties\n\nThe ministers met on May 3.')).toBe(
      'Vietnam, Japan step up defence ties',
    );
  });

  it('takes a caption above a capitals-only heading for what it is, and sets the heading in the article’s case', () => {
    const text =
      'Tiễn đoàn tại sân bay có Tổng Lãnh sự Việt Nam và Thị trưởng thành phố.\n\nVIỆT NAM – HÀN QUỐC LÀ ĐỐI TÁC QUAN TRỌNG\n\n' +
      'Lãnh đạo hai nước nhất trí rằng Việt Nam và Hàn Quốc là đối tác quan trọng của nhau.';
    expect(title(text)).toBe('Việt Nam – Hàn Quốc là đối tác quan trọng');
  });

  it('falls back on the first sentence of the lead when there is no headline line, cut to 120 characters', () => {
    expect(title('Vietnam and Japan upgraded their ties on Monday. The leaders met in Tokyo.\nThey signed ten agreements.')).toBe(
      'Vietnam and Japan upgraded their ties on Monday.',
    );
    const long =
      'Tiễn đoàn tại Sân bay Gimhae có Tổng Lãnh sự Việt Nam tại Busan Đoàn Phương Lan và Thị trưởng thành phố Busan Park Heong Jun cùng đông đảo cộng đồng.';
    const cut = title(long);
    expect(cut.length).toBeLessThanOrEqual(120);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it('does not take a time stamp line or a Markdown mark for the title', () => {
    expect(title('17/09/2021 16:32\n\nViệt Nam – Hàn Quốc hợp tác quốc phòng\n\nChiều 16/9, hai bên gặp nhau.')).toBe(
      'Việt Nam – Hàn Quốc hợp tác quốc phòng',
    );
    expect(title('# Vietnam and Laos sign a border deal\n\nThe two sides signed it on Friday.')).toBe('Vietnam and Laos sign a border deal');
  });

  it('does not take a breadcrumb trail for the headline', () => {
    expect(title('Trang chủ > Thế giới > Châu Á\n\nViệt Nam và Lào ký hiệp định biên giới\n\nSáng 9/1, hai bên ký.')).toBe(
      'Việt Nam và Lào ký hiệp định biên giới',
    );
  });

  it('does not take a subheading after the lead for the title', () => {
    expect(
      title('Vietnam and Laos met in Vientiane on Friday to review their cooperation.\n\nTrade goals for the next years\n\nThe two sides agreed.'),
    ).toBe('Vietnam and Laos met in Vientiane on Friday to review their cooperation.');
  });
});

describe('isCaption and recase', () => {
  it.each([
    ['Tổng Bí thư Tô Lâm chứng kiến lễ trao hợp đồng. Ảnh: TTXVN', true],
    ['Đại tướng Phan Văn Giang cảm ơn Chính phủ Hàn Quốc. Ảnh BQP', true],
    ['President Vo Van Thuong tillkännagav en uppgradering. Video : VTV', true],
    ['Ảnh: Hai bộ trưởng tại cuộc hội đàm', true],
    ['Quang cảnh hội đàm (Ảnh minh họa)', true],
    ['Nguồn: baochinhphu.vn', false],
    ['Việt Nam và Hoa Kỳ ký các thỏa thuận', false],
  ])('%s → %s', (text, expected) => {
    expect(isCaption(text)).toBe(expected);
  });

  it('reads a word with its neighbour: the Quốc of Hàn Quốc is not the quốc of quốc tế; unknown acronyms stay', () => {
    const body = 'Quan hệ Việt Nam và Hàn Quốc phát triển. Hai nước hợp tác quốc tế và quốc phòng, trong khuôn khổ APEC.';
    expect(recase('HÀN QUỐC VÀ QUỐC TẾ TẠI APEC', body)).toBe('Hàn Quốc và quốc tế tại APEC');
    expect(recase('HỢP TÁC CẢNG BIỂN VỚI OECD', 'Hai bên hợp tác.')).toBe('Hợp tác cảng biển với OECD');
  });
});

describe('extractDate', () => {
  it('takes a time stamp or dateline at the top as the day', () => {
    expect(date('Tiêu đề bài\n\n17/09/2021 16:32\n\nChiều 16/9, hai bên gặp nhau.')).toEqual({ date: '2021-09-17', precision: 'day' });
    expect(date('Vietnam wins a seat\n\nNew York, June 7, 2019\n\nVietnam was elected on Friday.')).toEqual({ date: '2019-06-07', precision: 'day' });
  });

  it('gives a day and month at the top the latest year the article names as an event', () => {
    expect(date('Tiêu đề bài\nNgày 19/2, tại Washington, hai bên ký thỏa thuận.\nHai bên đã gặp nhau vào tháng 3/2024.')).toEqual({
      date: '2024-02-19',
      precision: 'day',
      yearInferred: true,
    });
    expect(date('Talks in Hanoi\n\nHANOI, May 25 (VNA) – The two ministers met. Trade reached 2 billion USD in 2023.')).toEqual({
      date: '2023-05-25',
      precision: 'day',
      yearInferred: true,
    });
  });

  it('makes no date of a day and month when the text names no year', () => {
    expect(date('Tiêu đề bài\nNgày 19/2, tại Washington.')).toBeNull();
  });

  it('does not take a target, a range end, an anniversary or a year in a name for the article’s year', () => {
    const text =
      'Hai nước hội đàm\nChiều 13/8, hai bên hội đàm. Quan hệ ngoại giao được thiết lập vào năm 1992. ' +
      'Hai bên phấn đấu đạt mục tiêu trung hòa carbon vào năm 2050, trong giai đoạn 2021-2030, tầm nhìn đến năm 2045. ' +
      'Hai bên chuẩn bị cho EXPO 2027. Cảng mới khánh thành hồi tháng 4/2024.';
    expect(eventYears(text)).toEqual([2024]);
    expect(date(text)).toEqual({ date: '2024-08-13', precision: 'day', yearInferred: true });
  });

  it('does not take a historical full date further down for the article’s date', () => {
    expect(
      date(
        'Vietnam, Kenya talk\n\nHANOI, April 18 (VNA) – The two sides met.\n\nVietnam and Kenya established diplomatic relations on December 21, 1995.',
      ),
    ).toBeNull();
  });

  it('takes a month and year as the month, and a year alone as the year', () => {
    expect(date('Hai nước ký hiệp định\n\nTháng 3/2025, hai nước ký hiệp định thương mại.')).toEqual({ date: '2025-03-01', precision: 'month' });
    expect(date('Hai nước ký hiệp định\n\nHai nước ký hiệp định thương mại.\n\nKim ngạch năm 2023 đạt 2 tỷ USD.')).toEqual({
      date: '2023-01-01',
      precision: 'year',
    });
  });

  it('is null when the text has no date at all', () => {
    expect(date('Hai nước ký hiệp định\n\nHai nước ký hiệp định thương mại.')).toBeNull();
  });

  it('does not read a fraction or a round-the-clock service as a date', () => {
    expect(date('Hotline\n\nThe hotline works 24/7 and covers 1/2 of the provinces in 2024.')).toEqual({ date: '2024-01-01', precision: 'year' });
  });
});

describe('the seed articles', () => {
  it.each([
    [
      '000_c165353527c3661a.txt',
      'Việt Nam – Hàn Quốc là đối tác quan trọng hàng đầu của nhau trên mọi lĩnh vực',
      // The year is a guess (the latest the text names; the visit was in 2025): said so.
      { date: '2024-08-13', precision: 'day', yearInferred: true },
    ],
    [
      '001_bee81db2a34faaf4.txt',
      'Việt Nam – Hàn Quốc tăng cường hợp tác về công nghiệp quốc phòng, an ninh biển',
      { date: '2021-09-17', precision: 'day' },
    ],
    [
      '002_7adeef815edefb16.txt',
      'President Vo Van Thuong och premiärminister Kishida tillkännagav att Vietnam och Japan har uppgraderat sina relationer…',
      { date: '2023-11-27', precision: 'day', yearInferred: true },
    ],
    [
      '003_e165b3d44af3195c.txt',
      'Việt Nam và Hoa Kỳ ký và trao các thỏa thuận hợp tác quan trọng',
      { date: '2025-02-19', precision: 'day', yearInferred: true },
    ],
    [
      '004_8cf2e5f9d09ebff1.txt',
      'Phó Thủ tướng kiêm Bộ trưởng Ngoại giao Phạm Bình Minh giữ các cuộc đàm phán với Bộ trưởng Ngoại giao Nga',
      { date: '2016-11-25', precision: 'day', yearInferred: true },
    ],
  ])('%s', (file, expectedTitle, expectedDate) => {
    const paragraphs = seed(file);
    expect(extractTitle(paragraphs)).toBe(expectedTitle);
    expect(extractDate(paragraphs)).toEqual(expectedDate);
  });

  it('does not take article 000’s photo caption for its title', () => {
    expect(extractTitle(seed('000_c165353527c3661a.txt'))).not.toMatch(/Tiễn đoàn|Gimhae/);
  });
});

describe('captions that say where people stand', () => {
  it('passes over a caption naming who is on the left, even without a credit', () => {
    expect(
      title('Thủ tướng Phạm Minh Chính (phải) và Thủ tướng Lào tại lễ đón.\n\nViệt Nam – Lào ký 10 văn kiện hợp tác\n\nSáng 9/1, hai bên hội đàm.'),
    ).toBe('Việt Nam – Lào ký 10 văn kiện hợp tác');
  });
});

describe('extractPublisher', () => {
  const publisher = (text: string) => extractPublisher(cleanText(text).paragraphs);

  it('takes the last attribution line, without its label', () => {
    expect(publisher('Tiêu đề\n\nHai bên ký hiệp định.\n\nTheo TTXVN')).toEqual({ publisher: 'TTXVN' });
    expect(publisher('Title\n\nThe two sides signed.\n\nSource: VNA, Vietnam News')).toEqual({ publisher: 'VNA, Vietnam News' });
    expect(publisher('Tiêu đề\n\nHai bên ký.\n\nNguồn: Tổng hợp từ VnExpress, TTXVN')).toEqual({ publisher: 'VnExpress, TTXVN' });
    expect(publisher('Tiêu đề\n\nHai bên ký.\n\nVnexpress.net')).toEqual({ publisher: 'Vnexpress.net' });
  });

  it('takes the URL an attribution line gives', () => {
    expect(publisher('Title\n\nThe two sides signed.\n\nSource: https://vnanet.vn/en/a-1.html')).toEqual({ url: 'https://vnanet.vn/en/a-1.html' });
  });

  it('takes the agency of a dateline when there is no attribution line, and nothing when the text names none', () => {
    expect(publisher('Talks in Hanoi\n\nHANOI, May 25 (VNA) – The two ministers met.')).toEqual({ publisher: 'VNA' });
    expect(publisher('Talks in Hanoi\n\nThe two ministers met (in Hanoi) – and talked.')).toEqual({});
  });
});

describe('what is no caption', () => {
  it.each([
    'Thỏa thuận này sẽ gây ảnh hưởng lớn tới thương mại hai nước.',
    'The leaders watched a video of the port.',
    'The leaders watched a video.',
    'The talks ended without a deal, Reuters reported.',
    'Hai bên trao đổi về hình ảnh',
  ])('%s', (text) => {
    expect(isCaption(text)).toBe(false);
  });
});

describe('what is no date', () => {
  it.each([
    'Hai bên ký hiệp định\n\nTrong 6 tháng 2 nước trao đổi 10 đoàn. Kim ngạch năm 2023 đạt 2 tỷ USD.',
    'Hai bên ký hiệp định\n\nBà Nguyễn Thị Mai 25 tuổi phát biểu. Kim ngạch năm 2023 đạt 2 tỷ USD.',
    'Talks in Hanoi\n\nThey may 10 times meet. Trade reached 2 billion USD in 2023.',
    'Hai bên ký hiệp định\n\nTỷ lệ từ 1/3 đến 1/2 dân số. Kim ngạch năm 2023 đạt 2 tỷ USD.',
  ])('%s → the year only', (text) => {
    expect(date(text)).toEqual({ date: '2023-01-01', precision: 'year' });
  });
});
