import { describe, expect, it } from 'vitest';
import { DictionaryFormatError, type Dictionary } from '../../src/interchange/dictionary.js';
import { readLiwc, writeLiwc } from '../../src/interchange/liwc.js';
import { readQuanteda, writeQuanteda } from '../../src/interchange/quanteda.js';
import { liwcProblems, quantedaProblems } from './format-rules.js';

const DICT: Dictionary = {
  header: ['a test dictionary'],
  nodes: [
    {
      name: 'denial',
      values: [],
      children: [{ name: 'denial.one', values: ['internal affairs', 'interfer*', 'yes', '1975'], children: [], note: 'One. (weight 2)' }],
    },
    { name: 'relevance', values: ['human rights', 'on'], children: [] },
  ],
};

describe('quanteda YAML', () => {
  const text = writeQuanteda(DICT);

  it('writes a dictionary that meets the format rules, quoting values YAML 1.1 would not read as strings', () => {
    expect(quantedaProblems(text)).toEqual([]);
    expect(text).toContain('    - "yes"');
    expect(text).toContain('    - "1975"');
    expect(text.startsWith('# a test dictionary\n"denial":\n  # One. (weight 2)\n  "denial.one":\n')).toBe(true);
  });

  it('reads back what it writes', () => {
    const back = readQuanteda(text, 'x.yml');
    expect(back.nodes.map((n) => n.name)).toEqual(['denial', 'relevance']);
    expect(back.nodes[0].children[0].values).toEqual(['internal affairs', 'interfer*', 'yes', '1975']);
    expect(back.nodes[1].values).toEqual(['human rights', 'on']);
  });

  it('rejects what quanteda rejects, naming file and line', () => {
    const fail = (yaml: string) => {
      try {
        readQuanteda(yaml, 'd.yml');
      } catch (err) {
        expect(err).toBeInstanceOf(DictionaryFormatError);
        return (err as Error).message;
      }
      throw new Error('expected an error');
    };
    expect(fail('a:\n  - x\n  - 1975\n')).toBe("d.yml:3: non-character entry in dictionary key 'a': 1975");
    expect(fail('a:\n  - yes\n')).toBe("d.yml:2: non-character entry in dictionary key 'a': true");
    expect(fail('- x\n- y\n')).toBe('d.yml:1: a quanteda dictionary is a mapping of named keys');
    expect(fail('a: [x]\na: [y]\n')).toMatch(/^d\.yml:2: Map keys must be unique/);
    expect(fail('a:\n')).toBe("d.yml:1: non-character entry in dictionary key 'a': null");
  });

  it('reads a key holding both values and sub-keys (quanteda writes the values under "__") and lowercases', () => {
    const back = readQuanteda('top:\n  __: [Alpha]\n  sub: [Beta Gamma]\n', 'x.yml');
    expect(back.nodes[0]).toMatchObject({ name: 'top', values: ['alpha'], children: [{ name: 'sub', values: ['beta gamma'] }] });
    expect(
      quantedaProblems(writeQuanteda({ header: [], nodes: [{ name: 'top', values: ['alpha'], children: [{ name: 'sub', values: ['b'], children: [] }] }] })),
    ).toEqual([]);
  });
});

describe('LIWC .dic', () => {
  const text = writeLiwc(DICT);

  it('writes the legend between % lines and one term per line with its category numbers', () => {
    expect(liwcProblems(text)).toEqual([]);
    expect(text).toBe('%\n1\tdenial\n2\trelevance\n%\n1975\t1\nhuman rights\t2\ninterfer*\t1\ninternal affairs\t1\non\t2\nyes\t1\n');
  });

  it('lists a term of several categories once, with every number', () => {
    const both = writeLiwc({
      header: [],
      nodes: [
        { name: 'a', values: ['x'], children: [] },
        { name: 'b', values: ['x'], children: [] },
      ],
    });
    expect(both).toBe('%\n1\ta\n2\tb\n%\nx\t1\t2\n');
  });

  it('reads LIWC files: legend with spaces, multi-word terms, unsupported lines and undefined categories as warnings', () => {
    const source = '%\n1 posemo\n2\tnegemo\n%\nhappy*\t1\nnot good\t2\nlike\t(02 134)125/464\t1\nodd\t7\n';
    const { dictionary, warnings } = readLiwc(source, 'x.dic');
    expect(dictionary.nodes).toMatchObject([
      { name: 'posemo', values: ['happy*'] },
      { name: 'negemo', values: ['not good'] },
    ]);
    expect(warnings.map((w) => `${w.where}: ${w.message}`)).toEqual([
      'x.dic:7: entry skipped (not "term<tab>category numbers"): "like\\t(02 134)125/464\\t1"',
      'x.dic:8: "odd" names undefined category 7',
    ]);
  });

  it('refuses a file without the % legend', () => {
    expect(() => readLiwc('happy\t1\n', 'x.dic')).toThrow(/x\.dic:1: a LIWC dictionary starts with a category legend/);
  });
});
