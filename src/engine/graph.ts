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
  for (const stage of stages) {
    for (const out of stageOutputs(stage)) {
      for (const prev of outputs) {
        const where = prev.stage === stage ? 'stage' : `stage '${prev.stage.name}'`;
        if (prev.out.path === out.path) {
          failures.push(at(out, 'duplicate-out', `output '${out.path}' of stage '${stage.name}' is also an output of ${where === 'stage' ? 'the same stage' : where}`));
        } else if (isWithin(out.path, prev.out.path) || isWithin(prev.out.path, out.path)) {
          const [inner, outer, outerStage] = isWithin(out.path, prev.out.path)
            ? [out.path, prev.out.path, prev.stage.name]
            : [prev.out.path, out.path, stage.name];
          failures.push(at(out, 'nested-out', `output '${inner}' is inside output '${outer}' (stage '${outerStage}'); an output cannot contain another`));
        }
      }
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
      for (const { stage: producer, out } of outputs) {
        if (!isWithin(dep.path, out.path) && !isWithin(out.path, dep.path)) continue;
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
      for (const { stage: producer, out } of outputs) {
        if (!isWithin(file.path, out.path)) continue;
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
  return ok({ order: topoOrder(stages, upstream), upstream, downstream });
}

function at(out: OutputSpec, kind: Failure['kind'], message: string): Failure {
  return { kind, message, location: out.location };
}

/** A cycle as a list of stage names, first repeated at the end, or undefined. */
function findCycle(stages: StageSpec[], upstream: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    const s = state.get(name);
    if (s === 'done') return undefined;
    if (s === 'open') {
      // the stack walks upstream; reversed it reads in data-flow order (producer -> consumer)
      const cycle = stack.slice(stack.indexOf(name));
      return [...cycle.reverse(), cycle[0] ?? name];
    }
    state.set(name, 'open');
    stack.push(name);
    for (const up of upstream.get(name) ?? []) {
      const found = visit(up);
      if (found) return found;
    }
    stack.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const s of stages) {
    const found = visit(s.name);
    if (found) return found;
  }
  return undefined;
}

/** Kahn's algorithm, always taking the earliest ready stage in pipeline.yaml order. */
function topoOrder(stages: StageSpec[], upstream: Map<string, Set<string>>): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  while (order.length < stages.length) {
    const next = stages.find((s) => !done.has(s.name) && [...(upstream.get(s.name) ?? [])].every((u) => done.has(u)));
    if (!next) break; // unreachable: cycles were rejected above
    done.add(next.name);
    order.push(next.name);
  }
  return order;
}
