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
    ...(s.gpus.length === 0 ? ['GPU: no NVIDIA GPU found (nvidia-smi is not installed, or lists none)'] : s.gpus.map((g) => `GPU: ${g.name}${g.memoryMiB !== null ? ` (${g.memoryMiB} MiB)` : ''}, NVIDIA driver ${g.driver}`)),
    `git: ${s.git ?? 'not found (git cannot be run here)'}`,
    '',
    'TensorFlow.js backends (from pipe\'s node_modules):',
  ];
  const width = Math.max(...r.backends.packages.map((p) => p.name.length));
  for (const p of r.backends.packages) {
    lines.push(`  ${p.name.padEnd(width)}  ${p.installed ? `${p.version ?? '?'}, ` : ''}${p.detail}`);
  }
  lines.push(...trainLines(r).map((l) => `  ${l}`), `  (probed in ${r.backends.probeMs} ms; \`pipe doctor\` starts no backend: \`pipe doctor --bench\` does)`, '');
  if (r.bench !== undefined) lines.push(...benchLines(r), '');
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

/**
 * `train would use: wasm, 2 threads, Winograd convolutions`, then the settings it comes from, what
 * `auto` skipped, and what could make training faster here.
 */
function trainLines(r: DoctorReport): string[] {
  const t = r.backends.train;
  const settings =
    `train.backend: ${t.setting}, train.threads: ${t.threadsSetting}${t.threadsSetting === 0 ? ' (one per core)' : ''}` +
    `${t.backend === 'wasm' ? `, train.winograd: ${t.winograd}${t.winograd ? `, train.winograd_tile: ${t.winogradTile}` : ''}` : ''}; from ${t.from}`;
  if (t.backend === null) return [`train would not start: ${t.problem ?? ''}`, `  (${settings})`];
  let what: string = t.backend;
  if (t.backend === 'wasm') what += `, ${t.threads} thread${t.threads === 1 ? '' : 's'}${t.winograd ? `, Winograd convolutions${t.winogradTile === 4 ? ' (tiles up to 4x4)' : ''}` : ''}`;
  if (t.backend === 'tensorflow-gpu' && r.backends.packages.some((p) => p.backend === 'tensorflow-gpu' && p.detail.includes('no GPU'))) what += ', no GPU visible: on the CPU';
  const lines = [`train would use: ${what}`, `  (${settings})`];
  if (t.skipped.length > 0) lines.push(`  skipped: ${t.skipped.join('; ')}`);
  for (const n of speedNotes(r)) lines.push(`  note: ${n}`);
  return lines;
}

/** What makes this machine's training slower than it could be, as far as the settings tell. */
function speedNotes(r: DoctorReport): string[] {
  const t = r.backends.train;
  const cores = r.system.cores;
  const notes: string[] = [];
  if (r.system.gpus.length > 0 && t.backend !== 'tensorflow-gpu') {
    const gpuPkg = r.backends.packages.find((p) => p.backend === 'tensorflow-gpu');
    const why = gpuPkg === undefined || !gpuPkg.installed ? '@tensorflow/tfjs-node-gpu is not installed' : gpuPkg.loadable === true ? `train.backend is ${t.setting}` : `@tensorflow/tfjs-node-gpu ${gpuPkg.detail}`;
    notes.push(`this machine has an NVIDIA GPU, which training does not use: ${why} (it needs CUDA 11.2 and cuDNN 8.1: see README's Backends)`);
  }
  if (t.backend === 'cpu') notes.push('the plain-JavaScript backend is correct but very slow: see README\'s Backends for the others');
  if (t.backend !== 'wasm') return notes;
  if (t.threadsSetting > 0 && t.threadsSetting < cores) notes.push(`train.threads: ${t.threadsSetting} uses ${t.threadsSetting} of ${cores} cores (0: one per core)`);
  // train.threads 0 counts the machine's CPUs (os.cpus()), which a container or taskset may not all give this process
  if (t.threadsSetting === 0 && t.threads > cores) notes.push(`train.threads: 0 starts ${t.threads} threads, one per CPU of the machine, but this process may use ${cores}: they take turns (set train.threads: ${cores})`);
  if (t.threadsSetting > cores) notes.push(`train.threads: ${t.threadsSetting} is more threads than the ${cores} cores: they take turns (0: one per core)`);
  if (t.threads === 1 && (t.threadsSetting || cores) > 1) notes.push('the threaded WebAssembly build cannot run here: one thread');
  if (!t.winograd) notes.push('train.winograd: true does the 3x3 convolutions with less arithmetic (results equal to float32 rounding, not to the bit)');
  return notes;
}

/** `--bench`: what started, how long it took, and the two timings. */
function benchLines(r: DoctorReport): string[] {
  const b = r.bench;
  if (b === undefined) return [];
  if ('error' in b) return [`Benchmark: ${b.error}`];
  const lines = [`Benchmark: ${b.backend}, started in ${(b.startMs / 1000).toFixed(1)} s`];
  const t = r.backends.train;
  if (b.started.backend !== t.backend || (t.backend === 'wasm' && b.started.threads !== t.threads)) {
    lines.push(`  note: doctor's probe predicted ${t.backend ?? 'none'}${t.backend === 'wasm' ? ` with ${t.threads} threads` : ''}: the line above is what training gets`);
  }
  lines.push(
    `  matMul 512x512 by 512x512: ${b.matMul.msPerRun} ms per call, ${b.matMul.gflops} GFLOP/s (${b.matMul.runs} calls)`,
    `  conv2d 3x3, batch 32 of 24x24x64 to 64 channels: ${b.conv2d.msPerRun} ms per call, ${b.conv2d.gflops} GFLOP/s (${b.conv2d.runs} calls)`,
  );
  return lines;
}

function remoteSource(source: string): string {
  if (source === 'PIPE_REMOTE') return '$PIPE_REMOTE';
  if (source === '--remote') return '--remote';
  return source;
}
