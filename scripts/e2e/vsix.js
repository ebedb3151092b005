'use strict';
// The VSIX files the end-to-end suite installs: the throwaway probe extension (always built,
// it proves the harness) and the real Fenjie extension (built by `npm run package`).
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const p = require('./paths');

function newestMtime(dir) {
  return Math.max(...fs.readdirSync(dir).map((name) => fs.statSync(path.join(dir, name)).mtimeMs));
}

function ensureProbeVsix() {
  if (fs.existsSync(p.probeVsix) && fs.statSync(p.probeVsix).mtimeMs >= newestMtime(p.probeSource)) return p.probeVsix;
  fs.mkdirSync(path.dirname(p.probeVsix), { recursive: true });
  const vsce = path.join(p.repoRoot, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(
    vsce,
    ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', p.probeVsix],
    { cwd: p.probeSource, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (result.status !== 0) throw new Error(`packaging the probe extension failed:\n${result.stdout}${result.stderr}`);
  return p.probeVsix;
}

/**
 * Packages the real extension with `npm run package` (or takes the VSIX named by
 * FENJIE_E2E_VSIX). Returns { vsix } or, while the project has no package script yet,
 * { missing: reason } so the Fenjie checks can be marked pending.
 */
function ensureFenjieVsix({ stdio = 'pipe' } = {}) {
  const given = process.env.FENJIE_E2E_VSIX;
  if (given) return fs.existsSync(given) ? { vsix: path.resolve(given) } : { missing: `FENJIE_E2E_VSIX=${given} does not exist` };
  const scripts = JSON.parse(fs.readFileSync(path.join(p.repoRoot, 'package.json'), 'utf8')).scripts || {};
  if (!scripts.package) {
    return fs.existsSync(p.fenjieVsix)
      ? { vsix: p.fenjieVsix }
      : { missing: 'package.json has no "package" script and dist/fenjie.vsix does not exist' };
  }
  const result = spawnSync('npm', ['run', 'package'], { cwd: p.repoRoot, encoding: 'utf8', stdio: ['ignore', stdio, stdio] });
  if (result.status !== 0) throw new Error(`npm run package failed${stdio === 'pipe' ? `:\n${result.stdout}${result.stderr}` : ''}`);
  if (!fs.existsSync(p.fenjieVsix)) throw new Error(`npm run package did not produce ${p.fenjieVsix}`);
  return { vsix: p.fenjieVsix };
}

module.exports = { ensureProbeVsix, ensureFenjieVsix };
