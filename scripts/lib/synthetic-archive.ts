// A synthetic news archive of any size, grown from the seed articles of corpus/: the project's own port of the method
// of ../shared/scale/gen-corpus.py. The seed articles are kept verbatim; every other article is 300–900 words of seed
// sentences recombined (80% Vietnamese, 20% Swedish), with names, numbers, dates, countries, cities and companies
// substituted per article, so vocabulary keeps growing with N the way a real archive's does.
//
// Deterministic: article i depends only on (seed, i) — its own PRNG — so an archive of N + 1 articles is the archive
// of N plus one, and any article can be made again without the others (the bench's incremental steps rely on it).
//
// Where this differs from the Python (on purpose): the PRNG is mulberry32, not Python's, so the files differ;
// substitutions are made in one pass (the Python substitutes pair after pair, so "Trung Quốc" → "Hàn Quốc" could be
// substituted again by the "Hàn Quốc" pair); an article never goes past 900 body words (the Python can overshoot by a
// paragraph); a folded name drops diacritics but keeps "Đ" as "D"; a seed's language is read from its text rather
// than from its file name (002_ is the Swedish one).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrng, randomInt } from './bench-math.js';

export type ArchiveLanguage = 'vi' | 'sv';

export interface SeedArticle {
  file: string;
  /** The file's text exactly as read. */
  text: string;
  language: ArchiveLanguage;
  /** Paragraphs as lists of sentences (paragraphs without a sentence of 4 words or more are left out). */
  paragraphs: string[][];
}

export interface SyntheticArticle {
  /** Position among the synthetic articles, 0-based. */
  index: number;
  file: string;
  text: string;
  language: ArchiveLanguage;
  /** Words of the body (the paragraphs under the title and date line). */
  bodyWords: number;
  /** The body paragraphs, as written. */
  paragraphs: string[];
}

export const MIN_WORDS = 300;
export const MAX_WORDS = 900;
export const SWEDISH_SHARE = 0.2;
/** Share of paragraphs drawn from the article's primary seed (the rest from any seed of the same language). */
const PRIMARY_SHARE = 0.7;

// ---------------------------------------------------------------------------------------------------------------
// Seed text: paragraphs and sentences, as the Python reads them

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/**
 * The paragraphs of a text: blocks between blank lines, lines joined by a space; when blocks average under 1.5 lines
 * the text is one paragraph a line. Blocks of fewer than 4 words, or of rules (---, ===), are left out.
 */
export function splitParagraphs(text: string): string[] {
  const nfc = text.normalize('NFC');
  let blocks = nfc.split(/\n\s*\n/);
  const lines = blocks.reduce((sum, b) => sum + b.split('\n').length, 0);
  if (lines / Math.max(1, blocks.length) < 1.5) blocks = nfc.split('\n');
  const out: string[] = [];
  for (const block of blocks) {
    const b = block.replace(/\s*\n\s*/g, ' ').trim();
    if (words(b).length >= 4 && !/^[-=_*\s]+$/.test(b)) out.push(b);
  }
  return out;
}

/** The sentences of a paragraph (a break after . ! ? … before a letter, maybe after a quote or bracket), 4 words or more. */
export function splitSentences(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[.!?…])\s+(?=["“(]?\p{L})/u)
    .map((s) => s.trim())
    .filter((s) => words(s).length >= 4);
}

const VIETNAMESE_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịĩọỏốồổỗộớờởỡợụủũứừửữựỳỵỷỹ]/giu;
const SWEDISH_LETTERS = /[åäö]/giu;

/** Vietnamese or Swedish, from the letters only Vietnamese spelling uses (ơ, ư, đ, ạ …) against å, ä, ö. */
export function seedLanguage(text: string): ArchiveLanguage {
  const vi = text.match(VIETNAMESE_LETTERS)?.length ?? 0;
  const sv = text.match(SWEDISH_LETTERS)?.length ?? 0;
  return sv > vi ? 'sv' : 'vi';
}

/** The seed articles of a folder: every .txt file, sorted by name. */
export function readSeedArticles(dir: string): SeedArticle[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => seedArticle(file, readFileSync(join(dir, file), 'utf8')));
}

export function seedArticle(file: string, text: string): SeedArticle {
  return {
    file,
    text,
    language: seedLanguage(text),
    paragraphs: splitParagraphs(text)
      .map(splitSentences)
      .filter((p) => p.length > 0),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Substitution lists (the Python's, unchanged)

type Style = 'ko' | 'ja' | 'en' | 'ru' | 'zh' | 'th' | 'fr' | 'de' | 'in' | 'id' | 'es' | 'it' | 'sv' | 'ar';

/** [Vietnamese, Swedish, name style] */
const COUNTRIES: [string, string, Style][] = [
  ['Hàn Quốc', 'Sydkorea', 'ko'],
  ['Nhật Bản', 'Japan', 'ja'],
  ['Hoa Kỳ', 'USA', 'en'],
  ['Nga', 'Ryssland', 'ru'],
  ['Trung Quốc', 'Kina', 'zh'],
  ['Thái Lan', 'Thailand', 'th'],
  ['Pháp', 'Frankrike', 'fr'],
  ['Đức', 'Tyskland', 'de'],
  ['Ấn Độ', 'Indien', 'in'],
  ['Úc', 'Australien', 'en'],
  ['Lào', 'Laos', 'th'],
  ['Campuchia', 'Kambodja', 'th'],
  ['Indonesia', 'Indonesien', 'id'],
  ['Singapore', 'Singapore', 'zh'],
  ['Malaysia', 'Malaysia', 'id'],
  ['Philippines', 'Filippinerna', 'id'],
  ['Brazil', 'Brasilien', 'es'],
  ['Canada', 'Kanada', 'en'],
  ['Anh', 'Storbritannien', 'en'],
  ['Italia', 'Italien', 'it'],
  ['Tây Ban Nha', 'Spanien', 'es'],
  ['Hà Lan', 'Nederländerna', 'de'],
  ['Thụy Điển', 'Sverige', 'sv'],
  ['Na Uy', 'Norge', 'sv'],
  ['Phần Lan', 'Finland', 'sv'],
  ['Ba Lan', 'Polen', 'ru'],
  ['Cộng hòa Séc', 'Tjeckien', 'ru'],
  ['Hungary', 'Ungern', 'ru'],
  ['Ai Cập', 'Egypten', 'ar'],
  ['Nam Phi', 'Sydafrika', 'en'],
  ['Nigeria', 'Nigeria', 'en'],
  ['Argentina', 'Argentina', 'es'],
  ['Chile', 'Chile', 'es'],
  ['Mexico', 'Mexiko', 'es'],
  ['Cuba', 'Kuba', 'es'],
  ['Mông Cổ', 'Mongoliet', 'ru'],
  ['Kazakhstan', 'Kazakstan', 'ru'],
  ['Israel', 'Israel', 'en'],
  ['Các Tiểu vương quốc Ả Rập Thống nhất', 'Förenade Arabemiraten', 'ar'],
  ['Ả Rập Xê Út', 'Saudiarabien', 'ar'],
  ['Thổ Nhĩ Kỳ', 'Turkiet', 'ar'],
  ['New Zealand', 'Nya Zeeland', 'en'],
  ['Bangladesh', 'Bangladesh', 'in'],
  ['Pakistan', 'Pakistan', 'in'],
  ['Sri Lanka', 'Sri Lanka', 'in'],
  ['Myanmar', 'Myanmar', 'th'],
  ['Iran', 'Iran', 'ar'],
  ['Qatar', 'Qatar', 'ar'],
  ['Kuwait', 'Kuwait', 'ar'],
  ['Ukraine', 'Ukraina', 'ru'],
  ['Belarus', 'Belarus', 'ru'],
  ['Áo', 'Österrike', 'de'],
  ['Thụy Sĩ', 'Schweiz', 'de'],
  ['Bỉ', 'Belgien', 'fr'],
  ['Đan Mạch', 'Danmark', 'sv'],
  ['Bồ Đào Nha', 'Portugal', 'es'],
  ['Hy Lạp', 'Grekland', 'it'],
  ['Peru', 'Peru', 'es'],
  ['Colombia', 'Colombia', 'es'],
  ['Venezuela', 'Venezuela', 'es'],
  ['Mozambique', 'Moçambique', 'es'],
  ['Angola', 'Angola', 'es'],
  ['Algeria', 'Algeriet', 'ar'],
  ['Maroc', 'Marocko', 'ar'],
  ['Kenya', 'Kenya', 'en'],
  ['Ethiopia', 'Etiopien', 'en'],
  ['Brunei', 'Brunei', 'id'],
  ['Timor-Leste', 'Östtimor', 'es'],
  ['Uzbekistan', 'Uzbekistan', 'ru'],
  ['Azerbaijan', 'Azerbajdzjan', 'ru'],
];
const SEED_COUNTRIES_VI = ['Trung Quốc', 'Hàn Quốc', 'Nhật Bản', 'Hoa Kỳ', 'Thái Lan', 'Nga'];
const SEED_COUNTRIES_SV = ['Japan'];

const list = (s: string) => s.split(' ');
const VI_SUR = list(
  'Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Lương Trịnh Mai Tạ Cao Chu Hà Quách Lâm Tô Vương Kiều Thái La Văn Triệu Đoàn',
);
const VI_MID = list(
  'Văn Thị Hữu Đức Minh Quốc Thanh Ngọc Xuân Hoài Duy Gia Bình Tam Phương Kim Thế Công Quang Anh Tuấn Hồng Đình Trọng Khắc Như Bảo Thu',
);
const VI_GIV = list(
  'Giang Lâm Sơn Chính Quang Huệ Minh Lan Ngọc Trung Túc Dũng Hùng Hải Hà Hương Long Phúc Thắng Tâm Vinh Bảo Cường Đạt ' +
    'Hiếu Khoa Linh Mai Nam Phong Quân Tài Thảo Trang Tú Uyên Yến Hạnh Hòa Hiền Kiên Lộc Nghĩa Nhân Toàn Trí Việt Thành ' +
    'Thịnh Tiến Tùng Sang Khánh Đông Bách Châu Diệp Thu Hưng Huy Khải Luân Mạnh Nguyên Phát Quý Sáng Thái Thuận Vĩnh Xuyên',
);
/** Per style: first parts, second parts, and how a name is made of them ('ko': a b b; otherwise a b). */
const STYLES: Record<Style, [string[], string[], 'ko' | 'zh' | 'fl']> = {
  ko: [
    list('Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong'),
    list('Jae Min Heong Jun Ho Seo Yeon Hyun Woo Sung Ji Dong Young Soo Kyung Hee Tae Chul Won Seung'),
    'ko',
  ],
  ja: [
    list('Fumio Yoshihide Taro Shinzo Yoko Kenji Haruto Yuki Aiko Hiroshi Takeshi Naoki Emi Sota Ren Daichi'),
    list('Kishida Suga Kono Abe Kamikawa Hayashi Motegi Tanaka Suzuki Sato Watanabe Yamamoto Nakamura Kobayashi Ito Kato'),
    'fl',
  ],
  en: [
    list('Steve Bill Michael Antony Jake Kamala Mark Susan Linda Robert David Jennifer Thomas Karen Daniel Nancy'),
    list('Daines Hagerty George Blinken Sullivan Harris Knapper Rice Brown Miller Wilson Moore Taylor Anderson Jackson Clark'),
    'fl',
  ],
  ru: [
    list('Sergey Vladimir Dmitry Mikhail Andrei Maria Olga Nikolai Igor Alexei Tatiana Pavel Yuri Viktor Irina Oleg'),
    list('Lavrov Medvedev Mishustin Volodin Rudenko Zakharova Shoigu Patrushev Ivanov Petrov Sokolov Kuznetsov Popov Orlov Volkov Morozov'),
    'fl',
  ],
  zh: [
    list('Vương Tập Lý Triệu Hàn Thái Dương Trương Lưu Chu Tôn Hồ Mã Quách Hà Cao'),
    list('Nghị Cận Bình Cường Lạc Tế Kỳ Khiết Trì Vĩ Hoa Minh Đức Quốc Ninh Xương'),
    'zh',
  ],
  th: [
    list('Prayut Srettha Paetongtarn Don Parnpree Sonexay Thongloun Hun Manet Sok Somsak Anutin Chatchai Boun Khamphao Saleumxay'),
    list(
      'Chan-o-cha Thavisin Shinawatra Pramudwinai Bahiddha-nukara Siphandone Sisoulith Sen Chenda Sopheap Jiewchaloemmit Charnvirakul Kommasith Vongphachanh',
    ),
    'fl',
  ],
  fr: [
    list('Emmanuel Jean Catherine Marie Pierre Sophie Laurent Olivier Claire Nicolas'),
    list('Macron Barrot Colonna Dupont Moreau Lefebvre Bernard Girard Fontaine Rousseau'),
    'fl',
  ],
  de: [
    list('Olaf Annalena Frank-Walter Karl Hans Petra Jürgen Ursula Matthias Stefan'),
    list('Scholz Baerbock Steinmeier Müller Schmidt Schneider Fischer Weber Becker Hoffmann'),
    'fl',
  ],
  in: [
    list('Narendra Subrahmanyam Rajnath Piyush Nirmala Amit Sheikh Shehbaz Ishaq Ranil'),
    list('Modi Jaishankar Singh Goyal Sitharaman Shah Hasina Sharif Dar Wickremesinghe'),
    'fl',
  ],
  id: [
    list('Joko Retno Prabowo Anwar Ferdinand Enrique Vivian Zambry Hassanal Sugiono'),
    list('Widodo Marsudi Subianto Ibrahim Marcos Manalo Balakrishnan Kadir Bolkiah Budiman'),
    'fl',
  ],
  es: [
    list('Luiz Gabriel Andrés Miguel Díaz Javier Gustavo Mauro Nicolás Dilma'),
    list('Lula Boric López Canel Milei Petro Vieira Maduro Rousseff Fernández'),
    'fl',
  ],
  it: [
    list('Giorgia Antonio Sergio Kyriakos Giorgos Matteo Elena Luca'),
    list('Meloni Tajani Mattarella Mitsotakis Gerapetritis Rossi Russo Bianchi'),
    'fl',
  ],
  sv: [
    list('Ulf Tobias Maria Jonas Mette Lars Anne Jens Sanna Pekka'),
    list('Kristersson Billström Stenergard Gahr Frederiksen Rasmussen Løkke Andersson Marin Haavisto'),
    'fl',
  ],
  ar: [
    list('Mohammed Abdullah Faisal Sameh Recep Hakan Tamim Abdel Ahmed Sheikh'),
    list('bin Salman Shoukry Erdoğan Fidan Al Thani Fattah Aboul Gheit Al Nahyan'),
    'fl',
  ],
};
const STYLE_NAMES = Object.keys(STYLES) as Style[];
const SEED_NAMES_VI = [
  'Phan Văn Giang',
  'Tô Lâm',
  'Bùi Thanh Sơn',
  'Phạm Minh Chính',
  'Trần Lưu Quang',
  'Vương Đình Huệ',
  'Phạm Bình Minh',
  'Đoàn Phương Lan',
  'Lương Tam Quang',
  'Nguyễn Duy Ngọc',
  'Lê Hoài Trung',
  'Phạm Gia Túc',
  'Nguyễn Quốc Dũng',
  'Vo Van Thuong',
];
const SEED_NAMES_FOREIGN = [
  'Park Jae Min',
  'Park Heong Jun',
  'Steve Daines',
  'Bill Hagerty',
  'Vương Nghị',
  'Fumio Kishida',
  'Sergey Lavrov',
  'Michael George',
  'Fan Pingming',
  'Lavrov',
  'Kishida',
  'Daines',
  'Hagerty',
];
const CITIES = list(
  'Incheon Ulsan Osaka Yokohama Kobe Rotterdam Hamburg Antwerp Marseille Vladivostok Sydney Mumbai Chennai Durban Santos ' +
    'Valparaíso Gdańsk Göteborg Piraeus Genova Barcelona Lisbon Dubai Doha Jeddah Karachi Colombo Chittagong Yangon Manila ' +
    'Jakarta Surabaya Penang Laem Chabang Sihanoukville Vientiane Houston Seattle Vancouver Auckland Mombasa Lagos Alexandria ' +
    'Casablanca Izmir Odessa Tianjin Qingdao Kaohsiung Nagoya Fukuoka Sapporo Daegu Gwangju',
);
const SEED_CITIES = ['Busan', 'Gimhae', 'Dadaepo', 'Gamcheon', 'Washington D.C.', 'Tokyo', 'Moskva', 'Moscow'];
const SEED_COMPANIES = ['Boeing', 'Mevion', 'Starlink', 'Vietjet', 'Hanwha'];
const SYL = list('ko ra tech vi na sun lo gix mar tel ex on bi za dro quan ti ca vo lex tra min sol ver ta nex ro pha kal dyn tro mi sen zen');
const PLACE_SUFFIXES = ['', 'do', 'gang', 'pur', 'berg', 'ville'];
const VI_PROVINCES = (
  'Hải Phòng,Đà Nẵng,Cần Thơ,Quảng Ninh,Bắc Ninh,Bình Dương,Đồng Nai,Khánh Hòa,Nghệ An,Thanh Hóa,Hà Tĩnh,Quảng Nam,' +
  'Quảng Ngãi,Bình Định,Lâm Đồng,Kiên Giang,Long An,Tiền Giang,Thái Nguyên,Lào Cai,Điện Biên,Sơn La,Yên Bái,Hà Giang,' +
  'Cao Bằng,Lạng Sơn,Bắc Giang,Phú Thọ,Vĩnh Phúc,Hưng Yên,Hải Dương,Nam Định,Ninh Bình,Thái Bình,Quảng Bình,Quảng Trị,' +
  'Thừa Thiên Huế,Phú Yên,Ninh Thuận,Bình Thuận,Gia Lai,Kon Tum,Đắk Lắk,Đắk Nông,Bình Phước,Tây Ninh,Bà Rịa - Vũng Tàu,' +
  'Bến Tre,Trà Vinh,Vĩnh Long,Đồng Tháp,An Giang,Hậu Giang,Sóc Trăng,Bạc Liêu,Cà Mau'
).split(',');
const SEED_PROVINCES = ['Hải Phòng', 'Đà Nẵng', 'Gia Lai', 'An Giang', 'Cà Mau', 'Quảng Ninh', 'Vân Nam'];
const SWEDISH_MONTHS = list('januari februari mars april maj juni juli augusti september oktober november december');

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LETTER_OR_DIGIT = '[\\p{L}\\p{N}]';
const ALL_SEED_ENTITIES = [
  ...new Set([
    ...SEED_COUNTRIES_VI,
    ...SEED_COUNTRIES_SV,
    ...SEED_NAMES_VI,
    ...SEED_NAMES_FOREIGN,
    ...SEED_CITIES,
    ...SEED_COMPANIES,
    ...SEED_PROVINCES,
  ]),
];
/** Every seed entity as a whole word, longest first (so "Sergey Lavrov" is taken before "Lavrov"): one pass per text. */
const ENTITY = new RegExp(
  `(?<!${LETTER_OR_DIGIT})(?:${[...ALL_SEED_ENTITIES]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})(?!${LETTER_OR_DIGIT})`,
  'gu',
);
/** A number standing alone (not part of a word or a hyphenated code). */
const NUMBER = /(?<![\p{L}\p{N}_-])\p{Nd}+(?![\p{L}\p{N}_-])/gu;
/** A name without diacritics, as a Swedish text spells a Vietnamese one ("Võ Văn Thưởng" → "Vo Van Thuong"). */
export function foldName(name: string): string {
  return name.replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFD').replace(/\p{M}/gu, '');
}

// ---------------------------------------------------------------------------------------------------------------
// The generator

/** A 32-bit seed for article `index` of the archive seeded `seed`: an avalanche mix, so neighbours are unrelated. */
export function articleSeed(seed: number, index: number, revision = 0): number {
  let h = Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b) ^ Math.imul(revision, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

class Draw {
  readonly random: () => number;
  constructor(seed: number) {
    this.random = createPrng(seed);
  }
  int(min: number, max: number): number {
    return randomInt(this.random, min, max);
  }
  choice<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
  /** k distinct items, in draw order (a partial Fisher–Yates shuffle). */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.random() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, k);
  }
  viName(): string {
    return `${this.choice(VI_SUR)} ${this.choice(VI_MID)} ${this.choice(VI_GIV)}`;
  }
  foreignName(style: Style): string {
    const [a, b, kind] = STYLES[style];
    return kind === 'ko' ? `${this.choice(a)} ${this.choice(b)} ${this.choice(b)}` : `${this.choice(a)} ${this.choice(b)}`;
  }
  /** An invented word of 2–3 syllables, capitalised: a company, or the stem of a place. */
  invented(): string {
    const n = this.int(2, 3);
    let s = '';
    for (let i = 0; i < n; i++) s += this.choice(SYL);
    return s.charAt(0).toUpperCase() + s.slice(1);
  }
  /** A city of the list, or (30%) an invented place name: vocabulary keeps growing. */
  city(): string {
    if (this.random() < 0.3) return this.invented() + this.choice(PLACE_SUFFIXES);
    return this.choice(CITIES);
  }
  /** A number like the one it replaces: a year stays a year (1950–2026), a digit a digit, n digits n digits. */
  number(s: string): string {
    if (/^(19|20)\d\d$/.test(s)) return String(this.int(1950, 2026));
    if (s.length === 1) return String(this.int(1, 9));
    return String(this.int(10 ** (s.length - 1), 10 ** s.length - 1));
  }
}

/** One article's consistent mapping from seed entities to new ones (a seed entity without an entry stays). */
function substitutions(draw: Draw, language: ArchiveLanguage): Map<string, string> {
  const map = new Map<string, string>();
  const countries = draw.sample(COUNTRIES, 6);
  const mainStyle = countries[0]![2];
  if (language === 'vi') SEED_COUNTRIES_VI.forEach((seed, i) => map.set(seed, countries[i]![0]));
  else map.set(SEED_COUNTRIES_SV[0]!, countries[0]![1]);
  for (const s of SEED_NAMES_VI) {
    if (draw.random() > 0.05) map.set(s, language === 'sv' && s === 'Vo Van Thuong' ? foldName(draw.viName()) : draw.viName());
  }
  const surnames = new Map<string, string>();
  for (const s of SEED_NAMES_FOREIGN) {
    if (s.includes(' ')) {
      const style = draw.choice([mainStyle, mainStyle, draw.choice(STYLE_NAMES)]);
      const name = draw.foreignName(style);
      surnames.set(s.split(' ').pop()!, name.split(' ').pop()!);
      map.set(s, name);
    } else {
      map.set(s, surnames.get(s) ?? draw.foreignName(mainStyle).split(' ').pop()!);
    }
  }
  for (const s of SEED_CITIES) map.set(s, draw.city());
  for (const s of SEED_COMPANIES) map.set(s, draw.invented());
  for (const s of SEED_PROVINCES) map.set(s, draw.choice(VI_PROVINCES));
  return map;
}

/**
 * Dates, so a substituted one is still a date: dd/mm[/yyyy], "ngày dd", "tháng mm", "dd <Swedish month>". Taken
 * before other numbers (an improvement on the Python, which made "31/7" into "58/3").
 */
const SWEDISH_MONTH_WORD = `(?:${SWEDISH_MONTHS.join('|')})(?!\\p{L})`;
const DATE = new RegExp(
  [
    '(?<![\\p{L}\\p{N}/])(?<d>\\d{1,2})/(?<mo>\\d{1,2})(?:/(?<y>\\d{4}))?(?![\\p{N}/])',
    '(?<![\\p{L}])(?:[Nn]gày )(?<vd>\\d{1,2})(?![\\p{N}/])',
    '(?<![\\p{L}])(?:[Tt]háng )(?<vm>\\d{1,2})(?![\\p{N}/])',
    `(?<![\\p{L}\\p{N}])(?<sd>\\d{1,2})(?= ${SWEDISH_MONTH_WORD})`,
  ].join('|'),
  'gu',
);
/** A character no text holds: marks where a date was put, so the number pass does not renumber it. */
const DATE_MARK = '\uE000';

interface DateGroups {
  d?: string;
  mo?: string;
  y?: string;
  vd?: string;
  vm?: string;
  sd?: string;
}

/** New numbers and dates: a day 1–28, a month 1–12, a year 1950–2026, other numbers by length. */
function renumber(text: string, draw: Draw): string {
  // Two digits only where the seed wrote a leading zero ("05/9" stays zero-padded, "tháng 11" becomes "tháng 8").
  const day = (s: string) => String(draw.int(1, 28)).padStart(s.startsWith('0') ? 2 : 1, '0');
  const month = (s: string) => String(draw.int(1, 12)).padStart(s.startsWith('0') ? 2 : 1, '0');
  const dates: string[] = [];
  const marked = text.replace(DATE, (...args: unknown[]) => {
    const m = args[0] as string;
    const g = args[args.length - 1] as DateGroups;
    let out: string;
    if (g.d !== undefined && g.mo !== undefined) out = `${day(g.d)}/${month(g.mo)}${g.y !== undefined ? `/${draw.int(1950, 2026)}` : ''}`;
    else if (g.vd !== undefined) out = m.slice(0, m.length - g.vd.length) + day(g.vd);
    else if (g.vm !== undefined) out = m.slice(0, m.length - g.vm.length) + month(g.vm);
    else out = day(g.sd ?? m);
    dates.push(out);
    return DATE_MARK;
  });
  let next = 0;
  return marked.replace(NUMBER, (m) => draw.number(m)).replace(/\uE000/g, () => dates[next++]!);
}

function rewrite(text: string, map: Map<string, string>, draw: Draw): string {
  return renumber(
    text.replace(ENTITY, (m) => map.get(m) ?? m),
    draw,
  );
}

export interface ArchiveSummary {
  dir: string;
  articles: number;
  seedArticles: number;
  synthetic: number;
  swedish: number;
  bytes: number;
  /** Words (whitespace-separated) and distinct lowercased word forms over all files. */
  tokens: number;
  vocabulary: number;
  seconds: number;
}

export class ArchiveGenerator {
  readonly seeds: SeedArticle[];
  private readonly pools: Record<ArchiveLanguage, SeedArticle[]>;

  constructor(
    seeds: readonly { file: string; text: string }[],
    readonly seed = 1,
  ) {
    this.seeds = seeds.map((s) => seedArticle(s.file, s.text));
    this.pools = {
      vi: this.seeds.filter((s) => s.language === 'vi' && s.paragraphs.length),
      sv: this.seeds.filter((s) => s.language === 'sv' && s.paragraphs.length),
    };
    if (!this.pools.vi.length || !this.pools.sv.length)
      throw new Error('the seed articles must hold at least one Vietnamese and one Swedish article with sentences');
  }

  static fromDir(dir: string, seed = 1): ArchiveGenerator {
    return new ArchiveGenerator(readSeedArticles(dir), seed);
  }

  /** How many articles an archive of `n` holds that are synthetic. */
  syntheticCount(n: number): number {
    return Math.max(0, n - this.seeds.length);
  }

  /**
   * Synthetic article `index` (0-based); `revision` > 0 gives the same article edited: one more paragraph, with the
   * same names, under the same file name (what the bench writes as "one changed article").
   */
  article(index: number, revision = 0): SyntheticArticle {
    const draw = new Draw(articleSeed(this.seed, index));
    const language: ArchiveLanguage = draw.random() < SWEDISH_SHARE ? 'sv' : 'vi';
    const pool = this.pools[language];
    const primary = draw.choice(pool);
    const target = draw.int(MIN_WORDS, MAX_WORDS);
    const map = substitutions(draw, language);
    const paragraphs: string[] = [];
    const used = new Set<string>();
    let bodyWords = 0;
    let tries = 0;
    const paragraph = (d: Draw): string | null => {
      const source = d.random() < PRIMARY_SHARE ? primary : d.choice(pool);
      const pi = Math.floor(d.random() * source.paragraphs.length);
      const par = source.paragraphs[pi]!;
      const start = Math.floor(d.random() * par.length);
      tries++;
      const key = `${source.file}\u0000${pi}\u0000${start}`;
      if (used.has(key) && tries < 200) return null;
      used.add(key);
      return rewrite(par.slice(start, start + d.int(1, 4)).join(' '), map, d);
    };
    while (bodyWords < target) {
      const text = paragraph(draw);
      if (text === null) continue;
      const n = words(text).length;
      // Never past MAX_WORDS: a paragraph that would go over ends the article once it has MIN_WORDS.
      if (bodyWords + n > MAX_WORDS && tries < 10_000) {
        if (bodyWords >= MIN_WORDS) break;
        continue;
      }
      paragraphs.push(text);
      bodyWords += n;
    }
    const title = words(paragraphs[0]!.split('. ')[0]!)
      .slice(0, draw.int(8, 16))
      .join(' ')
      .replace(/[,;:]+$/, '');
    const [y, mo, d] = [draw.int(2010, 2025), draw.int(1, 12), draw.int(1, 28)];
    const dateLine =
      language === 'vi'
        ? `${String(d).padStart(2, '0')}/${String(mo).padStart(2, '0')}/${y} ` +
          `${String(draw.int(6, 22)).padStart(2, '0')}:${String(draw.int(0, 59)).padStart(2, '0')}`
        : `Publicerad ${d} ${SWEDISH_MONTHS[mo - 1]} ${y}`;
    const body = (pars: string[]) => [title, dateLine, ...pars].join('\n\n') + '\n';
    const original = body(paragraphs);
    const file = `${String(index + 100).padStart(6, '0')}_${createHash('sha1').update(original).digest('hex').slice(0, 16)}.txt`;
    if (revision > 0) {
      const edit = new Draw(articleSeed(this.seed, index, revision));
      for (let added = 0; added < revision; ) {
        const text = paragraph(edit);
        if (text === null) continue;
        paragraphs.push(text);
        bodyWords += words(text).length;
        added++;
      }
    }
    return { index, file, text: revision > 0 ? body(paragraphs) : original, language, bodyWords, paragraphs };
  }

  /** The synthetic articles of an archive of `n`, in order. */
  *articles(n: number): Generator<SyntheticArticle> {
    for (let i = 0; i < this.syntheticCount(n); i++) yield this.article(i);
  }

  /**
   * Writes an archive of `n` articles into `dir`: the seed files byte for byte, then the synthetic ones. Returns
   * what it wrote, with its word count and vocabulary (distinct lowercased words).
   */
  writeArchive(dir: string, n: number, onProgress?: (done: number, total: number) => void): ArchiveSummary {
    const started = performance.now();
    mkdirSync(dir, { recursive: true });
    const vocabulary = new Set<string>();
    let tokens = 0;
    let bytes = 0;
    let swedish = 0;
    const count = (text: string) => {
      for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
        tokens++;
        vocabulary.add(w);
      }
    };
    const seedCount = Math.min(n, this.seeds.length);
    for (const s of this.seeds.slice(0, seedCount)) {
      writeFileSync(join(dir, s.file), s.text);
      bytes += Buffer.byteLength(s.text);
      if (s.language === 'sv') swedish++;
      count(s.text);
    }
    const total = this.syntheticCount(n);
    for (const a of this.articles(n)) {
      writeFileSync(join(dir, a.file), a.text);
      bytes += Buffer.byteLength(a.text);
      if (a.language === 'sv') swedish++;
      count(a.text);
      if (onProgress && (a.index + 1) % 1000 === 0) onProgress(a.index + 1, total);
    }
    return {
      dir,
      articles: seedCount + total,
      seedArticles: seedCount,
      synthetic: total,
      swedish,
      bytes,
      tokens,
      vocabulary: vocabulary.size,
      seconds: (performance.now() - started) / 1000,
    };
  }
}
