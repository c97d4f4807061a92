// Shared set-up of the browser tests: Debian's Chromium through playwright-core,
// and a child process running the CLI that tests/global-setup.ts built into dist/. The tests skip
// when /usr/bin/chromium is missing, except under CI (env CI set), where a
// missing browser must fail the suite.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const ARTIFACTS = join(REPO, 'test-artifacts');

/** Run the browser tests when Chromium is installed, and always under CI. */
export const browserTestsEnabled = existsSync(CHROMIUM) || Boolean(process.env.CI);

export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** A fresh Chromium profile with everything that could phone home switched off. */
export async function launchBrowser(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`);
  const profile = mkdtempSync(join(tmpdir(), 'spiral-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1200, height: 900 },
  });
}

export interface CliServer {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

/** Start `spiral review RUN --port 0 [args]` in a child process and wait for the URL it prints. */
export function startReviewCli(runDir: string, args: string[] = []): Promise<CliServer> {
  const child = spawn(process.execPath, [join(REPO, 'bin', 'spiral.js'), 'review', runDir, '--port', '0', ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
      const m = /spiral review: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
      if (m) resolve({ child, url: m[1], exited, stderr: () => stderr });
    });
    void exited.then(({ code }) => reject(new Error(`spiral review exited (${code}) before printing its URL:\n${stderr}`)));
  });
}

/** One Chromium context for the enclosing describe block, closed after it; call the getter inside tests. */
export function useBrowserContext(): () => BrowserContext {
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    context = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await context?.close();
  });
  return () => context!;
}
