// Vega-Lite specs → static SVG strings, server-side (vega's headless SVG
// renderer: no canvas, no DOM, no network; every dataset is inline). The SVG
// goes inline into report.html; links are <a xlink:href> around marks, and
// each mark's description becomes a <title> so it shows on hover.
import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';
import type { Spec } from './charts.js';

/** A mark's aria-label (its description) repeated as a <title> child, which browsers show on hover. */
export function addHoverTitles(svg: string): string {
  return svg.replace(
    /<(path|rect|line|circle)\b([^>]*?) aria-label="([^"]*)"([^>]*?)\/>/g,
    (_m, tag: string, before: string, label: string, after: string) => `<${tag}${before} aria-label="${label}"${after}><title>${label}</title></${tag}>`,
  );
}

/**
 * Vega numbers gradients and clip paths with a counter global to the process;
 * renamed here after the chart (`prefix`), so the same report renders to the
 * same bytes and two charts on one page never share an id.
 */
export function renameIds(svg: string, prefix: string): string {
  const ids = [...new Set([...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]))];
  let out = svg;
  ids.forEach((id, k) => {
    const to = `${prefix}-${k}`;
    out = out.split(`id="${id}"`).join(`id="${to}"`).split(`url(#${id})`).join(`url(#${to})`);
  });
  return out;
}

/** One chart as an SVG string; `prefix` names its internal ids (unique on the page). */
export async function renderSvg(spec: Spec, prefix: string): Promise<string> {
  const view = new View(parse(compile(spec as unknown as TopLevelSpec).spec), { renderer: 'none' });
  try {
    return renameIds(addHoverTitles(await view.toSVG()), prefix);
  } finally {
    view.finalize();
  }
}
