// Thin adapter over vega + vega-lite: a Vega-Lite spec in, SVG text out, in Node without a
// browser or canvas. Vega's tooltips need its JavaScript runtime, which a static SVG has not:
// each mark's description (its aria-label) becomes its <title>, which browsers show on hover. Imported lazily by the plots command only, so no other command pays for
// loading the charting libraries.
import type { VegaLiteSpec } from './specs.js';

export async function specToSvg(spec: VegaLiteSpec): Promise<string> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vl.compile(spec as unknown as Parameters<typeof vl.compile>[0]).spec;
  // renderer 'none': no scenegraph rendering beyond what toSVG needs; no loader: data is inline
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return withTitles(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/** `<path aria-label="…" …/>` → `<path aria-label="…" …><title>…</title></path>` (the label is already escaped). */
export function withTitles(svg: string): string {
  return svg.replace(/<(path|rect|circle|line)( aria-label="([^"]*)"[^>]*?)\/>/g, '<$1$2><title>$3</title></$1>');
}
