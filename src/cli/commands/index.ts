// Every command of spiral, in the order `spiral --help` lists them. A command's
// module (and everything it imports: the tagger, YAML, the report's charts ...)
// is loaded only when that command runs or its own help is asked for; the list
// shows each command from this table (`term` and `description` as the command
// module defines them: tests/cli/lazy.test.ts checks that they agree).
import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export interface CommandEntry {
  name: string;
  /** As the command list shows the command: its name, "[options]" when it has any, its arguments. */
  term: string;
  description: string;
  load: () => Promise<RegisterCommand>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'classify',
    term: 'classify [options] <path...>',
    description: 'Tag every utterance of a folder of statements; write utterances, documents, scores and run files.',
    load: async () => (await import('./classify.js')).registerClassify,
  },
  {
    name: 'tag',
    term: 'tag [options] [file]',
    description: 'Tag JSON lines ({"id","text"} plus optional country, year, venue, context) and write one JSON line per input, in order.',
    load: async () => (await import('./tag.js')).registerTag,
  },
  {
    name: 'merge',
    term: 'merge [options] <run...>',
    description: 'Combine the shard runs of one corpus (classify --shard K/N) into one run, identical to an unsharded run.',
    load: async () => (await import('./merge.js')).registerMerge,
  },
  {
    name: 'scores',
    term: 'scores [options] <run>',
    description: 'Discourse scores per country (and year or period) from a classified run, with bootstrap intervals',
    load: async () => (await import('./scores.js')).register,
  },
  {
    name: 'facts',
    term: 'facts',
    description: 'Facts for the prescriptive-status indicators (corpus/facts/<ISO3>.yaml)',
    load: async () => (await import('./facts.js')).register,
  },
  {
    name: 'status',
    term: 'status [options] <run>',
    description: "Prescriptive-status indicators 1-4 and a spiral-model phase per country and year or period, from the government's own record",
    load: async () => (await import('./status.js')).register,
  },
  {
    name: 'report',
    term: 'report [options] <run>',
    description: 'Write RUN/report.html (self-contained, opens from disk: charts, every utterance to browse, search and export) and RUN/report.md',
    load: async () => (await import('./report.js')).registerReport,
  },
  {
    name: 'review',
    term: 'review [options] <run>',
    description: 'Review utterances in the browser (http://127.0.0.1 only); decisions go to RUN/reviews.jsonl (RUN/reviews.<annotator>.jsonl)',
    load: async () => (await import('./review.js')).registerReview,
  },
  {
    name: 'calibrate',
    term: 'calibrate [options]',
    description: 'Diagnose rules, propose candidate terms and fit weights on gold labels; write a new lexicon version.',
    load: async () => (await import('./calibrate.js')).register,
  },
  {
    name: 'lexicon',
    term: 'lexicon',
    description: 'Check, compare, export and import lexicon sets.',
    load: async () => (await import('./lexicon.js')).register,
  },
  {
    name: 'eval',
    term: 'eval [options]',
    description: 'Evaluate the lexicons against a gold file: per-label P/R/F1, macro-F1, accuracy, kappa, confusion matrix; misclassified items to a file.',
    load: async () => (await import('./eval.js')).registerEval,
  },
  {
    name: 'kwic',
    term: 'kwic [options] <run> <pattern>',
    description: 'Key words in context: every match of a word, phrase or glob in a run, with the words around it (like quanteda kwic)',
    load: async () => (await import('./kwic.js')).registerKwic,
  },
  {
    name: 'keyness',
    term: 'keyness [options] <run>',
    description: 'Key words of one group of documents against another (like quanteda.textstats textstat_keyness)',
    load: async () => (await import('./keyness.js')).registerKeyness,
  },
];
