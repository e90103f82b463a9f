// What kind of answer a question asks for, read from its wording in English, Vietnamese (with or without
// diacritics) or Swedish: a publication date, a date, a number, a duration, a person, a place, the source of an
// article, a reason, or a fact.
import { fold } from '../text/normalize.js';
import type { QuestionType } from './analysis.js';

export type { QuestionType };

// Tested on the folded question (lower case, no diacritics), or where marked so on the question in lower case with
// its diacritics, in this order: the first that matches wins.
const CUES: [QuestionType, RegExp, 'marked'?][] = [
  [
    'source',
    /\b(nguon (tin )?(tu |la |o )?(dau|nao|gi)|lay nguon|trich nguon|nguon bai|what (is|was) the source|which (news )?(source|outlet|agency|broadcaster|channel|newspaper)|photo credit|image credit|credited|credit for|source of (the|this)|where (did|does) (the|this) (article|report|text) come from|vilken kalla|som kalla|vilken nyhetsbyra|vilken byra|kallan (till|for)|varifran kommer)\b/,
  ],
  [
    'published',
    /\b(published|publication date|posted|dang ngay|duoc dang|dang tai|dang luc|ngay dang|xuat ban|publicerad|publicerades|publiceringsdatum)\b/,
  ],
  [
    'why',
    /\b(why|what for|for what purpose|to what end|for what reason|tai sao|vi sao|vi ly do gi|ly do gi|de lam gi|nham muc dich gi|varfor|av vilken anledning|i vilket syfte)\b/,
  ],
  ['how-long', /\b(how long|for how many years|how many years|bao lau|bao nhieu nam(?! nao)|may nam(?! nao)|hur lange|hur manga ar|hur lang tid)\b/],
  // "när" and "when" ask only at the head of a sentence; inside one they join clauses ("… avlidit när …").
  // (Unless a question follows the clause: "When the delegation left Busan, from which airport did it depart?")
  [
    'when',
    /(^|[.!?:] )(and |och |men |so )?(when|nar)\b(?![^?]*, *(from |in |at |to |on )?(which|what|who|where|how|vilken|vilket|vilka|var|vem)\b)/,
  ],
  [
    'when',
    /\b(what time (did|does|do|will|would|is|was|are|were|should)|what hour|may gio|luc may gio|vao luc may gio|vilken tid|hur dags|what date|which date|what day|which day|what year|which year|in what year|on what date|what period|which period|giai doan nao|thoi ky nao|vilken period|khi nao|bao gio|ngay nao|nam nao|thang nao|thoi gian nao|vao thoi gian nao|luc nao|hom nao|thoi diem nao|vao ngay nao|vilket datum|vilket ar|vilken dag|vilken manad)\b/,
  ],
  // A target is a figure: "what trade target", "lên mức nào" (up to what level).
  [
    'how-many',
    /\b(how many|how much|(what|which) (\w+ ){0,2}targets?\b(?! (country|countries|market|markets|group)\b)|muc nao|muc bao nhieu|vilket mal|what number|what percentage|what share|what amount|what (was|is|were) the (\w+ )?(value|amount|number|figure|turnover|total|sum|size|price|cost)|what (\w+ ){0,2}(figure|amount|sum|turnover)|how large|how big|what did (\w+ ){0,6}cost|vad kostade|vad kostar|vad kostade|bao nhieu|so luong|may (chiec|nuoc|quoc gia|ben|chiec|lan)|tong gia tri|hur manga|hur mycket|hur stor|vilket belopp|vilket varde)\b/,
  ],
  // "mấy văn kiện" (how many documents) with its mark: folded, "may" is also "máy" (machine) and "may" (lucky).
  ['how-many', /(^|\s)(?<!thứ )mấy\s+(?!giờ)\p{L}/u, 'marked'],
  // ", who …" opens a relative clause ("Senator Hagerty, who spoke by phone …"), not a question about a person.
  [
    'who',
    /\b((?<!, )who|whom|whose|vad heter|what is the name of|what's the name of|what was the name of|which (?!(types?|kinds?|sorts?) of\b)((?!(does|did|do|is|was|were|are|has|have|had|will|can)\b)\w+ ){0,2}(persons?|people|officials?|ministers?|leaders?|senators?|generals?|ambassadors?|compan(y|ies)|airlines?|firms?|mayors?|presidents?)|\bai\b|nguoi nao|vi nao|ong nao|ba nao|la ai|ten la gi|ten gi|vem|vilka personer|vilken (person|minister|ledare))\b/,
  ],
  // "bộ trưởng ngoại giao Nga nào": a title followed by "nào" (which) asks for the person holding it.
  [
    'who',
    /\b(bo truong|thu truong|thu tuong|tong thong|chu tich|dai su|thuong nghi si|nghi si|ngoai truong|thi truong|lanh su|tong lanh su|dai tuong|thuong tuong)( \w+){0,4} nao\b/,
  ],
  [
    'where',
    /\b(where|bang nao|which (\w+ )?(states?|provinces?|regions?|cities|ports|airports?|countries|places|localities)|what (\w+ )?(states?|provinces?|regions?|cities|ports|countries|places)|vilka (\w+ )?(stader|hamnar|lander|provinser|platser)|nhung (thanh pho|tinh|dia phuong|nuoc|cang) nao|which city|what city|which country|what country|which port|in which place|at which place|o dau|tai dau|noi nao|dia diem nao|thanh pho nao|nuoc nao|quoc gia nao|cang nao|san bay nao|tinh nao|dia phuong nao|nam o dau|var ligger|var holls|var skedde|i vilken stad|vilken stad|vilket land)\b/,
  ],
];

export function detectQuestionType(question: string): QuestionType {
  const folded = fold(question).replace(/\s+/g, ' ');
  const marked = question.normalize('NFC').toLowerCase().replace(/\s+/g, ' ');
  for (const [type, cue, on] of CUES) if (cue.test(on === 'marked' ? marked : folded)) return type;
  return 'what';
}
