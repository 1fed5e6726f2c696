// Thin adapter over @resvg/resvg-js: SVG text to PNG bytes. Text needs a system font (Debian:
// fonts-dejavu-core); vega's SVG asks for `sans-serif`, mapped here to DejaVu Sans.
export async function svgToPng(svg: string, zoom = 2): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: zoom },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
