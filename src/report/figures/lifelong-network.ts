import type { Snapshot } from '../../core/snapshot.js';
import { CATEGORICAL, ROLE_COLORS } from '../colors.js';
import type { Figure } from '../figure.js';
import { emergentNetwork, type NetworkOptions } from '../network.js';
import { connectomeFigure } from './connectome.js';

/** Colour of task t's recruits (the categorical palette after the inputs' blue). */
export const taskColor = (t: number): string => CATEGORICAL[(t + 1) % CATEGORICAL.length];

/**
 * The accumulated network of a lifelong run (`lifelong`) as a layered drawing of its emergent
 * network (all heads as outputs), each neuron coloured by the task that recruited it: inputs
 * blue, each task its own colour (its head included), free neurons grey.
 *
 * ```ts
 * const fig = lifelongNetworkFigure(snap, r.recruitedBy, ['spheres', 'fmnist-2']);
 * ```
 */
export function lifelongNetworkFigure(snap: Snapshot, recruitedBy: Int32Array, names: string[], options: Partial<NetworkOptions> = {}): Figure {
  const net = emergentNetwork(snap, options);
  const counts = names.map(() => 0);
  for (const i of net.neurons) if (recruitedBy[i] >= 0) counts[recruitedBy[i]]++;
  const color = (i: number) => (recruitedBy[i] === -2 ? ROLE_COLORS.input : recruitedBy[i] >= 0 ? taskColor(recruitedBy[i]) : '#c7c7c7');
  const items = [
    { label: 'input', color: ROLE_COLORS.input, shape: 'circle' as const },
    ...names.map((n, t) => ({ label: `${t}: ${n} (${counts[t]})`, color: taskColor(t), shape: 'circle' as const })),
    { label: 'free', color: '#c7c7c7', shape: 'circle' as const },
  ];
  const fig = connectomeFigure(net, { nodeColors: { title: 'recruited by task', color, items } });
  return { ...fig, name: 'lifelong-network', title: 'Accumulated network, coloured by the task that recruited each neuron' };
}
