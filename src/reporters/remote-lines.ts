// What `pipe remote ...` prints: the list (text and --json), and one line per change, with notes
// for what a change did besides (a default unset, a URL-only default replaced).
import type { Added, Modified, RemoteListing } from '../remote/remote-admin.js';
import { passwordHidden } from '../remote/named-remotes.js';
import type { OptionValue, RemoteOptions } from '../remote/remote-options.js';

/**
 * `name  url` per remote, names padded to one column, `(default)` after the default, and under
 * each its options (`pipe remote modify`), one `option = value` a line in the URL's column, in
 * the file's order; an unnamed default last. Options hold no secret (`password_env` names the
 * variable holding one); a password written by hand into a URL is shown as `***`.
 */
export function remoteListText(listing: RemoteListing): string {
  const rows: { name: string; url: string; isDefault: boolean; options: RemoteOptions }[] = listing.remotes.map((r) => ({
    name: r.name,
    url: r.url,
    isDefault: listing.default?.name === r.name,
    options: r.options,
  }));
  // a default written as a URL/path, as before named remotes: listed too, with no name
  if (listing.default !== undefined && listing.default.name === undefined) rows.push({ name: '(no name)', url: listing.default.url, isDefault: true, options: {} });
  const width = Math.max(0, ...rows.map((r) => r.name.length));
  const indent = ' '.repeat(width + 2);
  return rows
    .map((r) => {
      const options = Object.entries(r.options).map(([o, v]) => `${indent}${o} = ${shownValue(v)}\n`);
      return `${r.name.padEnd(width)}  ${passwordHidden(r.url)}${r.isDefault ? '  (default)' : ''}\n${options.join('')}`;
    })
    .join('');
}

/** An option's value as printed: a URL's password (an `endpointurl` written by hand) hidden. */
function shownValue(v: OptionValue): OptionValue {
  return typeof v === 'string' ? passwordHidden(v) : v;
}

export function remoteListJson(listing: RemoteListing): string {
  // `options` only for a remote that has some: the shape of a list without them is as before
  const remotes = listing.remotes.map((r) => ({
    name: r.name,
    url: passwordHidden(r.url),
    default: listing.default?.name === r.name,
    ...(Object.keys(r.options).length > 0 ? { options: Object.fromEntries(Object.entries(r.options).map(([o, v]) => [o, shownValue(v)])) } : {}),
  }));
  const def = listing.default === undefined ? null : { name: listing.default.name ?? null, url: passwordHidden(listing.default.url) };
  return `${JSON.stringify({ remotes, default: def }, null, 2)}\n`;
}

export function remoteAddedLines(a: Added): { out: string; notes: string[] } {
  const verb = a.replaced !== undefined ? `replaced remote ${a.name}: ${a.url} (was ${a.replaced})` : `added remote ${a.name}: ${a.url}`;
  const notes = a.droppedDefault === undefined ? [] : [droppedNote(a.droppedDefault)];
  if (a.droppedOptions !== undefined) notes.push(`its options went with the old one (${a.droppedOptions.join(', ')}): \`pipe remote modify ${a.name} <option> <value>\` sets them again`);
  return { out: `${verb}${a.madeDefault ? ', the default remote' : ''}\n`, notes };
}

export function remoteRemovedLines(r: { name: string; url: string; wasDefault: boolean }): { out: string; notes: string[] } {
  return {
    out: `removed remote ${r.name} (${passwordHidden(r.url)})\n`,
    notes: r.wasDefault ? [`${r.name} was the default remote: there is no default now (\`pipe remote default <name>\` sets one)`] : [],
  };
}

/** `pipe remote default`: the default's name, or its URL where it has none. */
export function remoteDefaultLine(d: { name?: string; url: string }): string {
  return `${d.name ?? passwordHidden(d.url)}\n`;
}

export function remoteDefaultSetLines(r: { name: string; url: string; changed: boolean; dropped?: string }): { out: string; notes: string[] } {
  return {
    out: r.changed ? `the default remote is ${r.name} (${r.url}) now\n` : `the default remote is ${r.name} (${r.url}) already\n`,
    notes: r.dropped === undefined ? [] : [droppedNote(r.dropped)],
  };
}

export function remoteDefaultUnsetLine(r: { was?: string }): string {
  return r.was === undefined ? 'no default remote was set\n' : `no default remote now (was ${r.was})\n`;
}

export function remoteRenamedLine(r: { from: string; to: string; wasDefault: boolean }): string {
  return `renamed remote ${r.from} to ${r.to}${r.wasDefault ? ', the default remote' : ''}\n`;
}

function droppedNote(url: string): string {
  return `\`remote:\` held ${url}, which no name stands for: \`pipe remote add <name> ${url}\` keeps it at hand`;
}

/** `pipe remote modify`: the option's value now and before. */
export function remoteModifiedLine(m: Modified): string {
  const was = m.was === undefined ? '' : ` (was ${m.was})`;
  if (m.value !== undefined) return `remote ${m.name}: ${m.option} is ${m.value} now${was}\n`;
  return m.was === undefined ? `remote ${m.name}: ${m.option} was not set\n` : `remote ${m.name}: ${m.option} unset${was}\n`;
}
