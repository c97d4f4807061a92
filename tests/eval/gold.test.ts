import { describe, expect, it } from 'vitest';
import { GoldFormatError, parseGold } from '../../src/eval/gold.js';

const line = (value: unknown): string => JSON.stringify(value);

describe('parseGold', () => {
  it('reads id, text, label, line and metadata, skipping blank lines', () => {
    const text = [
      line({ id: 'a1', text: 'We reject this interference.', label: 'denial', country: 'kenya', year: 1991, venue: 'UN General Assembly' }),
      '',
      line({ id: 7, text: 'Good morning.', label: 'none' }),
    ].join('\n');
    const items = parseGold(text, 'gold.jsonl');
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ id: 'a1', label: 'denial', line: 1, meta: { country: 'KEN', year: 1991, venue: 'UN General Assembly' } });
    expect(items[1]).toMatchObject({ id: '7', label: 'none', line: 3, meta: {} });
  });

  it('accepts a BOM and CRLF line endings', () => {
    const text = '\uFEFF' + line({ id: 'x', text: 't', label: 'none' }) + '\r\n' + line({ id: 'y', text: 'u', label: 'none' }) + '\r\n';
    expect(parseGold(text, 'g.jsonl').map((i) => i.id)).toEqual(['x', 'y']);
  });

  it('keeps an unknown country name as given', () => {
    const [item] = parseGold(line({ id: 'x', text: 't', label: 'none', country: 'atlantis' }), 'g.jsonl');
    expect(item.meta.country).toBe('atlantis');
  });

  it('names file and line of a bad label, bad JSON and a duplicate id, all at once', () => {
    const text = [
      line({ id: 'a', text: 'one', label: 'none' }),
      line({ id: 'b', text: 'two', label: 'praise' }),
      '{"id": "c", "text": ',
      line({ id: 'a', text: 'again', label: 'none' }),
    ].join('\n');
    let error: unknown;
    try {
      parseGold(text, 'dev.jsonl');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(GoldFormatError);
    const message = (error as Error).message;
    expect(message).toMatch(/dev\.jsonl:2: bad label "praise"/);
    expect(message).toMatch(/dev\.jsonl:3: invalid JSON/);
    expect(message).toMatch(/dev\.jsonl:4: duplicate id "a" \(first on line 1\)/);
  });

  it('rejects missing text, missing id and non-objects', () => {
    expect(() => parseGold(line({ id: 'a', label: 'none' }), 'g')).toThrow(/g:1: missing or empty "text"/);
    expect(() => parseGold(line({ text: 'x', label: 'none' }), 'g')).toThrow(/g:1: missing or empty "id"/);
    expect(() => parseGold('[1, 2]', 'g')).toThrow(/g:1: expected a JSON object/);
  });

  it('rejects an empty file', () => {
    expect(() => parseGold('\n\n', 'empty.jsonl')).toThrow(/empty\.jsonl: no gold items/);
  });
});
