// Stages → DAG: who produces what each stage depends on (its deps, and its params files:
// made-params.ts), structural checks (one producer per path, no output inside another, no cycles)
// and a deterministic dependency order.
import { fail, ok, type Failure, type Result } from './failure.js';
import { paramsFilesOf } from './made-params.js';
import { isWithin } from './paths.js';
import { stageOutputs, type OutputSpec, type StageGraph, type StageSpec } from './types.js';

export function buildGraph(stages: StageSpec[]): Result<StageGraph> {
  const failures: Failure[] = [];
  const outputs: { stage: StageSpec; out: OutputSpec }[] = [];
  // each output against the earlier ones it equals, contains or lies in, in the order they came
  const index = new OutputIndex();
  for (const stage of stages) {
    for (const out of stageOutputs(stage)) {
      for (const i of index.overlapping(out.path)) {
        const prev = outputs[i] as { stage: StageSpec; out: OutputSpec };
        const where = prev.stage === stage ? 'stage' : `stage '${prev.stage.name}'`;
        if (prev.out.path === out.path) {
          failures.push(at(out, 'duplicate-out', `output '${out.path}' of stage '${stage.name}' is also an output of ${where === 'stage' ? 'the same stage' : where}`));
        } else {
          const [inner, outer, outerStage] = isWithin(out.path, prev.out.path)
            ? [out.path, prev.out.path, prev.stage.name]
            : [prev.out.path, out.path, stage.name];
          failures.push(at(out, 'nested-out', `output '${inner}' is inside output '${outer}' (stage '${outerStage}'); an output cannot contain another`));
        }
      }
      index.add(out.path, outputs.length);
      outputs.push({ stage, out });
    }
  }
  if (failures.length > 0) return fail(...failures);

  const upstream = new Map<string, Set<string>>();
  const downstream = new Map<string, Set<string>>();
  for (const s of stages) {
    upstream.set(s.name, new Set());
    downstream.set(s.name, new Set());
  }
  for (const stage of stages) {
    for (const dep of stage.deps) {
      for (const i of index.overlapping(dep.path)) {
        const { stage: producer, out } = outputs[i] as { stage: StageSpec; out: OutputSpec };
        if (producer === stage) {
          failures.push({
            kind: 'cycle',
            message: `cycle: stage '${stage.name}' depends on its own output '${out.path}'`,
            location: dep.location,
          });
          continue;
        }
        upstream.get(stage.name)?.add(producer.name);
        downstream.get(producer.name)?.add(stage.name);
      }
    }
    // a params file another stage makes is read after it, as a dep is (DVC's params are deps)
    for (const file of paramsFilesOf(stage)) {
      for (const i of index.containing(file.path)) {
        const { stage: producer, out } = outputs[i] as { stage: StageSpec; out: OutputSpec };
        if (producer === stage) {
          failures.push({ kind: 'cycle', message: `cycle: stage '${stage.name}' reads params from its own output '${out.path}'`, location: file.location });
          continue;
        }
        upstream.get(stage.name)?.add(producer.name);
        downstream.get(producer.name)?.add(stage.name);
      }
    }
  }
  if (failures.length > 0) return fail(...failures);
  const cycle = findCycle(stages, upstream);
  if (cycle) {
    const first = stages.find((s) => s.name === cycle[0]);
    const f: Failure = { kind: 'cycle', message: `cycle between stages: ${cycle.join(' -> ')}` };
    if (first) f.location = first.location;
    return fail(f);
  }
  return ok({ order: topoOrder(stages, upstream, downstream), upstream, downstream });
}

/**
 * Outputs by path, for the questions buildGraph asks of every output, dep and params file:
 * which outputs a path lies in (isWithin(path, out)) and which lie in it (isWithin(out, path)).
 * Why: comparing each path with every output made loading a pipeline O(N²) in stages (10,000
 * stages: seconds for every command). A path is looked up under itself and under each of its
 * folders, so a lookup costs its depth, not the number of outputs. Answers are output numbers in
 * the order the outputs were added, as a loop over them would meet them.
 */
class OutputIndex {
  /** path → outputs with exactly that path */
  private readonly exact = new Map<string, number[]>();
  /** folder → outputs strictly inside it (`folder/...`) */
  private readonly below = new Map<string, number[]>();
  private count = 0;

  add(path: string, n: number): void {
    push(this.exact, path, n);
    for (const folder of foldersOf(path)) push(this.below, folder, n);
    this.count = n + 1;
  }

  /** outputs `path` is or lies in: isWithin(path, out) */
  containing(path: string): number[] {
    const found = [...(this.exact.get(path) ?? [])];
    for (const folder of foldersOf(path)) found.push(...(this.exact.get(folder) ?? []));
    // isWithin(x, '') holds for every x: the root holds everything (inOrder drops a repeat)
    found.push(...(this.exact.get('') ?? []));
    return inOrder(found);
  }

  /** outputs that `path` is, contains or lies in: isWithin(path, out) || isWithin(out, path) */
  overlapping(path: string): number[] {
    if (path === '') return Array.from({ length: this.count }, (_, i) => i);
    return inOrder([...this.containing(path), ...(this.below.get(path) ?? [])]);
  }
}

function push(map: Map<string, number[]>, key: string, n: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [n]);
  else list.push(n);
}

/** Every `f` with `path.startsWith(f + '/')`: the folders isWithin finds `path` in ('a/b/c': 'a', 'a/b'). */
function foldersOf(path: string): string[] {
  const folders: string[] = [];
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) folders.push(path.slice(0, i));
  return folders;
}

/** Distinct, ascending. */
function inOrder(ns: number[]): number[] {
  if (ns.length < 2) return ns;
  return [...new Set(ns)].sort((a, b) => a - b);
}

function at(out: OutputSpec, kind: Failure['kind'], message: string): Failure {
  return { kind, message, location: out.location };
}

/**
 * A cycle as a list of stage names, first repeated at the end, or undefined. A depth-first walk
 * upstream from each stage in pipeline.yaml order, with its own stack rather than recursion: a
 * chain of 10,000 stages listed last first is 10,000 deep, past what the call stack holds.
 */
function findCycle(stages: StageSpec[], upstream: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  for (const s of stages) {
    if (state.has(s.name)) continue;
    // the walk: the stages open (each with what is left of its upstream stages), root first
    const stack: { name: string; ups: Iterator<string> }[] = [];
    const open = (name: string) => {
      state.set(name, 'open');
      stack.push({ name, ups: (upstream.get(name) ?? new Set<string>()).values() });
    };
    open(s.name);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as (typeof stack)[number];
      const next = top.ups.next();
      if (next.done === true) {
        state.set(top.name, 'done');
        stack.pop();
        continue;
      }
      const up = next.value;
      const seen = state.get(up);
      if (seen === 'done') continue;
      if (seen === 'open') {
        // the stack walks upstream; reversed it reads in data-flow order (producer -> consumer)
        const cycle = stack.slice(stack.findIndex((f) => f.name === up)).map((f) => f.name);
        return [...cycle.reverse(), cycle[0] ?? up];
      }
      open(up);
    }
  }
  return undefined;
}

/**
 * Kahn's algorithm, always taking the earliest ready stage in pipeline.yaml order: a count of
 * unfinished upstream stages per stage and the ready ones in a min-heap of their positions, so
 * the order is the one a scan for the first ready stage gives, in O(N log N + edges).
 */
function topoOrder(stages: StageSpec[], upstream: Map<string, Set<string>>, downstream: Map<string, Set<string>>): string[] {
  const position = new Map<string, number>();
  stages.forEach((s, i) => {
    if (!position.has(s.name)) position.set(s.name, i);
  });
  const waiting = stages.map((s) => upstream.get(s.name)?.size ?? 0);
  const ready = new MinHeap();
  for (const i of position.values()) if (waiting[i] === 0) ready.push(i);
  const order: string[] = [];
  for (let i = ready.pop(); i !== undefined; i = ready.pop()) {
    const name = (stages[i] as StageSpec).name;
    order.push(name);
    for (const down of downstream.get(name) ?? []) {
      const j = position.get(down);
      if (j === undefined) continue;
      const left = (waiting[j] as number) - 1;
      waiting[j] = left;
      if (left === 0) ready.push(j);
    }
  }
  return order;
}

/** A binary min-heap of numbers. */
class MinHeap {
  private readonly items: number[] = [];

  push(n: number): void {
    const a = this.items;
    let i = a.length;
    a.push(n);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((a[parent] as number) <= n) break;
      a[i] = a[parent] as number;
      i = parent;
    }
    a[i] = n;
  }

  pop(): number | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (top === undefined || last === undefined || a.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const c = r < a.length && (a[r] as number) < (a[l] as number) ? r : l;
      if ((a[c] as number) >= last) break;
      a[i] = a[c] as number;
      i = c;
    }
    a[i] = last;
    return top;
  }
}
