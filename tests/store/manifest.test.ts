import { describe, expect, it } from 'vitest';
import {
  ANALYSIS_VERSION,
  MANIFEST_FORMAT,
  checksumOf,
  describeCorpusChange,
  isFileEntry,
  parseManifest,
  serializeManifest,
  sha256,
  type FileEntry,
  type Manifest,
} from '../../src/store/manifest.js';

type Body = Omit<Manifest, 'checksum'>;

const FILE: FileEntry = {
  file: '000_việt-nam.txt',
  size: 1234,
  mtimeMs: 1712345678901.5,
  sha256: 'ab'.repeat(32),
  segment: 'seg-1',
  droppedLines: 2,
  passages: 7,
};

function body(): Body {
  return {
    format: MANIFEST_FORMAT,
    analysis: ANALYSIS_VERSION,
    buildId: '20240312120000-abcdef01',
    builtAt: '2024-03-12T12:00:00.000Z',
    embedder: {
      provider: 'local-hash-v2/128',
      id: 'local-hash-v2/128/0123456789ab',
      dimension: 128,
      stateFile: 'embedder-0123.json',
      stateCrc32: '0a1b2c3d',
      fittedOn: { files: 2, passages: 9 },
    },
    segments: [
      { id: 'seg-1', file: 'seg-seg-1.bin', bytes: 4096, headerCrc32: 123456, passages: 7, documents: 1, exactIndex: null, removed: [] },
      {
        id: 'seg-2',
        file: 'seg-seg-2.bin',
        bytes: 8192,
        headerCrc32: 0,
        passages: 5000,
        documents: 1,
        exactIndex: { file: 'seg-seg-2.exact', bytes: 100, crc32: 4294967295 },
        removed: ['old.txt'],
      },
    ],
    files: [
      FILE,
      {
        file: 'scan.txt',
        size: 6,
        mtimeMs: 0,
        sha256: 'cd'.repeat(32),
        segment: null,
        skipped: 'binary content (NUL bytes)',
        droppedLines: 0,
        passages: 0,
      },
    ],
  };
}

/** A framed manifest text around a body given as text, with a correct checksum. */
const framed = (bodyText: string) => `{"checksum":"${checksumOf(bodyText)}","manifest":${bodyText}}`;

describe('parseManifest on odd text', () => {
  it('names a null body as not the manifest, and takes a trailing newline as no damage', () => {
    expect(parseManifest(`{"checksum":"${checksumOf('null')}","manifest":null}`)).toEqual({ problem: 'manifest does not match its schema' });
    const { text } = serializeManifest(body());
    expect(parseManifest(`${text}\n`)).toHaveProperty('manifest');
  });

  it('takes a file that could not be read (size -1) as the schema does', () => {
    expect(isFileEntry({ ...FILE, size: -1, segment: null, skipped: 'unreadable', passages: 0 })).toBe(true);
    expect(isFileEntry({ ...FILE, size: -2 })).toBe(false);
  });
});

describe('serializeManifest / parseManifest', () => {
  it('round-trips a manifest: the text is framed with the CRC-32 of the body', () => {
    const { text, checksum } = serializeManifest(body());
    expect(checksum).toMatch(/^[0-9a-f]{8}$/);
    expect(text).toBe(`{"checksum":"${checksum}","manifest":${JSON.stringify(body())}}`);
    expect(checksum).toBe(checksumOf(JSON.stringify(body())));
    expect(JSON.parse(text)).toEqual({ checksum, manifest: body() });
    expect(parseManifest(text)).toEqual({ manifest: { ...body(), checksum } });
  });

  it('keeps non-ASCII file names and large CRCs intact', () => {
    const parsed = parseManifest(serializeManifest(body()).text);
    if (!('manifest' in parsed)) throw new Error(parsed.problem);
    expect(parsed.manifest.files[0]!.file).toBe('000_việt-nam.txt');
    expect(parsed.manifest.segments[1]!.exactIndex!.crc32).toBe(4294967295);
  });

  it('finds a changed byte of the body by its checksum', () => {
    const { text } = serializeManifest(body());
    expect(parseManifest(text.replace('"bytes":100', '"bytes":101'))).toEqual({ problem: 'manifest checksum mismatch' });
    expect(parseManifest(text.replace('việt', 'viet'))).toEqual({ problem: 'manifest checksum mismatch' });
    const [, checksum] = /"checksum":"([0-9a-f]{8})"/.exec(text)!;
    const other = checksum === '00000000' ? '00000001' : '00000000';
    expect(parseManifest(text.replace(checksum!, other))).toEqual({ problem: 'manifest checksum mismatch' });
  });

  it('says a truncated or unframed text is not valid JSON', () => {
    const { text } = serializeManifest(body());
    expect(parseManifest(text.slice(0, -2))).toEqual({ problem: 'manifest is not valid JSON' });
    // Cut at a closing brace it still looks framed: then the body's checksum no longer matches.
    expect(parseManifest(text.slice(0, -1))).toEqual({ problem: 'manifest checksum mismatch' });
    expect(parseManifest(text.slice(0, text.length / 2))).toEqual({ problem: 'manifest is not valid JSON' });
    expect(parseManifest('')).toEqual({ problem: 'manifest is not valid JSON' });
    expect(parseManifest('{"format":3,"buildId":')).toEqual({ problem: 'manifest is not valid JSON' });
    // Framed, checksum right, body not JSON.
    expect(parseManifest(framed('{"format":4,'))).toEqual({ problem: 'manifest is not valid JSON' });
  });

  it('names the format of an unframed (older) manifest', () => {
    expect(parseManifest(JSON.stringify({ ...body(), format: 3, checksum: 'x' }))).toEqual({
      problem: `index format 3 is not the current format ${MANIFEST_FORMAT}`,
    });
    // Format 4's frame with another checksum spelling (not 8 hex digits) is not the frame.
    expect(parseManifest(JSON.stringify({ checksum: 'XYZ', manifest: { format: 2 } }))).toEqual({
      problem: `index format 2 is not the current format ${MANIFEST_FORMAT}`,
    });
    expect(parseManifest(JSON.stringify({ buildId: 'x' }))).toEqual({
      problem: `index format undefined is not the current format ${MANIFEST_FORMAT}`,
    });
    expect(parseManifest('[]')).toEqual({ problem: `index format undefined is not the current format ${MANIFEST_FORMAT}` });
  });

  it('names the format of a framed manifest of another format', () => {
    expect(parseManifest(framed(JSON.stringify({ ...body(), format: MANIFEST_FORMAT + 1 })))).toEqual({
      problem: `index format ${MANIFEST_FORMAT + 1} is not the current format ${MANIFEST_FORMAT}`,
    });
  });

  it('names format 4, the HNSW index written before exact search, as another format', () => {
    expect(MANIFEST_FORMAT).toBe(5);
    const { segments, ...rest } = body();
    const hnswEra = {
      ...rest,
      format: 4,
      efSearch: 1024,
      segments: segments.map(({ exactIndex, ...s }) => ({
        ...s,
        hnsw: exactIndex && { ...exactIndex, file: exactIndex.file.replace('.exact', '.hnsw') },
      })),
    };
    expect(parseManifest(framed(JSON.stringify(hnswEra)))).toEqual({ problem: 'index format 4 is not the current format 5' });
  });

  it('rejects a manifest of another analysis version, naming both', () => {
    const older = framed(JSON.stringify({ ...body(), analysis: ANALYSIS_VERSION - 1 }));
    expect(parseManifest(older)).toEqual({
      problem: `articles were analysed by version ${ANALYSIS_VERSION - 1} of the indexer, now ${ANALYSIS_VERSION}`,
    });
    const { analysis: _a, ...without } = body();
    expect(parseManifest(framed(JSON.stringify(without)))).toEqual({
      problem: `articles were analysed by version undefined of the indexer, now ${ANALYSIS_VERSION}`,
    });
  });

  it('rejects a manifest that breaks its schema, whatever the part', () => {
    const broken: ((b: Body) => unknown)[] = [
      (b) => ({ ...b, buildId: '' }),
      (b) => ({ ...b, embedder: { ...b.embedder, dimension: -1 } }),
      (b) => ({ ...b, embedder: { ...b.embedder, fittedOn: undefined } }),
      (b) => ({ ...b, segments: [{ ...b.segments[0]!, bytes: 0 }] }),
      (b) => ({ ...b, segments: [{ ...b.segments[0]!, id: '' }] }),
      (b) => ({ ...b, segments: [{ ...b.segments[0]!, removed: [1] }] }),
      (b) => ({ ...b, segments: [{ ...b.segments[1]!, exactIndex: { file: 'x', bytes: 0, crc32: 1 } }] }),
      (b) => ({ ...b, segments: [{ ...b.segments[1]!, exactIndex: { file: 'x', bytes: 10, crc32: -1 } }] }),
      (b) => ({ ...b, segments: [{ ...b.segments[0]!, exactIndex: undefined }] }),
      (b) => ({ ...b, files: [{ ...FILE, passages: -1 }] }),
      (b) => ({ ...b, files: [{ ...FILE, segment: 3 }] }),
      (b) => ({ ...b, files: [FILE, null] }),
      (b) => ({ ...b, files: {} }),
      (b) => {
        const { segments: _s, ...rest } = b;
        return rest;
      },
    ];
    broken.forEach((change, i) =>
      expect(parseManifest(framed(JSON.stringify(change(body())))), `case ${i}`).toEqual({ problem: 'manifest does not match its schema' }),
    );
  });

  it('takes the checksum from the frame, not from the body', () => {
    const text = framed(JSON.stringify({ ...body(), checksum: 'ffffffff' }));
    const parsed = parseManifest(text);
    if (!('manifest' in parsed)) throw new Error(parsed.problem);
    expect(parsed.manifest.checksum).toBe(/"checksum":"([0-9a-f]{8})"/.exec(text)![1]);
  });
});

describe('isFileEntry', () => {
  it('accepts entries of read and of skipped files', () => {
    expect(isFileEntry(FILE)).toBe(true);
    expect(isFileEntry({ ...FILE, segment: null, skipped: 'empty file', passages: 0 })).toBe(true);
    expect(isFileEntry({ ...FILE, mtimeMs: 0, droppedLines: 0 })).toBe(true);
    expect(isFileEntry({ ...FILE, extra: 'ignored' })).toBe(true);
    expect(isFileEntry({ ...FILE, warnings: ['a.txt:2: front matter is not valid YAML'], given: '0123456789abcdef' })).toBe(true);
  });

  it('rejects what is not an object, and entries with a field missing or of the wrong kind', () => {
    for (const x of [null, undefined, 0, 'file', true, [], [FILE]]) expect(isFileEntry(x), String(x)).toBe(false);
    for (const key of ['file', 'size', 'mtimeMs', 'sha256', 'segment', 'droppedLines', 'passages'] as const) {
      const { [key]: _gone, ...rest } = FILE;
      expect(isFileEntry(rest), `without ${key}`).toBe(false);
    }
    const wrong: Record<string, unknown>[] = [
      { file: 1 },
      { size: '1234' },
      { size: 12.5 },
      { mtimeMs: '0' },
      { sha256: null },
      { segment: 1 },
      { segment: undefined },
      { skipped: null },
      { skipped: 1 },
      { droppedLines: -1 },
      { droppedLines: 1.5 },
      { passages: -1 },
      { passages: 2.5 },
      { passages: '7' },
      { warnings: 'a.txt:2: bad' },
      { warnings: [1] },
      { given: 1 },
    ];
    for (const change of wrong) expect(isFileEntry({ ...FILE, ...change }), JSON.stringify(change)).toBe(false);
  });
});

describe('describeCorpusChange', () => {
  it('is null when nothing changed', () => {
    expect(describeCorpusChange({ added: [], removed: [], changed: [] })).toBeNull();
  });

  it('names added, removed and changed files in that order', () => {
    expect(describeCorpusChange({ added: ['a.txt'], removed: [], changed: [] })).toBe('corpus changed: added a.txt');
    expect(describeCorpusChange({ added: ['a.txt', 'b.txt'], removed: ['c.txt'], changed: ['d.txt'] })).toBe(
      'corpus changed: added a.txt, b.txt; removed c.txt; changed d.txt',
    );
    expect(describeCorpusChange({ added: [], removed: ['c.txt'], changed: ['d.txt'] })).toBe('corpus changed: removed c.txt; changed d.txt');
  });

  it('lists five files of a kind at most, and counts the rest', () => {
    const files = (n: number) => Array.from({ length: n }, (_, i) => `${i}.txt`);
    expect(describeCorpusChange({ added: files(5), removed: [], changed: [] })).toBe('corpus changed: added 0.txt, 1.txt, 2.txt, 3.txt, 4.txt');
    expect(describeCorpusChange({ added: files(6), removed: [], changed: files(12) })).toBe(
      'corpus changed: added 0.txt, 1.txt, 2.txt, 3.txt, 4.txt and 1 more; changed 0.txt, 1.txt, 2.txt, 3.txt, 4.txt and 7 more',
    );
  });
});

describe('checksums', () => {
  it('gives CRC-32 as 8 hex digits and sha256 as 64, the same for text and its UTF-8 bytes', () => {
    expect(checksumOf('')).toBe('00000000');
    expect(checksumOf('123456789')).toBe('cbf43926'); // the CRC-32 check value
    expect(checksumOf('Việt Nam')).toBe(checksumOf(Buffer.from('Việt Nam', 'utf8')));
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256(Buffer.from('Việt Nam'))).toBe(sha256('Việt Nam'));
  });
});
