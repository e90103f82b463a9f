import { describe, expect, it } from 'vitest';
import { createForm, type LexLanguage } from '../../src/retrieve/lexicon.js';
import { findForm, tokenizeText } from '../../src/retrieve/passage-match.js';
import type { Language } from '../../src/types.js';

const form = (text: string, lang: LexLanguage, caseSensitive = false) => createForm(text, lang, { caseSensitive })!;

describe('findForm', () => {
  it.each<[string, string, LexLanguage, Language, number, boolean?]>([
    // [form, text, form language, text language, token index or -1, case-sensitive form]
    ['Hàn Quốc', 'Quan hệ giữa Việt Nam và Hàn Quốc', 'vi', 'vi', 6],
    ['quan hệ ngoại giao', 'thiết lập quan hệ ngoại giao năm 1992', 'vi', 'vi', 2],
    ['quan hệ ngoại giao', 'quan hệ đối tác', 'vi', 'vi', -1],
    ['Lào', 'lao động', 'vi', 'vi', -1], // the text's own language keeps diacritics
    ['han quoc', 'Việt Nam và Hàn Quốc', 'en', 'vi', 3], // another language's form folds
    ['Pháp', 'biện pháp, và Pháp', 'vi', 'vi', 3, true], // case-sensitive: only the capitalised one
    ['Pháp', 'biện pháp', 'vi', 'vi', -1, true],
    // English endings on the last token, also when the bare form is not in the text at all
    ['country', 'two countries signed', 'en', 'en', 1],
    ['agreement', 'the agreements and the treaty', 'en', 'en', 1],
    ['tax', 'new taxes', 'en', 'en', 1],
    ['port', 'ports, then port', 'en', 'en', 2], // the bare form found first where it occurs
    ['free trade agreement', 'new free trade agreements', 'en', 'en', 1],
    ['free trade', 'frees trade', 'en', 'en', -1], // only the last token takes an ending
    ['dam', 'damages', 'en', 'en', -1],
    // prefix forms: any ending; Swedish compounds hold the word anywhere
    ['samarbet*', 'ett nytt samarbetsavtal', 'sv', 'sv', 2],
    ['ramverk*', 'samarbetsramverket', 'sv', 'sv', 0],
    ['strategiskt partnerskap*', 'ett strategiskt partnerskapsavtal', 'sv', 'sv', 1],
  ])('%s in "%s" (%s form, %s text) → %i', (written, text, lang, language, expected, caseSensitive = false) => {
    expect(findForm(form(written, lang, caseSensitive), tokenizeText(text), language)).toBe(expected);
  });

  it('gives the same answer when asked again (start keys are remembered per form)', () => {
    const f = form('country', 'en');
    const text = tokenizeText('countries and countries');
    expect([findForm(f, text, 'en'), findForm(f, text, 'en'), findForm(f, tokenizeText('a country'), 'en')]).toEqual([0, 0, 1]);
  });
});
