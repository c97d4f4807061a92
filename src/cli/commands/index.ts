// Every command module registers itself on the program. One line per command.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerClassify } from './classify.js';
import { registerTag } from './tag.js';
import { registerMerge } from './merge.js';
import { register as registerScores } from './scores.js';
import { register as registerFacts } from './facts.js';
import { register as registerStatus } from './status.js';
import { registerReport } from './report.js';
import { registerReview } from './review.js';
import { register as registerCalibrate } from './calibrate.js';
import { register as registerLexicon } from './lexicon.js';
import { registerEval } from './eval.js';
import { registerKwic } from './kwic.js';
import { registerKeyness } from './keyness.js';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export const COMMANDS: RegisterCommand[] = [
  registerClassify,
  registerTag,
  registerMerge,
  registerScores,
  registerFacts,
  registerStatus,
  registerReport,
  registerReview,
  registerCalibrate,
  registerLexicon,
  registerEval,
  registerKwic,
  registerKeyness,
];
