// The lookup page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core), on a phone-width screen.
// Needs `apt-get install -y chromium`. Elsewhere a missing browser skips this file with a message; under CI=true it fails.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, loadCoreConfig, type Answer } from '../../../src/index.js';
import { createFakeAssistant, createMemoryLogger, DOCUMENTS, sampleAnswer, startServer, type Running } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const HAVE_BROWSER = existsSync(CHROMIUM);
if (!HAVE_BROWSER && !IN_CI) console.warn(`[web browser test] skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);

const KOREA_QUESTION = 'How long have Vietnam and South Korea had diplomatic relations?';
const KOREA_FILE = '000_c165353527c3661a.txt';
const VI_QUESTION = 'Việt Nam và Hàn Quốc thiết lập quan hệ ngoại giao năm nào?';
const ABSTAIN_QUESTION = 'What did Vietnam and Germany agree on climate finance in 2022?';
const TOKEN = 'browser-test-token-0123456789';

/** Collects the page's errors (script exceptions, console errors such as CSP refusals). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

async function ask(page: Page, question: string): Promise<void> {
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/ask'));
  await page.locator('#question').fill(question);
  await page.locator('#question').press('Enter');
  await answered;
  await page.waitForFunction(
    (q) => new URLSearchParams(location.search).get('q') === q && document.querySelector('#status')?.textContent === '',
    question,
  );
}

const FACT_PASSAGE = 'Hai nước thiết lập quan hệ ngoại giao năm 1992. Quan hệ được nâng lên Đối tác chiến lược toàn diện năm 2022.';
const FACT_SENTENCE = 'Hai nước thiết lập quan hệ ngoại giao năm 1992.';
const UPGRADE_PASSAGE = 'Năm 2022, hai bên nâng cấp quan hệ.';
const OTHER_PASSAGE = 'Hàn Quốc là một đối tác quốc tế quan trọng; hai bên ký thỏa thuận năm 2022.';

/** What the core answers when it found the fact: "1992 [1]", then the quote, with the sentence and the fact marked. */
function factAnswer(question: string): Answer {
  const base = sampleAnswer(question);
  const at = (text: string, part: string) => ({ start: text.indexOf(part), end: text.indexOf(part) + part.length });
  return {
    ...base,
    answer: `1992 [1]\n\nFrom the sources (quoted in Vietnamese): ${FACT_SENTENCE} [1]`,
    short: { text: '1992', kind: 'date', citation: 1 },
    citations: [
      {
        ...base.citations[0]!,
        passage: FACT_PASSAGE,
        publisher: 'Báo Quân đội nhân dân',
        url: 'https://www.qdnd.vn/a-1992',
        date: '2024-07-01',
        datePrecision: 'day',
        language: 'vi',
        highlights: [
          { ...at(FACT_PASSAGE, FACT_SENTENCE), kind: 'sentence' },
          { ...at(FACT_PASSAGE, '1992'), kind: 'fact' },
        ],
      },
      // No highlights: the question's words are marked, never a lone syllable of a phrase ("quốc" of "Hàn Quốc").
      // No URL: the citation names the file and lines; the date is known to the month only.
      { ...base.citations[1]!, passage: OTHER_PASSAGE, date: '2022-12-01', datePrecision: 'month', language: 'vi' },
      // A fact highlight that starts inside a word ("022" of "2022"): the whole word is marked, never a piece of it.
      {
        ...base.citations[1]!,
        id: 'hn_seoul.txt:10-11:dd',
        startLine: 10,
        endLine: 11,
        passage: UPGRADE_PASSAGE,
        highlights: [{ ...at(UPGRADE_PASSAGE, '022'), kind: 'fact' }],
      },
    ],
  };
}

describe.skipIf(!HAVE_BROWSER && !IN_CI)('the lookup page in headless Chromium', () => {
  let context: BrowserContext;
  let profileDir: string;
  let dataDir: string;
  let real: Running;
  let fake: Running;
  let facts: Running;

  beforeAll(async () => {
    if (!HAVE_BROWSER)
      throw new Error(`No Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium" (under CI=true this test fails rather than skips).`);
    dataDir = await mkdtemp(join(tmpdir(), 'web-browser-data-'));
    profileDir = await mkdtemp(join(tmpdir(), 'web-browser-profile-'));
    const assistant = await createAssistant({ config: loadCoreConfig({ CORPUS_DIR: 'corpus', DATA_DIR: dataDir }) });
    real = await startServer({ assistant, log: createMemoryLogger() });

    // Markup in every field the page shows: it must come out as text.
    const hostile: Answer = {
      ...sampleAnswer('markup'),
      answer: 'An answer with <b>bold</b> and <img src=x onerror="window.__xss=1"> in it [1].',
      citations: [
        {
          ...sampleAnswer('markup').citations[0]!,
          title: 'Title <img src=x onerror="window.__xss=2">',
          passage: 'Before <script>window.__xss = 3</script> after.',
        },
      ],
    };
    const fakeAssistant = createFakeAssistant({ answer: async (question) => ({ ...hostile, question }) });
    fakeAssistant.listDocuments = () => [
      ...DOCUMENTS,
      { file: '<script>x</script>.txt', title: '<img src=x onerror="window.__xss=4">', language: 'en', date: null, passageCount: 1 },
    ];
    fake = await startServer({ assistant: fakeAssistant, log: createMemoryLogger([TOKEN]), token: TOKEN });
    facts = await startServer({ assistant: createFakeAssistant({ answer: async (question) => factAnswer(question) }), log: createMemoryLogger() });

    // A fresh profile of its own (playwright refuses --user-data-dir in args: the persistent context is how to pass one).
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 390, height: 844 }, // a phone
    });
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await real?.close();
    await fake?.close();
    await facts?.close();
    for (const dir of [profileDir, dataDir]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers on Enter with sources from the corpus; a marker lands on its source; recent questions are kept', async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${real.url}/`);
    await page.waitForFunction(() => document.querySelectorAll('#documents > li').length > 0);
    expect(await page.locator('#documents code').allTextContents()).toContain(KOREA_FILE);

    await ask(page, KOREA_QUESTION);
    expect(await page.locator('#result').isVisible()).toBe(true);
    expect(await page.locator('#answer-flag').isHidden()).toBe(true);
    expect((await page.locator('#answer').textContent())?.length).toBeGreaterThan(20);
    expect(await page.locator('#sources .source-file').allTextContents()).toContain(KOREA_FILE);
    expect(await page.locator('#sources .source-meta').first().textContent()).toMatch(/lines? \d+/);
    await page.screenshot({ path: join(ARTIFACTS, 'web-answer-phone.png'), fullPage: true });

    // The last source is below the fold; its marker scrolls to it, marks it as the target and focuses it.
    const markers = page.locator('#answer a.marker');
    expect(await markers.count()).toBeGreaterThan(0);
    const marker = markers.last();
    const targetId = (await marker.getAttribute('href'))!.slice(1);
    await page.evaluate(() => window.scrollTo(0, 0));
    const top = () => page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top, targetId);
    expect(await top()).toBeGreaterThan(300);
    await marker.click();
    await page.waitForFunction((id) => document.activeElement?.id === id, targetId);
    expect(new URL(page.url()).hash).toBe(`#${targetId}`);
    expect(await page.evaluate((id) => document.getElementById(id)!.matches(':target'), targetId)).toBe(true);
    expect(Math.abs((await top()) - 16)).toBeLessThan(4); // scrolled to it, 1rem below the top (scroll-margin)

    // Vietnamese: diacritics render, the words of the question are highlighted in the passages.
    await ask(page, VI_QUESTION);
    expect(await page.locator('#answer').textContent()).toMatch(/quan hệ ngoại giao/);
    const marks = await page.locator('#sources mark').allTextContents();
    expect(marks).toContain('thiết lập quan hệ ngoại giao');
    expect(marks.some((m) => m.includes('Hàn Quốc'))).toBe(true);
    expect(marks.filter((m) => /quân/i.test(m))).toEqual([]); // "quan" typed with accents elsewhere does not match "quân"

    // Abstained: said plainly, flagged, no sources.
    await ask(page, ABSTAIN_QUESTION);
    expect(await page.locator('#answer-flag').isVisible()).toBe(true);
    expect(await page.locator('#result').getAttribute('class')).toContain('abstained');
    expect(await page.locator('#sources > li').count()).toBe(0);
    expect((await page.locator('#answer').textContent())?.length).toBeGreaterThan(10);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'web-abstained-phone.png') });

    // Recent questions survive a reload (localStorage), newest first, and ask again when clicked.
    await page.goto(`${real.url}/`);
    await page.waitForFunction(() => document.querySelectorAll('#recent button').length === 3);
    expect(await page.locator('#recent button').allTextContents()).toEqual([ABSTAIN_QUESTION, VI_QUESTION, KOREA_QUESTION]);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/ask'));
    await page.locator('#recent button', { hasText: KOREA_QUESTION }).click();
    await answered;
    await page.locator('#sources .source-file', { hasText: KOREA_FILE }).first().waitFor();

    // Nothing fits wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('asks for the token once and keeps it; shows markup in answers, passages and titles as text', async () => {
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${fake.url}/`);
    await page.locator('#token-form').waitFor({ state: 'visible' });
    await page.locator('#token').fill(TOKEN);
    await page.locator('#token').press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#documents > li').length === 3);
    expect(await page.locator('#token-form').isHidden()).toBe(true);

    await ask(page, 'anything');
    expect(await page.locator('#answer').textContent()).toBe('An answer with <b>bold</b> and <img src=x onerror="window.__xss=1"> in it [1].');
    expect(await page.locator('#sources .passage').first().textContent()).toBe('Before <script>window.__xss = 3</script> after.');
    expect(await page.locator('#sources .source-title').first().textContent()).toBe('Title <img src=x onerror="window.__xss=2">');
    expect(await page.locator('#documents .doc-title').allTextContents()).toContain('<img src=x onerror="window.__xss=4">');
    const injected = await page.evaluate(() => ({
      elements: document.querySelectorAll('main script, main img, main b').length,
      xss: (window as unknown as { __xss?: number }).__xss ?? null,
    }));
    expect(injected).toEqual({ elements: 0, xss: null });
    await page.screenshot({ path: join(ARTIFACTS, 'web-markup-as-text.png') });

    // The token was kept: a reload goes straight to the documents.
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('#documents > li').length === 3);
    expect(await page.locator('#token-form').isHidden()).toBe(true);
    // Only the two 401s of the first visit (before the token was given) were logged by the browser.
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await page.close();
  });
  it('shows the fact first, marks the answering sentence and the fact in the passage, and copies a citation and a link', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: facts.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${facts.url}/`);
    await ask(page, VI_QUESTION);

    expect(await page.locator('#answer-fact').textContent()).toBe('1992 [1]');
    expect(await page.locator('#answer-fact strong').textContent()).toBe('1992');
    expect(await page.locator('#answer').textContent()).toBe(`From the sources (quoted in Vietnamese): ${FACT_SENTENCE} [1]`);

    // The sentence is marked, the fact inside it more strongly; nothing else of that passage is.
    const first = page.locator('#source-1 .passage');
    expect(await first.locator('mark.hl-sentence').allTextContents()).toEqual([FACT_SENTENCE]);
    expect(await first.locator('mark.hl-sentence mark.hl-fact').allTextContents()).toEqual(['1992']);
    expect(await first.locator('mark').count()).toBe(2);
    const [sentenceBg, factBg, factWeight] = await first.evaluate((el) => {
      const style = (sel: string) => getComputedStyle(el.querySelector(sel)!);
      return [style('mark.hl-sentence').backgroundColor, style('mark.hl-fact').backgroundColor, style('mark.hl-fact').fontWeight];
    });
    expect(factBg).not.toBe(sentenceBg);
    expect(Number(factWeight)).toBeGreaterThanOrEqual(700);
    expect(await first.textContent()).toBe(FACT_PASSAGE);

    // Without highlights, the question's words: "Hàn Quốc" as a phrase, never "quốc" alone (of "quốc tế").
    const second = page.locator('#source-2 .passage');
    // ("năm" stands in the question's phrase "ngoại giao năm", so alone in "thỏa thuận năm 2022" it is not marked either.)
    expect(await second.locator('mark').allTextContents()).toEqual(['Hàn Quốc']);
    expect(await page.locator('#source-3 .passage mark').allTextContents()).toEqual(['2022']);
    expect(await page.locator('#source-2 .source-meta').textContent()).toBe('hn_seoul.txt · Dec 2022 · lines 6–9');
    expect(await page.locator('#source-1 .source-meta').textContent()).toBe('hn_seoul.txt · Báo Quân đội nhân dân · 1 Jul 2024 · lines 1–4');
    expect(await page.locator('#source-1 a.source-title').getAttribute('href')).toBe('https://www.qdnd.vn/a-1992');
    await page.screenshot({ path: join(ARTIFACTS, 'web-fact-desktop.png'), fullPage: true });

    // "Copy citation": title, publisher and date, URL (or file and lines), and the quote.
    await page.locator('#source-1 button.copy-citation').click();
    await page.locator('#source-1 button.copy-citation', { hasText: 'Copied' }).waitFor();
    expect(await clipboard()).toBe(
      [
        'Việt Nam – Hàn Quốc: đối tác chiến lược toàn diện',
        'Báo Quân đội nhân dân, 1 Jul 2024',
        'https://www.qdnd.vn/a-1992',
        `“${FACT_SENTENCE}”`,
      ].join('\n'),
    );
    await page.locator('#source-2 button.copy-citation').click();
    await page.locator('#source-2 button.copy-citation', { hasText: 'Copied' }).waitFor();
    expect(await clipboard()).toBe(
      ['Việt Nam – Hàn Quốc: đối tác chiến lược toàn diện', 'Dec 2022', 'hn_seoul.txt, lines 6–9', `“${OTHER_PASSAGE}”`].join('\n'),
    );

    // "Copy link": the address of the question, which answers it again when opened.
    expect(await page.locator('#copy-link').isVisible()).toBe(true);
    await page.locator('#copy-link').click();
    await page.locator('#copy-link', { hasText: 'Copied' }).waitFor();
    const link = await clipboard();
    expect(link).toBe(`${facts.url}/?q=${encodeURIComponent(VI_QUESTION)}`);
    const opened = await context.newPage();
    await opened.setViewportSize({ width: 390, height: 844 });
    const answered = opened.waitForResponse((r) => r.url().endsWith('/api/ask'));
    await opened.goto(link);
    await answered;
    await opened.locator('#answer-fact strong', { hasText: '1992' }).waitFor();
    expect(await opened.locator('#question').inputValue()).toBe(VI_QUESTION);
    expect(await opened.locator('#source-1 mark.hl-fact').textContent()).toBe('1992');
    expect(await opened.locator('#copy-link').isVisible()).toBe(true);
    expect(await opened.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await opened.screenshot({ path: join(ARTIFACTS, 'web-fact-phone.png'), fullPage: true });

    expect(errors).toEqual([]);
    await opened.close();
    await page.close();
  });
});
