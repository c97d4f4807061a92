import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StatusFile } from '../../src/indicators/types.js';
import { runCli } from '../helpers/cli.js';
import { docs, writeRun } from '../aggregate/run-builder.js';
import { FULL_FACTS, factsDir } from './status-builder.js';
import { ERA_HEADER } from '../../src/indicators/era.js';
import { readWorldTime } from '../../src/report/load.js';

const accepting = (year: number) => docs(`ken${year}`, 2, { norm_acknowledgment: 6, argumentative_concession: 2, none: 5 }, { year, target: 'self' });

describe('spiral status', () => {
  it('writes RUN/status/<by>.{json,csv} and prints indicators and phases', async () => {
    const run = writeRun([...accepting(1990), ...accepting(1991), ...accepting(1992), ...docs('uga', 2, { denial: 8 }, { country: 'UGA', target: 'self' })]);
    const facts = factsDir({ KEN: FULL_FACTS('KEN') });
    const deeds = join(run, 'pts.csv');
    writeFileSync(
      deeds,
      'Country,Country_OLD,Year,COW_Code_A,COW_Code_N,WordBank_Code_A,UN_Code_N,Region,PTS_A,PTS_H,PTS_S,NA_Status_A,NA_Status_H,NA_Status_S\r\n' +
        [1990, 1991, 1992].map((y) => `Kenya,Kenya,${y},KEN,501,KEN,404,ssa,2,NA,1,0,88,0`).join('\r\n') +
        '\r\n',
    );
    const r = await runCli(['status', run, '--facts', facts, '--deeds', deeds]);
    expect(r.stderr).toMatch(/note: no facts for UGA/);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/era reference: the bundled table \(the run has 2 countries < 100\)/);
    expect(r.stdout).toMatch(/KEN\s+1992\s+16\s+0\s+100\s+-\s+yes\s+yes\s+yes\s+yes\s+5\s+4\s+sustained_with_deeds/);
    expect(r.stdout).toMatch(/UGA\s+1990\s+16\s+100\s+-100\s+-\s+\?\s+\?\s+\?\s+no\s+2\s+2\s+self_denial/);
    expect(r.stdout).toMatch(/KEN\s+1990\s+1990/);
    const json = JSON.parse(readFileSync(join(run, 'status', 'country-year.json'), 'utf8')) as StatusFile;
    expect(json.schema).toBe('spiral.status/1');
    expect(json.deeds_file).toBe(deeds);
    expect(json.rows.map((x) => x.key)).toEqual(['KEN|1990', 'KEN|1991', 'KEN|1992', 'UGA|1990']);
    const csv = readFileSync(join(run, 'status', 'country-year.csv'), 'utf8').split('\n');
    expect(json.era?.source).toMatch(/corpus\/facts\/era\/self-reference\.csv$/);
    expect(json.onsets.find((o) => o.country === 'KEN')).toMatchObject({ prescriptive: { year: 1990 }, discursive: { year: 1990 } });
    expect(csv[0]).toMatch(/^key,country,year,period,as_of,n_documents,n_relevant,insufficient_evidence,rejection/);
    expect(csv[3]).toMatch(/^KEN\|1992,KEN,1992,,1992-12-31,2,16,FALSE,.*,5,sustained_with_deeds,/);
  });

  it('groups by period on request and writes to --out', async () => {
    const run = writeRun([...accepting(1986), ...accepting(1991)]);
    const facts = factsDir({ KEN: FULL_FACTS('KEN') });
    const r = await runCli(['status', run, '--facts', facts, '--by', 'country-period', '--period', '5', '--out', join(run, 'elsewhere')]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(run, 'elsewhere', 'country-period.json'), 'utf8')) as StatusFile;
    expect(json.rows.map((x) => x.key)).toEqual(['KEN|1985-1989', 'KEN|1990-1994']);
  });

  it('--world writes countries per phase and the median self-referential net score by year, which the report reads', async () => {
    const self = { target: 'self' as const };
    const run = writeRun([
      ...accepting(1990),
      ...docs('uga', 2, { denial: 8 }, { country: 'UGA', year: 1990, ...self }),
      ...docs('tza', 1, { norm_acknowledgment: 2 }, { country: 'TZA', year: 1990, ...self }),
      ...docs('uga91', 1, { norm_acknowledgment: 12, argumentative_concession: 1 }, { country: 'UGA', year: 1991, ...self }),
    ]);
    const r = await runCli(['status', run, '--facts', factsDir({}), '--world', '--bootstrap', '50']);
    expect(r.code).toBe(0);
    const time = readFileSync(join(run, 'world-time.csv'), 'utf8').trim().split('\n');
    expect(time[0]).toBe('year,phase,n_countries');
    expect(time.filter((l) => l.startsWith('1990,'))).toEqual(['1990,1,0', '1990,2,1', '1990,3,0', '1990,4,1', '1990,5,0', '1990,unknown,1']);
    expect((await readWorldTime(join(run, 'world-time.csv'))).filter((w) => w.year === 1991)).toContainEqual({ year: 1991, phase: '4', n_countries: 1 });
    const net = readFileSync(join(run, 'world-net.csv'), 'utf8').trim().split('\n');
    expect(net[0]).toBe('year,n_countries,n_with_evidence,median_net,median_net_low,median_net_high');
    expect(net[1]).toMatch(/^1990,3,2,0,-1,1$/);
    const world = JSON.parse(readFileSync(join(run, 'status', 'world.json'), 'utf8'));
    expect(world.schema).toBe('spiral.world/1');
  });

  it('--era reads another era table, and says where a bad one is wrong', async () => {
    const run = writeRun(accepting(1990));
    const era = join(run, 'era.csv');
    writeFileSync(era, `${ERA_HEADER.join(',')}\n1990,1990,30,0,0,0,0,0,1,100,0,0,0,0,0\n`);
    const r = await runCli(['status', run, '--facts', factsDir({}), '--era', era]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(run, 'status', 'country-year.json'), 'utf8')) as StatusFile;
    expect(json.era?.source).toBe(era);
    writeFileSync(era, `${ERA_HEADER.join(',')}\n1990,1990,x\n`);
    const bad = await runCli(['status', run, '--facts', factsDir({}), '--era', era]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/era\.csv:2: 3 fields, expected 15/);
  });

  it('fails clearly on a bad facts file, a missing --facts and a bad --by', async () => {
    const run = writeRun(accepting(1990));
    const facts = factsDir({
      KEN: 'country: KEN\ntreaties:\n  actions:\n    - id: x\n      instrument: iccpr\n      action: ratified\n      date: 1990\n      source: s\n',
    });
    const bad = await runCli(['status', run, '--facts', facts]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/KEN\.yaml:6: "action" must be one of/);
    expect((await runCli(['status', run])).code).toBe(2);
    const by = await runCli(['status', run, '--facts', facts, '--by', 'country']);
    expect(by.stderr).toMatch(/--by must be one of country-year, country-period/);
  });
});
