import { describe, expect, it } from 'vitest';
import { isStopword, loadLexicon, parseAliases, withAliases } from '../../src/lexicon/load-lexicon.js';
import { analyzeQuestion, nameRunSplits, type Concept } from '../../src/query/analyze-question.js';
import { detectQuestionType } from '../../src/query/question-type.js';

const lexicon = loadLexicon(true);
const vocabulary = { hasBigram: () => false, hasWord: (w: string) => ['busan', 'dreamliner'].includes(w) };
const analyze = (q: string) => analyzeQuestion(q, lexicon, vocabulary);
const labels = (concepts: Concept[]) => concepts.map((c) => `${c.kind}:${c.label}`);
const forms = (c: Concept) => c.forms.map((f) => f.text.toLowerCase());

describe('analyzeQuestion', () => {
  it('bridges an English question to Vietnamese and Swedish wording through the glossary and country names', () => {
    const a = analyze('How long have Vietnam and South Korea had diplomatic relations?');
    expect(a.language).toBe('en');
    expect(labels(a.concepts)).toEqual(['country:Vietnam', 'country:South Korea', 'glossary:diplomatic relations']);
    expect(forms(a.concepts[1]!)).toEqual(expect.arrayContaining(['hàn quốc', 'sydkorea']));
    expect(forms(a.concepts[2]!)).toEqual(expect.arrayContaining(['quan hệ ngoại giao', 'diplomatiska förbindelser']));
  });

  it('knows who accompanies and escorts a visit in every language ("tháp tùng", "hộ tống")', () => {
    const a = analyze('Which ministers accompanied the president?');
    const accompanied = a.concepts.find((c) => c.label === 'accompanied')!;
    expect(forms(accompanied)).toEqual(expect.arrayContaining(['tháp tùng', 'hộ tống', 'eskortera']));
  });

  it('reads a day of a month as one concept with every writing of it, its year a number of its own', () => {
    const { concepts } = analyze('Chủ tịch Quốc hội đã tiếp ai tại Hà Nội ngày 15/9/2023?');
    const day = concepts.find((c) => c.label === '15/9')!;
    expect(day.kind).toBe('number');
    const writings = day.forms.map((f) => f.folded.join(' '));
    expect(writings).toEqual(expect.arrayContaining(['15 9', '15 09', '15 thang 9', '15 september', 'september 15', '15 septembre']));
    expect(concepts.map((c) => c.label)).toContain('2023');
    expect(concepts.map((c) => c.label)).not.toContain('9');
    expect(concepts.map((c) => c.label.toLowerCase())).not.toContain('ngày');
    expect(analyze('Who met the speaker on September 15?').concepts.find((c) => c.label === '15/9')).toBeDefined();
  });

  it('knows a country\'s long name written without "the": "the Republic of Congo"', () => {
    const { concepts } = analyze('Which foreign minister of the Republic of Congo held talks in Hanoi?');
    expect(labels(concepts)).toContain('country:Republic of Congo');
    expect(concepts.map((c) => c.label)).not.toContain('Republic');
  });

  it('reads a cardinal number in words in every language: "bốn sĩ quan" finds "four officers" and "4 officers"', () => {
    const four = analyze('Ai trao quyết định cho bốn sĩ quan?').concepts.find((c) => c.label === 'bốn')!;
    expect(four.forms.map((f) => f.folded.join(' '))).toEqual(expect.arrayContaining(['4', 'four', 'bon', 'fyra']));
    expect(
      analyze('Who gave the decisions to four officers?')
        .concepts.find((c) => c.label === 'four')!
        .forms.map((f) => f.text),
    ).toContain('bốn');
    // Typed with its marks, another word is no number: "bồn" (a tank) is not "bốn".
    expect(
      analyze('Ai xây bồn chứa?')
        .concepts.find((c) => c.label === 'bồn')
        ?.forms.map((f) => f.text),
    ).not.toContain('four');
  });

  it('reads two terms where a longer one starts inside the first and the words before it are a term too', () => {
    const summit = labels(analyze('Hội nghị Cấp cao ASEAN+3 lần thứ 22 được tổ chức tại thành phố nào?').concepts);
    expect(summit).toContain('organisation:ASEAN 3');
    expect(summit).not.toContain('organisation:Hội nghị Cấp cao ASEAN');
    const unicef = labels(analyze('UNICEF co mat tai Viet Nam tu nam nao?').concepts);
    expect(unicef).toContain('country:Viet Nam');
  });

  it('takes a term apart only for a later one written as the question writes it ("minister met" is no ministers\' meeting)', () => {
    const met = labels(analyze("Which South Sudanese foreign minister met Vietnam's ambassador in Cairo?").concepts);
    expect(met).toContain('glossary:foreign minister');
  });

  it('knows the Human Development Index as the field writes it in every language', () => {
    const hdi = analyze('Where did Vietnam rank in the Human Development Index?').concepts.find((c) => /Human/.test(c.label))!;
    expect(forms(hdi)).toEqual(expect.arrayContaining(['chỉ số phát triển con người', 'hdi']));
  });

  it('knows a name the press writes in Vietnamese syllables in its Latin form too ("Mê Công" and "Mekong")', () => {
    const musp = analyze('When was the first Mekong-US Partnership ministerial meeting held?').concepts.find((c) => c.kind === 'organisation')!;
    expect(forms(musp)).toEqual(expect.arrayContaining(['đối tác mê công - mỹ', 'đối tác mekong - mỹ']));
  });

  it('knows "two-way turnover" as trade turnover (kim ngạch)', () => {
    const trade = analyze('Kim ngạch thương mại hai chiều năm 2023 đạt bao nhiêu?').concepts[0]!;
    expect(forms(trade)).toEqual(expect.arrayContaining(['two-way turnover', 'turnover']));
  });

  it('drops "sang" (to) of "xuất khẩu sang Botswana": a direction, no content', () => {
    const { concepts } = analyze('Kim ngạch xuất khẩu của Việt Nam sang Botswana năm 2023 là bao nhiêu?');
    expect(concepts.map((c) => c.label.toLowerCase())).not.toContain('sang');
  });

  it('knows an office as an office, not an officer', () => {
    const office = analyze('When did the World Food Programme close its country office?').concepts.find((c) => /office/.test(c.label))!;
    expect(forms(office)).toContain('văn phòng');
    expect(forms(office)).not.toContain('sĩ quan');
  });

  it('reads a Vietnamese ordinal in words after "thứ" as the number, written every way: "lần thứ tư" finds "fjärde"', () => {
    const fourth = analyze('Hội nghị cấp cao lần thứ tư diễn ra ở đâu?').concepts.find((c) => c.kind === 'number')!;
    expect(fourth.forms.map((f) => f.folded.join(' '))).toEqual(expect.arrayContaining(['4', '4th', 'fourth', 'fjarde', 'thu tu']));
    expect(analyze('Hội nghị cấp cao lần thứ tư diễn ra ở đâu?').concepts.map((c) => c.label)).not.toContain('tư');
  });

  it('reads a small number as its ordinal too: "lần thứ 19" finds "the 19th EAS" and "le 19e sommet"', () => {
    const nineteen = analyze('Hội nghị Cấp cao Đông Á lần thứ 19 được tổ chức ở đâu?').concepts.find((c) => c.label === '19')!;
    expect(nineteen.forms.map((f) => f.folded.join(' '))).toEqual(expect.arrayContaining(['19', '19th', '19e']));
    const year = analyze('Where was the summit held in 2019?').concepts.find((c) => c.label === '2019')!;
    expect(year.forms.map((f) => f.folded.join(' '))).toEqual(['2019']);
  });

  it('reads a month written with its word ("cuối tháng 11/2024") as a modifier in every language, its year a number', () => {
    const a = analyze('Cuộc tham khảo chính trị tại Cairo cuối tháng 11/2024 là lần thứ mấy?');
    const month = a.concepts.find((c) => c.label === 'tháng 11')!;
    expect(month.modifier).toBe(true);
    expect(month.forms.map((f) => f.folded.join(' '))).toEqual(expect.arrayContaining(['thang 11', 'november', '11 2024']));
    expect(a.concepts.map((c) => c.label)).toContain('2024');
    expect(a.concepts.map((c) => c.label)).not.toContain('11');
    expect(a.concepts.map((c) => c.label)).not.toContain('cuối');
  });

  it('reads a congress number in Roman numerals and in figures as one number: "12th congress" finds "Đại hội XII"', () => {
    const twelve = analyze("How many delegates attended FRELIMO's 12th congress?").concepts.find((c) => c.label === '12')!;
    expect(twelve.forms.map((f) => f.cased.join(' '))).toContain('XII');
    const thirteen = analyze('Đại hội XIII của Đảng diễn ra khi nào?').concepts.find((c) => c.label === 'XIII')!;
    expect(thirteen.forms.map((f) => f.folded.join(' '))).toEqual(expect.arrayContaining(['13', '13th']));
  });

  it('reads a span of days of a month as one concept with the writings of the span and of its first day', () => {
    for (const question of ['Who visited Lesotho from March 24 to 29?', 'Who visited Lesotho from 24 to 29 March?']) {
      const { concepts } = analyze(question);
      const days = concepts.find((c) => c.label === '24-29/3')!;
      const writings = days.forms.map((f) => f.folded.join(' '));
      expect(writings).toEqual(expect.arrayContaining(['24 den 29 3', '24 29 3', '24 to 29 march', 'march 24 29', '24 3']));
      expect(concepts.map((c) => c.label)).not.toContain('29');
    }
  });

  it('reads Vietnamese typed without diacritics', () => {
    const a = analyze('viet nam va han quoc nang cap quan he len doi tac chien luoc toan dien nam nao');
    expect(a.language).toBe('vi');
    expect(a.type).toBe('when');
    expect(labels(a.concepts)).toEqual(expect.arrayContaining(['country:han quoc', 'glossary:doi tac chien luoc toan dien', 'glossary:nang cap']));
  });

  it('keeps diacritics apart when they are typed: "năm" (year) is not "nam" (south)', () => {
    const a = analyze('Đại hội Đảng đề ra mục tiêu gì cho năm 2045?');
    expect(labels(a.concepts)).not.toContain('glossary:năm');
    expect(labels(a.concepts)).toEqual(expect.arrayContaining(['number:2045', 'glossary:mục tiêu']));
  });

  it('does not take a Vietnamese country name out of a word ("biện pháp" is not France) when case is typed', () => {
    expect(analyze('Việt Nam và Pháp thống nhất biện pháp gì?').concepts.filter((c) => c.country === 'FR')).toHaveLength(1);
  });

  it('reads an ordinal written as a word as its number, in digits and in Vietnamese words', () => {
    const eighth = analyze('When was the eighth round of the dialogue held?').concepts.find((c) => c.label === 'eighth')!;
    expect(eighth.kind).toBe('number');
    expect(forms(eighth)).toEqual(expect.arrayContaining(['8', 'thứ tám']));
    expect(analyze('När hölls den nionde dialogen?').concepts.find((c) => c.label === 'nionde')?.kind).toBe('number');
  });

  it('does not read "nhat la" (especially) as Japan in Vietnamese typed without diacritics', () => {
    expect(analyze('hai ben phoi hop tren cac dien dan, nhat la co che nao').concepts.some((c) => c.country === 'JP')).toBe(false);
  });

  it('keeps a full name of several words for the whole-name check, reading a Vietnamese name through its stopwords', () => {
    const a = analyze('Thủ tướng Trịnh Khắc Hoàn thăm Nga năm nào?');
    expect(a.nameRuns.map((n) => n.label)).toEqual(['Trịnh Khắc Hoàn']);
    expect(analyze('Which state does Senator Steve Daines represent?').nameRuns.map((n) => n.label)).toEqual(['Steve Daines']);
    // "PM" is the office, not the first word of the name.
    expect(analyze("How many documents were signed during Thai PM Paetongtarn Shinawatra's visit?").nameRuns.map((n) => n.label)).toEqual([
      'Paetongtarn Shinawatra',
    ]);
    expect(analyze('Which engines will power Vietjet A321neo jets?').nameRuns).toEqual([]);
  });

  it('takes "estimated" as a modifier that narrows the question, in any of its languages', () => {
    for (const q of ['Zambia có trữ lượng đồng ước tính khoảng bao nhiêu?', 'What are the estimated copper reserves of Zambia?']) {
      const estimated = analyze(q).concepts.find((c) => /ước tính|estimated/.test(c.label));
      expect(estimated?.modifier, q).toBe(true);
    }
  });

  it('reads a Vietnamese name whose later words also spell a country as a name, not as that country', () => {
    const kinds = (q: string) => labels(analyze(q).concepts).filter((l) => l.startsWith('country:'));
    expect(kinds('On what date did Ambassador Bui Le Thai present his credentials in Sarajevo?')).toEqual(['country:Sarajevo']);
    expect(kinds('Ai đã tiếp Đại sứ Bùi Lê Thái?')).toEqual([]);
    expect(kinds('Trần Văn Đức là ai?')).toEqual([]);
    expect(kinds('Where did Nguyen Nam Duong present his letter of credence?')).toEqual([]);
    // The country itself, or a name that opens no Vietnamese family name, is still the country.
    expect(kinds('Tổng thống Hàn Quốc là ai?')).toEqual(['country:Hàn Quốc']);
    expect(kinds('Hà Nội và Đức ký hiệp định khi nào?')).toEqual(['country:Hà Nội', 'country:Đức']);
    expect(kinds('When did Vietnam and Thai officials meet?')).toEqual(['country:Vietnam', 'country:Thai']);
  });

  it('takes a person the lexicon knows as that person, with the names the press and English give', () => {
    const chinh = analyze('Thủ tướng Phạm Minh Chính thăm Nga năm nào?').concepts.find((c) => c.label === 'Phạm Minh Chính')!;
    expect(chinh.kind).toBe('person');
    expect(forms(chinh)).toEqual(expect.arrayContaining(['phạm minh chính', 'pham minh chinh']));
    const xi = analyze('When did Xi Jinping visit Hanoi?').concepts.find((c) => c.label === 'Xi Jinping')!;
    expect(forms(xi)).toContain('tập cận bình');
  });

  it('splits a Swedish compound into whole words, not into a stem and a stray ending', () => {
    const concepts = analyze('När ska Sydkorea nå koldioxidneutralitet?').concepts;
    expect(concepts.filter((c) => /koldioxid|tet/i.test(c.label)).map((c) => c.label)).toEqual(['koldioxid', 'neutralitet']);
  });

  it('finds what a "what / which" question asks about', () => {
    const target = analyze('What bilateral trade target did Vietnam and Indonesia set when they upgraded ties in March 2025?');
    expect(target.type).toBe('how-many');
    expect(target.concepts[target.asked]?.label).toBe('target');
    const airport = analyze('Thủ tướng hạ cánh ở sân bay nào tại New Delhi?');
    expect(airport.concepts[airport.asked]?.label).toBe('sân bay');
    const deputy = analyze('Thứ trưởng Ngoại giao Colombia nào phát biểu tại lễ kỷ niệm?');
    expect(deputy.concepts[deputy.asked]?.label).toBe('Thứ trưởng Ngoại giao');
    expect(analyze('When was the dialogue held?').asked).toBe(-1);
    // A past tense after a noun is the question's verb, not part of what is asked.
    const president = analyze('Which Djiboutian president received the ambassador?');
    expect(president.concepts[president.asked]?.label).toBe('president');
  });

  it('finds what "how many" counts, past modifiers and classifiers', () => {
    const terminals = analyze('How many modern terminals does the port of Busan have?');
    expect(terminals.concepts[terminals.counted]?.label).toBe('terminals');
    const planes = analyze('Sun Phu Quoc Airways đặt mua bao nhiêu chiếc Boeing 787-9?');
    expect(planes.concepts[planes.counted]?.label).toBe('Boeing');
    expect(analyze('When was the dialogue held?').counted).toBe(-1);
    // An irregular plural is the thing counted, not the verb after it that is also an adjective ("live").
    const people = analyze('How many Vietnamese people live in Denmark?');
    expect(people.concepts[people.counted]?.label).toBe('people');
    // "May" in an English question is the month, not Vietnamese "mấy"; a year is never the thing counted.
    expect(analyze('What trade target did Vietnam and Thailand set when they upgraded ties in May 2025?').counted).toBe(-1);
    // "ký" (sign) after "sau khi" (after) is not what "đạt bao nhiêu" (reach how much) counts.
    expect(analyze('Hai nước kỳ vọng kim ngạch thương mại đạt bao nhiêu sau khi ký hiệp định?').counted).toBe(-1);
    // An English count's noun is plural, whatever adjective-like verb follows; a name ending in s is no plural.
    const students = analyze('How many Vietnamese students studied in Slovakia?');
    expect(students.concepts[students.counted]?.label).toBe('students');
    // An acronym in the plural is counted: "CEOs".
    const ceos = analyze('How many business CEOs travelled with the King to Vietnam?');
    expect(ceos.concepts[ceos.counted]?.label).toBe('CEOs');
    // Words typed with Vietnamese marks are those words, not a place spelled without marks: "đã nâng" is no Da Nang.
    const raised = analyze('Hungary đã nâng số suất học bổng dành cho Việt Nam lên bao nhiêu?');
    expect(raised.concepts.some((c) => c.kind === 'place')).toBe(false);
    expect(analyze('Đà Nẵng đón bao nhiêu khách?').concepts.some((c) => c.kind === 'place')).toBe(true);
    // "No. 1" numbers a hospital; it is no name to look for.
    const hospital = analyze('How many personnel did Field Hospital No. 1 deploy?');
    expect(hospital.concepts.map((c) => c.label)).not.toContain('No');
    expect(hospital.concepts[hospital.counted]?.forms.map((f) => f.text)).toContain('nhân viên');
    // A Swedish "vilken" phrase ends at its noun, not in the verb after it; its adjectives are no head.
    const state = analyze('Vilken delstat representerar senator Steve Daines?');
    expect(state.concepts[state.asked]?.label).toBe('delstat');
    const framework = analyze('Vilket nytt samarbetsramverk har Japan etablerat?');
    expect(framework.concepts[framework.asked]?.label).not.toBe('nytt');
    // A Swedish count's noun is plural too, not the verb after it; customers are no customs.
    const soldiers = analyze('Hur många soldater ingick i enheten?');
    expect(soldiers.concepts[soldiers.counted]?.label).toBe('soldater');
    const customers = analyze('How many customers did the e-wallet have?');
    expect(customers.concepts[customers.counted]?.forms.map((f) => f.text)).toContain('khách hàng');
    // Past "and" and a participle to the plural noun the modifiers lead to.
    const units = analyze('How many domestic and foreign units exhibited at the expo?');
    expect(units.concepts[units.counted]?.label).toBe('units');
    const contacts = analyze('How many bilateral working contacts were held on the sidelines?');
    expect(contacts.concepts[contacts.counted]?.label).toBe('working contacts');
    const airbus = analyze('How many Airbus planes did VietJet buy?');
    expect(airbus.concepts[airbus.counted]?.label).toBe('planes');
    const ships = analyze('How many of the ships were sold?');
    expect(ships.concepts[ships.counted]?.label).toBe('ships');
  });

  it('looks an inflected English word up under its stem', () => {
    const labels = analyze('Which firms are buying planes and transferring technology?').concepts.map((c) => `${c.kind}:${c.label}`);
    expect(labels).toEqual(expect.arrayContaining(['glossary:buying', 'glossary:transferring']));
  });

  it('keeps names apart that a dash joins, and keeps a name in a Vietnamese question a name', () => {
    expect(analyze('Who took the photo of the Le Van Tam–Kishida press conference?').nameRuns.map((n) => n.label)).toEqual(['Le Van Tam']);
    const daines = analyze('Thượng nghị sĩ Steve Daines từng thăm Việt Nam vào thời gian nào?');
    expect(daines.concepts.filter((c) => c.kind === 'name').map((c) => c.label)).toEqual(['Steve', 'Daines']);
  });

  it('takes a word typed with diacritics as a stopword only as written: "Tô Lâm" is a name, "to" and "làm" are not', () => {
    expect(isStopword(lexicon, 'tô', 'to')).toBe(false);
    expect(isStopword(lexicon, 'lâm', 'lam')).toBe(false);
    expect(isStopword(lexicon, 'làm', 'lam')).toBe(true);
    expect(isStopword(lexicon, 'to', 'to')).toBe(true);
    expect(analyze('Tô Lâm').concepts.map((c) => `${c.kind}:${c.label}`)).toEqual(['person:Tô Lâm']);
    expect(analyzeQuestion('Tô Lâm', loadLexicon(false), vocabulary).concepts.map((c) => c.label)).toEqual(['Tô', 'Lâm']);
  });

  it('finds how the corpus spells a name one letter away, in the name and in the whole-name check', () => {
    const spelled = {
      ...vocabulary,
      hasWord: (w: string) => ['andrey', 'kovalenko'].includes(w),
      spellingsOf: (w: string) => (w === 'andrei' ? ['andrey'] : []),
    };
    const a = analyzeQuestion('When did Minh meet Andrei Kovalenko?', lexicon, spelled);
    expect(forms(a.concepts.find((c) => c.label === 'Andrei')!)).toEqual(['andrei', 'andrey']);
    expect(a.nameRuns.flatMap(forms)).toEqual(['andrei kovalenko', 'andrey kovalenko']);
  });

  it('reads a named body the corpus cannot hold as the terms it is made of, when the corpus holds them', () => {
    const question = 'Ai đại diện Campuchia tại Hội nghị Cấp cao Mekong - Hàn Quốc ở Busan?';
    const kinds = (a: ReturnType<typeof analyzeQuestion>) => a.concepts.map((c) => `${c.kind}:${c.label}`);
    // A corpus that says "Mekongländerna och Sydkorea": "mekong" is there, no writing of the Mekong–Korea cooperation.
    const swedish = { ...vocabulary, hasWord: (w: string) => ['mekong', 'sydkorea', 'busan', 'kambodja'].includes(w) };
    expect(kinds(analyzeQuestion(question, lexicon, swedish))).toEqual(expect.arrayContaining(['place:Mekong', 'country:Hàn Quốc']));
    // A corpus holding none of it keeps the body whole: its absence is what the bot reports.
    expect(kinds(analyze(question))).toContain('organisation:Mekong Hàn Quốc');
  });

  it('reads a country\'s word before a capitalised Vietnamese syllable as a Vietnamese name ("Thai Binh", "Lao Cai")', () => {
    const labels = (q: string) => analyze(q).concepts.map((c) => `${c.kind}:${c.label}`);
    expect(labels('How many workers has Thai Binh trained in Cuba?')).toEqual(expect.arrayContaining(['name:Thai', 'name:Binh']));
    expect(analyze('How many workers has Thai Binh trained in Cuba?').nameRuns.map((r) => r.label)).toEqual(['Thai Binh']);
    expect(labels('Which Thai Prime Minister visited Hanoi?')).toContain('country:Thai');
  });

  it('drops words that only say what kind of answer is wanted (a title, a credit)', () => {
    expect(analyze("What is Park Jae Min's job title?").concepts.map((c) => c.label)).toEqual(['Park', 'Jae', 'Min']);
  });

  it('takes a word that is no Vietnamese syllable, in Vietnamese typed without marks, for a foreign name', () => {
    const a = analyze('pham binh minh gap thu tuong nga kovalenko vao ngay nao');
    expect(a.concepts.find((c) => c.label === 'kovalenko')?.kind).toBe('name');
    expect(a.concepts.filter((c) => c.kind === 'name').map((c) => c.label)).toEqual(['kovalenko']);
  });

  it('lets a model code match the corpus\'s longer code ("A321" in "A321neo")', () => {
    const a321 = analyze('Which engines will power the A321 jets?').concepts.find((c) => c.label === 'A321')!;
    expect(a321.forms.some((f) => f.prefix && f.text === 'A321')).toBe(true);
  });

  it('reads "according to …" / "enligt …" as naming the source of the claim, matched in its article', () => {
    const a = analyze('Inom vilka sektorer ska Vietnam och Ryssland driva projekt enligt samtalen mellan Pham Binh Minh och Lavrov?');
    expect(a.concepts.filter((c) => c.context).map((c) => c.label)).toEqual(expect.arrayContaining(['Pham Binh Minh', 'Lavrov']));
    expect(a.concepts.find((c) => c.label === 'Ryssland')?.context).toBeUndefined();
  });

  it('offers every way to read a run of names as two names', () => {
    const run = analyze('Did Senator Steve Daines Hagerty call?').nameRuns[0]!;
    expect(nameRunSplits(run).map(([a, b]) => `${a.label} | ${b.label}`)).toEqual(['Steve | Daines Hagerty', 'Steve Daines | Hagerty']);
  });

  it('leaves markup pasted with a question out of it', () => {
    expect(analyze('<b>When</b> did <i>Vietnam</i> and Japan establish relations?').question).toBe('When did Vietnam and Japan establish relations?');
  });

  it('reads a name whose words are stopwords ("Do Ha Ly") as one name, matched whole; apart from a name beside it', () => {
    const corpus = { ...vocabulary, hasBigram: (a: string, b: string) => (a === 'do' && b === 'ha') || (a === 'ha' && b === 'ly') };
    const doHaLy = analyzeQuestion('What did Do Ha Ly discuss with Senator Daines?', lexicon, corpus).concepts.find((c) => c.label === 'Do Ha Ly');
    expect(doHaLy?.kind).toBe('name');
    expect(forms(doHaLy!)).toEqual(['do ha ly']);
    const beside = analyzeQuestion('Senator from Montana Do Ha Ly spoke with', lexicon, corpus).concepts.filter((c) => c.kind === 'name');
    expect(beside.map((c) => c.label)).toEqual(['Montana', 'Do Ha Ly']);
  });

  it('treats "US" in capitals as the country and "us" as a pronoun', () => {
    expect(analyze('Which US senators did To Lam call?').concepts.some((c) => c.country === 'US')).toBe(true);
    expect(analyze('Tell us about the port of Busan').concepts.some((c) => c.country === 'US')).toBe(false);
  });

  it("takes a corpus's alias as the name it stands for, both ways", () => {
    const aliased = withAliases(lexicon, parseAliases('Fan Pingming;Fan Ping-ming\tPhạm Bình Minh;Pham Binh Minh\n').entries);
    const minh = analyzeQuestion('What did Phạm Bình Minh sign with Lavrov?', aliased).concepts.find((c) => c.label === 'Phạm Bình Minh')!;
    expect(minh.kind).toBe('person'); // the lexicon knows him; the alias adds how this corpus writes him
    expect(forms(minh)).toEqual(expect.arrayContaining(['fan pingming', 'pham binh minh']));
    expect(analyzeQuestion('Who is Fan Pingming?', aliased).concepts.flatMap(forms)).toContain('pham binh minh');
    expect(analyzeQuestion('What did Phạm Bình Minh sign?', lexicon).concepts.flatMap(forms)).not.toContain('fan pingming');
  });

  it('turns ordinals into numbers and finds inflected corpus names', () => {
    const a = analyze('When was the 8th dialogue held and how many Dreamliners were ordered?');
    expect(labels(a.concepts)).toContain('number:8');
    expect(forms(a.concepts.find((c) => c.label === 'Dreamliners')!)).toContain('dreamliner');
  });

  it('splits a Swedish compound into known halves', () => {
    const a = analyze('Vilken period omfattar samarbetsplanen mellan Vietnams och Rysslands utrikesministerier?');
    expect(labels(a.concepts)).toEqual(expect.arrayContaining(['glossary:samarbets', 'glossary:planen', 'country:Rysslands']));
  });

  it('marks the words naming the article as context', () => {
    const a = analyze('How long have Vietnam and Korea had relations according to the article on the state visit?');
    expect(a.concepts.filter((c) => c.context).map((c) => c.label)).toEqual(['state visit']);
  });

  it('takes "Theo TTXVN," opening a question for its source, and "vào thời điểm" (at the time) for no word of it', () => {
    const a = analyze('Theo TTXVN, Sri Lanka có bao nhiêu dự án đầu tư tại Việt Nam vào thời điểm Thủ tướng thăm năm 2017?');
    expect(a.concepts.filter((c) => c.context).map((c) => c.label)).toEqual(['TTXVN']);
    expect(a.concepts.map((c) => c.label)).not.toEqual(expect.arrayContaining(['thời']));
    // Inside a sentence, "theo" is "following": "theo lời mời của" names no source.
    expect(analyze('Ông sang thăm theo lời mời của Thủ tướng, năm nào?').concepts.some((c) => c.context)).toBe(false);
  });

  it('leaves only stopwords out with the lexicon off; a capitalised English word the corpus lacks is a word, not a name', () => {
    const a = analyzeQuestion('How long have Vietnam and South Korea had diplomatic relations?', loadLexicon(false), vocabulary);
    expect(labels(a.concepts)).toEqual(['name:Vietnam', 'word:South', 'name:Korea', 'word:diplomatic', 'word:relations']);
  });
});

describe('detectQuestionType', () => {
  it.each([
    ['On what date did General Phan Van Giang receive Park Jae Min?', 'when'],
    ['Cảng Busan liên kết với hải cảng của bao nhiêu quốc gia?', 'how-many'],
    ['How long have Vietnam and Korea had diplomatic relations?', 'how-long'],
    ['Who is David Fogel?', 'who'],
    ['Vem tog emot Park Jae Min?', 'who'],
    ['bai viet lay nguon tu dau', 'source'],
    ['När publicerades artikeln?', 'published'],
    ['Vilken tidigare minister hade avlidit när viceministern kondolerade?', 'what'],
    ['What was the combined value of the contracts?', 'how-many'],
    ['Vad är Smart JAMP?', 'what'],
    ['Quick question for a story. When did Vietnam and Japan upgrade ties?', 'when'],
    ['Which Russian defence minister met Pham Binh Minh in Moscow?', 'who'],
    ['Which Japanese companies signed deals in Tokyo?', 'who'],
    ['pham binh minh hoi dam voi bo truong ngoai giao nga nao', 'who'],
    ['Vad heter Sydkoreas försvarsminister?', 'who'],
    ['Varför bygger Sydkorea smarta hamnar?', 'why'],
    ['Vad kostade protonterapisystemet?', 'how-many'],
    ["What was the contract price of the airline's order?", 'how-many'],
    ["When To Lam's delegation left Busan, from which airport did it depart?", 'where'],
    ['When was the dialogue held?', 'when'],
    ['Photo credit on the report of Pham Binh Minh meeting Lavrov', 'source'],
    ['Which broadcaster supplied the video?', 'source'],
    ['Thượng nghị sĩ Steve Daines đại diện cho bang nào?', 'where'],
    ['thuong nghi si steve daines tham viet nam vao thang may nam nao', 'when'],
    ['I vilka vietnamesiska städer vill Tô Lâm bygga nya hamnar?', 'where'],
    ['Which provinces will get new seaports?', 'where'],
    ['Tại sao Hàn Quốc xây dựng cảng thông minh?', 'why'],
    ['Cooperation between which type of companies will they facilitate?', 'what'],
    ['Hai Bộ Ngoại giao ký kế hoạch hợp tác cho giai đoạn nào?', 'when'],
    ['Vilken nyhetsbyrå anges som källa i artikeln?', 'source'],
    ['What bilateral trade figure did Vietnam and Russia aim to reach by 2020?', 'how-many'],
    ['Which state does Senator Bill Hagerty, who spoke by phone with To Lam, represent?', 'where'],
  ])('%s → %s', (question, type) => {
    expect(detectQuestionType(question)).toBe(type);
  });
});

describe('analyzeQuestion: further readings', () => {
  it("takes a capital for its country, with the country's names among its forms", () => {
    const a = analyze('When did Hanoi and Seoul sign the agreement?');
    expect(labels(a.concepts).slice(0, 2)).toEqual(['country:Hanoi', 'country:Seoul']);
    expect(a.concepts[0]!.country).toBe('VN');
    expect(forms(a.concepts[0]!)).toEqual(expect.arrayContaining(['hanoi', 'hà nội', 'việt nam', 'vietnam']));
    expect(forms(a.concepts[1]!)).toEqual(expect.arrayContaining(['seoul', 'hàn quốc', 'sydkorea']));
  });

  it('marks a modifier, which "how many" then passes over', () => {
    const a = analyze('How many new agreements did Vietnam sign?');
    expect(a.concepts.find((c) => c.label === 'new')?.modifier).toBe(true);
    expect(a.concepts.find((c) => c.label === 'agreements')?.modifier).toBeUndefined();
    expect(a.concepts[a.counted]?.label).toBe('agreements');
  });

  it('counts the head of the phrase: the first word in Vietnamese, the last before a verb in English', () => {
    const parks = analyze('Việt Nam có bao nhiêu khu công nghiệp VSIP?');
    expect(parks.concepts[parks.counted]?.label).toBe('khu công nghiệp');
    const lanterns = analyze('How many paper lanterns greeted the president?');
    expect(lanterns.concepts[lanterns.counted]?.label).toBe('lanterns');
  });

  it('reads "thứ mấy" (which time) as no count', () => {
    expect(analyze('Lần thứ mấy hai bên tổ chức đối thoại?').counted).toBe(-1);
  });

  it('keeps Vietnamese syllables the corpus writes together as one word, but a number stays a number', () => {
    const corpus = { ...vocabulary, hasBigram: (a: string, b: string) => (a === 'den' && b === 'long') || (a === 'nam' && b === '8') };
    const a = analyzeQuestion('Phố cổ có bao nhiêu đèn lồng vào năm 8?', lexicon, corpus);
    expect(labels(a.concepts)).toEqual(expect.arrayContaining(['word:đèn lồng', 'number:8']));
    // (A month with its word is one modifier: "tháng 8", August.)
    expect(labels(analyzeQuestion('Phố cổ có bao nhiêu đèn lồng vào tháng 8?', lexicon, corpus).concepts)).toContain('glossary:tháng 8');
    expect(a.concepts[a.counted]?.label).toBe('đèn lồng');
    expect(labels(analyze('Phố cổ có bao nhiêu đèn lồng?').concepts)).toEqual(expect.arrayContaining(['word:đèn', 'word:lồng']));
  });

  it('matches a question word typed with diacritics with them in Vietnamese text, and one typed without folded', () => {
    const marked = analyze('Phố cổ có bao nhiêu đèn lồng?').concepts.find((c) => c.label === 'đèn')!;
    expect(marked.forms[0]!.exactInVietnamese).toBe(true);
    const plain = analyze('Who is Fogel?').concepts.find((c) => c.label === 'Fogel')!;
    expect(plain.forms[0]!.exactInVietnamese).toBeUndefined();
  });

  it('counts a concept asked twice once', () => {
    const a = analyze('Vietnam and Japan: what did Vietnam promise?');
    expect(a.concepts.filter((c) => c.country === 'VN')).toHaveLength(1);
  });

  it("reads a name's genitive written without an apostrophe as the name, when the corpus has it", () => {
    const a = analyzeQuestion('What did Tô Lâms delegation do in Busan?', lexicon, { ...vocabulary, hasWord: (w) => ['busan', 'lam'].includes(w) });
    expect(forms(a.concepts.find((c) => c.label === 'Lâms')!)).toEqual(['lâms', 'lâm']);
    expect(forms(analyze('What did Tô Lâms delegation do in Busan?').concepts.find((c) => c.label === 'Lâms')!)).toEqual(['lâms']);
  });

  it('reads Roman numerals and decades as numbers', () => {
    const a = analyze('What happened in World War II and the 1990s?');
    expect(labels(a.concepts)).toEqual(expect.arrayContaining(['number:II', 'number:1990']));
  });

  it('trusts a single-syllable Vietnamese country name in lower case only in a question without capitals', () => {
    expect(analyze('quan hệ việt nam và pháp').concepts.some((c) => c.country === 'FR')).toBe(true);
    expect(analyze('Việt Nam và pháp').concepts.some((c) => c.country === 'FR')).toBe(false);
  });

  it('reads the whole question as its subject when all of it names the article', () => {
    const a = analyze('According to the article on the state visit');
    expect(labels(a.concepts)).toEqual(['glossary:state visit']);
    expect(a.concepts[0]!.context).toBeUndefined();
  });

  it('carries the language and type of the question, and puts the question first in the expanded text, forms once each', () => {
    const a = analyze('Vem undertecknade avtalet?');
    expect([a.language, a.type]).toEqual(['sv', 'who']);
    const v = analyze('Vietnam and Japan: what did Vietnam promise?');
    const lines = v.expandedText.split(' \n');
    expect(lines[0]).toBe(v.question);
    expect(lines).toEqual(expect.arrayContaining(['Việt Nam', 'Nhật Bản', 'cam kết']));
    expect(new Set(lines.slice(1)).size).toBe(lines.length - 1);
  });

  it('gives an empty analysis for a question without words', () => {
    const a = analyze('   ???  ');
    expect(a).toMatchObject({ question: '???', language: 'other', type: 'what', concepts: [], nameRuns: [], counted: -1 });
  });
});
