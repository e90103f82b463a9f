// detectQuestionType across the three question languages; further cases (relative clauses, titles asking for a
// person, "när" inside a sentence) are in analyze-question.test.ts.
import { describe, expect, it } from 'vitest';
import { detectQuestionType, type QuestionType } from '../../src/query/question-type.js';

const cases: Record<QuestionType, { en: string[]; vi: string[]; viPlain: string[]; sv: string[] }> = {
  published: {
    en: ['When was the article published?', 'What is the publication date of the report?'],
    vi: ['Bài viết được đăng ngày nào?', 'Bài báo xuất bản khi nào?'],
    viPlain: ['bai viet duoc dang ngay nao'],
    sv: ['Vilket datum publicerades artikeln?', 'När är artikeln publicerad?'],
  },
  source: {
    en: ['What is the source of this article?', 'Which news agency reported it?'],
    vi: ['Bài viết trích nguồn từ đâu?', 'Nguồn tin là gì?'],
    viPlain: ['nguon tin tu dau'],
    sv: ['Vilken källa anges?', 'Varifrån kommer texten?'],
  },
  why: {
    en: ['Why did Vietnam upgrade ties with Japan?', 'For what purpose was the fund set up?'],
    vi: ['Vì sao Việt Nam nâng cấp quan hệ với Nhật Bản?', 'Hai bên hợp tác nhằm mục đích gì?'],
    viPlain: ['vi sao viet nam nang cap quan he'],
    sv: ['Varför besökte Tô Lâm Sydkorea?', 'Av vilken anledning reste han?'],
  },
  'how-long': {
    en: ['How long did the visit last?', 'For how many years has the programme run?'],
    vi: ['Chuyến thăm kéo dài bao lâu?', 'Hai nước thiết lập quan hệ được bao nhiêu năm?'],
    viPlain: ['chuyen tham keo dai bao lau'],
    sv: ['Hur länge har länderna haft diplomatiska förbindelser?', 'Hur många år har länderna haft förbindelser?'],
  },
  when: {
    en: [
      'When did Vietnam join ASEAN?',
      'In which year did the two countries establish relations?',
      'WHEN DID VIETNAM JOIN ASEAN?',
      'Hanoi: when did it happen?',
      'Between which dates did the state visit run?',
      'In which years had UNESCO recognised the bay?',
    ],
    vi: ['Việt Nam gia nhập ASEAN khi nào?', 'Khi nào hai nước ký hiệp định?'],
    viPlain: ['viet nam gia nhap asean nam nao'],
    sv: ['När undertecknades avtalet?', 'Vilket år upprättades förbindelserna?'],
  },
  'how-many': {
    en: [
      'How many agreements were signed?',
      'What percentage of exports go to the EU?',
      'How much did the project cost?',
      'What was bilateral trade between Vietnam and Paraguay in 2022?',
      "What was Vietnam's poverty rate in 1993?",
      'Under the tariff deal, what rate applies to goods shipped through Vietnam?',
    ],
    vi: ['Bao nhiêu thỏa thuận được ký?', 'Tổng giá trị hợp đồng là bao nhiêu?'],
    viPlain: ['co bao nhieu thoa thuan duoc ky'],
    sv: ['Hur många avtal undertecknades?', 'Hur mycket investerade Sydkorea?'],
  },
  who: {
    en: ['Who signed the agreement?', 'Whose visit was it?', 'Which officials attended?'],
    vi: ['Ai đã ký hiệp định?', 'Đại sứ nào tham dự?', 'Bộ trưởng Ngoại giao Nga nào đã tiếp đoàn?', 'Đại sứ Việt Nam nào trình Thư ủy nhiệm?'],
    viPlain: ['ai ky hiep dinh'],
    sv: ['Vem undertecknade avtalet?', 'Vilka personer deltog?'],
  },
  where: {
    en: ['Where was the summit held?', 'Which countries attended?'],
    vi: ['Hội nghị được tổ chức ở đâu?', 'Thành phố nào đăng cai?'],
    viPlain: ['hoi nghi to chuc o dau'],
    sv: [
      'Vilken delstat representerar senatorn?',
      'Var hölls toppmötet?',
      'Var ligger hamnen?',
      'I vilken stad hölls mötet?',
      'Vilka länder deltog?',
    ],
  },
  what: {
    en: ['What did the two sides agree?', 'Tell me about the visit', 'Which types of companies will cooperate?', 'What is the exchange rate policy?'],
    vi: ['Hai bên nhất trí điều gì?', 'Angola hiện đang làm Chủ tịch của tổ chức nào?'],
    viPlain: ['hai ben nhat tri dieu gi'],
    sv: ['Vad kom parterna överens om?'],
  },
};

describe('detectQuestionType', () => {
  for (const [type, byLanguage] of Object.entries(cases) as [QuestionType, (typeof cases)['what']][]) {
    describe(type, () => {
      it.each([...byLanguage.en, ...byLanguage.vi, ...byLanguage.viPlain, ...byLanguage.sv])('%s', (question) => {
        expect(detectQuestionType(question)).toBe(type);
      });
    });
  }

  it('reads the same question the same way typed with diacritics or without', () => {
    expect(detectQuestionType('Hội nghị được tổ chức ở đâu?')).toBe(detectQuestionType('hoi nghi duoc to chuc o dau?'));
    expect(detectQuestionType('Vì sao hai bên hợp tác?')).toBe(detectQuestionType('vi sao hai ben hop tac?'));
  });

  it('gives the first matching cue: a source before a date, a publication before a when', () => {
    expect(detectQuestionType('Which news agency published the report, and when?')).toBe('source');
    expect(detectQuestionType('When was the article about the visit published?')).toBe('published');
  });

  it('reads "mấy" with its mark as "how many", but not "mấy giờ" (what time), "thứ mấy" (which rank) or "máy" typed bare', () => {
    expect(detectQuestionType('Hai bên ký mấy văn kiện?')).toBe('how-many');
    expect(detectQuestionType('Máy bay hạ cánh lúc mấy giờ?')).toBe('when');
    expect(detectQuestionType('Lần thứ mấy hai bên đối thoại?')).toBe('what');
    expect(detectQuestionType('may bay ha canh o dau')).toBe('where');
  });

  it('asks "where" for a kind of place: a prefecture, a district, an island', () => {
    expect(detectQuestionType('Which Japanese prefecture did the president visit?')).toBe('where');
    expect(detectQuestionType('What island did the delegation tour?')).toBe('where');
    expect(detectQuestionType('Đoàn đã thăm huyện nào?')).toBe('where');
  });

  it('reads "how long is the road" as a length, "how long was the visit" as a duration', () => {
    expect(detectQuestionType('How long was the road to Hanoi that was closed?')).toBe('how-many');
    expect(detectQuestionType('How long is the corvette?')).toBe('how-many');
    expect(detectQuestionType('How long was the visit?')).toBe('how-long');
    expect(detectQuestionType('How long have the two countries had relations?')).toBe('how-long');
  });

  it('takes "when" inside a sentence for a conjunction, not a question', () => {
    expect(detectQuestionType('He left when the talks ended.')).toBe('what');
    expect(detectQuestionType('The delegation, when in Busan, visited the port.')).toBe('what');
  });

  it('takes ", who" for a relative clause, not a question about a person', () => {
    expect(detectQuestionType('Senator Hagerty, who visited Hanoi, met whom?')).toBe('who');
    expect(detectQuestionType('Tell me about Senator Hagerty, who visited Hanoi.')).toBe('what');
  });

  it('reads "thứ mấy" (which time) as no count', () => {
    expect(detectQuestionType('Lần thứ mấy hai bên đối thoại?')).toBe('what');
  });

  it('collapses runs of white space before reading', () => {
    expect(detectQuestionType('how   many\n agreements')).toBe('how-many');
  });
});
