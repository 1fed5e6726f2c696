// Renders the stage graph: a plain list (default), Mermaid (or Mermaid in a Markdown code block,
// `--md`), or Graphviz DOT; of the stages, or with `--outs` of their outputs (DVC's `dag --outs`).
import type { Project } from '../engine/index.js';
import { isWithin } from '../engine/paths.js';
import { stageOutputs } from '../engine/types.js';

/** What a project without stages (a fresh `pipe init`) shows instead of a graph. */
export const NO_STAGES = 'No stages in pipeline.yaml yet: add one with `pipe stage add`.';

export type DagFormat = 'ascii' | 'mermaid' | 'md' | 'dot';

/** The nodes in dependency order, each with the nodes before it that it needs, in that order. */
interface Graph {
  order: string[];
  ups: Map<string, string[]>;
}

/** The stages `order` names, each with the shown stages it waits for. */
function stageGraph(p: Project, order: string[]): Graph {
  const shown = new Set(order);
  // each stage's direct upstream stages in pipeline.yaml order, through a position map: filtering
  // the whole stage list per stage made a 10,000-stage dag quadratic
  const position = new Map(p.stages.map((s, i) => [s.name, i]));
  const ups = (n: string): string[] => [...(p.graph.upstream.get(n) ?? [])].filter((u) => shown.has(u)).sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  return { order, ups: new Map(order.map((n) => [n, ups(n)])) };
}

/**
 * `--outs`: the outputs of the stages `order` names, each with the shown outputs its stage reads (a
 * dep or params file that is, holds or lies inside that output). A stage without outputs has no node.
 */
function outputGraph(p: Project, order: string[]): Graph {
  const byName = new Map(p.stages.map((s) => [s.name, s]));
  const outs = order.flatMap((n) => {
    const stage = byName.get(n);
    return stage === undefined ? [] : stageOutputs(stage).map((o) => ({ stage: n, path: o.path }));
  });
  const ups = new Map<string, string[]>();
  for (const o of outs) {
    const stage = byName.get(o.stage);
    const reads = [...(stage?.deps ?? []).map((d) => d.path), ...(stage?.paramsFiles ?? []).map((f) => f.path)];
    const before = outs.filter((u) => u.stage !== o.stage && p.graph.upstream.get(o.stage)?.has(u.stage) && reads.some((r) => isWithin(r, u.path) || isWithin(u.path, r)));
    ups.set(o.path, [...new Set(before.map((u) => u.path))]);
  }
  return { order: outs.map((o) => o.path), ups };
}

/**
 * `only`: the stages to draw (`pipe dag <targets>`: the targets and their upstream stages), in
 * dependency order; default all. `outs`: draw their outputs instead of the stages.
 */
export function renderDag(p: Project, format: DagFormat, only?: string[], outs = false): string {
  const order = only ?? p.graph.order;
  const g = outs ? outputGraph(p, order) : stageGraph(p, order);
  const edges = g.order.flatMap((n) => (g.ups.get(n) ?? []).map((u): [string, string] => [u, n]));
  if (format === 'mermaid' || format === 'md') {
    const id = new Map(g.order.map((n, i) => [n, `${outs ? 'o' : 's'}${i}`]));
    const lines = ['flowchart TD', ...g.order.map((n) => `  ${id.get(n)}["${n}"]`)];
    for (const [a, b] of edges) lines.push(`  ${id.get(a)} --> ${id.get(b)}`);
    // --md (DVC's): the same flowchart as a Markdown code block, which GitHub and others draw
    return format === 'md' ? `\`\`\`mermaid\n${lines.join('\n')}\n\`\`\`\n` : `${lines.join('\n')}\n`;
  }
  if (format === 'dot') {
    const lines = ['digraph pipeline {', '  rankdir=TB;', ...g.order.map((n) => `  "${n}";`)];
    for (const [a, b] of edges) lines.push(`  "${a}" -> "${b}";`);
    lines.push('}');
    return `${lines.join('\n')}\n`;
  }
  // ascii: stages (or outputs) in run order, each with what it waits for
  if (p.stages.length === 0) return `${NO_STAGES}\n`;
  if (g.order.length === 0) return 'No stage declares outputs: `pipe dag` without --outs shows the stages.\n';
  return g.order.map((n) => ((g.ups.get(n) ?? []).length === 0 ? `* ${n}\n` : `* ${n} <- ${(g.ups.get(n) ?? []).join(', ')}\n`)).join('');
}
