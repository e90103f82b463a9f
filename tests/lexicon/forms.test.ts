import { describe, expect, it } from 'vitest';
import {
  createForm,
  formToken,
  formUsableIn,
  matchModeIn,
  morphologyIn,
  tokenMatches,
  type FormLanguage,
  type LexForm,
} from '../../src/lexicon/forms.js';

const form = (raw: string, lang: FormLanguage, options: Parameters<typeof createForm>[2] = {}): LexForm => createForm(raw, lang, options)!;

describe('createForm', () => {
  it('keeps the tokens as written, lower case and folded', () => {
    const f = form('Hàn Quốc', 'vi');
    expect(f).toMatchObject({
      lang: 'vi',
      text: 'Hàn Quốc',
      cased: ['Hàn', 'Quốc'],
      exact: ['hàn', 'quốc'],
      folded: ['han', 'quoc'],
      prefix: false,
      caseSensitive: false,
    });
    expect(f.morph).toBeUndefined(); // Vietnamese has no inflection
  });

  it('reads a trailing * as a prefix form and trims and composes the text', () => {
    const f = form('  samarbet*  ', 'sv');
    expect(f.prefix).toBe(true);
    expect(f.text).toBe('samarbet');
    expect(f.morph).toBe('sv');
    expect(form('Ha\u0300 No\u0323\u0302i', 'vi').text).toBe('Hà Nội');
  });

  it('gives the inflected languages their morphology unless told otherwise, and the options their flags', () => {
    expect(form('cost', 'en').morph).toBe('en');
    expect(form('Abkommen', 'de').morph).toBe('de');
    expect(form('cost', 'any').morph).toBeUndefined();
    expect(form('cost', 'any', { morph: 'en' }).morph).toBe('en');
    const f = form('nằm', 'any', { exactInVietnamese: true, anyLatin: true, caseSensitive: true });
    expect([f.exactInVietnamese, f.anyLatin, f.caseSensitive]).toEqual([true, true, true]);
    expect('exactInVietnamese' in form('nằm', 'any')).toBe(false);
  });

  it('gives no form for text without words', () => {
    expect(createForm('  ', 'en')).toBeNull();
    expect(createForm('*', 'sv')).toBeNull();
    expect(createForm('—', 'vi')).toBeNull();
  });
});

describe('formToken', () => {
  it('gives the token in the mode asked', () => {
    const f = form('Hàn Quốc', 'vi');
    expect([formToken(f, 1, 'folded'), formToken(f, 1, 'lower'), formToken(f, 1, 'cased')]).toEqual(['quoc', 'quốc', 'Quốc']);
  });
});

describe('formUsableIn', () => {
  it('uses a form in its own language, a question word anywhere, anything in an unknown language', () => {
    expect(formUsableIn(form('quan hệ', 'vi'), 'vi')).toBe(true);
    expect(formUsableIn(form('quan hệ', 'vi'), 'en')).toBe(false);
    expect(formUsableIn(form('relations', 'en'), 'sv')).toBe(false);
    expect(formUsableIn(form('relations', 'en'), 'other')).toBe(true);
    for (const language of ['en', 'vi', 'sv', 'fr', 'de', 'other'] as const) expect(formUsableIn(form('Busan', 'any'), language)).toBe(true);
  });

  it('uses a name in English spelling in every Latin-script text, in Vietnamese only where no syllable spells it', () => {
    const name = form('Ha Long', 'en', { anyLatin: true });
    expect(['en', 'sv', 'fr', 'de', 'other'].every((l) => formUsableIn(name, l as 'en'))).toBe(true);
    expect(formUsableIn(name, 'vi')).toBe(false);
    // Vietnamese text writes foreign names as they are spelled: "Diễn đàn São Paulo", "Chủ tịch Kim Jong-un".
    expect(formUsableIn(form('São Paulo', 'en', { anyLatin: true }), 'vi')).toBe(true);
    expect(formUsableIn(form('Kim Jong-un', 'en', { anyLatin: true }), 'vi')).toBe(true);
  });
});

describe('matchModeIn', () => {
  it("compares with diacritics in the form's own language, with capitals when case-sensitive, folded elsewhere", () => {
    expect(matchModeIn(form('quan hệ', 'vi'), 'vi')).toBe('lower');
    expect(matchModeIn(form('Lào', 'vi', { caseSensitive: true }), 'vi')).toBe('cased');
    expect(matchModeIn(form('Lào', 'vi', { caseSensitive: true }), 'en')).toBe('folded');
    expect(matchModeIn(form('quan hệ', 'vi'), 'other')).toBe('folded');
  });

  it('compares a question word typed with diacritics with them in Vietnamese text only', () => {
    const f = form('nằm', 'any', { exactInVietnamese: true });
    expect(matchModeIn(f, 'vi')).toBe('lower');
    expect(matchModeIn(f, 'sv')).toBe('folded');
    expect(matchModeIn(form('nam', 'any'), 'vi')).toBe('folded');
  });
});

describe('morphologyIn', () => {
  it('inflects a lexicon form in its own language (and an unknown one), a question word in every language', () => {
    expect(morphologyIn(form('förbindelse', 'sv'), 'sv')).toBe('sv');
    expect(morphologyIn(form('förbindelse', 'sv'), 'other')).toBe('sv');
    expect(morphologyIn(form('förbindelse', 'sv'), 'en')).toBeNull();
    expect(morphologyIn(form('costing', 'any', { morph: 'en' }), 'vi')).toBe('en');
    expect(morphologyIn(form('quan hệ', 'vi'), 'vi')).toBeNull();
  });
});

describe('tokenMatches', () => {
  it('matches an equal token in every mode, and compares the token of the mode asked', () => {
    const f = form('Hàn Quốc', 'vi');
    expect(tokenMatches(f, 0, 'han', 'folded', null)).toBe(true);
    expect(tokenMatches(f, 0, 'hàn', 'lower', null)).toBe(true);
    expect(tokenMatches(f, 0, 'Hàn', 'cased', null)).toBe(true);
    expect(tokenMatches(f, 0, 'hán', 'lower', null)).toBe(false);
    expect(tokenMatches(f, 0, 'hàn', 'cased', null)).toBe(false);
  });

  it('lets the last token of a prefix form begin a word, and a Swedish one stand anywhere in a compound', () => {
    const sv = form('samarbet*', 'sv');
    expect(tokenMatches(sv, 0, 'samarbetet', 'folded', null)).toBe(true);
    expect(tokenMatches(sv, 0, 'utvecklingssamarbetet', 'folded', null)).toBe(true);
    const de = form('Verteidigung*', 'de');
    expect(tokenMatches(de, 0, 'verteidigungsminister', 'folded', null)).toBe(true);
    expect(tokenMatches(de, 0, 'landesverteidigung', 'folded', null)).toBe(false);
    // Short Swedish stems only begin a word: "avtal" inside a word is too often something else.
    expect(tokenMatches(form('avta*', 'sv'), 0, 'handelsavtal', 'folded', null)).toBe(false);
  });

  it('takes the prefix only for the last token of a form', () => {
    const f = form('strategisk partner*', 'sv');
    expect(tokenMatches(f, 0, 'strategiska', 'folded', null)).toBe(false);
    expect(tokenMatches(f, 1, 'partnerskap', 'folded', null)).toBe(true);
  });

  it('matches inflections only where morphology counts, and never when comparing capitals', () => {
    const f = form('cost', 'en');
    expect(tokenMatches(f, 0, 'costs', 'folded', 'en')).toBe(true);
    expect(tokenMatches(f, 0, 'costing', 'lower', 'en')).toBe(true);
    expect(tokenMatches(f, 0, 'costs', 'folded', null)).toBe(false);
    expect(tokenMatches(form('Cost', 'en'), 0, 'Costs', 'cased', 'en')).toBe(false);
    expect(tokenMatches(form('went', 'en'), 0, 'going', 'folded', 'en')).toBe(true);
  });

  it('matches a Swedish or German compound with the form as its head, in the last token only', () => {
    expect(tokenMatches(form('säkerhet', 'sv'), 0, 'sjösäkerhet', 'lower', 'sv')).toBe(true);
    expect(tokenMatches(form('förbindelse', 'sv'), 0, 'handelsförbindelserna', 'lower', 'sv')).toBe(true);
    expect(tokenMatches(form('Abkommen', 'de'), 0, 'wirtschaftsabkommen', 'lower', 'de')).toBe(true);
    // English has no such compounds; a head of fewer than five letters is too short to trust.
    expect(tokenMatches(form('security', 'en'), 0, 'cybersecurity', 'lower', 'en')).toBe(false);
    expect(tokenMatches(form('hamn', 'sv'), 0, 'fiskehamn', 'lower', 'sv')).toBe(false);
    // The compound must be longer than its head by at least three letters.
    expect(tokenMatches(form('handel', 'sv'), 0, 'ahandel', 'lower', 'sv')).toBe(false);
    const twoWords = form('säkerhet partner', 'sv');
    expect(tokenMatches(twoWords, 0, 'sjösäkerhet', 'lower', 'sv')).toBe(false);
  });
});
