#!/usr/bin/env node
// Generate docs/lexicons.md — the rule table — from the lexicon YAML files, so
// the documentation never drifts from the rules (retext-equality style).
//   node scripts/lexicon-docs.mjs            write docs/lexicons.md
//   node scripts/lexicon-docs.mjs --check    exit 1 if docs/lexicons.md is stale
//   node scripts/lexicon-docs.mjs --lexicons DIR --out FILE
import { readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
// The schema's defaults and the rule-field table come from the build (npm run build).
import { defaultWhenNegated, ruleFieldTable } from '../dist/lexicon/schema.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Category files in reading order; any other category file follows, sorted. */
const FILE_ORDER = [
  'relevance.yaml',
  'attribution.yaml',
  'denial.yaml',
  'rhetorical-action.yaml',
  'argumentative-concession.yaml',
  'norm-acknowledgment.yaml',
  'target-self.yaml',
  'target-other.yaml',
  'target-general.yaml',
  'speaker.yaml',
];
const SPECIAL_FILES = new Set(['lexicon.yaml', 'scoring.yaml', 'classes.yaml', 'model.yaml', 'terms.yaml', 'countries.yaml']);
/** Terms shown per label in the term-layer summary (the rest are in terms.yaml). */
const TOP_TERMS = 12;

/** What the loader does when a rule gives no `when_negated`: helpers keep, moves drop. */
function whenNegated(rule, category) {
  return rule.when_negated ?? defaultWhenNegated(category);
}

function readYaml(file) {
  return parse(readFileSync(file, 'utf8'));
}

/** Markdown table cell: one line, pipes escaped. */
function cell(value) {
  return String(value ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\|/g, '\\|');
}

function code(value) {
  return `\`${String(value).replace(/`/g, "'")}\``;
}

function categoryFiles(dir) {
  const present = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && !SPECIAL_FILES.has(f));
  const ordered = FILE_ORDER.filter((f) => present.includes(f));
  return [...ordered, ...present.filter((f) => !ordered.includes(f)).sort()];
}

function exampleCount(rule) {
  const match = rule.examples?.match?.length ?? 0;
  const nomatch = rule.examples?.nomatch?.length ?? 0;
  return `${match} / ${nomatch}`;
}

/** The rule's requirements, and where they must be met when only the sentence itself counts. */
function requiresOf(rule) {
  const requires = (rule.requires ?? []).map((c) => (c === 'relevance' && rule.strong_relevance ? 'relevance (in full)' : c)).join(', ');
  if (!requires) return '–';
  return rule.requires_own_sentence ? `${requires} (in the sentence)` : requires;
}

function ruleTable(rules, category) {
  const lines = ['| rule | what it marks | weight | requires | when negated | examples (match / near-miss) |', '|---|---|---|---|---|---|'];
  for (const rule of rules) {
    lines.push(
      `| ${code(rule.id)} | ${cell(rule.description)} | ${cell(rule.weight)} | ${cell(requiresOf(rule))} | ${cell(whenNegated(rule, category))} | ${exampleCount(rule)} |`,
    );
  }
  return lines;
}

/** Weight evidence: a string as written, or the mapping calibration writes, as key: value pairs. */
function evidenceText(evidence) {
  if (evidence && typeof evidence === 'object')
    return Object.entries(evidence)
      .map(([k, v]) => `${k}: ${v}`)
      .join('; ');
  return evidence;
}

function ruleDetails(rules) {
  const lines = [];
  for (const rule of rules) {
    lines.push(
      `#### ${code(rule.id)}`,
      '',
      cell(rule.description),
      '',
      `Weight ${cell(rule.weight)} — ${cell(evidenceText(rule.weight_evidence))}`,
      '',
      'Patterns:',
      '',
    );
    for (const pattern of rule.patterns ?? []) lines.push(`- ${code(pattern)}`);
    if (rule.unless?.length) {
      lines.push('', 'Unless (exceptions):', '');
      for (const pattern of rule.unless) lines.push(`- ${code(pattern)}`);
    }
    lines.push('');
  }
  return lines;
}

function scoringTable(scoring) {
  const lines = ['| setting | value |', '|---|---|'];
  for (const key of Object.keys(scoring ?? {}).sort()) lines.push(`| ${code(key)} | ${cell(scoring[key])} |`);
  return lines;
}

function readOptional(file) {
  try {
    return readYaml(file);
  } catch (err) {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  }
}

function classesSection(classes) {
  if (!classes?.classes) return [];
  const lines = [
    '## Word classes (`classes.yaml`)',
    '',
    cell(classes.description),
    '',
    '| class | what it holds | members | first members |',
    '|---|---|---:|---|',
  ];
  for (const [name, c] of Object.entries(classes.classes)) {
    const members = c.members ?? [];
    lines.push(
      `| ${code('@' + name)} | ${cell(c.description)} | ${members.length} | ${cell(members.slice(0, 8).join(', '))}${members.length > 8 ? ', …' : ''} |`,
    );
  }
  return [...lines, ''];
}

function modelSection(model) {
  if (!model) return ['## Decision model', '', 'No `model.yaml`: the defaults of `src/tag/model.ts` (a plain weighted-rule tagger).', ''];
  const fitted = model.fitted_on ?? {};
  const vec = (v) =>
    Object.entries(v ?? {})
      .map(([k, x]) => `${k} ${x}`)
      .join(', ');
  return [
    '## Decision model (`model.yaml`)',
    '',
    `Fitted by \`spiral calibrate\` on ${cell(fitted.gold)} (sha256 ${code(String(fitted.gold_sha256 ?? '').slice(0, 12))}); cross-validated macro-F1 ${cell(fitted.moves_cv_macro_f1)} (labels), ${cell(fitted.targets_cv_macro_f1)} (targets).`,
    '',
    '| setting | value |',
    '|---|---|',
    `| label bias | ${cell(vec(model.moves?.bias))} |`,
    `| UPR bias | ${cell(vec(model.moves?.upr_bias))} |`,
    `| relevance weight (cap) | ${cell(model.moves?.relevance_weight)} (${cell(model.moves?.relevance_cap)}) |`,
    `| context relevance weight | ${cell(model.moves?.context_relevance_weight)} |`,
    `| temperature | ${cell(model.moves?.temperature)} |`,
    `| target bias | ${cell(vec(model.targets?.bias))} |`,
    `| target context weight | ${cell(model.targets?.context_weight)} |`,
    '',
  ];
}

function termsSection(terms) {
  const entries = Object.entries(terms?.terms ?? {});
  if (entries.length === 0) return [];
  const lines = [
    '## Term layer (`terms.yaml`)',
    '',
    `${entries.length} Porter stems with fitted weights. The strongest per label:`,
    '',
    '| label | terms (weight) |',
    '|---|---|',
  ];
  const labels = ['denial', 'rhetorical_action', 'argumentative_concession', 'norm_acknowledgment', 'none'];
  for (const label of labels) {
    const top = entries
      .filter(([, w]) => (w[label] ?? 0) > 0)
      .sort((a, b) => b[1][label] - a[1][label] || (a[0] < b[0] ? -1 : 1))
      .slice(0, TOP_TERMS);
    lines.push(`| ${label} | ${cell(top.map(([t, w]) => `${t} (${w[label]})`).join(', ')) || '–'} |`);
  }
  return [...lines, ''];
}

export function renderLexiconDocs(dir) {
  const set = readYaml(path.join(dir, 'lexicon.yaml')) ?? {};
  const scoring = readYaml(path.join(dir, 'scoring.yaml'));
  const files = categoryFiles(dir);
  const sections = files.map((file) => ({ file, data: readYaml(path.join(dir, file)) ?? {} }));
  const total = sections.reduce((n, s) => n + (s.data.rules?.length ?? 0), 0);
  const lines = [
    '# Bundled lexicons',
    '',
    '<!-- Generated by scripts/lexicon-docs.mjs from lexicons/. Do not edit by hand: edit the YAML and run `node scripts/lexicon-docs.mjs`. -->',
    '',
    `Set ${code(set.name)} version ${code(set.version)}: ${cell(set.description)}`,
    '',
    `${total} rules in ${sections.length} category files. The format and the scoring steps are described in`,
    '[lexicon-format.md](lexicon-format.md); every rule carries examples that must match and near-misses that',
    'must not, and they run as tests. Accuracy on the labelled dev set: `spiral eval --gold ../shared/data/gold/dev.jsonl --baseline`.',
    '',
    '## Scoring',
    '',
    ...scoringTable(scoring),
    '',
    ...modelSection(readOptional(path.join(dir, 'model.yaml'))),
    ...termsSection(readOptional(path.join(dir, 'terms.yaml'))),
    ...classesSection(readOptional(path.join(dir, 'classes.yaml'))),
  ];
  for (const { file, data } of sections) {
    const rules = data.rules ?? [];
    lines.push(`## ${cell(data.category)} (${code(file)}, ${rules.length} rules)`, '', cell(data.description), '', ...ruleTable(rules, data.category), '');
  }
  lines.push('## Patterns and weight evidence', '');
  for (const { file, data } of sections) {
    lines.push(`### ${cell(data.category)} (${code(file)})`, '', ...ruleDetails(data.rules ?? []));
  }
  return (
    lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

function writeAtomic(file, content) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, 'utf8');
  renameSync(temporary, file);
}

const FIELD_TABLE_START = '<!-- rule-fields: generated from src/lexicon/schema.ts by scripts/lexicon-docs.mjs -->';
const FIELD_TABLE_END = '<!-- /rule-fields -->';

/** docs/lexicon-format.md with its rule-field table replaced by the schema's. */
export function withFieldTable(page) {
  const start = page.indexOf(FIELD_TABLE_START);
  const end = page.indexOf(FIELD_TABLE_END);
  if (start < 0 || end < start) throw new Error('docs/lexicon-format.md: rule-field table markers not found');
  return page.slice(0, start + FIELD_TABLE_START.length) + '\n\n' + ruleFieldTable() + '\n\n' + page.slice(end);
}

function main(argv) {
  const option = (name, fallback) => {
    const at = argv.indexOf(name);
    return at >= 0 && argv[at + 1] ? path.resolve(argv[at + 1]) : fallback;
  };
  const dir = option('--lexicons', path.join(ROOT, 'lexicons'));
  const out = option('--out', path.join(ROOT, 'docs/lexicons.md'));
  const content = renderLexiconDocs(dir);
  if (argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(out, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== content) {
      process.stderr.write(`${out} is out of date: run node scripts/lexicon-docs.mjs\n`);
      return 1;
    }
    return 0;
  }
  writeAtomic(out, content);
  process.stdout.write(`wrote ${out}\n`);
  const formatPage = path.join(ROOT, 'docs/lexicon-format.md');
  const page = readFileSync(formatPage, 'utf8');
  const updated = withFieldTable(page);
  if (updated !== page) {
    writeAtomic(formatPage, updated);
    process.stdout.write(`wrote ${formatPage} (rule-field table)\n`);
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
