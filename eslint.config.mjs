// ESLint: what tsc and prettier do not check (dead code, useless assignments, unsafe
// patterns). The recommended rules of ESLint and typescript-eslint, syntax-only so that the
// whole tree lints in seconds, over the code, its tests and its tools.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', '.bench/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        ...Object.fromEntries(
          [
            'process',
            'console',
            'Buffer',
            'URL',
            'setTimeout',
            'clearTimeout',
            'setImmediate',
            'performance',
            'TextDecoder',
            'SharedArrayBuffer',
            'Atomics',
          ].map((name) => [name, 'readonly']),
        ),
      },
    },
    rules: {
      // A secret scanner matches control characters on purpose (NULs in binaries, escape
      // sequences it must not print).
      'no-control-regex': 'off',
      // `\-` in a character class is kept as written: rules spell their alphabets that way.
      'no-useless-escape': 'off',
      // A leading underscore names a parameter that must be there but is not used.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
