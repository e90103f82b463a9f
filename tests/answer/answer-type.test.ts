import { describe, expect, it } from 'vitest';
import {
  answerSpans,
  countingSpans,
  countsWhatIsAsked,
  datelineEnd,
  datePrecisionFits,
  datesTheFocus,
  figuresOfAskedYears,
  givenNames,
  holdsAnswerType,
  introducesPlace,
  namesTheFigure,
  needsTypedAnswer,
} from '../../src/answer/answer-type.js';
import { analyzeQuestion } from '../../src/query/analyze-question.js';
import { loadLexicon } from '../../src/lexicon/load-lexicon.js';

const lexicon = loadLexicon(true);

describe('holdsAnswerType', () => {
  it('finds a date for a "when" question, but not in a dateline, which dates the dispatch', () => {
    const question = 'On which day did Pham Binh Minh hold talks with Sergey Lavrov?';
    expect(holdsAnswerType('when', 'Trong chuyến thăm Nga, vào ngày 24 tháng 11, ông đã hội đàm với Lavrov.', question)).toBe(true);
    expect(holdsAnswerType('when', 'Hà Nội 25/11 - Theo lời mời của Bộ trưởng Ngoại giao Nga Sergey Lavrov.', question)).toBe(false);
    expect(holdsAnswerType('when', 'Ngày 19/2, Tổng Bí thư đã điện đàm với Thượng nghị sĩ.', question)).toBe(true);
  });

  it('takes the year of an anniversary for no date of the event it counts from, except the first year of a span', () => {
    const question = 'When did Vietnam and Argentina establish diplomatic relations?';
    const anniversary = 'Ông Macri tới Việt Nam ngay sau khi hai nước kỷ niệm 45 năm thiết lập quan hệ ngoại giao vào năm 2018.';
    expect(answerSpans('when', anniversary, question)).toEqual([]);
    expect(answerSpans('when', anniversary, 'When did the two countries celebrate the anniversary?')).toHaveLength(1);
    const span = 'Hai nước kỷ niệm 30 năm thiết lập quan hệ ngoại giao (1996-2026).';
    expect(answerSpans('when', span, question).map((sp) => span.slice(sp.start, sp.end))).toEqual(['1996']);
  });

  it('takes no date from a dateline written in words, and reads "Ngày 29/3" after a dateline as the whole date', () => {
    const words = "Cam Ranh, 22 July 2023 – India on Saturday handed over the corvette to the Vietnam People's Navy.";
    expect(holdsAnswerType('when', words, 'When did the corvette reach Cam Ranh?')).toBe(false);
    const question = 'On what date did Vietnam and San Marino sign their memorandum?';
    const sentence =
      'Rome, 30/3/2023 (TTXVN) – Ngày 29/3, tại Rome, hai bên gồm Thứ trưởng và Bộ trưởng Ngoại giao, ông Luca Beccari, đã ký Bản ghi nhớ.';
    expect(answerSpans('when', sentence, question).map((sp) => sentence.slice(sp.start, sp.end))).toEqual(['Ngày 29/3']);
    const memorandum = analyzeQuestion(question, lexicon);
    expect(datesTheFocus(sentence, memorandum.concepts.find((c) => c.label === 'memorandum')!, question, 'vi')).toBe(true);
  });

  it('answers "how long is" with a length, never a sum', () => {
    const ship = 'The ship is 90 metres long, cost US$5 million and served for 32 years.';
    const spans = answerSpans('how-many', ship, 'How long is the corvette?').map((sp) => ship.slice(sp.start, sp.end));
    expect(spans).toEqual(['90 metres']);
  });

  it('answers "what is the capacity" with power or output, never a sum, and a figure before a later year as of now', () => {
    const park = 'Công viên điện mặt trời công suất 20 MW trị giá 17 triệu USD, và đến năm 2030, công ty muốn nâng tổng công suất lên 1.000 MW.';
    const question = 'What is the capacity of the solar park inaugurated in April 2023?';
    expect(answerSpans('how-many', park, question).map((sp) => park.slice(sp.start, sp.end))).toEqual(['20 MW']);
    // A figure after the other year is that year's: "Năm 2021, kim ngạch đạt 14,3 triệu USD" is no figure of 2023.
    const trade = 'Năm 2021, kim ngạch đạt 14,3 triệu USD.';
    expect(answerSpans('how-many', trade, 'What was bilateral trade in 2023?')).toEqual([]);
  });

  it('finds a duration in German and French too ("seit 17 Jahren", "depuis 12 ans")', () => {
    const question = 'How many years had passed since a German head of state last visited?';
    expect(holdsAnswerType('how-long', 'Es war der erste Besuch eines deutschen Staatsoberhaupts seit 17 Jahren.', question)).toBe(true);
    expect(holdsAnswerType('how-long', "C'est la première visite depuis 12 ans.", question)).toBe(true);
  });

  it('takes no date from a dateline with its clock time, unless the question asks for a time', () => {
    const dateline = 'Việt Nam lập quan hệ ngoại giao với Chile Hà Nội, 09/11/2013 07:50';
    expect(holdsAnswerType('when', dateline, 'When did Vietnam set up diplomatic relations with Chile?')).toBe(false);
    expect(holdsAnswerType('when', 'Ngày 8/11/2013, hai nước ký Thông cáo chung.', 'When did Vietnam set up relations with Chile?')).toBe(true);
  });

  it('takes a person the lexicon knows whole, though its syllables also spell words ("Lê" lễ, "Thu Hằng" thứ hạng)', () => {
    const sentence = 'Thứ trưởng Lê Thị Thu Hằng và ông Luca Beccari đã ký Bản ghi nhớ.';
    const names = answerSpans('who', sentence, 'Which Vietnamese official signed the memorandum?', lexicon).map((sp) =>
      sentence.slice(sp.start, sp.end),
    );
    expect(names).toContain('Lê Thị Thu Hằng');
  });

  it('keeps the later words of a Vietnamese family name in the name, though they also spell a country or a stopword', () => {
    const question = 'Who received the foreign minister?';
    for (const [sentence, name] of [
      ['He was received by Tran Phuoc Anh, Director of the municipal Department of Foreign Affairs.', 'Tran Phuoc Anh'],
      ['Bà Nguyễn Phương Nga, Chủ tịch Liên hiệp các tổ chức hữu nghị, đã tiếp bộ trưởng.', 'Nguyễn Phương Nga'],
    ]) {
      expect(answerSpans('who', sentence!, question, lexicon).map((sp) => sentence!.slice(sp.start, sp.end))).toContain(name);
    }
    // A city a family name seems to open is the city the lexicon knows, not a person.
    const city = 'Bộ trưởng đã đến Hà Nội hôm qua.';
    expect(answerSpans('who', city, question, lexicon).map((sp) => city.slice(sp.start, sp.end))).not.toContain('Hà Nội');
  });

  it('runs a name on past an elision ("Bernardo O\'Higgins", "Côte d\'Ivoire"), once', () => {
    const monument = "Ông Lương Cường đặt vòng hoa tại tượng đài Bernardo O'Higgins ở Santiago.";
    const who = answerSpans('who', monument, 'At whose monument did Luong Cuong lay a wreath?', lexicon).map((sp) =>
      monument.slice(sp.start, sp.end),
    );
    // "Ông" (Mr) before a name the question gives is no one: a family name too, it addresses the person here.
    expect(who).toEqual(["Bernardo O'Higgins"]);
    const first = "Côte d'Ivoire là nước đầu tiên ở Tây Phi công nhận.";
    expect(answerSpans('where', first, 'Which country was the first in West Africa?', lexicon).map((sp) => first.slice(sp.start, sp.end))).toEqual([
      "Côte d'Ivoire",
    ]);
  });

  it('reads a form of address alone ("Ngài") as the office that follows it, not as a name', () => {
    const sentence = 'Đại tướng gửi lời hỏi thăm tới Ngài Bộ trưởng Bộ Quốc phòng Hàn Quốc; mong muốn được đón Ngài Bộ trưởng sang thăm.';
    const names = answerSpans('who', sentence, 'Đại tướng mong muốn được đón ai sang thăm?', lexicon).map((sp) => sentence.slice(sp.start, sp.end));
    expect(names).toEqual(['Ngài Bộ trưởng Bộ Quốc phòng Hàn Quốc', 'Ngài Bộ trưởng']);
  });

  it('takes no place from a dateline for "where": the dispatch was filed there', () => {
    const sentence = 'Hà Nội, 10/11/2021 (TTXVN) – Ngày 10/11, Chủ tịch nước gửi điện chúc mừng ông Neves.';
    expect(datelineEnd(sentence)).toBe('Hà Nội, 10/11/2021 (TTXVN) – '.length);
    expect(datelineEnd('HANOI, April 18 (VNA) – Vietnam and Kenya agreed.')).toBe('HANOI, April 18 (VNA) – '.length);
    expect(datelineEnd('Tại Hà Nội, hai bên đã ký kết.')).toBe(0);
    const places = answerSpans('where', sentence, 'In which city was Neves sworn in?', lexicon).map((sp) => sentence.slice(sp.start, sp.end));
    expect(places).not.toContain('Hà Nội');
    // Nor a person: "Ho Chi Minh" opening a dateline is the city.
    const swedish = 'Ho Chi Minh-staden den 10 april 2025 – Den danska leksakstillverkaren Lego har invigt sin fabrik.';
    const people = answerSpans('who', swedish, 'Which deputy prime minister attended the opening?', lexicon).map((sp) =>
      swedish.slice(sp.start, sp.end),
    );
    expect(people).not.toContain('Ho Chi Minh');
  });

  it('takes the first date of a span of dates for a date, not for a dateline', () => {
    const question = 'When did Vietnam and Rwanda establish diplomatic relations?';
    const sentence = 'Nhân dịp kỷ niệm 50 năm thiết lập quan hệ ngoại giao (30/9/1975 - 2025), Đại sứ đề xuất.';
    const dates = answerSpans('when', sentence, question).map((s) => sentence.slice(s.start, s.end));
    expect(dates.some((d) => d.startsWith('30/9'))).toBe(true);
  });

  it('wants a time of day for "what time", and takes no time for a count', () => {
    const question = 'What time did the plane land?';
    expect(datePrecisionFits('when', question, 'Chuyên cơ hạ cánh đúng 8 giờ sáng 9/1.')).toBe(true);
    expect(datePrecisionFits('when', question, 'Chuyên cơ hạ cánh lúc 13h20 ngày 9/3.')).toBe(true);
    expect(datePrecisionFits('when', question, 'Chuyên cơ hạ cánh ngày 9/3.')).toBe(false);
    expect(holdsAnswerType('how-many', 'Chuyên cơ hạ cánh lúc 13h20.', 'How many cannon shots were fired?')).toBe(false);
  });

  it('wants a month named for "which month": a year or a term alone does not answer', () => {
    const question = 'In which month did Vietnam hold the presidency of the Security Council?';
    expect(datePrecisionFits('when', question, 'Vietnam held the presidency in the 2020-2021 term.')).toBe(false);
    expect(datePrecisionFits('when', question, 'Vietnam held the presidency in January 2020.')).toBe(true);
    expect(datePrecisionFits('when', 'Việt Nam giữ chức Chủ tịch vào tháng nào?', 'Việt Nam giữ chức Chủ tịch vào tháng 1/2020.')).toBe(true);
    expect(datePrecisionFits('when', 'Việt Nam giữ chức Chủ tịch vào tháng nào?', 'Việt Nam giữ chức Chủ tịch năm 2020.')).toBe(false);
  });

  it('takes no day of a date written with its month for a count', () => {
    const question = 'How many ships did Chile send to Vietnam?';
    expect(holdsAnswerType('how-many', 'Vietnam and Chile established diplomatic relations on 25 March 1971.', question)).toBe(false);
    expect(holdsAnswerType('how-many', 'Hai nước lập quan hệ ngoại giao ngày 25 tháng 3 năm 1971.', question)).toBe(false);
    expect(holdsAnswerType('how-many', 'Chile sent 3 ships on 25 March.', question)).toBe(true);
  });

  it('takes "Who is X?" however it is capitalised as asking about X, not for a name', () => {
    for (const question of ['Who is Ana Torres?', 'who is Ana Torres?', 'Vem är Ana Torres?', 'who is ana torres', 'WHO IS ANA TORRES?']) {
      expect(needsTypedAnswer(analyzeQuestion(question, lexicon), lexicon)).toBe(false);
    }
    expect(needsTypedAnswer(analyzeQuestion('Who led the Chilean delegation?', lexicon), lexicon)).toBe(true);
    expect(needsTypedAnswer(analyzeQuestion('who is the mayor of busan', lexicon), lexicon)).toBe(true);
    expect(needsTypedAnswer(analyzeQuestion("Who was South Korea's president when To Lam visited Seoul?", lexicon), lexicon)).toBe(true);
  });

  it('takes neither the country of a place asked about as the answer to "where", and knows a place named with "tại", "in"', () => {
    const question = 'Where did the Vietnamese foreign minister lay wreaths in Moscow?';
    expect(holdsAnswerType('where', 'Phạm Bình Minh hội đàm với Bộ trưởng Ngoại giao Nga.', question, lexicon)).toBe(false);
    expect(holdsAnswerType('where', 'Phạm Bình Minh hội đàm với Bộ trưởng Ngoại giao Pháp.', question, lexicon)).toBe(true);
    expect(introducesPlace('Chiều 16/9, tại Trụ sở Bộ Quốc phòng, hai bên hội đàm.')).toBe(true);
    expect(introducesPlace('The talks were held in Moscow.')).toBe(true);
    expect(introducesPlace('Hai bên hội đàm về quốc phòng.')).toBe(false);
  });

  it('reads French and German dates', () => {
    const question = 'Công ty Telemor được thành lập ngày nào?';
    expect(holdsAnswerType('when', "Viettel exploite l'opérateur Telemor, fondé le 22 août 2012.", question)).toBe(true);
    expect(holdsAnswerType('when', 'Das Abkommen wurde am 23. Januar unterzeichnet.', question)).toBe(true);
    expect(holdsAnswerType('when', 'Das Abkommen wurde am 23.01.2024 unterzeichnet.', question)).toBe(true);
    expect(holdsAnswerType('when', "Viettel exploite l'opérateur Telemor au Timor-Leste.", question)).toBe(false);
  });

  it('does not take a figure dated only by another year as the answer for the year asked about', () => {
    const sentence = 'Năm 2016 tổng thương mại song phương lên tới $ 2,2 tỷ, và phấn đấu đến năm 2020, thương mại song phương .';
    expect(holdsAnswerType('how-many', sentence, 'What trade figure did they aim for by 2020?')).toBe(false);
    expect(holdsAnswerType('how-many', sentence, 'What was bilateral trade in 2016?')).toBe(true);
    const yen = 'Värdet av yenlån under räkenskapsåret 2023 skulle kunna överstiga 100 miljarder yen för första gången sedan räkenskapsåret 2017.';
    expect(holdsAnswerType('how-many', yen, 'How much could yen loans reach in fiscal year 2023?')).toBe(true);
  });

  it('finds a source line, or a credit in brackets inside a caption', () => {
    expect(holdsAnswerType('source', 'Nguồn: baochinhphu.vn', 'Bài viết lấy nguồn từ đâu?')).toBe(true);
    expect(holdsAnswerType('source', 'Lavrov (Nguồn: Kyodo News) Hà Nội 25/11 - Theo lời mời', 'Which agency is the source?')).toBe(true);
    expect(holdsAnswerType('source', 'Hai bên nhất trí tăng cường hợp tác.', 'Which agency is the source?')).toBe(false);
  });

  it('wants a sum of money or a magnitude for "how much … worth", not a count', () => {
    const order = 'Hợp đồng mua 50 máy bay Boeing 737 MAX giữa Vietnam Airlines và Boeing.';
    expect(holdsAnswerType('how-many', order, 'What is the value of the Vietnam Airlines order?')).toBe(false);
    expect(holdsAnswerType('how-many', order, 'How many planes did Vietnam Airlines order?')).toBe(true);
    expect(holdsAnswerType('how-many', 'Tổng giá trị là 37,2 tỷ USD.', 'gia tri cac van kien la bao nhieu')).toBe(true);
    expect(holdsAnswerType('how-many', 'liên kết với hải cảng của hơn 100 quốc gia', 'Cảng Busan liên kết với bao nhiêu quốc gia?')).toBe(true);
  });

  it('answers a share or a percentage with a percentage, and a value or a sum with no percentage', () => {
    const share = 'On roughly what share of Vietnamese exports will the UAE remove import duties?';
    const duties = 'UAE sẽ xóa bỏ thuế nhập khẩu đối với khoảng 99% hàng hóa xuất khẩu từ Việt Nam.';
    expect(answerSpans('how-many', duties, share).map((s) => duties.slice(s.start, s.end))).toEqual(['99%']);
    expect(holdsAnswerType('how-many', 'Bilateral trade jumped 165 per cent.', 'By what percentage did trade rise?')).toBe(true);
    const value = 'What was the value of Vietnam–Mexico trade in 2024?';
    expect(holdsAnswerType('how-many', 'In 2024 trade with Mexico grew 36.23%.', value)).toBe(false);
    expect(holdsAnswerType('how-many', 'In 2024 trade with Mexico grew 36.23% to US$7 billion.', value)).toBe(true);
    expect(holdsAnswerType('how-many', 'The UAE will remove duties on US$7 billion of goods.', share)).toBe(false);
  });

  it('takes a percentage before a word for people for a share of them, not for a number of people', () => {
    const question = "What share of the world's population do the movement's members represent?";
    const sentence = 'Với 120 thành viên, Phong trào chiếm gần 60% dân số và khoảng 20% GDP toàn cầu.';
    expect(answerSpans('how-many', sentence, question).map((s) => sentence.slice(s.start, s.end))).toEqual(['60%', '20%']);
  });

  it("takes the figure for the question's word for the kind of figure ('money', 'share'), and nothing else for it", () => {
    const [money, gave] = analyzeQuestion('How much money did Vietnam give Myanmar?', lexicon).concepts;
    const aid = 'Việt Nam quyết định viện trợ 300.000 USD giúp Myanmar.';
    const spans = answerSpans('how-many', aid, 'How much money did Vietnam give Myanmar?');
    expect(namesTheFigure(money!, 'How much money did Vietnam give Myanmar?', aid, spans)).toBe(true);
    expect(namesTheFigure(gave!, 'How much money did Vietnam give Myanmar?', aid, spans)).toBe(false);
    const share = analyzeQuestion('What share of exports does rice make up?', lexicon).concepts[0]!;
    expect(namesTheFigure(share, 'What share of exports does rice make up?', aid, spans)).toBe(false); // a sum is no share
    const rice = 'Gạo chiếm 12% kim ngạch xuất khẩu.';
    expect(namesTheFigure(share, 'What share of exports does rice make up?', rice, answerSpans('how-many', rice, 'What share of exports?'))).toBe(
      true,
    );
  });

  it('answers "how large" with a measure of area or length, not a count', () => {
    const question = 'How large is the core zone of the heritage complex?';
    expect(holdsAnswerType('how-many', 'Tại Kỳ họp lần thứ 47, quần thể được ghi danh.', question)).toBe(false);
    expect(holdsAnswerType('how-many', 'Quần thể gồm 12 điểm di tích, với vùng lõi rộng 525,75 ha.', question)).toBe(true);
    // A distance is no sum of money: "what was bilateral trade" asks for one.
    const trade = 'What was bilateral trade between Vietnam and Paraguay in 2022?';
    expect(holdsAnswerType('how-many', 'In 2022 he promoted a museum in San Bernardino, 45 km from the capital.', trade)).toBe(false);
    expect(holdsAnswerType('how-many', 'In 2022 bilateral trade reached US$150 million.', trade)).toBe(true);
  });

  it('takes no figure of a sentence dated only by other years than the one asked', () => {
    const question = 'How much did two-way trade between Vietnam and Uganda reach in 2023?';
    expect(holdsAnswerType('how-many', 'Năm 2021, kim ngạch thương mại hai chiều đạt 14,3 triệu USD.', question)).toBe(false);
    expect(holdsAnswerType('how-many', 'Kim ngạch thương mại hai chiều đạt 14,3 triệu USD.', question)).toBe(true);
    expect(holdsAnswerType('how-many', 'Năm 2023, kim ngạch đạt 20 triệu USD, so với 14,3 triệu USD năm 2021.', question)).toBe(true);
  });

  it('takes a magnitude of people for no sum of money', () => {
    const question = 'How much has Ethiopia invested in Vietnam so far?';
    expect(holdsAnswerType('how-many', 'Ethiopia có khoảng 130 triệu dân, là nước đông dân thứ hai châu Phi.', question)).toBe(false);
    expect(holdsAnswerType('how-many', 'The country welcomed 2 million visitors last year.', question)).toBe(false);
    expect(holdsAnswerType('how-many', 'Ethiopia có 130 triệu dân và đã đầu tư 2,5 triệu USD vào Việt Nam.', question)).toBe(true);
  });

  it('wants the photo credit when the question asks who took or supplied a photo', () => {
    const caption = 'Presidenten och premiärministern höll en presskonferens i kansliet idag. Foto: VNA';
    expect(holdsAnswerType('source', caption, 'Which agency is credited for the photo of the press conference?')).toBe(true);
    expect(holdsAnswerType('source', 'Nguồn: baochinhphu.vn', 'Which agency is credited for the photo?')).toBe(false);
    expect(holdsAnswerType('source', 'Minh gặp Lavrov (Nguồn: Kyodo News) Hà Nội 25/11', 'Who supplied the photo of Minh and Lavrov?')).toBe(true);
    expect(holdsAnswerType('source', 'tuyên bố chung. Video : VTV', 'Which broadcaster supplied the video?')).toBe(true);
  });

  it('finds a duration written in words, even when its words stand apart in the question', () => {
    const sentence = 'Ông Phạm Bình Minh cung cấp định hướng phát triển trong vòng năm năm tới.';
    expect(holdsAnswerType('how-long', sentence, 'Phạm Bình Minh trình bày định hướng của Việt Nam trong bao lâu tới?')).toBe(true);
    expect(holdsAnswerType('how-long', 'Quan hệ phát triển từ năm 1992.', 'Quan hệ Việt Nam - Hàn Quốc bao lâu?')).toBe(false);
  });

  it('finds a purpose or a cause for "why"', () => {
    expect(
      holdsAnswerType('why', 'Để đảm bảo ổn định của chuỗi cung ứng, Hàn Quốc xây dựng các cảng thông minh.', 'Why does Korea build smart ports?'),
    ).toBe(true);
    expect(holdsAnswerType('why', 'Hàn Quốc xây dựng các cảng thông minh.', 'Why does Korea build smart ports?')).toBe(false);
  });

  it('does not count a number the question already gives', () => {
    expect(holdsAnswerType('how-many', 'Hợp đồng mua 50 máy bay Boeing.', 'How many jets did the 50-jet order cover?')).toBe(false);
    expect(holdsAnswerType('how-many', 'Tổng giá trị là 37,2 tỷ USD.', 'What was the combined value?')).toBe(true);
  });

  it('finds a person only in a proper name outside the lexicon: titles, institutions and countries do not answer "who"', () => {
    const question = 'Who is the South Korean president who hosted To Lam during his state visit?';
    const titlesOnly = 'Hai bên nhất trí cho rằng chuyến thăm cấp Nhà nước tới Hàn Quốc của Tổng Bí thư Tô Lâm và Phu nhân đã thành công tốt đẹp.';
    expect(holdsAnswerType('who', titlesOnly, question, lexicon)).toBe(false);
    expect(holdsAnswerType('who', titlesOnly, question)).toBe(true); // without the lexicon any capitalised run counts
    expect(holdsAnswerType('who', 'Tổng Bí thư Tô Lâm hội kiến Tổng thống Yoon Suk Yeol.', question, lexicon)).toBe(true);
  });

  it('takes a country in the genitive for no person ("Vietnams nationalförsamling")', () => {
    const sentence = 'Den 15 september tog Vietnams nationalförsamlings ordförande Vuong Dinh Hue emot talmannen Lord Fakafanua.';
    const names = answerSpans('who', sentence, 'Vem tog emot talmannen från Tonga?', lexicon).map((s) => sentence.slice(s.start, s.end));
    expect(names).not.toContain('Vietnams');
    expect(names).toContain('Lord Fakafanua');
  });

  it('takes a region or its adjective for no person ("the first Southeast Asian country")', () => {
    const sentence = 'Vietnam and Israel signed VIFTA, making Vietnam the first Southeast Asian country to conclude such a deal.';
    expect(holdsAnswerType('who', sentence, 'Who signed VIFTA on behalf of Israel?', lexicon)).toBe(false);
  });

  it('takes no lone word opening a clause after a dash or bracket for a name (it is capitalised by its place)', () => {
    const question = "Who is Vietnam's ambassador to Portugal?";
    const dateline = '(Baoquocte.vn) - Ngày 27/2, Đại sứ quán Bồ Đào Nha tại Hà Nội chính thức đi vào hoạt động.';
    expect(holdsAnswerType('who', dateline, question, lexicon)).toBe(false);
    expect(holdsAnswerType('who', '(Baoquocte.vn) - Ngày 27/2, Đại sứ Nguyễn Văn Bình trình quốc thư.', question, lexicon)).toBe(true);
    expect(holdsAnswerType('who', 'Hanoi (VNA) - Paulo Rangel met the ambassador.', question, lexicon)).toBe(true);
  });

  it('takes an academic title before a name for a title, not for the name ("Giáo sư Nikolay Nenov")', () => {
    const sentence = 'Tại Kỳ họp ở Paris, Giáo sư Nikolay Nenov, Chủ tịch Kỳ họp, đã gõ búa công nhận quần thể di tích.';
    const names = answerSpans('who', sentence, 'Who chaired the session?', lexicon).map((s) => sentence.slice(s.start, s.end));
    expect(names).toEqual(['Nikolay Nenov']);
  });

  it('takes a title with its form of address as the answer to "who", but not to "what is the name"', () => {
    const sentence = 'Đại tướng Phan Văn Giang bày tỏ mong muốn được đón Ngài Bộ trưởng Bộ Quốc phòng Hàn Quốc sang thăm Việt Nam.';
    expect(holdsAnswerType('who', sentence, 'dai tuong phan van giang moi ai sang tham viet nam', lexicon)).toBe(true);
    expect(holdsAnswerType('who', sentence, 'Vad heter försvarsministern som Phan Van Giang bjöd in?', lexicon)).toBe(false);
  });

  it('does not take a place for a person: "thành phố Busan" answers no "who"', () => {
    const sentence = 'Tổng Bí thư Tô Lâm và đoàn đại biểu đã thăm Cảng biển Busan ở thành phố Busan.';
    expect(holdsAnswerType('who', sentence, 'Who was the president who hosted To Lam in Seoul?', lexicon)).toBe(false);
    expect(holdsAnswerType('who', 'Tiễn đoàn có Thị trưởng thành phố Busan Park Heong Jun.', 'Who saw the delegation off?', lexicon)).toBe(true);
  });

  it('finds a place for "where" in a name or a country the question does not give, never in Vietnam', () => {
    const question = 'Which state does US Senator Steve Daines represent?';
    expect(holdsAnswerType('where', 'Thượng nghị sĩ Steve Daines (Cộng hòa-bang Montana), thành viên Ủy ban Đối ngoại.', question, lexicon)).toBe(
      true,
    );
    expect(holdsAnswerType('where', 'Thượng nghị sĩ Steve Daines mong muốn Việt Nam và Hoa Kỳ hợp tác.', question, lexicon)).toBe(false);
    expect(holdsAnswerType('where', 'Busan liên kết với các cảng của Nhật Bản.', 'Where does Busan link to?', lexicon)).toBe(true);
  });

  it('answers "which country" with a foreign country only, not a city or a body the sentence names', () => {
    const question = 'Which country did Vietnam replace on the UN Security Council?';
    const elected = 'New York, June 7 - Vietnam was elected a member of the United Nations Security Council.';
    expect(holdsAnswerType('where', elected, question, lexicon)).toBe(false);
    const kuwait = 'In New York, Vietnam will take over from Kuwait on January 1, 2020.';
    expect(answerSpans('where', kuwait, question, lexicon).map((s) => kuwait.slice(s.start, s.end))).toEqual(['Kuwait']);
    expect(holdsAnswerType('where', 'Việt Nam thay thế Cô-oét từ ngày 1/1/2020.', 'Việt Nam thay thế nước nào?', lexicon)).toBe(true);
  });
});

describe('datePrecisionFits', () => {
  it('wants a year for "which year" and a day for "which day"', () => {
    expect(datePrecisionFits('when', 'In which year did they meet?', 'Chiều 16/9, hai bên đã gặp nhau.')).toBe(false);
    expect(datePrecisionFits('when', 'In which year did they meet?', 'Năm 2021, hai bên đã gặp nhau.')).toBe(true);
    expect(datePrecisionFits('when', 'On which day did they meet?', 'Kế hoạch hợp tác (2017-2018) đã được ký.')).toBe(false);
    expect(datePrecisionFits('when', 'On which day did they meet?', 'Vào ngày 24 tháng 11, hai bên hội đàm.')).toBe(true);
    expect(datePrecisionFits('what', 'In which year did they meet?', 'Hai bên đã gặp nhau.')).toBe(true);
  });
});

describe('countsWhatIsAsked', () => {
  const counted = (question: string) => {
    const analysis = analyzeQuestion(question, lexicon);
    return analysis.concepts[analysis.counted]!;
  };
  it('wants the number to count the thing asked about', () => {
    const sentence = 'Busan vận hành hàng trăm tàu, liên kết với hải cảng của hơn 100 quốc gia trên thế giới.';
    expect(countsWhatIsAsked(sentence, counted('Cảng Busan liên kết với bao nhiêu quốc gia?'), 'vi')).toBe(true);
    expect(countsWhatIsAsked(sentence, counted('Cảng Busan có bao nhiêu nhân viên?'), 'vi')).toBe(false);
  });

  it('takes "the two countries" for the pair a bilateral article speaks of, not for a count', () => {
    const countries = counted('With how many countries does Tuvalu have diplomatic relations?');
    expect(countsWhatIsAsked('Hai bộ trưởng ký Thông cáo chung giữa hai nước.', countries, 'vi')).toBe(false);
    expect(countsWhatIsAsked('Lãnh đạo hai nước đã hội đàm.', countries, 'vi')).toBe(false);
    expect(countsWhatIsAsked('Trade between the two countries grew.', countries, 'en')).toBe(false);
    expect(countsWhatIsAsked('Tuvalu có quan hệ ngoại giao với 123 quốc gia.', countries, 'vi')).toBe(true);
    expect(countsWhatIsAsked('Tuvalu established ties with two countries that year.', countries, 'en')).toBe(true);
  });

  it('counts by the word a Vietnamese phrase ends with: "người lao động" (workers) counts "52,3 triệu lao động"', () => {
    const workers = counted('How many workers does the labour market have?');
    expect(countsWhatIsAsked('Thị trường có quy mô lớn với 52,3 triệu lao động.', workers, 'vi')).toBe(true);
  });

  it('takes a number in words right before the thing counted, and nothing else in words', () => {
    const sentence = 'Hai nhà lãnh đạo chứng kiến lễ ký ba bản ghi nhớ về hợp tác khoa học năm 2023.';
    const spans = countingSpans(sentence, counted('How many memoranda of understanding were signed?'), 'vi');
    expect(spans.map((s) => sentence.slice(s.start, s.end))).toEqual(['ba']);
    // "två" counts the sides, two words before the students.
    const sides = 'Uppmuntrar de två sidorna vietnamesiska studenter att studera i Japan.';
    expect(countsWhatIsAsked(sides, counted('How many Vietnamese students study in Japan?'), 'sv')).toBe(false);
    expect(countsWhatIsAsked('Hơn 2023 sinh viên Việt Nam.', counted('Có bao nhiêu sinh viên?'), 'vi')).toBe(false);
    expect(countsWhatIsAsked('Lúc 13h20 sinh viên Việt Nam tới.', counted('Có bao nhiêu sinh viên?'), 'vi')).toBe(false);
    expect(countsWhatIsAsked('Có 13 sinh viên Việt Nam tới.', counted('Có bao nhiêu sinh viên?'), 'vi')).toBe(true);
    expect(countsWhatIsAsked('Kommissionens tolv utvecklingspartner deltog.', counted('How many partners does the commission have?'), 'sv')).toBe(
      true,
    );
  });

  it('takes "version 3.0" for a label, not a count of what stands before it, and "3,0 triệu" for a count', () => {
    const areas = counted('How many areas does the upgraded free trade area cover?');
    expect(countsWhatIsAsked('Avtalet uppgraderar frihandelsområdet till version 3.0 (ACFTA 3.0).', areas, 'sv')).toBe(false);
    expect(countsWhatIsAsked('Uppgraderingen omfattar nio områden, varav fem är nya.', areas, 'sv')).toBe(true);
    const visitors = counted('Có bao nhiêu lượt khách?');
    expect(countsWhatIsAsked('Năm ngoái có 3,0 triệu lượt khách.', visitors, 'vi')).toBe(true);
  });
});

describe('numbers that are no count', () => {
  it('takes a number word capitalised inside a sentence for a name ("Le Khanh Hai" is no "hai", two)', () => {
    const people = analyzeQuestion('How many people accompanied the president?', lexicon);
    const sentence = "They were greeted by Le Khanh Hai, Hanoi People's Committee Chairman Tran Sy Thanh.";
    expect(countingSpans(sentence, people.concepts[people.counted]!, 'en')).toEqual([]);
    expect(countingSpans('Hai người đã đến.', people.concepts[people.counted]!, 'vi').length).toBe(1);
  });

  it('reads "ngày 23/11/2024" as one date, leaving no part of it to count', () => {
    const sentence = 'KUALA LUMPUR, ngày 23/11/2024 – Chuyến thăm Malaysia từ ngày 21 đến 23/11 đã khép lại.';
    expect(answerSpans('how-many', sentence, 'How many Vietnamese live in Malaysia, after the 2024 visit?', lexicon)).toEqual([]);
  });
});

describe('answerSpans for names of several words', () => {
  it('reads a family name after an office by its marks: "Thương Vũ" is no "thường vụ" (standing)', () => {
    const sentence = 'Hiệp định được ký bởi Bộ trưởng Bộ Công Thương Vũ Huy Hoàng tại Tokyo.';
    const spans = answerSpans('who', sentence, 'Who signed the agreement?', lexicon);
    expect(spans.map((s) => sentence.slice(s.start, s.end))).toContain('Vũ Huy Hoàng');
  });

  it('answers "which country" with a country of two words whole: "Thái Lan", not "Thái"', () => {
    const sentence = 'Lào chuyển giao vai trò đồng chủ trì cho Thái Lan.';
    const spans = answerSpans('where', sentence, 'Which country took over from Laos as co-chair?', lexicon);
    expect(spans.map((s) => sentence.slice(s.start, s.end))).toEqual(['Thái Lan']);
  });

  it('takes "Park Hang-seo" whole, past the hyphen', () => {
    const sentence = 'President Moon met football coach Park Hang-seo in Hanoi.';
    const spans = answerSpans('who', sentence, 'Which coach did President Moon meet?', lexicon);
    expect(spans.map((s) => sentence.slice(s.start, s.end))).toContain('Park Hang-seo');
  });
});

describe('answerSpans for an area', () => {
  it('answers "what is the floor area" with an area, not the sum the same sentence gives', () => {
    const sentence = 'The US$1 billion plant covers about 46,000 square metres.';
    const spans = answerSpans('how-many', sentence, 'What is the floor area of the plant?', lexicon);
    expect(spans.map((s) => sentence.slice(s.start, s.end))).toEqual(['46,000 square metres']);
  });
});

describe('countingSpans with the names a question counts by', () => {
  it('counts a number right before such a name ("20 Airbus A330neo"), never one after it ("Boeing 737")', () => {
    const analysis = analyzeQuestion('How many Airbus planes did VietJet buy?', lexicon);
    const planes = analysis.concepts[analysis.counted]!;
    const airbus = analysis.concepts.find((c) => c.label === 'Airbus')!;
    const sentence = "La compagnie VietJet a conclu l'achat de 20 Airbus A330neo.";
    expect(countingSpans(sentence, planes, 'fr')).toEqual([]);
    expect(countingSpans(sentence, planes, 'fr', [airbus]).map((s) => sentence.slice(s.start, s.end))).toEqual(['20']);
    expect(countingSpans('Hợp đồng về Airbus 321 được ký.', planes, 'vi', [airbus])).toEqual([]);
  });

  it('counts a number a word (or a hyphenated one) before such a name: "50 moyen-courriers Airbus"', () => {
    const analysis = analyzeQuestion('How many Airbus planes did VietJet buy?', lexicon);
    const planes = analysis.concepts[analysis.counted]!;
    const airbus = analysis.concepts.find((c) => c.label === 'Airbus')!;
    const sentence = 'Le contrat porte sur 50 moyen-courriers Airbus pour VietJet.';
    expect(countingSpans(sentence, planes, 'fr', [airbus]).map((s) => sentence.slice(s.start, s.end))).toEqual(['50']);
  });

  it('counts tens written in words in French, German and Swedish ("quarante avions")', () => {
    const aircraft = analyzeQuestion('How many aircraft were covered by the deals?', lexicon);
    const counted = aircraft.concepts[aircraft.counted]!;
    const sentence = 'Ils ont assisté à la signature de trois accords portant sur quarante avions Airbus.';
    expect(countingSpans(sentence, counted, 'fr').map((s) => sentence.slice(s.start, s.end))).toEqual(['quarante']);
  });
});

describe('datesTheFocus', () => {
  const question = 'When will the reciprocal trade agreement be completed?';
  const focus = analyzeQuestion(question, lexicon).concepts.find((c) => c.label === 'reciprocal trade agreement')!;
  it('takes no date for what did not happen ("chưa thể thiết lập"), but "không ngừng" and "not only" negate nothing', () => {
    const ties = 'When did Vietnam and the Comoros establish diplomatic relations?';
    const relations = analyzeQuestion(ties, lexicon).concepts.find((c) => c.label === 'diplomatic relations')!;
    const notYet = 'Dù Việt Nam công nhận Comoros (năm 1975), hai bên chưa thể thiết lập quan hệ ngoại giao ngay.';
    expect(datesTheFocus(notYet, relations, ties, 'vi')).toBe(false);
    expect(datesTheFocus('Đến ngày 25/9/2015, hai nước thiết lập quan hệ ngoại giao.', relations, ties, 'vi')).toBe(true);
    expect(datesTheFocus('Từ năm 2015, hai nước không ngừng thúc đẩy quan hệ ngoại giao.', relations, ties, 'vi')).toBe(true);
    expect(datesTheFocus('In 1975 they did not establish diplomatic relations.', relations, ties, 'en')).toBe(false);
    expect(datesTheFocus('In 2015 they not only established diplomatic relations but opened embassies.', relations, ties, 'en')).toBe(true);
  });

  it('takes a date far from the thing asked in a long sentence as dating something else', () => {
    const far =
      'Nhắc lại chuyến thăm Việt Nam vào tháng 3/2025, ông bày tỏ ấn tượng; vui mừng về thương mại; đồng thời mong muốn hai ' +
      'nước sớm hoàn tất thỏa thuận thương mại đối ứng.';
    expect(datesTheFocus(far, focus, question, 'vi')).toBe(false);
    const opening = 'Ngày 19/2, tại Washington, hai bên trao đổi; bàn về thương mại; và mong muốn sớm hoàn tất thỏa thuận thương mại đối ứng.';
    expect(datesTheFocus(opening, focus, question, 'vi')).toBe(true);
  });
});

describe('figuresOfAskedYears', () => {
  const figures = (sentence: string, question: string) => {
    const spans = answerSpans('how-many', sentence, question);
    return figuresOfAskedYears(sentence, spans, question).map((s) => sentence.slice(s.start, s.end));
  };

  it('keeps the figure of the year asked, written after it or before it', () => {
    const en = 'Two-way trade quadrupled, from $350 million in 2012 to about $1.5 billion in 2022.';
    expect(figures(en, 'How much was two-way trade worth in 2022?')).toEqual(['$1.5']);
    expect(figures(en, 'How much was two-way trade worth in 2012?')).toEqual(['$350']);
    const vi = 'Năm 2023, kim ngạch hai chiều khoảng 225,14 triệu USD; năm 2024 khoảng 215,5 triệu USD.';
    expect(figures(vi, 'Kim ngạch năm 2024 đạt bao nhiêu?')).toEqual(['215,5 triệu']);
  });

  it('keeps every figure when the question names no year, or the sentence only one', () => {
    const en = 'Two-way trade quadrupled, from $350 million in 2012 to about $1.5 billion in 2022.';
    expect(figures(en, 'How much was two-way trade worth?')).toHaveLength(2);
    expect(figures('In 2022 trade rose from $350 million to $1.5 billion.', 'How much was trade worth in 2022?')).toHaveLength(2);
  });
});

describe('givenNames', () => {
  it('reads the name a sentence gives in quotes when a thing is asked for by name', () => {
    const sentence = 'Kishida förklarade att Japan har etablerat ett nytt samarbetsramverk, kallat "Officiellt säkerhetsstöd" (OSA).';
    const names = (question: string) => givenNames(sentence, question).map((sp) => sentence.slice(sp.start, sp.end));
    expect(names('What is the name of the new security framework Japan has set up?')).toEqual(['Officiellt säkerhetsstöd']);
    expect(names('Vad heter Japans nya ramverk?')).toEqual(['Officiellt säkerhetsstöd']);
    // A person's name, or a question that asks no name, takes nothing from quotes.
    expect(names('What is his name?')).toEqual([]);
    expect(names('Who explained the framework?')).toEqual([]);
  });
});
