/** Import rules, checked by `npm test`: no cycles between files or folders, the core/adapter boundary. */

// The core's folders, lowest first: a folder imports only folders before it, so no two folders import each other.
// (src/index.ts, src/openai-parts.ts, src/ports.ts, src/config.ts, src/errors.ts and src/types.ts sit beside them.)
const LAYERS = ['text', 'lexicon', 'query', 'openai', 'vectors', 'ingest', 'store', 'retrieve', 'answer'];

const layerRules = LAYERS.map((folder, i) => ({
  name: `layer-${folder}`,
  severity: 'error',
  comment: `src/${folder}/ imports only the folders below it: ${LAYERS.slice(0, i).join(', ') || 'none'}.`,
  from: { path: `^src/${folder}/` },
  to: { path: `^src/(${LAYERS.slice(i + 1).join('|') || 'none'})/` },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-unknown-core-folder',
      severity: 'error',
      comment: 'A new folder under src/ takes its place in LAYERS.',
      from: {},
      to: { path: '^src/[^/]+/', pathNot: `^src/(${LAYERS.join('|')})/` },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle between files, type imports included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-knows-no-adapter',
      severity: 'error',
      comment: 'src/ knows nothing of Slack, Discord, HTTP, the terminal or the scripts.',
      from: { path: '^src/' },
      to: { path: '^(adapters|scripts)/' },
    },
    {
      name: 'adapters-enter-by-the-front-door',
      severity: 'error',
      comment: 'Adapters and scripts import the core only through src/index.ts.',
      from: { path: '^adapters/' },
      to: { path: '^src/', pathNot: '^src/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
