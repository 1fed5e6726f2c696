// Renders the stage graph: a plain list (default), Mermaid, or Graphviz DOT.
import type { Project } from '../engine/index.js';

/** What a project without stages (a fresh `pipe init`) shows instead of a graph. */
export const NO_STAGES = 'No stages in pipeline.yaml yet: add one with `pipe stage add`.';

export type DagFormat = 'ascii' | 'mermaid' | 'dot';

/** One edge per producer → consumer pair, in dependency order. */
function edges(p: Project): [string, string][] {
  const list: [string, string][] = [];
  for (const name of p.graph.order) {
    for (const up of p.stages.map((s) => s.name).filter((n) => p.graph.upstream.get(name)?.has(n))) list.push([up, name]);
  }
  return list;
}

export function renderDag(p: Project, format: DagFormat): string {
  if (format === 'mermaid') {
    const id = new Map(p.graph.order.map((n, i) => [n, `s${i}`]));
    const lines = ['flowchart TD', ...p.graph.order.map((n) => `  ${id.get(n)}["${n}"]`)];
    for (const [a, b] of edges(p)) lines.push(`  ${id.get(a)} --> ${id.get(b)}`);
    return `${lines.join('\n')}\n`;
  }
  if (format === 'dot') {
    const lines = ['digraph pipeline {', '  rankdir=TB;', ...p.graph.order.map((n) => `  "${n}";`)];
    for (const [a, b] of edges(p)) lines.push(`  "${a}" -> "${b}";`);
    lines.push('}');
    return `${lines.join('\n')}\n`;
  }
  // ascii: stages in run order, each with the stages it waits for
  if (p.stages.length === 0) return `${NO_STAGES}\n`;
  return p.graph.order
    .map((n) => {
      const ups = p.stages.map((s) => s.name).filter((u) => p.graph.upstream.get(n)?.has(u));
      return ups.length === 0 ? `* ${n}\n` : `* ${n} <- ${ups.join(', ')}\n`;
    })
    .join('');
}
