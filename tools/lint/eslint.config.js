// ESLint for spiral: ESLint's and typescript-eslint's recommended rules, without
// type information (fast, and the type checks are tsc's job: `npm run typecheck`).
// The root eslint.config.js re-exports this file, so paths read from the repository root.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'runs/', 'test-artifacts/', 'coverage/', '**/node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // `_name` marks a value left unused on purpose (a destructured field dropped, a required parameter).
      // spiral reads binary and damaged input: control characters in its regular expressions are meant.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // The segmenter is being rewritten elsewhere; its one needless escape (`[\[]`) goes with that rewrite.
    files: ['src/segment/segment.ts'],
    rules: { 'no-useless-escape': 'off' },
  },
);
