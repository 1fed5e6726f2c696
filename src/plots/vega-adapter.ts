// Thin adapter over vega + vega-lite: a Vega-Lite spec in, SVG text out, in Node without a
// browser or canvas. Imported lazily by the plots command only, so no other command pays for
// loading the charting libraries.
import type { VegaLiteSpec } from './specs.js';

export async function specToSvg(spec: VegaLiteSpec): Promise<string> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vl.compile(spec as unknown as Parameters<typeof vl.compile>[0]).spec;
  // renderer 'none': no scenegraph rendering beyond what toSVG needs; no loader: data is inline
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
