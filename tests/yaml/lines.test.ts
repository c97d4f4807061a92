import { isMap, isSeq } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseYamlLines } from '../../src/yaml/lines.js';

describe('parseYamlLines', () => {
  it('gives the line of any node', () => {
    const yaml = parseYamlLines('# a comment\nname: spiral\nrules:\n  - id: a.b\n  - id: c.d\n');
    expect(yaml.errors).toEqual([]);
    const root = yaml.doc.contents;
    if (!isMap(root)) throw new Error('expected a mapping');
    expect(yaml.lineOf(root.items[0].key)).toBe(2);
    const rules = root.get('rules');
    if (!isSeq(rules)) throw new Error('expected a sequence');
    expect(rules.items.map((item) => yaml.lineOf(item))).toEqual([4, 5]);
    expect(yaml.lineOf(null)).toBeUndefined();
    expect(yaml.lineOf({})).toBeUndefined();
  });

  it('reports errors at their line with one line of message, and a duplicate key as an error', () => {
    expect(parseYamlLines('a: 1\nb: 2\na: 3\n').errors).toEqual([{ line: 3, message: 'Map keys must be unique' }]);
    const [error] = parseYamlLines('a: [1\nb: 2\n').errors;
    expect(error.line).toBe(2);
    expect(error.message).not.toMatch(/\n| at line \d+/);
  });

  it('reads YAML 1.1 when asked (yes is true there, a string in 1.2)', () => {
    expect(parseYamlLines('a: yes\n').doc.toJS()).toEqual({ a: 'yes' });
    expect(parseYamlLines('a: yes\n', { version: '1.1' }).doc.toJS()).toEqual({ a: true });
  });
});
