// A command loads only what it uses: `spiral --help` loads no command module,
// `spiral facts` neither the tagger nor the lexicon compiler, and `spiral tag`
// with a cached lexicon set neither YAML nor the morphology model, and the
// wink-nlp model only for a sentence whose negation must be parsed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Help, type Command } from 'commander';
import { COMMANDS } from '../../src/cli/commands/index.js';
import type { CliContext } from '../../src/cli/context.js';
import { buildProgram, invokedCommand } from '../../src/cli/main.js';
import { ROOT } from '../helpers/lexicons.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'spiral-lazy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ctx = (): CliContext => ({
  stdout: () => {},
  stderr: () => {},
  isTTY: false,
  cwd: ROOT,
  env: {},
  readStdin: async function* () {},
  exitCode: 0,
});

describe('the command list', () => {
  it('shows every command as its module defines it, without loading any', async () => {
    const full = await buildProgram(ctx());
    const lazy = await buildProgram(ctx(), ['--help']);
    expect(lazy.helpInformation()).toBe(full.helpInformation());
    const help = new Help();
    expect(COMMANDS.map((c) => [c.name, c.term, c.description])).toEqual(
      full.commands.map((c: Command) => [c.name(), help.subcommandTerm(c), c.description()]),
    );
  });

  it('finds the command to load: the first word, or the one after help', () => {
    expect(invokedCommand(['tag', '--case', 'KEN', 'x.jsonl'])).toBe('tag');
    expect(invokedCommand(['help', 'classify'])).toBe('classify');
    expect(invokedCommand(['--help'])).toBeUndefined();
    expect(invokedCommand(['-h', 'lexicon', 'check'])).toBe('lexicon');
    expect(invokedCommand([])).toBeUndefined();
  });
});

// A child process that logs every module it loads: ESM through a loader hook, CommonJS from require.cache at exit.
const hooks = path.join(scratch, 'hooks.mjs');
const register = path.join(scratch, 'register.mjs');
writeFileSync(
  hooks,
  `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(process.env.MODULE_LOG, url + '\\n'); return next(url, context); }\n`,
);
writeFileSync(
  register,
  `import { register, createRequire } from 'node:module';\nimport { appendFileSync } from 'node:fs';\nregister(${JSON.stringify(new URL(`file://${hooks}`).href)});\n` +
    `const require = createRequire(import.meta.url);\nprocess.on('exit', () => appendFileSync(process.env.MODULE_LOG, Object.keys(require.cache).join('\\n') + '\\n'));\n`,
);

let runs = 0;
function modulesLoadedBy(args: string[], input = ''): string[] {
  const log = path.join(scratch, `modules-${runs++}.log`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', register, path.join(ROOT, 'bin/spiral.js'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, MODULE_LOG: log, SPIRAL_CACHE_DIR: path.join(scratch, 'cache') },
  });
  expect(r.stderr).not.toMatch(/error|warning/i);
  expect(r.status).toBe(0);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

const loaded = (modules: string[], part: string) => modules.some((m) => m.includes(part));

describe('lazy loading', () => {
  it('spiral --help loads no command module', () => {
    const modules = modulesLoadedBy(['--help']);
    expect(loaded(modules, '/dist/cli/main.js')).toBe(true);
    for (const part of ['/dist/cli/commands/tag.js', '/dist/tag/', '/dist/lexicon/', 'node_modules/wink-nlp/', 'node_modules/yaml/', 'node_modules/vega'])
      expect(loaded(modules, part), part).toBe(false);
  });

  it('spiral facts check loads neither the tagger, nor the lexicon compiler, nor wink-nlp', () => {
    const modules = modulesLoadedBy(['facts', 'check', 'corpus/facts']);
    expect(loaded(modules, '/dist/cli/commands/facts.js')).toBe(true);
    for (const part of ['/dist/tag/', '/dist/lexicon/compile.js', '/dist/lexicon/load.js', 'node_modules/wink-nlp/', 'node_modules/compromise/'])
      expect(loaded(modules, part), part).toBe(false);
  });

  it('spiral tag with a cached set loads neither YAML nor the morphology model, and wink-nlp only when a negation must be parsed', () => {
    const plain = `${JSON.stringify({ id: 1, text: 'We reject interference in our internal affairs.' })}\n`;
    modulesLoadedBy(['tag'], plain); // fills the cache
    const modules = modulesLoadedBy(['tag'], plain);
    expect(loaded(modules, '/dist/tag/tagger.js')).toBe(true);
    for (const part of ['/dist/lexicon/load.js', 'node_modules/yaml/', 'node_modules/compromise/', 'node_modules/wink-nlp/'])
      expect(loaded(modules, part), part).toBe(false);
    const negated = `${JSON.stringify({ id: 2, text: 'We do not deny that abuses occurred.' })}\n`;
    expect(loaded(modulesLoadedBy(['tag'], negated), 'node_modules/wink-nlp/')).toBe(true);
  });
});
