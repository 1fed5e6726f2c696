// The chart templates a `plots:` entry may name (`template: scatter`): DVC's names, each drawn
// as DVC draws it (src/plots/detect.ts and specs.ts). The schema refuses any other name.
export const PLOT_TEMPLATES = [
  'linear',
  'simple',
  'scatter',
  'smooth',
  'confusion',
  'confusion_normalized',
  'bar_horizontal',
  'bar_horizontal_sorted',
] as const;

export type PlotTemplate = (typeof PLOT_TEMPLATES)[number];

export function isPlotTemplate(name: string): name is PlotTemplate {
  return (PLOT_TEMPLATES as readonly string[]).includes(name);
}
