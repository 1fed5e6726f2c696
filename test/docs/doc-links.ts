// Finds the relative links in Markdown files that lead nowhere: a file that is not there, or a
// `#fragment` that no heading of the target produces. Anchors are made as GitHub makes them
// (github-slugger, the same package GitHub's own renderer family uses), so what passes here is
// what a reader can click on GitHub.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import GithubSlugger from 'github-slugger';

export interface BrokenLink {
  /** `file:line`, relative to the root */
  where: string;
  target: string;
  why: string;
}

/** A line that opens or closes a fenced code block. */
const FENCE = /^\s*(```|~~~)/;

/** Markdown text without fenced code blocks or inline code, line numbers kept. */
function proseOnly(text: string): string[] {
  let fenced = false;
  return text.split('\n').map((line) => {
    if (FENCE.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line.replace(/`[^`]*`/g, '');
  });
}

/** The anchors of a file's headings, duplicates numbered as GitHub numbers them. */
function anchorsOf(file: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (FENCE.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    // the slugger drops the backticks and asterisks of inline markup itself
    if (heading?.[1] !== undefined) anchors.add(slugger.slug(heading[1]));
  }
  return anchors;
}

export function brokenLinks(root: string, files: string[]): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const anchors = new Map<string, Set<string>>();
  const anchorsAt = (file: string): Set<string> => {
    let set = anchors.get(file);
    if (set === undefined) anchors.set(file, (set = anchorsOf(file)));
    return set;
  };
  for (const file of files) {
    const lines = proseOnly(readFileSync(file, 'utf8'));
    lines.forEach((line, i) => {
      for (const match of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        const target = match[1] ?? '';
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: ...
        const [path = '', fragment] = target.split('#', 2);
        const resolved = path === '' ? file : join(dirname(file), decodeURIComponent(path));
        const where = `${relative(root, file)}:${i + 1}`;
        if (!existsSync(resolved)) {
          broken.push({ where, target, why: 'no such file' });
        } else if (fragment !== undefined && resolved.endsWith('.md') && !anchorsAt(resolved).has(fragment)) {
          broken.push({ where, target, why: `no heading of ${relative(root, resolved)} has this anchor` });
        }
      }
    });
  }
  return broken;
}
