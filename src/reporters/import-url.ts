// `pipe import-url` and `pipe update`: one line per imported path, saying what was fetched or why
// nothing was, and what to commit.
import type { ImportItem, UpdateItem } from '../remote/import-url.js';
import type { TrackingSource } from '../stores/index.js';
import { humanBytes } from './text.js';

function sizeText(info: { hash: string; size: number; nfiles: number }): string {
  const files = info.hash.endsWith('.dir') ? `${info.nfiles} file${info.nfiles === 1 ? '' : 's'}, ` : '';
  return `${files}${humanBytes(info.size)}`;
}

export function importLine(i: ImportItem): string {
  return `imported ${i.path} (${sizeText(i.info)}) from ${i.source.url}: commit ${i.file}`;
}

/** What differs between two versions of a source: `etag "a" → "b", size 3 → 5`. */
function changes(before: TrackingSource, after: TrackingSource): string {
  const parts: string[] = [];
  if (before.etag !== after.etag && before.etag !== undefined && after.etag !== undefined) parts.push(`etag ${before.etag} → ${after.etag}`);
  if (before.last_modified !== after.last_modified && before.last_modified !== undefined && after.last_modified !== undefined) parts.push(`last modified ${before.last_modified} → ${after.last_modified}`);
  if (before.size !== after.size && before.size !== undefined && after.size !== undefined) parts.push(`size ${before.size} → ${after.size} bytes`);
  return parts.join(', ');
}

export function updateLine(i: UpdateItem): string {
  const url = i.before.url;
  const what = changes(i.before, i.after);
  switch (i.status) {
    case 'unchanged':
      return `${i.path}: up to date with ${url}`;
    case 'would-update':
      if (i.missing !== undefined) return `${i.path}: ${missingWords(i)}; ${url} is unchanged: \`pipe update ${i.path}\` fetches it again`;
      if (i.forced === true) return `${i.path}: ${url} is unchanged: \`pipe update --force ${i.path}\` fetches it again all the same`;
      if (i.contentChanged === true) return `${i.path}: ${url}'s content changed${what === '' ? '' : ` (${what})`}: \`pipe update ${i.path}\` copies it`;
      return what === ''
        ? `${i.path}: ${url} gives no etag or date to compare: \`pipe update ${i.path}\` fetches it and compares the content`
        : `${i.path}: ${url} changed (${what}): \`pipe update ${i.path}\` fetches it`;
    case 'same-content':
      return what === ''
        ? `${i.path}: ${url} sent it again but its content did not change`
        : `${i.path}: ${url} changed (${what}) but its content did not; ${i.file} records the new version: commit it`;
    case 'refetched':
      if (i.forced === true) return `${i.path}: fetched it again from ${url} (--force); its content did not change`;
      return `${i.path}: ${missingWords(i)}: fetched it again from ${url}, which is unchanged (now ${sizeText(i.info ?? { hash: '', size: 0, nfiles: 1 })})`;
    case 'unsaved':
      return `${i.path}: has changes the cache does not hold, left as it is: \`pipe update --force ${i.path}\` overwrites them with ${url}'s ${what === '' ? 'data' : 'new version'}, keeping them in .pipe/kept/ first`;
    case 'updated':
      return `updated ${i.path} from ${url} (${what === '' ? 'new content' : what}; now ${sizeText(i.info ?? { hash: '', size: 0, nfiles: 1 })}): commit ${i.file}`;
  }
}

function missingWords(i: UpdateItem): string {
  return i.missing === 'workspace' ? 'missing from the workspace' : `the cache lacks the version ${i.file} records`;
}
