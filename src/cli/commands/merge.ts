import type { Command } from 'commander';
import { mergeRuns } from '../../pipeline/merge.js';
import type { CliContext } from '../context.js';
import { resolvePath } from '../options.js';

export function registerMerge(program: Command, ctx: CliContext): void {
  program
    .command('merge')
    .description('Combine the shard runs of one corpus (classify --shard K/N) into one run, identical to an unsharded run.')
    .argument('<run...>', 'the shard run folders, every shard 1/N … N/N once')
    .requiredOption('-o, --out <dir>', 'output folder for the merged run (written atomically)')
    .action(async (runs: string[], flags: { out: string }) => {
      const summary = await mergeRuns({ runs: runs.map((r) => resolvePath(ctx, r)), outDir: resolvePath(ctx, flags.out) });
      const { ok, skipped, failed } = summary.documents;
      ctx.stdout(
        `merged ${summary.shards} shard runs: ${summary.files} files; documents ok: ${ok}, skipped: ${skipped}, failed: ${failed}; ` +
          `utterances: ${summary.utterances}; ${(summary.elapsedMs / 1000).toFixed(1)} s → ${flags.out}\n`,
      );
    });
}
