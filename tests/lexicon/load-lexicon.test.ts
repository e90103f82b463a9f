import { describe, expect, it } from 'vitest';
import {
  lexiconFromData,
  lexiconTermsIn,
  loadLexicon,
  parseAliases,
  readLexiconData,
  withAliases,
  type FormRef,
} from '../../src/lexicon/load-lexicon.js';

const lexicon = loadLexicon(true);
const texts = (refs: readonly FormRef[]) => refs.map((r) => `${r.form.lang}:${r.form.text}${r.form.prefix ? '*' : ''}`);

describe('loadLexicon', () => {
  it('loads once: the same lexicon each time, on and off', () => {
    expect(loadLexicon(true)).toBe(lexicon);
    expect(loadLexicon(false)).toBe(loadLexicon(false));
    expect(lexicon.enabled).toBe(true);
  });

  it('keeps only stopwords when off', () => {
    const off = loadLexicon(false);
    expect(off.enabled).toBe(false);
    expect(off.formsStartingWith('han')).toEqual([]);
    expect(off.prefixFormsOf('samarbetet')).toEqual([]);
    expect(off.formsInflecting('senators', 'en')).toEqual([]);
    expect(off.country('KR')).toBeNull();
    expect(off.stopwords).toEqual(lexicon.stopwords);
  });
});

describe('stopwords', () => {
  it('holds folded single words of the three question languages, and as written', () => {
    for (const word of ['the', 'which', 'khong', 'gi', 'och', 'vilka', 'ar']) expect(lexicon.stopwords.has(word), word).toBe(true);
    for (const word of ['không', 'gì', 'är', 'the']) expect(lexicon.writtenStopwords.has(word), word).toBe(true);
    expect(lexicon.writtenStopwords.has('khong')).toBe(true); // listed without marks too
    expect(lexicon.writtenStopwords.has('tô')).toBe(false);
    expect(lexicon.stopwords.has('how_many')).toBe(false);
  });

  it('keeps phrases joined by "_" apart, folded, longest first', () => {
    expect(lexicon.stopPhrases).toContainEqual(['how', 'many']);
    expect(lexicon.stopPhrases).toContainEqual(['bao', 'nhieu']);
    expect(lexicon.stopPhrases).toContainEqual(['hur', 'manga']);
    const lengths = lexicon.stopPhrases.map((p) => p.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
    expect(lexicon.stopPhrases.every((p) => p.length >= 2)).toBe(true);
  });
});

describe('formsStartingWith', () => {
  it('finds every form whose first folded token is the word, in every language and category', () => {
    const refs = lexicon.formsStartingWith('han');
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.every((r) => r.form.folded[0] === 'han')).toBe(true);
    const korea = refs.find((r) => r.form.text === 'Hàn Quốc')!;
    expect(korea.entry).toMatchObject({ kind: 'country', code: 'KR', id: 'country:KR' });
  });

  it('leaves single-word prefix forms to prefixFormsOf', () => {
    expect(texts(lexicon.formsStartingWith('samarbet'))).not.toContain('sv:samarbet*');
    expect(lexicon.formsStartingWith('samarbet').every((r) => !(r.form.prefix && r.form.folded.length === 1))).toBe(true);
  });

  it('finds nothing for an unknown word and gives the same answer twice', () => {
    expect(lexicon.formsStartingWith('xyzzyq')).toEqual([]);
    expect(lexicon.formsStartingWith('hanoi')).toEqual(lexicon.formsStartingWith('hanoi'));
  });

  it('finds a capital as a place of its country, which country() gives', () => {
    const hanoi = lexicon.formsStartingWith('hanoi').find((r) => r.form.text === 'Hanoi' && r.entry.kind === 'place')!;
    expect(hanoi.entry).toMatchObject({ placeKind: 'capital', code: 'VN' });
    const seoul = lexicon.formsStartingWith('seoul').find((r) => r.entry.kind === 'place')!;
    expect(seoul.entry).toMatchObject({ placeKind: 'capital', code: 'KR' });
    expect(lexicon.country(seoul.entry.code!)?.forms.map((f) => f.text)).toContain('Hàn Quốc');
  });

  it('writes people under their English name in any language, and their Vietnamese one in Vietnamese', () => {
    const xi = lexicon.formsStartingWith('xi').filter((r) => r.entry.kind === 'person');
    expect(xi.map((r) => `${r.form.lang}:${r.form.text}`)).toContain('any:Xi Jinping');
    expect(xi[0]!.entry.code).toBe('CN');
    const tap = lexicon.formsStartingWith('tap').find((r) => r.form.text === 'Tập Cận Bình')!;
    expect(tap.form.lang).toBe('vi');
    expect(tap.entry).toBe(xi[0]!.entry);
  });

  it('marks modifiers', () => {
    const first = lexicon.formsStartingWith('first').filter((r) => r.form.text === 'first');
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((r) => r.entry.modifier === true)).toBe(true);
    expect(lexicon.formsStartingWith('agreement').find((r) => r.form.text === 'agreement')?.entry.modifier).toBeUndefined();
  });
});

describe('formsInflecting', () => {
  it('finds English forms whose first word is an inflection of the word ("senators" → "senator")', () => {
    const refs = lexicon.formsInflecting('senators', 'en');
    expect(texts(refs)).toContain('en:senator');
    expect(refs.every((r) => r.form.lang === 'en')).toBe(true);
  });

  it('finds English forms across irregular forms ("met" → "meet", "held" → "hold", "child" → "children")', () => {
    expect(lexicon.formsInflecting('met', 'en').map((r) => r.form.exact[0])).toContain('meet');
    expect(lexicon.formsInflecting('held', 'en').map((r) => r.form.exact[0])).toContain('hold');
    expect(lexicon.formsInflecting('child', 'en').map((r) => r.form.exact[0])).toContain('children');
  });

  it('finds Swedish forms, and only Swedish ones ("förbindelserna" → "förbindelse")', () => {
    const refs = lexicon.formsInflecting('förbindelserna', 'sv');
    expect(texts(refs)).toContain('sv:förbindelse');
    expect(refs.every((r) => r.form.lang === 'sv' && !(r.form.prefix && r.form.folded.length === 1))).toBe(true);
  });

  it('lists each form once and finds nothing for an unrelated word', () => {
    const refs = lexicon.formsInflecting('agreements', 'en');
    expect(new Set(refs.map((r) => r.form)).size).toBe(refs.length);
    expect(lexicon.formsInflecting('xyzzyq', 'en')).toEqual([]);
  });
});

describe('prefixFormsOf', () => {
  it('finds the single-word prefix forms a folded word begins with', () => {
    expect(texts(lexicon.prefixFormsOf('samarbetsplanen'))).toContain('sv:samarbet*');
    // Keys are folded: "försvar*" is found from "forsvarsministern".
    expect(texts(lexicon.prefixFormsOf('forsvarsministern'))).toContain('sv:försvar*');
    for (const { form } of lexicon.prefixFormsOf('forsvarsministern')) {
      expect(form.prefix && form.folded.length === 1 && 'forsvarsministern'.startsWith(form.folded[0]!)).toBe(true);
    }
  });

  it('lists each form once and finds nothing for a word no prefix begins', () => {
    const refs = lexicon.prefixFormsOf('samarbetsavtalet');
    expect(new Set(refs.map((r) => r.form)).size).toBe(refs.length);
    expect(lexicon.prefixFormsOf('xyzzyq')).toEqual([]);
  });
});

describe('country', () => {
  it('gives a country its CLDR names and the press forms of countries.tsv, in all five languages', () => {
    const korea = lexicon.country('KR')!;
    expect(korea).toMatchObject({ id: 'country:KR', kind: 'country', code: 'KR' });
    const forms = korea.forms.map((f) => `${f.lang}:${f.text}`);
    expect(forms).toEqual(
      expect.arrayContaining(['en:South Korea', 'vi:Hàn Quốc', 'sv:Sydkorea', 'fr:Corée du Sud', 'de:Südkorea', 'vi:Đại Hàn', 'sv:sydkorean']),
    );
    expect(new Set(korea.forms.map((f) => f.lang))).toEqual(new Set(['en', 'vi', 'sv', 'fr', 'de']));
  });

  it('leaves out CLDR names in inverted form ("Korea, Republic of")', () => {
    expect(lexicon.country('KR')!.forms.some((f) => /[,(]/.test(f.text))).toBe(false);
  });

  it('matches short abbreviations and single-syllable Vietnamese names only as written', () => {
    const korea = lexicon.country('KR')!;
    expect(korea.forms.find((f) => f.text === 'ROK')?.caseSensitive).toBe(true);
    expect(korea.forms.find((f) => f.text === 'Hàn Quốc')?.caseSensitive).toBe(false);
    expect(lexicon.country('FR')!.forms.find((f) => f.text === 'Pháp')?.caseSensitive).toBe(true);
    expect(lexicon.country('US')!.forms.find((f) => f.text === 'US')?.caseSensitive).toBe(true);
    // English names of countries are looked for in every Latin-script text.
    expect(korea.forms.find((f) => f.text === 'South Korea')?.anyLatin).toBe(true);
  });

  it('gives the same entry each time and null for an unknown or lower-case code', () => {
    expect(lexicon.country('SE')).toBe(lexicon.country('SE'));
    expect(lexicon.country('XX')).toBeNull();
    expect(lexicon.country('kr')).toBeNull();
  });
});

describe('parseAliases', () => {
  it('reads "written<TAB>means" lines with alternatives, the meaning first, skipping comments, blank lines and CR', () => {
    const { entries, problems } = parseAliases(
      '# newsroom aliases\n\nFan Pingming;Fan Ping-ming\tPhạm Bình Minh;Pham Binh Minh\r\nSerguei\tSergey Lavrov\n',
    );
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.id)).toEqual(['alias:3', 'alias:4']);
    expect(entries[0]!.kind).toBe('alias');
    expect(entries[0]!.forms.map((f) => f.text)).toEqual(['Phạm Bình Minh', 'Pham Binh Minh', 'Fan Pingming', 'Fan Ping-ming']);
    expect(entries[0]!.written!.map((f) => f.text)).toEqual(['Fan Pingming', 'Fan Ping-ming']);
    expect(entries[0]!.forms.every((f) => f.lang === 'any')).toBe(true);
  });

  it('reports malformed lines by number and keeps the good ones', () => {
    const { entries, problems } = parseAliases('one column\n\tno written\nno meaning\t\na\tb\tc\n!!!\t???\nGood\tFine\n');
    expect(entries.map((e) => e.id)).toEqual(['alias:6']);
    expect(problems.map((p) => p.line)).toEqual([1, 2, 3, 4, 5]);
    expect(problems[0]!.reason).toMatch(/two columns/);
    expect(problems[4]!.reason).toMatch(/no words/);
  });
});

describe('withAliases', () => {
  const aliases = parseAliases('Fan Pingming\tPhạm Bình Minh\n').entries;

  it("adds a corpus's aliases, found under both their written and meant forms, leaving the lexicon as it was", () => {
    const aliased = withAliases(lexicon, aliases);
    expect(aliased.aliases).toEqual(aliases);
    const fan = aliased.formsStartingWith('fan');
    expect(fan.map((r) => r.entry.kind)).toEqual(['alias']);
    expect(aliased.formsStartingWith('pham').some((r) => r.entry.kind === 'alias')).toBe(true);
    expect(aliased.formsStartingWith('pham').some((r) => r.entry.kind === 'person')).toBe(true);
    expect(lexicon.formsStartingWith('fan')).toEqual([]);
    expect(lexicon.aliases).toEqual([]);
    expect(aliased.stopwords).toEqual(lexicon.stopwords);
    expect(aliased.country('KR')?.id).toBe('country:KR');
  });

  it('gives the lexicon itself for no aliases, or when the lexicon is off', () => {
    expect(withAliases(lexicon, [])).toBe(lexicon);
    expect(withAliases(loadLexicon(false), aliases)).toBe(loadLexicon(false));
  });
});

describe('lexiconTermsIn', () => {
  it('finds every lexicon form in a run of folded tokens, with its start and length', () => {
    const found = lexiconTermsIn(['tong', 'bi', 'thu', 'to', 'lam'], lexicon).map((t) => [t.start, t.length, t.entry.kind]);
    expect(found).toContainEqual([0, 3, 'office']);
    expect(found).toContainEqual([3, 2, 'person']);
    expect(lexiconTermsIn(['xyzzyq'], lexicon)).toEqual([]);
  });
});

describe('the prebuilt lexicon (written by npm run build, read at start instead of the tables)', () => {
  // Through JSON, as the build writes it and a start reads it.
  const data = readLexiconData();
  const prebuilt = lexiconFromData(JSON.parse(JSON.stringify(data)), true);
  const aliases = parseAliases('Fan Pingming\tPham Binh Minh\nHàn Cộng\tHàn Quốc\n').entries;

  it('finds the same forms as the lexicon read from its tables, for every word a form starts with', () => {
    const show = (refs: readonly FormRef[]) => refs.map((r) => `${r.entry.id} ${r.form.lang}:${r.form.text}`);
    const firstWords = data.keys.byFirst.map(([key]) => key);
    expect(firstWords.length).toBeGreaterThan(5000);
    for (const word of firstWords) expect(show(prebuilt.formsStartingWith(word)), word).toEqual(show(lexicon.formsStartingWith(word)));
    for (const word of ['samarbetet', 'förbindelserna', 'senators', 'ministers']) {
      expect(show(prebuilt.prefixFormsOf(word))).toEqual(show(lexicon.prefixFormsOf(word)));
      expect(show(prebuilt.formsInflecting(word, 'en'))).toEqual(show(lexicon.formsInflecting(word, 'en')));
      expect(show(prebuilt.formsInflecting(word, 'sv'))).toEqual(show(lexicon.formsInflecting(word, 'sv')));
    }
    expect(prebuilt.country('KR')?.forms.map((f) => f.text)).toEqual(lexicon.country('KR')?.forms.map((f) => f.text));
    expect([...prebuilt.stopwords].sort()).toEqual([...lexicon.stopwords].sort());
  });

  it("takes a corpus's aliases the same way, and without them stays as it was", () => {
    const show = (refs: readonly FormRef[]) => refs.map((r) => `${r.entry.id} ${r.form.text}`);
    const withOwn = withAliases(prebuilt, aliases);
    expect(show(withOwn.formsStartingWith('han'))).toEqual(show(withAliases(lexicon, aliases).formsStartingWith('han')));
    expect(show(withOwn.formsStartingWith('han'))).toContain('alias:2 Hàn Cộng');
    expect(show(prebuilt.formsStartingWith('han'))).not.toContain('alias:2 Hàn Cộng');
  });
});
