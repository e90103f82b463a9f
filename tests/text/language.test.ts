import { describe, expect, it } from 'vitest';
import { detectDocumentLanguage, detectLanguage } from '../../src/text/language.js';

describe('detectLanguage', () => {
  it.each([
    // Vietnamese, with diacritics and without
    ['Cảng Busan liên kết với hải cảng của bao nhiêu quốc gia?', 'vi'],
    ['Việt Nam và Thụy Điển ký những thỏa thuận gì?', 'vi'],
    ['hợp tác', 'vi'],
    ['bai viet ve doi thoai chinh sach quoc phong lan thu 9 lay nguon tu dau', 'vi'],
    ['tong bi thu to lam tham cang busan vao ngay nao', 'vi'],
    ['viet nam va thuy dien ky nhung thoa thuan gi', 'vi'],
    ['ai la dai su viet nam tai thuy dien', 'vi'],
    ['the nao la doi tac chien luoc toan dien', 'vi'],
    // Swedish, also with a Vietnamese name written with its marks
    ['Vad är Smart JAMP?', 'sv'],
    ['Vilka avtal undertecknade Vietnam och Sverige?', 'sv'],
    ['I vilka vietnamesiska städer vill Tô Lâm bygga nya hamnar?', 'sv'],
    ['Hur många avtal undertecknades under besöket av Phạm Minh Chính?', 'sv'],
    ['Vem är Nguyễn Phú Trọng?', 'sv'],
    ['Vad sa Phạm Bình Minh om Đà Nẵng?', 'sv'],
    // English, also with a Vietnamese name written with its marks
    ['Who is David Fogel?', 'en'],
    ['Who is Phạm Bình Minh?', 'en'],
    ['Who is Phan Văn Giang?', 'en'],
    ['When did Tô Lâm visit Busan?', 'en'],
    ['Where is Bộ Ngoại giao?', 'en'],
    ['How long have Vietnam and South Korea had diplomatic relations?', 'en'],
    ['What did Vietnam and Sweden agree in 2024?', 'en'],
    ["Busan: rank among the world's container ports", 'en'],
    ['the', 'en'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('reads a Vietnamese name in an English question as a name, not as Vietnamese words', () => {
    expect(detectLanguage('When did Nguyễn Phú Trọng visit Japan?')).toBe('en');
    expect(detectLanguage('Who is Nguyen Phu Trong?')).toBe('en');
    expect(detectLanguage('Trong năm 2024 ai là thủ tướng?')).toBe('vi');
    expect(detectLanguage('trong nam 2024 ai la thu tuong')).toBe('vi');
  });

  it('takes a text of plain ASCII letters with no function word for English', () => {
    expect(detectLanguage('Busan')).toBe('en');
    expect(detectLanguage('Hanoi Seoul')).toBe('en');
  });

  it('says "other" when there is nothing to go by', () => {
    expect(detectLanguage('2024')).toBe('other');
    expect(detectLanguage('???')).toBe('other');
    expect(detectLanguage('')).toBe('other');
    expect(detectLanguage('Ñandú')).toBe('other');
  });
});

describe('detectDocumentLanguage', () => {
  it('reads French whose function words are also Swedish ("en", "de") as French', () => {
    const text =
      "Le Timor-Leste devient membre de l'Association des nations de l'Asie du Sud-Est, le Vietnam salue l'événement. " +
      'La cérémonie a eu lieu en présence des dirigeants de la région, qui ont salué une étape importante pour le bloc.';
    expect(detectDocumentLanguage(text)).toBe('fr');
  });

  it('reads French that its own function words alone would take for Vietnamese as French', () => {
    const text =
      "Le président de la République a reçu son homologue vietnamien au palais de l'Élysée. Les deux pays ont signé " +
      "plusieurs accords de coopération dans les domaines de l'énergie, de l'éducation et de la défense.";
    expect(detectLanguage(text)).not.toBe('fr'); // the question reader knows no French …
    expect(detectDocumentLanguage(text)).toBe('fr'); // … the document reader does
  });

  it('reads English and German prose full of foreign names by their function words, not as Portuguese', () => {
    const english =
      "HANOI, Sept. 5, 2013 — Timor-Leste's Prime Minister Kay Rala Xanana Gusmão wrapped up an official visit to Vietnam on " +
      "Thursday after signing a bilateral trade agreement with his host, Prime Minister Nguyen Tan Dung. The visit was Gusmão's second.";
    expect(detectDocumentLanguage(english)).toBe('en');
    const german =
      'Hanoi, 24. Januar 2024 – Bundespräsident Frank-Walter Steinmeier hat am Mittwoch seinen Staatsbesuch in Vietnam mit einer ' +
      'Station in Ho-Chi-Minh-Stadt abgeschlossen. Er traf Staatspräsident Võ Văn Thưởng und Tô Lâm, den Generalsekretär der Partei.';
    expect(detectDocumentLanguage(german)).toBe('de');
  });

  it('reads Swedish full of Vietnamese names as Swedish', () => {
    const text =
      'Vietnams premiärminister Phạm Minh Chính besökte Stockholm på tisdagen. Han träffade statsministern och de två ' +
      'länderna kom överens om att fördjupa samarbetet inom handel, utbildning och klimat under de kommande åren.';
    expect(detectDocumentLanguage(text)).toBe('sv');
  });

  it('reads plain Swedish as Swedish', () => {
    const text =
      'Regeringen meddelade på måndagen att Sverige och Vietnam har undertecknat ett nytt avtal om samarbete inom ' +
      'utbildning och forskning. Avtalet gäller i fem år.';
    expect(detectDocumentLanguage(text)).toBe('sv');
  });

  it('reads German as German, English as English and Vietnamese as Vietnamese', () => {
    expect(
      detectDocumentLanguage(
        'Bundespräsident Frank-Walter Steinmeier hat zum Auftakt seines zweitägigen Staatsbesuchs in Vietnam ein Abkommen zur ' +
          'Gewinnung vietnamesischer Fachkräfte auf den Weg gebracht.',
      ),
    ).toBe('de');
    expect(
      detectDocumentLanguage(
        'Die beiden Regierungschefs vereinbarten eine engere Zusammenarbeit in den Bereichen Handel, Bildung und Klimaschutz. ' +
          'Deutschland ist der wichtigste Handelspartner Vietnams in der Europäischen Union.',
      ),
    ).toBe('de');
    expect(
      detectDocumentLanguage(
        'Prime Minister Pham Minh Chinh met his Swedish counterpart in Stockholm on Tuesday. The two leaders agreed to deepen ' +
          'cooperation in trade, education and climate over the coming years, according to a statement.',
      ),
    ).toBe('en');
    expect(detectDocumentLanguage('Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản tại Hà Nội, hai bên nhất trí tăng cường hợp tác.')).toBe('vi');
  });

  it('reads only the opening of a long document', () => {
    const vietnamese = 'Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản tại Hà Nội, hai bên nhất trí tăng cường hợp tác. '.repeat(60);
    const english = 'The two leaders agreed to deepen cooperation in trade, education and climate over the coming years. '.repeat(200);
    expect(vietnamese.length).toBeGreaterThan(4000);
    expect(detectDocumentLanguage(vietnamese + english)).toBe('vi');
  });
});
