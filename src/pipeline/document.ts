// One decoded document → its utterances, its documents.jsonl line and its
// recommendations. Pure: the structure parser says who speaks where, the
// segmenter cuts sentences, the tagger decides each one.
import { keptText, segment } from '../segment/segment.js';
import { structureDocument, type DocumentStructure, type Recommendation } from '../structure/index.js';
import { summarizeContext, type ContextSummary } from '../tag/decide.js';
import type { Tagger } from '../tag/tagger.js';
import type { DocumentRecord, SourceDocument, UtteranceRecord } from '../types.js';

export interface RecommendationRecord extends Recommendation {
  doc: string;
  year?: number;
}

export interface ClassifiedDocument {
  record: DocumentRecord;
  utterances: UtteranceRecord[];
  recommendations: RecommendationRecord[];
}

export interface DocumentOptions {
  /** `--format`: force a structure parser by name. */
  format?: string;
}

export function classifyDocument(doc: SourceDocument, tagger: Tagger, options: DocumentOptions = {}): ClassifiedDocument {
  const structure = structureDocument(doc.text, doc.meta, options.format);
  const utterances = [...taggedUtterances(doc, structure, tagger)];
  return { record: documentRecord(doc, structure, utterances.length), utterances, recommendations: recommendationsOf(doc, structure) };
}

/**
 * The document's utterances, one at a time, in order: each block segmented,
 * each sentence tagged. A caller that writes them as they come (a large file,
 * stream-file.ts) holds one at a time instead of all of them.
 */
export function* taggedUtterances(doc: SourceDocument, structure: DocumentStructure, tagger: Tagger): Generator<UtteranceRecord> {
  let n = 0;
  for (const block of structure.blocks) {
    // Whose "our country" it is: another State's statement in a UPR report speaks for that State.
    const speaker = block.attribution.speaker_role === 'other_state' && block.attribution.speaker ? block.attribution.speaker : doc.meta.country;
    // The sentence before decides an unclear target, as coders read it; a new block is a new speaker.
    let context: ContextSummary | undefined;
    for (const seg of segment(doc.text, block.start, block.end, block.removed)) {
      const text = keptText(doc.text, seg.start, seg.end, seg.removed);
      const result = tagger.tag(text, { country: speaker, year: doc.meta.year, venue: doc.meta.venue, context });
      context = summarizeContext(result);
      yield {
        doc: doc.id,
        id: `${doc.id}:${n}`,
        n,
        country: doc.meta.country,
        year: doc.meta.year,
        // A document with only a year still gives its utterances a date: the year (ISO 8601 "YYYY").
        date: doc.meta.date ?? (doc.meta.year !== undefined ? String(doc.meta.year) : undefined),
        venue: doc.meta.venue,
        audience: doc.meta.audience,
        type: doc.meta.type,
        speaker: block.attribution.speaker,
        speaker_role: block.attribution.speaker_role,
        reported: block.attribution.reported,
        section: block.attribution.section,
        paragraph: seg.paragraph ?? (seg.start === block.start ? block.paragraph : undefined),
        start: seg.start,
        end: seg.end,
        removed: seg.removed,
        text,
        label: result.label,
        confidence: result.confidence,
        relevant: result.relevant,
        scores: result.scores,
        evidence: result.evidence,
        flags: result.flags,
        target: result.target,
        target_confidence: result.target_confidence,
        target_basis: result.target_basis,
      };
      n++;
    }
  }
}

/** The document's documents.jsonl line, once its `utterances` are counted. */
export function documentRecord(doc: SourceDocument, structure: DocumentStructure, utterances: number): DocumentRecord {
  const record: DocumentRecord = {
    id: doc.id,
    path: doc.path,
    status: 'ok',
    format: doc.format,
    encoding: doc.encoding,
    sha256: doc.sha256,
    bytes: doc.bytes,
    meta: doc.meta,
    meta_sources: doc.metaSources,
    structure: structure.parser,
    utterances,
    warnings: [...doc.warnings, ...structure.warnings],
  };
  if (utterances === 0) record.warnings!.push('no sentences found in the text');
  return record;
}

export function recommendationsOf(doc: SourceDocument, structure: DocumentStructure): RecommendationRecord[] {
  return structure.recommendations.map((r) => ({ doc: doc.id, year: doc.meta.year, ...r }));
}
