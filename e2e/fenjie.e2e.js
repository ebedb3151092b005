'use strict';
// The checks of issue 6 (and issue 8's server fault) on the packaged Fenjie extension (dist/fenjie.vsix, built by
// `npm run package`) with a copy of samples/ open. While the project has no package script
// and no VSIX, the suite is reported as pending rather than failed.
const { defineChecks } = require('./lib/checks');
const { readDocxText } = require('./lib/readback');
const { ensureFenjieVsix } = require('../scripts/e2e/vsix');
const { samplesDir } = require('../scripts/e2e/paths');

defineChecks({
  name: 'fenjie',
  title: 'Fenjie in a real VS Code (dist/fenjie.vsix)',
  prepare: () => ensureFenjieVsix(),
  workspaceSource: samplesDir,
  file: '002-liaoning-2024.fenjie',
  unknownUnit: { text: '虎扑体育', code: 'FJ101', minCount: 2 },
  typo: { typed: '省发展改草委', fixed: '省发展改革委' },
  completion: { field: '牵头单位：', minRows: 8, listed: ['省发展改革委'], typed: 'fgw', expect: '省发展改革委' },
  hover: { unit: '省发展改革委', expect: ['辽宁省发展和改革委员会', '王健'] },
  preview: { command: 'fenjie.showPreviewToSide' },
  export: { command: 'fenjie.exportDocx', ext: '.docx', read: readDocxText },
  // The language server the extension starts, as it shows in the process list.
  serverProcess: /extensions\/[^ ]*fenjie[^ ]*\/dist\/server\.js/,
});
