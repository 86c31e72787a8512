// Builds the Visualize view model for a sample or an inline manifest, as the webview does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFiles } from '../../../src/core/index';
import type { SimState } from '../../../src/core/sim/index';
import { createSimulation } from '../../../src/core/sim/index';
import type { ViewModel } from '../../../webview/viewModel';
import { buildViewModel } from '../../../webview/viewModel';

export interface Built {
  readonly text: string;
  readonly vm: ViewModel;
  readonly sim: SimState;
  readonly scope: ReturnType<typeof checkFiles>['scope'];
}

export function fromText(text: string, path = 'test.yaml', sim?: SimState): Built {
  const { scope, findings } = checkFiles([{ path, text }]);
  const state = sim ?? createSimulation(scope, { seed: 1, nodes: 2 });
  return { text, vm: buildViewModel(scope, state, { findings }), sim: state, scope };
}

export function sample(name: string): Built {
  return fromText(readFileSync(join('samples', name), 'utf8'), name);
}

export function el(b: Built, id: string) {
  const e = b.vm.elements.find((x) => x.id === id);
  if (!e) throw new Error(`no element ${id}; have ${b.vm.elements.map((x) => x.id).join(', ')}`);
  return e;
}

export function ofKind(b: Built, kind: string) {
  return b.vm.elements.filter((e) => e.kind === kind);
}

export function edgesFrom(b: Built, from: string) {
  return b.vm.edges.filter((e) => e.from === from);
}
