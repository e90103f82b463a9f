import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALIASES_FILE, createLexiconSource } from '../../src/lexicon/corpus-lexicon.js';
import { loadLexicon, type Lexicon } from '../../src/lexicon/load-lexicon.js';

let dir: string;
let file: string;
let mtime: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'corpus-lexicon-'));
  file = join(dir, ALIASES_FILE);
  mtime = 1_700_000_000;
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes the aliases file with a modification time of its own, so a rewrite is seen whatever the clock's grain. */
function writeAliases(text: string): void {
  writeFileSync(file, text);
  mtime += 10;
  utimesSync(file, mtime, mtime);
}

const aliasTexts = (lexicon: Lexicon) => lexicon.aliases.flatMap((e) => e.forms.map((f) => f.text));

describe('createLexiconSource', () => {
  it('gives the general lexicon when the corpus has no aliases file', () => {
    const source = createLexiconSource({ corpusDir: dir, enabled: true, checkMs: 0 });
    expect(source()).toBe(loadLexicon(true));
  });

  it('gives the stopwords-only lexicon when off, and ignores aliases then', () => {
    writeAliases('Fan Pingming\tPhạm Bình Minh\n');
    const source = createLexiconSource({ corpusDir: dir, enabled: false, checkMs: 0 });
    expect(source()).toBe(loadLexicon(false));
  });

  it("adds the corpus's aliases, found by their written form", () => {
    writeAliases('Fan Pingming\tPhạm Bình Minh\n');
    const lexicon = createLexiconSource({ corpusDir: dir, enabled: true, checkMs: 0 })();
    expect(aliasTexts(lexicon)).toEqual(['Phạm Bình Minh', 'Fan Pingming']);
    expect(lexicon.formsStartingWith('fan').map((r) => r.entry.kind)).toEqual(['alias']);
  });

  it('reads the file again when it changes, and drops the aliases when it is removed', () => {
    const source = createLexiconSource({ corpusDir: dir, enabled: true, checkMs: 0 });
    expect(source().aliases).toEqual([]);
    writeAliases('Fan Pingming\tPhạm Bình Minh\n');
    expect(aliasTexts(source())).toContain('Fan Pingming');
    writeAliases('Serguei Lavrov\tSergey Lavrov\n');
    expect(aliasTexts(source())).toEqual(['Sergey Lavrov', 'Serguei Lavrov']);
    rmSync(file);
    expect(source()).toBe(loadLexicon(true));
  });

  it('keeps the lexicon it made while the file is unchanged', () => {
    writeAliases('Fan Pingming\tPhạm Bình Minh\n');
    const source = createLexiconSource({ corpusDir: dir, enabled: true, checkMs: 0 });
    expect(source()).toBe(source());
  });

  it('reports malformed lines with the file and line number, and uses the good ones', () => {
    writeAliases('# aliases\nFan Pingming\tPhạm Bình Minh\nonly one column\n!!!\t???\n');
    const log = vi.fn<(message: string) => void>();
    const lexicon = createLexiconSource({ corpusDir: dir, enabled: true, checkMs: 0, log })();
    expect(aliasTexts(lexicon)).toEqual(['Phạm Bình Minh', 'Fan Pingming']);
    expect(log.mock.calls.map(([m]) => m)).toEqual([
      `aliases: ${file} line 3 skipped: expected two columns, "written<TAB>means", each non-empty`,
      `aliases: ${file} line 4 skipped: no words in one of the columns`,
    ]);
  });

  it('reports an unreadable aliases file and falls back to the general lexicon', () => {
    mkdirSync(file); // a directory where the file should be
    const log = vi.fn<(message: string) => void>();
    const lexicon = createLexiconSource({ corpusDir: dir, enabled: true, checkMs: 0, log })();
    expect(lexicon).toBe(loadLexicon(true));
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toMatch(/^aliases: .*aliases\.tsv unreadable \(EISDIR\); using the general lexicon$/);
  });

  it('looks at the file again only once checkMs has passed', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const source = createLexiconSource({ corpusDir: dir, enabled: true, checkMs: 1000 });
    expect(source().aliases).toEqual([]);
    writeAliases('Fan Pingming\tPhạm Bình Minh\n');
    vi.advanceTimersByTime(999);
    expect(source().aliases).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(aliasTexts(source())).toContain('Fan Pingming');
  });
});
