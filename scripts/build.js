#!/usr/bin/env node
/**
 * Builds the extension into dist/: esbuild bundles the client (extension host) and the language
 * server, each one CommonJS file for Node; what cannot be bundled or is read at run time is copied
 * beside them:
 *   dist/node_modules/nodejieba   its loader, the native binary built on this machine and its HMM model
 *   dist/dict                     the trimmed jieba dictionaries (host/dict)
 *   dist/registries               the shipped *.units.fenjie registries
 *   dist/media                    the preview's script and style sheet (the webview's only local resources)
 * `node scripts/build.js --watch` rebuilds the bundles on change.
 */
'use strict';
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

/**
 * nodejieba's own files the server needs: index.js requires build/Release/nodejieba.node, and the
 * HMM model is nodejieba's. The word dictionary, IDF table and stop words are the trimmed ones of
 * host/dict, copied to dist/dict where host/src/jieba.ts looks beside the bundle.
 */
const NODEJIEBA_FILES = ['package.json', 'index.js', 'LICENSE', 'build/Release/nodejieba.node', 'submodules/cppjieba/dict/hmm_model.utf8'];

/**
 * The server loads the export renderers (exceljs, docx: most of its code) on the first export.
 * They are a bundle of their own, so starting the server does not parse them: the server's
 * `import('../../exports/src/index')` is resolved to the file beside it.
 */
const EXPORTERS_BUNDLE = 'exporters.js';
const exportersApart = {
  name: 'exporters-apart',
  setup(build) {
    build.onResolve({ filter: /[\\/]exports[\\/]src[\\/]index$/ }, (args) =>
      args.importer.endsWith(path.join('server', 'src', 'exports.ts')) ? { path: `./${EXPORTERS_BUNDLE}`, external: true } : undefined,
    );
  },
};

const BUNDLES = [
  { entryPoints: [path.join(ROOT, 'client/src/extension.ts')], outfile: path.join(DIST, 'client.js'), external: ['vscode'] },
  { entryPoints: [path.join(ROOT, 'server/src/server.ts')], outfile: path.join(DIST, 'server.js'), external: ['nodejieba'], plugins: [exportersApart] },
  { entryPoints: [path.join(ROOT, 'exports/src/index.ts')], outfile: path.join(DIST, EXPORTERS_BUNDLE), external: [] },
];

function options(bundle) {
  return {
    ...bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // VS Code 1.91 runs its extension host on Node 20.
    target: 'node20',
    // Readable stack traces in bug reports matter more than a smaller VSIX.
    minify: false,
    keepNames: true,
    logLevel: 'warning',
    // The native module (server) and the editor API (client) are resolved at run time.
    external: [...bundle.external, 'nodejieba'],
  };
}

function copyFile(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

function copyNodejieba() {
  const from = path.dirname(require.resolve('nodejieba/package.json', { paths: [ROOT] }));
  const to = path.join(DIST, 'node_modules', 'nodejieba');
  for (const file of NODEJIEBA_FILES) {
    const source = path.join(from, file);
    if (!fs.existsSync(source)) throw new Error(`nodejieba is missing ${file}: run \`npm rebuild nodejieba\``);
    copyFile(source, path.join(to, file));
  }
}

function copyMatching(fromDir, toDir, test) {
  if (!fs.existsSync(fromDir)) return 0;
  let count = 0;
  for (const name of fs.readdirSync(fromDir)) {
    if (!test(name)) continue;
    copyFile(path.join(fromDir, name), path.join(toDir, name));
    count++;
  }
  return count;
}

async function main() {
  const watch = process.argv.includes('--watch');
  fs.rmSync(DIST, { recursive: true, force: true });
  copyNodejieba();
  const dictionaries = copyMatching(path.join(ROOT, 'host', 'dict'), path.join(DIST, 'dict'), (n) => n.endsWith('.utf8'));
  if (dictionaries === 0) throw new Error('host/dict has no dictionaries: the server would fall back to nodejieba\'s full ones, which are not copied');
  const registries = copyMatching(path.join(ROOT, 'registries'), path.join(DIST, 'registries'), (n) => n.endsWith('.fenjie'));
  const media = copyMatching(path.join(ROOT, 'exports', 'media'), path.join(DIST, 'media'), () => true);
  if (watch) {
    for (const bundle of BUNDLES) await (await esbuild.context(options(bundle))).watch();
    console.log('watching client/src and server/src…');
    return;
  }
  await Promise.all(BUNDLES.map((bundle) => esbuild.build(options(bundle))));
  const size = (file) => `${(fs.statSync(path.join(DIST, file)).size / 1024).toFixed(0)} KB`;
  console.log(`dist/client.js ${size('client.js')}, dist/server.js ${size('server.js')}, dist/${EXPORTERS_BUNDLE} ${size(EXPORTERS_BUNDLE)}, ${registries} registries, ${media} media files, nodejieba and ${dictionaries} dictionaries copied`);
}

main().catch((err) => {
  console.error(err.message);
  process.exitCode = 1;
});
