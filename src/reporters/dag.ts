// Renders the stage graph: a plain list (default), Mermaid, or Graphviz DOT.
import type { Project } from '../engine/index.js';

/** What a project without stages (a fresh `pipe init`) shows instead of a graph. */
export const NO_STAGES = 'No stages in pipeline.yaml yet: add one with `pipe stage add`.';

export type DagFormat = 'ascii' | 'mermaid' | 'dot';

/** One edge per producer → consumer pair, in dependency order. */
function edges(p: Project, order: string[]): [string, string][] {
  const list: [string, string][] = [];
  const shown = new Set(order);
  for (const name of order) {
    for (const up of p.stages.map((s) => s.name).filter((n) => shown.has(n) && p.graph.upstream.get(name)?.has(n))) list.push([up, name]);
  }
  return list;
}

/** `only`: the stages to draw (`pipe dag <targets>`: the targets and their upstream stages), in dependency order; default all. */
export function renderDag(p: Project, format: DagFormat, only?: string[]): string {
  const order = only ?? p.graph.order;
  const shown = new Set(order);
  if (format === 'mermaid') {
    const id = new Map(order.map((n, i) => [n, `s${i}`]));
    const lines = ['flowchart TD', ...order.map((n) => `  ${id.get(n)}["${n}"]`)];
    for (const [a, b] of edges(p, order)) lines.push(`  ${id.get(a)} --> ${id.get(b)}`);
    return `${lines.join('\n')}\n`;
  }
  if (format === 'dot') {
    const lines = ['digraph pipeline {', '  rankdir=TB;', ...order.map((n) => `  "${n}";`)];
    for (const [a, b] of edges(p, order)) lines.push(`  "${a}" -> "${b}";`);
    lines.push('}');
    return `${lines.join('\n')}\n`;
  }
  // ascii: stages in run order, each with the stages it waits for
  if (p.stages.length === 0) return `${NO_STAGES}\n`;
  return order
    .map((n) => {
      const ups = p.stages.map((s) => s.name).filter((u) => shown.has(u) && p.graph.upstream.get(n)?.has(u));
      return ups.length === 0 ? `* ${n}\n` : `* ${n} <- ${ups.join(', ')}\n`;
    })
    .join('');
}
