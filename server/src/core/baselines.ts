import type { Baseline } from './types';
// Placeholder: the built-in baselines from ../shared/upstream are being converted.
export const BUILTIN_BASELINES: Baseline[] = [];
export function getBuiltinBaseline(id: string): Baseline | undefined {
  return BUILTIN_BASELINES.find((b) => b.id === id);
}
