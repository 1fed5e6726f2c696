// What `pipe doctor` prints: the report as text to paste into a bug report, or as one JSON object.
import type { DoctorReport } from '../doctor/report.js';
import { humanBytes } from './text.js';

export function doctorJson(r: DoctorReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

export function doctorText(r: DoctorReport): string {
  const s = r.system;
  const lines = [
    `pipe ${r.version}`,
    `Node ${s.node} on ${s.platform} ${s.arch}`,
    `CPU: ${s.cpu}, ${s.cores} core${s.cores === 1 ? '' : 's'} available`,
    `Memory: ${humanBytes(s.memory.total)} (${humanBytes(s.memory.free)} free)`,
    `git: ${s.git ?? 'not found (git cannot be run here)'}`,
    '',
    'TensorFlow.js backends (from pipe\'s node_modules):',
  ];
  const width = Math.max(...r.backends.packages.map((p) => p.name.length));
  for (const p of r.backends.packages) {
    lines.push(`  ${p.name.padEnd(width)}  ${p.installed ? `${p.version ?? '?'}, ` : ''}${p.detail}`);
  }
  lines.push(`  ${trainLine(r)}`, `  (probed in ${r.backends.probeMs} ms; \`pipe doctor\` starts no backend)`, '');
  const p = r.project;
  if (p === null) {
    lines.push('Project: none here (no pipeline.yaml in this folder or any folder above it; `pipe init` makes one)');
    return `${lines.join('\n')}\n`;
  }
  lines.push(`Project: ${p.root}`);
  lines.push(`  pipeline.yaml: ${p.stages !== null ? `${p.stages} stage${p.stages === 1 ? '' : 's'}` : `does not load: ${p.pipelineError ?? ''}`}`);
  const c = p.cache;
  lines.push(
    `  cache: ${c.dir}: ${c.objects} object${c.objects === 1 ? '' : 's'} (${humanBytes(c.bytes)}), ` +
      `${c.runEntries} run-cache entr${c.runEntries === 1 ? 'y' : 'ies'}`,
  );
  if (p.remote !== null) {
    const shown = p.remote.location === p.remote.url ? p.remote.url : `${p.remote.url} (${p.remote.location})`;
    lines.push(`  remote: ${shown}, set by ${remoteSource(p.remote.source)} (not contacted)`);
  } else {
    lines.push(`  remote: none: ${p.remoteProblem ?? ''}`);
  }
  lines.push(`  git: ${p.git.repository ? `a repository (${p.git.top ?? ''})` : 'not in a git repository'}`);
  lines.push(`  .pipeignore: ${p.pipeignore ? 'yes' : 'no'}`);
  return `${lines.join('\n')}\n`;
}

/** `train would use: wasm, 2 threads (train.backend: auto, train.threads: 0, from defaults)` */
function trainLine(r: DoctorReport): string {
  const t = r.backends.train;
  const settings = `train.backend: ${t.setting}, train.threads: ${t.threadsSetting}${t.threadsSetting === 0 ? ' (one per core)' : ''}, from ${t.from}`;
  if (t.backend === null) return `train would not start: ${t.problem ?? ''} (${settings})`;
  const threads = t.backend === 'wasm' || t.backend === 'cpu' ? `, ${t.threads} thread${t.threads === 1 ? '' : 's'}` : '';
  return `train would use: ${t.backend}${threads} (${settings})`;
}

function remoteSource(source: string): string {
  if (source === 'PIPE_REMOTE') return '$PIPE_REMOTE';
  if (source === '--remote') return '--remote';
  return source;
}
