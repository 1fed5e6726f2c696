// Schema of params.yaml's `ingest:` section (read by stages/ingest.ts).
import { defineSection, type JSONSchemaType } from './load.js';

export interface IngestParams {
  /** FER2013 location, relative to the project root: image folders or a folder holding fer2013.csv */
  source: string;
  /** which layout to read; `auto` picks fer2013.csv when there are no train/ test/ folders */
  layout: 'auto' | 'folders' | 'csv';
  /** keep at most this many images (a stratified, deterministic subset); null (the default) keeps all */
  limit?: number | null;
  /** what to do with an unreadable image or bad CSV row: fail the stage, or skip and count it */
  on_bad: 'error' | 'skip';
}

const schema: JSONSchemaType<IngestParams> = {
  type: 'object',
  properties: {
    source: { type: 'string', minLength: 1, default: 'data/fer2013' },
    layout: { type: 'string', enum: ['auto', 'folders', 'csv'], default: 'auto' },
    limit: { type: 'integer', minimum: 1, nullable: true, default: null },
    on_bad: { type: 'string', enum: ['error', 'skip'], default: 'error' },
  },
  required: ['source', 'layout', 'on_bad'],
  additionalProperties: false,
};

export const ingestSection = defineSection<IngestParams>('ingest', schema);
