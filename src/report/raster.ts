import { Resvg } from '@resvg/resvg-js';
import { FONT } from './svg/markup.js';

/** Default PNG scale: 2 device pixels per SVG pixel, sharp text on high-density screens. */
export const PNG_SCALE = 2;

/**
 * Rasterise SVG markup to PNG bytes with resvg; the PNG is `scale` times the SVG's size.
 *
 * ```ts
 * const png = renderPng(fig.svg); // (2·fig.width) × (2·fig.height)
 * ```
 */
export function renderPng(svg: string, scale = PNG_SCALE): Uint8Array {
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: FONT.split(',')[0] },
    background: '#ffffff',
  });
  return r.render().asPng();
}
