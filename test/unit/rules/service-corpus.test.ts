// The service-* rules raise no error on any real published manifest (../shared/corpus/real), each
// file checked on its own. Templated files are skipped by the parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkFiles } from '../../../src/core/index';

const corpusDir = resolve(__dirname, '../../../../shared/corpus/real');

test('service-* rules: no error on any corpus file', { skip: !existsSync(corpusDir) && 'corpus not present' }, () => {
  const files = readdirSync(corpusDir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'));
  assert.ok(files.length >= 100, `expected the real corpus, found ${files.length} files`);
  let services = 0;
  const errors: string[] = [];
  for (const name of files) {
    const text = readFileSync(resolve(corpusDir, name), 'utf8');
    const { findings, scope } = checkFiles([{ path: name, text }]);
    services += scope.services.length;
    for (const f of findings) if (f.rule.startsWith('service-') && f.severity === 'error') errors.push(`${name}: ${f.rule} ${f.field}: ${f.message}`);
  }
  assert.deepEqual(errors, []);
  assert.ok(services >= 80, `the corpus should hold many Services, found ${services}`);
});
