// One self-contained HTML page: every chart's SVG inlined, no scripts, no external resources,
// so it opens from disk, in CI artifacts and in mail alike.

export interface PageChart {
  id: string;
  title: string;
  /** where the data came from, shown under the chart */
  source: string;
  svg: string;
}

export function renderPage(title: string, charts: PageChart[]): string {
  const figures = charts
    .map((c) => `<figure id="${escapeHtml(c.id)}" class="chart">\n${stripXmlProlog(c.svg)}\n<figcaption>${escapeHtml(c.title)} <small>(${escapeHtml(c.source)})</small></figcaption>\n</figure>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: "DejaVu Sans", sans-serif; margin: 24px; color: #222; }
main { display: flex; flex-wrap: wrap; gap: 24px; }
figure.chart { margin: 0; padding: 12px; border: 1px solid #ddd; border-radius: 6px; }
figcaption { font-size: 13px; color: #555; margin-top: 6px; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<main>
${figures}
</main>
</body>
</html>
`;
}

function stripXmlProlog(svg: string): string {
  return svg.replace(/^<\?xml[^>]*>\s*/, '');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
