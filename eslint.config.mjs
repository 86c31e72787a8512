// Lint: typescript-eslint plus the import-direction rules from STYLE.md §2.2.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'url', 'util', 'crypto', 'stream', 'events', 'worker_threads', 'zlib', 'readline', 'process', 'buffer', 'assert', 'module', 'perf_hooks', 'tty', 'v8', 'vm'];
const nodePatterns = ['node:*'];
const nodePaths = nodeBuiltins.map((name) => ({ name, message: 'No Node built-ins here: this code also runs in browsers.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', '**/*.js', '**/*.mjs', '**/*.cjs', '.vscode-test/**', 'bench/.data/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core is pure: no vscode.' }, ...nodePaths],
        patterns: [
          { group: nodePatterns, message: 'src/core is pure: no Node built-ins.' },
          { group: ['**/vscode/**', '**/panel/**', '**/cli/**', '**/webview/**', '**/shared/**'], message: 'src/core imports nothing outside core.' },
        ],
      }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/shared is used by the webview: no vscode.' }, ...nodePaths],
        patterns: [{ group: [...nodePatterns, '**/vscode/**', '**/panel/**', '**/cli/**', '**/webview/**'], message: 'src/shared may import only src/core.' }],
      }],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: "Can't use vscode in webviews." }, ...nodePaths],
        patterns: [{ group: [...nodePatterns, '**/src/vscode/**', '**/src/panel/**', '**/src/cli/**', '**/src/extension'], message: 'webview may import src/shared and src/core only.' }],
      }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The CLI runs without VS Code.' }],
        patterns: [{ group: ['**/vscode/**', '**/panel/**', '**/webview/**'], message: 'The CLI wraps src/core only.' }],
      }],
    },
  },
);
