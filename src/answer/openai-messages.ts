// Notices shown with an answer when the written (OpenAI) answer could not be used, in the question's language.
// They say why in plain words and never carry a server's error text (which can echo part of a key).
import type { Language } from '../types.js';

/** Why a written answer fell back to quoting the sources. */
export type FallbackReason =
  | 'timeout'
  | 'rate-limited'
  | 'server-error'
  | 'unreachable'
  | 'api-error'
  | 'malformed'
  | 'refused'
  | 'no-valid-citation'
  | 'ungrounded'
  | 'unsourced-link';

type Lang = 'en' | 'vi' | 'sv';
const pick = (language: Language): Lang => (language === 'vi' || language === 'sv' ? language : 'en');

const reasons: Record<Lang, Record<FallbackReason, string>> = {
  en: {
    timeout: 'the language model did not answer in time',
    'rate-limited': 'the language model service is busy (rate limited)',
    'server-error': 'the language model service failed',
    unreachable: 'the language model service could not be reached',
    'api-error': 'the language model service rejected the request',
    malformed: 'the language model gave an unreadable reply',
    refused: 'the language model declined to answer',
    'no-valid-citation': 'the written answer cited none of the retrieved sources',
    ungrounded: 'the written answer said things its sources do not support',
    'unsourced-link': 'the written answer held a link or address its sources do not',
  },
  vi: {
    timeout: 'mô hình ngôn ngữ không trả lời kịp thời',
    'rate-limited': 'dịch vụ mô hình ngôn ngữ đang quá tải (giới hạn tần suất)',
    'server-error': 'dịch vụ mô hình ngôn ngữ gặp lỗi',
    unreachable: 'không kết nối được với dịch vụ mô hình ngôn ngữ',
    'api-error': 'dịch vụ mô hình ngôn ngữ từ chối yêu cầu',
    malformed: 'mô hình ngôn ngữ trả về nội dung không đọc được',
    refused: 'mô hình ngôn ngữ từ chối trả lời',
    'no-valid-citation': 'câu trả lời soạn ra không dẫn nguồn nào trong số các đoạn đã tìm được',
    ungrounded: 'câu trả lời soạn ra có nội dung mà các nguồn được dẫn không nêu',
    'unsourced-link': 'câu trả lời soạn ra có đường dẫn hoặc địa chỉ mà các nguồn không có',
  },
  sv: {
    timeout: 'språkmodellen svarade inte i tid',
    'rate-limited': 'språkmodelltjänsten är överbelastad (anropsgräns)',
    'server-error': 'språkmodelltjänsten fick ett fel',
    unreachable: 'språkmodelltjänsten gick inte att nå',
    'api-error': 'språkmodelltjänsten avvisade förfrågan',
    malformed: 'språkmodellen gav ett oläsbart svar',
    refused: 'språkmodellen avböjde att svara',
    'no-valid-citation': 'det skrivna svaret hänvisade inte till någon av de hittade källorna',
    ungrounded: 'det skrivna svaret påstod saker som källorna inte stöder',
    'unsourced-link': 'det skrivna svaret innehöll en länk eller adress som källorna saknar',
  },
};

export function fallbackNotice(language: Language, reason: FallbackReason): string {
  const lang = pick(language);
  const why = reasons[lang][reason];
  if (lang === 'vi') return `Không soạn được câu trả lời (${why}); dưới đây là các câu trích nguyên văn từ nguồn.`;
  if (lang === 'sv') return `Inget skrivet svar (${why}); här citeras källorna direkt i stället.`;
  return `No written answer (${why}); quoting the sources directly instead.`;
}

/** Said when the model cited passage numbers that were not among those retrieved, and they were removed. */
export function droppedCitationsNotice(language: Language, count: number): string {
  const lang = pick(language);
  if (lang === 'vi') return `Đã bỏ ${count} trích dẫn không khớp với các nguồn đã tìm được.`;
  if (lang === 'sv') return `${count} hänvisning${count === 1 ? '' : 'ar'} som inte motsvarade de hittade källorna togs bort.`;
  return `Removed ${count} citation${count === 1 ? '' : 's'} that matched none of the retrieved sources.`;
}
