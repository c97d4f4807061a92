// typescript-eslint and its TypeScript 6 compiler live in the tools/lint workspace
// (spiral builds with TypeScript 7, which typescript-eslint cannot load).
export { default } from './tools/lint/eslint.config.js';
