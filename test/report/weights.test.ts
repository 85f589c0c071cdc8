import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weightFigure } from '../../src/report/figures/weights.js';
import { orderNeurons, orderByLayer } from '../../src/report/order.js';
import { decodePng } from '../../src/report/png/decode.js';
import { renderPng } from '../../src/report/raster.js';
import { resolveConfig } from '../../src/core/config.js';
import { embeddedMlp, isWhite, pixel, wellFormed } from './fixtures.js';

test('the weight figure of an embedded MLP is non-white exactly in the sub-diagonal blocks (Eq. 1)', () => {
  const { snap } = embeddedMlp();
  const order = orderNeurons(snap);
  const fig = weightFigure(snap, order);
  assert.ok(wellFormed(fig.svg));
  for (const scale of [1, 2]) {
    const img = decodePng(renderPng(fig.svg, scale));
    assert.equal(img.width, Math.round(fig.width * scale));
    assert.equal(img.height, Math.round(fig.height * scale));
    const { x, y, width } = fig.plots.main;
    const n = order.neurons.length;
    const cell = width / n;
    let nonWhite = 0;
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        const p = pixel(img, (x + (c + 0.5) * cell) * scale, (y + (r + 0.5) * cell) * scale);
        const subDiagonal = order.layer[r] === order.layer[c] + 1;
        assert.equal(!isWhite(p), subDiagonal, `cell (${r}, ${c}) layers ${order.layer[r]} ← ${order.layer[c]}`);
        if (subDiagonal) nonWhite++;
      }
    }
    assert.ok(nonWhite > 0);
  }
});

test('the weight figure aggregates 5000 neurons into blocks, keeps zero blocks white and says so', () => {
  // Frame strokes sit outside the plot, so even the border pixels must follow the rule.
  // Layers 0..3 of widths 1000, 1500, 1500, 1000: W nonzero only from layer l to l + 1.
  const widths = [1000, 1500, 1500, 1000];
  const S = 5000;
  const config = resolveConfig({ S, I: 3, dIn: widths[0], dOut: widths[3] });
  const layerOf = new Int32Array(S);
  let p = 0;
  widths.forEach((w, l) => layerOf.fill(l, p, (p += w)));
  const W = new Float32Array(S * S);
  for (let i = 0; i < S; i++) {
    for (let j = 0; j < S; j++) if (layerOf[i] === layerOf[j] + 1 && (i * 7 + j) % 5 === 0) W[i * S + j] = ((i + j) % 3) - 1 || 0.5;
  }
  const snap = { config, W, b: new Float32Array(S) };
  const order = orderByLayer(config, layerOf, 'activity');
  const fig = weightFigure(snap, order);
  assert.ok(wellFormed(fig.svg));
  assert.ok(fig.notes.some((n) => /block/.test(n)));
  const { x, y, width } = fig.plots.main;
  assert.ok(width <= 600);
  const block = Math.ceil(S / 600);
  const img = decodePng(renderPng(fig.svg, 1));
  for (let R = 0; R < width; R++) {
    for (let C = 0; C < width; C++) {
      const rl = [layerOf[R * block], layerOf[Math.min(S - 1, (R + 1) * block - 1)]];
      const cl = [layerOf[C * block], layerOf[Math.min(S - 1, (C + 1) * block - 1)]];
      if (rl[0] !== rl[1] || cl[0] !== cl[1]) continue; // block straddles a layer boundary
      const white = isWhite(pixel(img, x + C + 0.5, y + R + 0.5));
      assert.equal(!white, rl[0] === cl[0] + 1, `pixel (${R}, ${C})`);
    }
  }
});

test('one large weight does not wash the others out: colours saturate at the 99% quantile, and the note says so', () => {
  const { snap } = embeddedMlp([12, 20, 16, 6]); // 656 nonzero weights
  const { S } = snap.config;
  const W = Float32Array.from(snap.W);
  const big = W.findIndex((v) => v !== 0);
  W[big] = 1000; // the rest are in [0.1, 1.1]
  const big2 = { ...snap, W };
  const order = orderNeurons(big2);
  const whiteness = (clip: number) => {
    const fig = weightFigure(big2, order, { clip });
    const img = decodePng(renderPng(fig.svg, 1));
    const { x, y, width } = fig.plots.main;
    const n = order.neurons.length;
    const cell = width / n;
    // How far from white the nonzero cells other than the large one are drawn, on average.
    let sum = 0;
    let count = 0;
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        const k = order.neurons[r] * S + order.neurons[c];
        if (W[k] === 0 || k === big) continue;
        const p = pixel(img, x + (c + 0.5) * cell, y + (r + 0.5) * cell);
        sum += 3 * 255 - p[0] - p[1] - p[2];
        count++;
      }
    }
    return { colour: sum / count, notes: fig.notes };
  };
  const clipped = whiteness(0.99);
  const full = whiteness(1);
  assert.ok(full.colour < 60, `unclipped, weights of 0.1–1.1 next to 1000 are near white (${full.colour})`);
  assert.ok(clipped.colour > full.colour + 100, `clipped, they are drawn in colour (${clipped.colour} against ${full.colour})`);
  assert.ok(clipped.notes.some((t) => /saturate at \|W\| = 1\.1, the 99% quantile .* entries are beyond it \(largest 1000\)/.test(t)), clipped.notes.join('\n'));
  assert.ok(!full.notes.some((t) => /saturate/.test(t)));
});
