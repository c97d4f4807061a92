// Aggregation of a run: feed utterances (and recommendations) one at a time,
// then finish into the scores file. No I/O here; src/run/aggregate.ts streams the run.
import { CellAccumulator } from './accumulate.js';
import { finishCells } from './finish.js';
import { aggregateOptions, scoreParams, type AggregateOptions } from './options.js';
import { PressureAccumulator, type RecommendationFact } from './pressure.js';
import type { Countable } from './record.js';
import type { ScoresFile } from './types.js';

export { aggregateOptions, DEFAULT_PERIOD_YEARS, type AggregateOptions } from './options.js';
export type { Countable } from './record.js';
export type { RecommendationFact } from './pressure.js';
export { isAccepting } from './finish.js';
export { unitOf, unitKey, unitEndDate, periodOf, type TimeUnit } from './units.js';

export class Aggregator {
  readonly options: AggregateOptions;
  private readonly cells: CellAccumulator;
  private readonly pressure: PressureAccumulator;
  private readonly warnings: string[] = [];

  constructor(options: Partial<AggregateOptions> = {}) {
    this.options = aggregateOptions(options);
    this.cells = new CellAccumulator(this.options);
    this.pressure = new PressureAccumulator(this.options);
  }

  add(u: Countable): void {
    this.cells.add(u);
    this.pressure.add(u);
  }

  addRecommendation(r: RecommendationFact): void {
    this.pressure.addRecommendation(r);
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  finish(run: string): ScoresFile {
    const skipped = { ...this.cells.skipped };
    const warnings = [...this.warnings];
    if (skipped.no_country > 0) warnings.push(`${skipped.no_country} utterances without a country were not counted`);
    if (skipped.no_year > 0) warnings.push(`${skipped.no_year} utterances without a year were not counted (grouping ${this.options.by})`);
    const targetsInRun = this.cells.anyTarget;
    const target = targetsInRun ? this.options.target : 'all';
    if (!targetsInRun && this.options.target !== 'all')
      warnings.push(
        `the run's utterances carry no target (classified before targets were tagged): shares and indices are over all relevant utterances, not target ${this.options.target}`,
      );
    return {
      schema: 'spiral.scores/1',
      run,
      params: scoreParams(this.options, { target, targetsInRun }),
      cells: finishCells(this.cells.cells.values(), this.options, { target, targetsInRun }),
      pressure: this.pressure.finish(),
      skipped,
      warnings,
    };
  }
}
