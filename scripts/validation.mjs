#!/usr/bin/env node
// Validation of scores, indicators and phases on the eleven book countries:
// classifies their UN General Debate speeches, runs `spiral scores` and
// `spiral status` by five-year period with the bundled facts and a deeds file,
// and writes docs/validation.md — per-country trajectories beside the
// codebook's narrative, with automatic checks and an account of disagreements.
//
//   npm run build && node scripts/validation.mjs [--run DIR] [--reuse] [--deeds FILE] [--out FILE]
//
//   --run DIR    run folder (default runs/validation; runs/ is git-ignored)
//   --reuse      do not classify again when DIR/utterances.jsonl exists
//   --deeds FILE deeds table (default ../shared/data/deeds/fariss-lhrs/LHRS-v4.02-2021.csv)
//   --out FILE   markdown to write (default docs/validation.md)
//
// Reads the compiled code in dist/ (run `npm run build` first; SPIRAL_DIST overrides).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.SPIRAL_DIST ?? path.join(root, 'dist');
if (!fs.existsSync(path.join(dist, 'cli', 'main.js'))) {
  process.stderr.write('dist/cli/main.js not found: run `npm run build` first\n');
  process.exit(2);
}
const { main } = await import(path.join(dist, 'cli', 'main.js'));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const data = path.resolve(root, '..', 'shared', 'data');
const runDir = path.resolve(option('--run', path.join(root, 'runs', 'validation')));
const deedsFile = path.resolve(option('--deeds', path.join(data, 'deeds', 'fariss-lhrs', 'LHRS-v4.02-2021.csv')));
const outFile = path.resolve(option('--out', path.join(root, 'docs', 'validation.md')));
const reuse = args.includes('--reuse');
const bookDir = path.join(data, 'ungdc', 'book-countries');
const factsDir = path.join(root, 'corpus', 'facts');
const PERIOD = 5;

/** Run spiral in-process; throw with its stderr when it fails. */
async function spiral(argv) {
  let stdout = '';
  let stderr = '';
  const ctx = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: false,
    cwd: root,
    env: process.env,
    readStdin: async function* () {},
    exitCode: 0,
  };
  const code = await main(argv, ctx);
  if (code !== 0) throw new Error(`spiral ${argv.join(' ')} exited ${code}\n${stderr}`);
  return { stdout, stderr };
}

const rel = (p) => path.relative(root, p) || '.';

// ------------------------------------------------------------------ run

if (!(reuse && fs.existsSync(path.join(runDir, 'utterances.jsonl')))) {
  process.stderr.write(`classifying ${rel(bookDir)} → ${rel(runDir)} ...\n`);
  const r = await spiral(['classify', bookDir, '--out', runDir, '--venue', 'UN General Assembly', '--audience', 'international', '--type', 'speech', '-q']);
  process.stderr.write(r.stdout);
}
await spiral(['scores', runDir, '--by', 'country-period', '--period', String(PERIOD)]);
const deedsArgs = fs.existsSync(deedsFile) ? ['--deeds', deedsFile] : [];
const statusRun = await spiral(['status', runDir, '--facts', factsDir, '--by', 'country-period', '--period', String(PERIOD), ...deedsArgs]);
const scores = JSON.parse(fs.readFileSync(path.join(runDir, 'scores', 'country-period.json'), 'utf8'));
const status = JSON.parse(fs.readFileSync(path.join(runDir, 'status', 'country-period.json'), 'utf8'));
const runInfo = JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8'));
const nDocs = fs.readFileSync(path.join(runDir, 'documents.jsonl'), 'utf8').split('\n').filter(Boolean).length;

// ------------------------------------------------------------------ the narrative

/**
 * The codebook's narrative (§1, and the issue's summary of the book): regime
 * changes, whether prescriptive status was reached, and what the book says.
 */
const NARRATIVE = {
  CHL: {
    name: 'Chile',
    change: 1990,
    status: true,
    text: 'Military rule from 1973; denial of the right of outsiders to judge, then tactical concessions in the late 1980s; return to democracy in March 1990 and prescriptive status in the early 1990s.',
  },
  CSK: {
    name: 'Czechoslovakia',
    change: 1990,
    status: true,
    text: 'Communist rule; denial of scrutiny (Charter 77 answered as interference); regime change in November 1989 and prescriptive status at once. Dissolved on 31 December 1992.',
  },
  GTM: {
    name: 'Guatemala',
    change: 1986,
    status: true,
    text: 'Military governments and massive violations into the 1980s; civilian government from 1986, tactical concessions, and prescriptive status in the 1990s while abuses continued (phase 4 without phase 5).',
  },
  IDN: {
    name: 'Indonesia',
    change: null,
    status: false,
    text: 'Denial through the 1970s and 1980s (East Timor); tactical concessions in the 1990s (Komnas HAM 1993) without reaching prescriptive status by the end of the book.',
  },
  KEN: {
    name: 'Kenya',
    change: null,
    status: false,
    text: 'Denial, then tactical concessions under pressure around 1990–1991, and a fall back to repression in the early 1990s: Kenya does not progress.',
  },
  MAR: {
    name: 'Morocco',
    change: null,
    status: true,
    text: 'Denial in the 1970s and 1980s; tactical concessions from about 1990 (advisory council on human rights) and movement towards prescriptive status in the 1990s.',
  },
  PHL: {
    name: 'Philippines',
    change: 1986,
    status: true,
    text: 'Marcos martial law (1972–1981) with denial; regime change in February 1986 and prescriptive status from the 1987 Constitution on.',
  },
  POL: {
    name: 'Poland',
    change: 1990,
    status: true,
    text: 'Martial law from December 1981 and denial; tactical concessions in the late 1980s; regime change in 1989 and prescriptive status.',
  },
  TUN: {
    name: 'Tunisia',
    change: null,
    status: false,
    text: 'Rhetorical commitment under Ben Ali from 1987 without progress: tactical concessions that do not turn into prescriptive status.',
  },
  UGA: {
    name: 'Uganda',
    change: 1986,
    status: true,
    text: 'Massive violations under Amin and Obote; after the NRM took power in 1986, acceptance of the norms (commission of inquiry) and institutionalisation, the 1995 Constitution.',
  },
  ZAF: {
    name: 'South Africa',
    change: 1994,
    status: true,
    text: 'Apartheid and denial; absent from the General Assembly 1974–1993; majority rule in 1994 and prescriptive status.',
  },
};

/** Periods the book's story is about: denial before the mid-1980s, status between 1985 and 1995. */
const DENIAL_WINDOW = [1970, 1984];
const STATUS_WINDOW = [1985, 1999];
/**
 * A regime change shows in the discourse when the mean net score of the periods
 * after it exceeds that of the periods before by at least this much: net-score
 * intervals over five speeches are typically ±15–20 points, so smaller rises are
 * read as noise, not as agreement.
 */
const MIN_NET_RISE = 0.1;

// ------------------------------------------------------------------ helpers

const pct = (x) => (x === null || x === undefined ? '–' : String(Math.round(x * 100)));
const tri = { true: 'yes', false: 'no', unknown: '?' };
const rowsOf = (iso) => status.rows.filter((r) => r.country === iso);
const cellOf = (key) => scores.cells.find((c) => c.key === key && c.audience === 'all');
const phaseText = (p) => (p.phase === null ? '–' : p.possible ? p.possible.join('/') : String(p.phase));
const maxPhase = (p) => (p.phase === null ? null : Math.max(p.phase, ...(p.possible ?? [])));
const inWindow = (r, [a, b]) => r.period.start >= a && r.period.end <= b;
const mean = (xs) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);

function deedsText(r) {
  if (!r.deeds || r.deeds.length === 0) return '–';
  return (r.deeds.reduce((s, d) => s + d.value, 0) / r.deeds.length).toFixed(2);
}

function trajectoryTable(iso) {
  const head =
    '| period | docs | relevant | rej % | defl % | dial % | acc % | net % [95% CI] | I1 | I2 | I3 | I4 | deeds | phase | rule |\n|---|--:|--:|--:|--:|--:|--:|---|---|---|---|---|--:|---|---|';
  const lines = rowsOf(iso).map((r) => {
    const c = cellOf(r.key);
    const ci = c?.indices.net.ci95 ? ` [${pct(c.indices.net.ci95.low)}, ${pct(c.indices.net.ci95.high)}]` : '';
    const mark = r.insufficient_evidence ? ' (!)' : '';
    const ind = ['ratification', 'institutionalisation', 'complaint_mechanism', 'discursive_practice'].map((n) => tri[r.indicators[n].value]);
    return `| ${r.period.label} | ${r.n_documents} | ${r.n_relevant}${mark} | ${pct(r.indices.rejection)} | ${pct(r.indices.deflection)} | ${pct(r.indices.dialogue)} | ${pct(r.indices.acceptance)} | ${pct(r.indices.net)}${ci} | ${ind.join(' | ')} | ${deedsText(r)} | ${phaseText(r.phase)} | \`${r.phase.rule}\` |`;
  });
  return [head, ...lines].join('\n');
}

/** The automatic checks of one country against its narrative. */
function checks(iso) {
  const n = NARRATIVE[iso];
  const rows = rowsOf(iso);
  const decided = rows.filter((r) => r.phase.phase !== null);
  const early = decided.filter((r) => inWindow(r, DENIAL_WINDOW));
  const earlyLow = early.filter((r) => r.phase.phase <= 2);
  const statusRows = decided.filter((r) => inWindow(r, STATUS_WINDOW));
  const reached = statusRows.filter((r) => maxPhase(r.phase) >= 4);
  const firstFour = decided.find((r) => maxPhase(r.phase) >= 4);
  const result = {
    iso,
    early: early.length,
    earlyLow: earlyLow.length,
    reached: reached.map((r) => r.period.label),
    firstFour: firstFour?.period.label ?? null,
  };
  result.denialOk = early.length > 0 ? earlyLow.length * 2 >= early.length : null;
  result.statusOk = n.status ? reached.length > 0 : reached.length === 0;
  if (n.change) {
    const sufficient = rows.filter((r) => !r.insufficient_evidence && r.indices.net !== null);
    const before = sufficient.filter((r) => r.period.end < n.change && r.period.start >= n.change - 20).map((r) => r.indices.net);
    const after = sufficient.filter((r) => r.period.start >= n.change && r.period.start < n.change + 15).map((r) => r.indices.net);
    result.netBefore = mean(before);
    result.netAfter = mean(after);
    result.changeOk = result.netBefore !== null && result.netAfter !== null ? result.netAfter - result.netBefore >= MIN_NET_RISE : null;
  }
  const parts = [result.statusOk, result.denialOk, result.changeOk].filter((x) => x !== null && x !== undefined);
  result.verdict = result.statusOk && parts.every(Boolean) ? 'matches' : result.statusOk || parts.some(Boolean) ? 'partly matches' : 'does not match';
  return result;
}

function checkLines(c) {
  const n = NARRATIVE[c.iso];
  const lines = [];
  if (c.early > 0) {
    lines.push(
      `- Denial before the mid-1980s (${DENIAL_WINDOW[0]}–${DENIAL_WINDOW[1]}): ${c.earlyLow} of ${c.early} decided periods estimated at phase 1–2 — ${c.denialOk ? 'agrees' : 'disagrees'}.`,
    );
  } else {
    lines.push(`- Denial before the mid-1980s: no decided period in ${DENIAL_WINDOW[0]}–${DENIAL_WINDOW[1]} (no speeches or too little evidence).`);
  }
  if (n.status) {
    lines.push(
      `- Prescriptive status by the late 1990s: ${c.reached.length > 0 ? `phase 4 (or 3/4) in ${c.reached.join(', ')} — agrees` : `not reached in ${STATUS_WINDOW[0]}–${STATUS_WINDOW[1]}${c.firstFour ? ` (first in ${c.firstFour})` : ''} — disagrees`}.`,
    );
  } else {
    lines.push(
      `- No prescriptive status by the late 1990s: ${c.reached.length === 0 ? `none in ${STATUS_WINDOW[0]}–${STATUS_WINDOW[1]} — agrees` : `phase 4 (or 3/4) in ${c.reached.join(', ')} — disagrees`}${c.firstFour ? `; first phase 4 in ${c.firstFour}` : ''}.`,
    );
  }
  if (n.change) {
    const verdict =
      c.changeOk === null
        ? 'not testable (no period with enough evidence on one side)'
        : c.changeOk
          ? 'rises, agrees'
          : c.netAfter > c.netBefore
            ? `rises by less than ${MIN_NET_RISE * 100} points, within noise — disagrees`
            : 'does not rise, disagrees';
    lines.push(
      `- Regime change (${n.change}): mean net score ${pct(c.netBefore)}% in the periods before (up to 20 years), ${pct(c.netAfter)}% after (up to 15 years) — ${verdict}.`,
    );
  }
  return lines.join('\n');
}

/** Why a country's rows read as they do: the rules that fired and the indicator that held phase 4 back. */
function diagnosis(iso) {
  const rows = rowsOf(iso).filter((r) => r.phase.phase !== null);
  const rules = new Map();
  for (const r of rows) rules.set(r.phase.rule, (rules.get(r.phase.rule) ?? 0) + 1);
  const ruleText = [...rules]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `\`${k}\` ×${v}`)
    .join(', ');
  const blocked = rows
    .filter((r) => r.phase.rule === 'talk_without_institutions')
    .map((r) => {
      const falses = ['ratification', 'institutionalisation', 'complaint_mechanism'].filter((k) => r.indicators[k].value === 'false');
      return `${r.period.label}: ${falses.map((k) => r.indicators[k].reason).join('; ')}`;
    });
  const maxDenial = Math.max(0, ...rows.map((r) => r.indices.rejection ?? 0));
  let text = `Rules that fired: ${ruleText || 'none'}. Highest denial share in any period: ${pct(maxDenial)}%.`;
  if (blocked.length > 0) text += ` Talk met indicator 4 but facts held phase 4 back in ${blocked.length} period(s), e.g. ${blocked[blocked.length - 1]}.`;
  return text;
}

// ------------------------------------------------------------------ the document

const countryChecks = Object.keys(NARRATIVE).map(checks);
const verdicts = { matches: [], 'partly matches': [], 'does not match': [] };
for (const c of countryChecks) verdicts[c.verdict].push(NARRATIVE[c.iso].name);
const named = (pred) => countryChecks.filter(pred).map((c) => NARRATIVE[c.iso].name);
const listOf = (names) => (names.length ? names.join(', ') : 'none');
const statusAgree = named((c) => c.statusOk);
const statusDisagree = named((c) => !c.statusOk);
const denialAgree = named((c) => c.denialOk === true);
const denialTested = named((c) => c.denialOk !== null);
const changeAgree = named((c) => c.changeOk === true);
const changeTested = named((c) => c.changeOk !== null && c.changeOk !== undefined);

const allRows = status.rows.filter((r) => r.country in NARRATIVE);
const decidedRows = allRows.filter((r) => r.phase.phase !== null);
const denialRows = decidedRows.filter((r) => r.phase.rule === 'denial_dominant');
const i4True = decidedRows.filter((r) => r.indicators.discursive_practice.value === 'true');
const acceptanceAll = mean(decidedRows.map((r) => r.indices.acceptance).filter((x) => x !== null));
const rejectionAll = mean(decidedRows.map((r) => r.indices.rejection).filter((x) => x !== null));
const early = decidedRows.filter((r) => inWindow(r, DENIAL_WINDOW));
const acceptanceEarly = mean(early.map((r) => r.indices.acceptance).filter((x) => x !== null));
const rejectionEarly = mean(early.map((r) => r.indices.rejection).filter((x) => x !== null));
const deedsName = deedsArgs.length ? rel(deedsFile).replace(/^\.\.\//, '../') : 'none';

const doc = `# Validation on the book countries

<!-- Generated by scripts/validation.mjs — do not edit by hand. -->

Regenerate with:

\`\`\`
npm run build && node scripts/validation.mjs
\`\`\`

(\`--reuse\` keeps an existing classification in \`runs/validation\`; \`--deeds FILE\`
chooses another deeds table.) The script classifies the ${nDocs} UN General Debate
speeches of the eleven book countries (\`../shared/data/ungdc/book-countries\`,
venue UN General Assembly, audience international), then runs

\`\`\`
spiral scores RUN --by country-period --period ${PERIOD}
spiral status RUN --facts corpus/facts --by country-period --period ${PERIOD} --deeds ${deedsName}
\`\`\`

Lexicon set: ${runInfo.lexicon?.name ?? runInfo.lexicons?.name ?? 'bundled'}${runInfo.lexicon?.version ? ` ${runInfo.lexicon.version}` : ''}.
Indices, indicators, phase rules and thresholds are defined in
[indicators.md](indicators.md); facts in [facts-format.md](facts-format.md).
Columns below: relevant utterances (\`(!)\` = too little evidence), rejection,
deflection, dialogue and acceptance shares, net score with its 95% bootstrap
interval over speeches, indicators I1 ratification, I2 institutionalisation, I3
complaint mechanism, I4 discursive practice (\`?\` = unknown), the deeds score
(mean Fariss θ of the period's years; phase 5 needs ≥ ${status.thresholds.FARISS_MIN_THETA}), the
estimated phase and the rule that produced it.

## Summary

- **Match the narrative:** ${verdicts.matches.join(', ') || 'none'}.
- **Partly match:** ${verdicts['partly matches'].join(', ') || 'none'}.
- **Do not match:** ${verdicts['does not match'].join(', ') || 'none'}.

A country *matches* when its prescriptive-status check agrees with the narrative
and so do its other checks (denial before the mid-1980s; a rising net score after
its regime change); it *partly matches* when some do. By check:

| check | agrees | of |
|---|---|---|
| prescriptive status reached by the late 1990s (or, for Kenya, Tunisia and Indonesia, not reached) | ${statusAgree.length}: ${listOf(statusAgree)} | ${countryChecks.length} |
| phase 1–2 in most periods of ${DENIAL_WINDOW[0]}–${DENIAL_WINDOW[1]} | ${denialAgree.length}: ${listOf(denialAgree)} | ${denialTested.length} with evidence |
| net score at least ${MIN_NET_RISE * 100} points higher after the regime change | ${changeAgree.length}: ${listOf(changeAgree)} | ${changeTested.length} with a regime change and evidence on both sides |

The status timing disagrees for ${listOf(statusDisagree)}.

Across the ${decidedRows.length} periods with enough evidence, the mean acceptance
share is ${pct(acceptanceAll)}% and the mean denial share ${pct(rejectionAll)}%
(${DENIAL_WINDOW[0]}–${DENIAL_WINDOW[1]} alone: ${pct(acceptanceEarly)}% and ${pct(rejectionEarly)}%).
Denial dominates in ${denialRows.length} period(s); indicator 4 holds in
${i4True.length}. The phase estimates are therefore driven less by a visible denial
phase than by the facts (indicators 1–3) and by whether concessions appear; see
*Where the tool and the narrative disagree, and why* below.

${Object.keys(NARRATIVE)
  .map((iso) => {
    const n = NARRATIVE[iso];
    const c = countryChecks.find((x) => x.iso === iso);
    return `## ${n.name} (${iso}) — ${c.verdict}

*Narrative:* ${n.text}

${trajectoryTable(iso)}

${checkLines(c)}

${diagnosis(iso)}
`;
  })
  .join('\n')}
## Where the tool and the narrative disagree, and why

1. **The General Assembly is the wrong stage for denial.** The codebook's denial is
   aimed at scrutiny of the speaker's own record ("interference in our internal
   affairs"). General Debate speeches mostly talk about *other* States — apartheid,
   Palestine, Namibia, decolonisation — and judging others by the norm is
   \`norm_acknowledgment\`. So acceptance shares are high for dictatorships and
   democracies alike (mean ${pct(acceptanceEarly)}% in ${DENIAL_WINDOW[0]}–${DENIAL_WINDOW[1]}), and denial
   rarely dominates. Where the book sees denial (Chile under Pinochet, Czechoslovakia
   before 1989, Indonesia on East Timor) it was voiced mainly in the Commission on
   Human Rights, in replies to Amnesty International and in domestic statements —
   not in the annual General Debate speech. The discourse indicators are only as
   good as the venue: they need statements that answer criticism. Where a phase 1–2
   estimate does appear before 1985 it is mostly \`silence\` (thin speeches, or South
   Africa's absence from the Assembly from 1974), not denial.
2. **One audience.** All documents are international, so consistency across
   audiences — the codebook's main criterion for indicator 4 — is never testable
   here; indicator 4 rests on acceptance, denial and dialogue only.
3. **Dialogue is rare and decides indicator 4.** Concessions about one's own record
   are seldom made at the Assembly; one or two per period push the dialogue share
   over ${status.thresholds.DISCURSIVE_MIN_DIALOGUE * 100}% and flip indicator 4, so it alternates between periods for
   most countries.
4. **The facts carry the phase.** Requiring ICCPR, its first Optional Protocol and
   CAT (indicator 1) dates prescriptive status by the last of the three
   ratifications: Chile 1992 (OP1), the Philippines 1989, Poland 1991,
   Czechoslovakia 1991, Uganda 1995, South Africa 2002, Guatemala 2000, Tunisia
   2011, Morocco 2022; Kenya and Indonesia never acceded to OP1, so they never reach
   phase 4 — which agrees with the narrative for Kenya and, by the 1990s, for
   Indonesia, but for the wrong reason (a missing protocol, not their discourse).
5. **Unknown is not false.** Constitutional provisions and complaint mechanisms are
   listed only where sourced; periods before the first listed provision read
   \`unknown\`, and a State whose talk meets indicator 4 then gets \`status_unconfirmed\`
   (3 or 4), not 4.
6. **Deeds rarely reach the phase-5 threshold** for these countries in the years the
   book covers (Fariss θ ≥ ${status.thresholds.FARISS_MIN_THETA}); phase 5 appears, if at all, only late.
7. **Evidence is thin per year.** One speech a year gives 5–15 relevant sentences:
   country-years are mostly insufficient, hence five-year periods here; even so,
   net-score intervals over five speeches are wide (often ±20 points), and
   differences between adjacent periods are seldom beyond noise.

What would close the gap: statements that answer criticism (Commission on Human
Rights and Human Rights Council replies, UPR presentations and responses — see the
UPR runs, where the reviewed State's own replies are separated from other States'
pressure), domestic statements for the audience test, and a denial lexicon checked
against such material.
`;

fs.writeFileSync(outFile + '.tmp', doc);
fs.renameSync(outFile + '.tmp', outFile);
process.stderr.write(`${statusRun.stderr}wrote ${rel(outFile)}\n`);
for (const c of countryChecks) process.stderr.write(`${c.iso}: ${c.verdict}\n`);
