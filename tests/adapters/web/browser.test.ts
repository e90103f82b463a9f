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

describe.skipIf(!HAVE_BROWSER && !IN_CI)('the lookup page in headless Chromium', () => {
  let context: BrowserContext;
  let profileDir: string;
  let dataDir: string;
  let real: Running;
  let fake: Running;

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
});
