// extensionTestsPath entry: VS Code's extension host calls run(). Loads every *.test.js bundled
// next to this file. Env (inherited from the host process): SERVICE_LAB_TEST_GREP filters tests,
// SERVICE_LAB_TEST_FILES (comma-separated names, e.g. "hover,quickFix") filters files, and
// SERVICE_LAB_TEST_RESULT names a JSON file that receives the counts.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const grep = process.env.SERVICE_LAB_TEST_GREP;
  const onlyFiles = process.env.SERVICE_LAB_TEST_FILES?.split(',').map((s) => s.trim()).filter(Boolean);
  const resultFile = process.env.SERVICE_LAB_TEST_RESULT;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30000, reporter: 'spec', ...(grep ? { grep } : {}) });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => !onlyFiles || onlyFiles.includes(f.replace(/\.test\.js$/, '')))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, tests: 0 };
      const summary = { passes: stats.passes, failures: stats.failures, tests: stats.tests, files };
      console.log(`integration: ${summary.passes} passed, ${summary.failures} failed`);
      if (resultFile) {
        try {
          fs.writeFileSync(resultFile, JSON.stringify(summary));
        } catch (e) {
          console.error('cannot write the test result file', e);
        }
      }
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
