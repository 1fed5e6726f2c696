// What `pipe remote ...` prints: the list (text and --json), and one line per change, with notes
// for what a change did besides (a default unset, a URL-only default replaced).
import type { Added, LocalMarks, Modified, RemoteListing } from '../remote/remote-admin.js';
import { passwordHidden } from '../remote/named-remotes.js';
import { shownOption, type OptionValue, type RemoteOptions } from '../remote/remote-options.js';

/**
 * `name  url` per remote, names padded to one column, `(default)` after the default, and under
 * each its options (`pipe remote modify`), one `option = value` a line in the URL's column, in
 * the file's order; an unnamed default last. Options hold no secret (`password_env` names the
 * variable holding one); a password written by hand into a URL is shown as `***`. A value that
 * pipe.config.local.yaml gives (over pipe.config.yaml's, or of a remote there alone) is followed
 * by `(local)`, and a default set there reads `(default, local)`.
 */
export function remoteListText(listing: RemoteListing): string {
  const rows: { name: string; url: string; isDefault: boolean; options: RemoteOptions; local?: LocalMarks }[] = listing.remotes.map((r) => ({
    name: r.name,
    url: r.url,
    isDefault: listing.default?.name === r.name,
    options: r.options,
    ...(r.local !== undefined ? { local: r.local } : {}),
  }));
  // a default written as a URL/path, as before named remotes: listed too, with no name
  if (listing.default !== undefined && listing.default.name === undefined) rows.push({ name: '(no name)', url: listing.default.url, isDefault: true, options: {}, ...(listing.default.local === true ? { local: { url: true, options: [], only: true } } : {}) });
  const width = Math.max(0, ...rows.map((r) => r.name.length));
  const indent = ' '.repeat(width + 2);
  const localDefault = listing.default?.local === true;
  return rows
    .map((r) => {
      const options = Object.entries(r.options).map(([o, v]) => `${indent}${o} = ${shownValue(v, o)}${r.local?.options.includes(o) === true ? '  (local)' : ''}\n`);
      const marks = [r.local?.url === true ? '  (local)' : '', r.isDefault ? (localDefault ? '  (default, local)' : '  (default)') : ''].join('');
      return `${r.name.padEnd(width)}  ${passwordHidden(r.url)}${marks}\n${options.join('')}`;
    })
    .join('');
}

/** An option's value as printed: a URL's password (an `endpointurl` written by hand) hidden, a secret option's (`account_key`) whole. */
function shownValue(v: OptionValue, option: string): OptionValue {
  const shown = shownOption(option, v);
  return typeof shown === 'string' ? passwordHidden(shown) : shown;
}

export function remoteListJson(listing: RemoteListing): string {
  // `options` only for a remote that has some, `local` only for one pipe.config.local.yaml gives
  // something of: the shape of a list without them is as before
  const remotes = listing.remotes.map((r) => ({
    name: r.name,
    url: passwordHidden(r.url),
    default: listing.default?.name === r.name,
    ...(Object.keys(r.options).length > 0 ? { options: Object.fromEntries(Object.entries(r.options).map(([o, v]) => [o, shownValue(v, o)])) } : {}),
    ...(r.local !== undefined ? { local: r.local } : {}),
  }));
  const def = listing.default === undefined ? null : { name: listing.default.name ?? null, url: passwordHidden(listing.default.url), ...(listing.default.local === true ? { local: true } : {}) };
  return `${JSON.stringify({ remotes, default: def }, null, 2)}\n`;
}

const IN_LOCAL = ' (in pipe.config.local.yaml)';

export function remoteAddedLines(a: Added): { out: string; notes: string[] } {
  const where = a.local === true ? IN_LOCAL : '';
  const verb = a.replaced !== undefined ? `replaced remote ${a.name}${where}: ${a.url} (was ${a.replaced})` : `added remote ${a.name}${where}: ${a.url}`;
  const notes = a.droppedDefault === undefined ? [] : [droppedNote(a.droppedDefault)];
  if (a.droppedOptions !== undefined) notes.push(`its options went with the old one (${a.droppedOptions.join(', ')}): \`pipe remote modify${a.local === true ? ' --local' : ''} ${a.name} <option> <value>\` sets them again`);
  return { out: `${verb}${a.madeDefault ? ', the default remote' : ''}\n`, notes };
}

export function remoteRemovedLines(r: { name: string; url: string; wasDefault: boolean; local?: true; stillLocal?: true; committedToo?: string }): { out: string; notes: string[] } {
  const notes = r.wasDefault ? [`${r.name} was the default remote${r.local === true ? ' for this clone' : ''}: ${r.local === true ? "pipe.config.yaml's default serves again" : 'there is no default now (`pipe remote default <name>` sets one)'}`] : [];
  if (r.committedToo !== undefined) notes.push(`pipe.config.yaml's remote ${r.name} (${passwordHidden(r.committedToo)}) serves again, without this clone's settings`);
  if (r.stillLocal === true) notes.push(`pipe.config.local.yaml still holds remote ${r.name}, this clone's own: \`pipe remote remove --local ${r.name}\` removes it there`);
  return { out: `removed remote ${r.name}${r.local === true ? ' from pipe.config.local.yaml' : ''} (${passwordHidden(r.url)})\n`, notes };
}

/** `pipe remote default`: the default's name, or its URL where it has none; `(local)` where pipe.config.local.yaml sets it. */
export function remoteDefaultLine(d: { name?: string; url: string; local?: true }): string {
  return `${d.name ?? passwordHidden(d.url)}${d.local === true ? '  (local)' : ''}\n`;
}

export function remoteDefaultSetLines(r: { name: string; url: string; changed: boolean; dropped?: string; local?: true; shadowed?: string }): { out: string; notes: string[] } {
  const forWhom = r.local === true ? ' for this clone' : '';
  const notes = r.dropped === undefined ? [] : [droppedNote(r.dropped)];
  if (r.shadowed !== undefined) notes.push(shadowedNote(r.shadowed));
  return { out: r.changed ? `the default remote${forWhom} is ${r.name} (${r.url}) now\n` : `the default remote${forWhom} is ${r.name} (${r.url}) already\n`, notes };
}

export function remoteDefaultUnsetLines(r: { was?: string; local?: true; now?: string; shadowed?: string }): { out: string; notes: string[] } {
  const where = r.local === true ? IN_LOCAL : '';
  const out = r.was === undefined ? `no default remote was set${where}\n` : `no default remote${where} now (was ${r.was})\n`;
  const notes = r.now !== undefined ? [`pipe.config.yaml's default serves: ${r.now}`] : [];
  if (r.shadowed !== undefined) notes.push(shadowedNote(r.shadowed));
  return { out, notes };
}

function shadowedNote(name: string): string {
  return `pipe.config.local.yaml names ${name} the default for this clone, which wins here: \`pipe remote default --local --unset\` lets pipe.config.yaml's serve`;
}

export function remoteRenamedLine(r: { from: string; to: string; wasDefault: boolean; local?: true; alsoLocal?: true }): string {
  const where = r.local === true ? IN_LOCAL : r.alsoLocal === true ? ' (and in pipe.config.local.yaml)' : '';
  return `renamed remote ${r.from} to ${r.to}${where}${r.wasDefault ? ', the default remote' : ''}\n`;
}

function droppedNote(url: string): string {
  return `\`remote:\` held ${url}, which no name stands for: \`pipe remote add <name> ${url}\` keeps it at hand`;
}

/** `pipe remote modify`: the option's value now and before, and a note where another file's value wins or shows through. */
export function remoteModifiedLines(m: Modified): { out: string; notes: string[] } {
  const was = m.was === undefined ? '' : ` (was ${shownOption(m.option, m.was)})`;
  const where = m.local === true ? IN_LOCAL : '';
  let out: string;
  if (m.value !== undefined) out = `remote ${m.name}: ${m.option} is ${shownOption(m.option, m.value)} now${where}${was}\n`;
  else out = m.was === undefined ? `remote ${m.name}: ${m.option} was not set${where}\n` : `remote ${m.name}: ${m.option} unset${where}${was}\n`;
  const notes: string[] = [];
  if (m.now !== undefined) {
    notes.push(
      m.value !== undefined
        ? `${m.now.file} sets ${m.option} ${shownValue(m.now.value, m.option)} for this clone, which wins here: \`pipe remote modify --local --unset ${m.name} ${m.option}\` lets this one serve`
        : `${m.option} is ${shownValue(m.now.value, m.option)} from ${m.now.file}`,
    );
  }
  return { out, notes };
}
