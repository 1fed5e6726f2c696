// Human-readable rendering of engine events and results.
import { describeReason, type AddItem, type CommitItem, type EngineEvent, type ReproResult, type StageResult, type TrackedChange } from '../engine/index.js';
import { renderFailures } from './failures.js';
import type { Output } from './output.js';

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** `12.1 KiB`: sizes in the 1024 units, as `pipe gc` and `pipe add` print them. */
export function humanBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`;
}

export function reasonsText(r: StageResult['reasons']): string {
  return r.length === 0 ? '' : ` (${r.map(describeReason).join(', ')})`;
}

export function stageLine(r: StageResult): string {
  switch (r.outcome) {
    case 'ran': return `${r.name}: ran (${seconds(r.durationMs)})`;
    case 'restored': return `${r.name}: restored from ${r.restoredFrom === 'run-cache' ? 'run-cache' : 'cache'}`;
    // reasons only with --allow-missing: what it left missing
    case 'up-to-date': return `${r.name}: up to date${reasonsText(r.reasons)}`;
    case 'frozen': return frozenLine(r);
    case 'failed': return `${r.name}: failed: ${r.message ?? 'unknown error'}`;
    case 'skipped': return `${r.name}: skipped (${r.message ?? 'not run'})`;
    case 'would-run': return `${r.name}: would run${reasonsText(r.reasons)}`;
    case 'would-restore': return `${r.name}: would be restored from ${r.restoredFrom === 'run-cache' ? 'run-cache' : 'cache'}${reasonsText(r.reasons)}`;
    case 'blocked': return `${r.name}: blocked: ${r.message ?? 'a dep is missing'}`;
  }
}

/** A frozen stage: not checked, unless outputs it will never make are missing. */
function frozenLine(r: StageResult): string {
  const missing = r.reasons.flatMap((x) => (x.kind === 'out-missing' ? [`'${x.path}'`] : []));
  if (missing.length === 0) return `${r.name}: frozen (not checked)`;
  const never = r.reasons.some((x) => x.kind === 'new') ? ', never ran' : '';
  const what = missing.length === 1 ? `its output ${missing[0] ?? ''} is` : `its outputs ${missing.join(', ')} are`;
  return `${r.name}: frozen${never}: ${what} missing`;
}

/** A stage `pipe status` leaves unsaid: up to date, or frozen with every output there. */
export function isSettled(r: StageResult): boolean {
  return r.outcome === 'up-to-date' || (r.outcome === 'frozen' && !frozenMissing(r));
}

function frozenMissing(r: StageResult): boolean {
  return r.outcome === 'frozen' && r.reasons.some((x) => x.kind === 'out-missing');
}

/** One stage's line in `pipe commit`. */
export function commitLine(i: CommitItem): string {
  switch (i.status) {
    case 'committed': return `${i.stage}: committed${reasonsText(i.reasons)}`;
    case 'up-to-date': return `${i.stage}: up to date${i.recached ? ` (the cache did not hold ${i.recached.map((p) => `'${p}'`).join(', ')}: stored from the workspace)` : ''}`;
    case 'changed': return `${i.stage}: differs from pipeline.lock${reasonsText(i.reasons)}`;
    case 'missing': {
      // repro does not run a frozen stage: the way to its outputs goes through unfreezing it
      const how = i.frozen ? `the stage is frozen: \`pipe unfreeze ${i.stage.split('@')[0] ?? i.stage}\` and run \`pipe repro\`, or \`pipe checkout\`` : 'run `pipe repro` or `pipe checkout`';
      return `${i.stage}: cannot commit: ${i.missing.map((p) => `'${p}'`).join(', ')} missing (${how})`;
    }
    case 'frozen': return `${i.stage}: frozen and never run: nothing to commit`;
    case 'failed': return `${i.stage}: failed: ${i.error ?? 'unknown error'}`;
  }
}

/** One path's line in `pipe add`: `added data/raw (3 files, 12.1 KiB): commit data/raw.pipe`. */
export function addLine(i: AddItem): string {
  const files = i.info.hash.endsWith('.dir') ? `${i.info.nfiles} file${i.info.nfiles === 1 ? '' : 's'}, ` : '';
  const what = `${i.path} (${files}${humanBytes(i.info.size)})`;
  if (i.status === 'unchanged') return `${what}: unchanged, as ${i.file} records it`;
  return `${i.status} ${what}: commit ${i.file}`;
}

/** `pipe status`'s line for tracked data that is not as its `.pipe` file records it, and what to do. */
export function trackedLine(t: TrackedChange): string {
  if (t.state === 'missing') return `${t.path}: missing (tracked by ${t.file}): \`pipe checkout ${t.path}\` restores it (\`pipe pull\` first where the cache lacks it)`;
  if (t.state === 'outdated') return `${t.path}: its source ${t.source ?? ''} changed since the import (size or modification time): \`pipe update ${t.path}\` copies its new version`;
  if (t.imported) return `${t.path}: modified (differs from ${t.file}, which records what was imported): \`pipe checkout ${t.path}\` restores that, \`pipe update ${t.path}\` fetches the source's new version`;
  const restore = `\`pipe checkout ${t.path}\` restores what ${t.file} records`;
  // read by a stage: the next repro (or exp run) records it itself, as DVC's repro commits a changed data source
  if (t.readBy !== undefined && t.readBy.length > 0) {
    const who = t.readBy.length === 1 ? `stage '${t.readBy[0] ?? ''}' reads it` : `stages ${t.readBy.map((n) => `'${n}'`).join(', ')} read it`;
    return `${t.path}: modified (differs from ${t.file}): ${who}, so \`pipe repro\` stores this version in the cache and updates ${t.file} first (\`pipe add ${t.path}\` does so alone); ${restore}`;
  }
  return `${t.path}: modified (differs from ${t.file}): \`pipe add ${t.path}\` records the change, ${restore}`;
}

/** `pipe repro`'s line for tracked data a stage reads that differs from its `.pipe` file (data-sources.ts). */
export function dataSourceLine(e: Extract<EngineEvent, { type: 'data-source' }>): string {
  if (e.action === 'stored') return `${e.path} changed: stored in the cache and ${e.file} updated (commit it)`;
  if (e.action === 'would-store') return `${e.path} changed: would be stored in the cache and ${e.file} updated`;
  return `${e.path} differs from ${e.file}: not stored (--no-commit), so the stages read data ${e.file} does not record; \`pipe add ${e.path}\` records it`;
}

/**
 * Streams stage output prefixed with `[stage] `. With several jobs at once, each stage's lines
 * are held back and printed together when it finishes, so outputs never interleave.
 */
export class TextReporter {
  private readonly held = new Map<string, { stream: 'stdout' | 'stderr'; text: string }[]>();

  constructor(private readonly o: Output, private readonly buffered: boolean) {}

  onEvent = (e: EngineEvent): void => {
    switch (e.type) {
      case 'stage-start':
        this.o.out(`${e.stage}: running${reasonsText(e.reasons)}\n`);
        return;
      case 'stage-output': {
        if (!this.buffered) return this.line(e.stage, e.stream, e.text);
        const list = this.held.get(e.stage) ?? [];
        list.push({ stream: e.stream, text: e.text });
        this.held.set(e.stage, list);
        return;
      }
      case 'stage-done': {
        for (const l of this.held.get(e.result.name) ?? []) this.line(e.result.name, l.stream, l.text);
        this.held.delete(e.result.name);
        const text = `${stageLine(e.result)}\n`;
        if (e.result.outcome === 'failed') this.o.err(text);
        else this.o.out(text);
        return;
      }
      case 'warning':
        this.o.err(`warning: ${e.stage ? `${e.stage}: ` : ''}${e.message}\n`);
        return;
      case 'note':
        this.o.err(`note: ${e.message}\n`);
        return;
      case 'data-source':
        if (e.action === 'left') this.o.err(`warning: ${dataSourceLine(e)}\n`);
        else this.o.out(`${dataSourceLine(e)}\n`);
        return;
    }
  };

  private line(stage: string, stream: 'stdout' | 'stderr', text: string): void {
    (stream === 'stdout' ? this.o.out : this.o.err)(`[${stage}] ${text}\n`);
  }

  /**
   * The closing lines of a repro: failures, or a one-line summary. `partial`: the run left out
   * stages it depends on (`-s`), so "Everything is up to date" would claim too much.
   */
  summary(result: ReproResult, root?: string, partial = false): void {
    if (result.failures.length > 0) {
      this.o.err(renderFailures(result.failures, root));
      return;
    }
    if (result.interrupted) {
      this.o.err('Interrupted: stopped the running stages; pipeline.lock and the cache are unchanged for them.\n');
      return;
    }
    this.o.out(`${summaryLine(result.stages, partial)}\n`);
  }
}

/** `trackedChanged`: tracked data (`pipe add`) that `pipe status` found missing or modified. */
export function summaryLine(stages: StageResult[], partial = false, trackedChanged = 0): string {
  const count = (o: StageResult['outcome']) => stages.filter((s) => s.outcome === o).length;
  if (!partial && trackedChanged === 0 && stages.every(isSettled)) return 'Everything is up to date.';
  const parts: string[] = [];
  const add = (n: number, words: string) => {
    if (n > 0) parts.push(`${n} ${words}`);
  };
  add(trackedChanged, `tracked path${trackedChanged === 1 ? '' : 's'} changed`);
  add(count('ran'), 'ran');
  add(count('restored'), 'restored from cache');
  add(count('would-run'), 'would run');
  add(count('would-restore'), 'would be restored');
  add(count('up-to-date'), 'up to date');
  const missing = stages.filter(frozenMissing).length;
  add(count('frozen') - missing, 'frozen');
  add(missing, 'frozen with outputs missing');
  add(count('failed'), 'failed');
  add(count('skipped'), 'skipped');
  add(count('blocked'), 'blocked');
  return `${parts.join(', ')}.`;
}
