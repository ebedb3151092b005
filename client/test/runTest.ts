/**
 * Runs the extension-host suite in a downloaded VS Code (`npm run test:ext`; needs network access
 * to update.code.visualstudio.com the first time, then works from the cache in out/.vscode-test).
 * The extension is loaded from the repository (its package.json points at dist/, so build first)
 * and opens client/test/fixtures/workspace. VSCODE_VERSION picks the VS Code build (default: stable).
 */
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      cachePath: path.join(root, 'out', '.vscode-test'),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.resolve(__dirname, 'suite', 'index'),
      launchArgs: [path.join(root, 'client', 'test', 'fixtures', 'workspace'), '--disable-extensions', '--disable-workspace-trust'],
    });
  } catch (error) {
    console.error(`extension tests failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

void main();
