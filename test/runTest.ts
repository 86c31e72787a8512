// Second runner for the same mocha suites: @vscode/test-electron downloads a desktop VS Code and runs
// dist/test/integration/index.js in its extension host. Needs network access to update.code.visualstudio.com
// (not available on the build machine, where test/e2e/run.mjs runs the suites in code-server instead).
// Usage: npm run test:electron   (env: VSCODE_VERSION=1.90.0 to pin, SERVICE_LAB_TEST_FILES / _GREP to filter)
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  const scratch = mkdtempSync(join(tmpdir(), 'service-lab-electron-'));
  const workspace = join(scratch, 'workspace');
  // The suites edit fixture files: give each run its own copy.
  cpSync(join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'dist', 'test', 'integration', 'index'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(scratch, 'user-data'), '--extensions-dir', join(scratch, 'extensions')],
      extensionTestsEnv: { SERVICE_LAB_TEST_RESULT: join(scratch, 'result.json') },
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
