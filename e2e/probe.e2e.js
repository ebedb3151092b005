'use strict';
// The harness proven on a real VS Code: the seven checks against the throwaway probe
// extension (e2e/probe-extension), which imitates Fenjie on a tiny format. These must pass
// on any machine where `npm run e2e:install` worked.
const path = require('path');
const { defineChecks } = require('./lib/checks');
const { readText } = require('./lib/readback');
const { ensureProbeVsix } = require('../scripts/e2e/vsix');

defineChecks({
  name: 'probe',
  title: 'harness (probe extension)',
  prepare: () => ({ vsix: ensureProbeVsix() }),
  workspaceSource: path.join(__dirname, 'fixtures', 'probe-workspace'),
  file: 'sample.fjprobe',
  unknownUnit: { text: '虎扑体育', code: 'FJ101', minCount: 2 },
  typo: { typed: '省发展改草委', fixed: '省发展改革委' },
  completion: { field: '牵头单位：', minRows: 3, listed: ['省发展改革委', '省财政厅'], typed: 'fgw', expect: '省发展改革委' },
  hover: { unit: '省发展改革委', expect: ['辽宁省发展和改革委员会', '王健'] },
  preview: { command: 'fenjieProbe.openPreviewToSide' },
  export: { command: 'fenjieProbe.exportText', ext: '.txt', read: readText },
});
