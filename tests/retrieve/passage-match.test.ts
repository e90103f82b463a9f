import { describe, expect, it } from 'vitest';
import { createForm, formUsableIn, type FormLanguage, type TextLanguage } from '../../src/lexicon/forms.js';
import { findForm } from '../../src/retrieve/passage-match.js';
import { tokenizeText } from '../../src/text/tokens.js';

const form = (text: string, lang: FormLanguage, caseSensitive = false) => createForm(text, lang, { caseSensitive })!;

describe('findForm', () => {
  it.each<[string, string, FormLanguage, TextLanguage, number, boolean?]>([
    // [form, text, form language, text language, token index or -1, case-sensitive form]
    ['Hàn Quốc', 'Quan hệ giữa Việt Nam và Hàn Quốc', 'vi', 'vi', 6],
    ['quan hệ ngoại giao', 'thiết lập quan hệ ngoại giao năm 1992', 'vi', 'vi', 2],
    ['quan hệ ngoại giao', 'quan hệ đối tác', 'vi', 'vi', -1],
    ['Lào', 'lao động', 'vi', 'vi', -1], // the text's own language keeps diacritics
    ['han quoc', 'Việt Nam và Hàn Quốc', 'any', 'vi', 3], // a question's word folds
    ['han quoc', 'Việt Nam và Hàn Quốc', 'en', 'other', 3], // a text of unknown language: folded too
    ['Pháp', 'biện pháp, và Pháp', 'vi', 'vi', 3, true], // case-sensitive: only the capitalised one
    ['Pháp', 'biện pháp', 'vi', 'vi', -1, true],
    // English and Swedish inflections, by stem, also when the bare form is not in the text at all
    ['country', 'two countries signed', 'en', 'en', 1],
    ['agreement', 'the agreements and the treaty', 'en', 'en', 1],
    ['cost', 'the embassy is costing more', 'en', 'en', 3],
    ['port', 'ports, then port', 'en', 'en', 0],
    ['free trade agreement', 'new free trade agreements', 'en', 'en', 1],
    ['dam', 'damages', 'en', 'en', -1], // short words are their own stem
    ['förbindelse', 'diplomatiska förbindelser', 'sv', 'sv', 1],
    ['pappersbruk', 'vid pappersbruket i Bai Bang', 'sv', 'sv', 1], // the definite -et Snowball leaves
    ['säkerhet', 'om sjösäkerheten', 'sv', 'sv', 1], // a compound's head
    // prefix forms: any ending; Swedish ones anywhere inside a compound
    ['samarbet*', 'ett nytt samarbetsavtal', 'sv', 'sv', 2],
    ['ramverk*', 'samarbetsramverket', 'sv', 'sv', 0],
    ['strategiskt partnerskap*', 'ett strategiskt partnerskapsavtal', 'sv', 'sv', 1],
  ])('%s in "%s" (%s form, %s text) → %i', (written, text, lang, language, expected, caseSensitive = false) => {
    expect(findForm(form(written, lang, caseSensitive), tokenizeText(text), language)).toBe(expected);
  });

  it('offers an English form for English texts and texts of unknown language, a name in English spelling for every Latin-script text', () => {
    expect(formUsableIn(form('Thailand', 'en'), 'vi')).toBe(false);
    expect(formUsableIn(form('Thailand', 'en'), 'sv')).toBe(false);
    expect(formUsableIn(form('Thailand', 'en'), 'other')).toBe(true);
    const name = createForm('Ha Long', 'en', { anyLatin: true })!;
    expect([formUsableIn(name, 'sv'), formUsableIn(name, 'de'), formUsableIn(name, 'vi')]).toEqual([true, true, false]);
    // A name no Vietnamese syllable spells is written so in Vietnamese text too.
    expect(formUsableIn(createForm('Kim Jong-un', 'en', { anyLatin: true })!, 'vi')).toBe(true);
  });

  it('gives English inflections only in English text', () => {
    expect(findForm(form('costs', 'en'), tokenizeText('cost'), 'en')).toBe(0);
    expect(findForm(form('costs', 'en'), tokenizeText('cost'), 'sv')).toBe(-1);
  });
});
