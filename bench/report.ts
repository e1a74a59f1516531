// Results of one benchmark run: the data written as JSON, and the table and goal lines printed from it.

import type { Decision } from './scenarios.js';

export const GOALS = {
  /** Keycard decisions per second over the peer's, on every scenario. */
  minRatio: 100,
  /** Keycard decisions per second on scenario A with compiled policies, on one core. */
  minCompiledPerSecondA: 1_000_000,
} as const;

export interface Throughput {
  /** Median of the rounds. */
  readonly perSecond: number;
  /** Each round's rate, in run order. */
  readonly rounds: readonly number[];
  readonly decisions: number;
}

export interface ScenarioResult {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly decision: Decision;
  /** Keycard's deciding policy type; null when Keycard was not run. */
  readonly decidedBy: string | null;
  readonly peer: Throughput;
  readonly keycardCompiled: Throughput | null;
  readonly keycardParsed: Throughput | null;
  /** Keycard ÷ peer, decisions per second. */
  readonly ratioCompiled: number | null;
  readonly ratioParsed: number | null;
}

export interface RunResult {
  readonly schema: 'keycard-bench-engine/1';
  readonly date: string;
  readonly machine: { readonly node: string; readonly platform: string; readonly cpu: string; readonly cpus: number };
  readonly peer: { readonly name: string; readonly version: string; readonly api: string };
  readonly settings: { readonly rounds: number; readonly secondsPerMeasurement: number; readonly warmupSeconds: number };
  readonly scenarios: readonly ScenarioResult[];
  readonly goals: {
    readonly minRatio: number;
    readonly minCompiledPerSecondA: number;
    /** Per scenario id; null when Keycard was not run. */
    readonly ratioMetCompiled: Readonly<Record<string, boolean | null>>;
    readonly ratioMetParsed: Readonly<Record<string, boolean | null>>;
    readonly compiledPerSecondAMet: boolean | null;
  };
}

export function goalsOf(scenarios: readonly ScenarioResult[]): RunResult['goals'] {
  const met = (ratio: number | null) => (ratio === null ? null : ratio >= GOALS.minRatio);
  const a = scenarios.find((s) => s.id === 'A')?.keycardCompiled;
  return {
    ...GOALS,
    ratioMetCompiled: Object.fromEntries(scenarios.map((s) => [s.id, met(s.ratioCompiled)])),
    ratioMetParsed: Object.fromEntries(scenarios.map((s) => [s.id, met(s.ratioParsed)])),
    compiledPerSecondAMet: a ? a.perSecond >= GOALS.minCompiledPerSecondA : null,
  };
}

const rate = (t: Throughput | null) => (t ? Math.round(t.perSecond).toLocaleString('en-US') : 'pending');
const times = (r: number | null) => (r === null ? '—' : `${r >= 10 ? Math.round(r).toLocaleString('en-US') : r.toFixed(1)}×`);
const mark = (ok: boolean | null) => (ok === null ? 'not run' : ok ? 'met' : 'MISSED');

/** The human-readable report: one row per scenario, then the goals. */
export function renderReport(run: RunResult): string {
  const header = ['scenario', 'decision', 'peer dec/s', 'Keycard compiled dec/s', '× peer', 'Keycard parsed dec/s', '× peer'];
  const rows = run.scenarios.map((s) => [
    `${s.id} ${s.name}`,
    s.decidedBy ? `${s.decision} (${s.decidedBy})` : s.decision,
    rate(s.peer),
    rate(s.keycardCompiled),
    times(s.ratioCompiled),
    rate(s.keycardParsed),
    times(s.ratioParsed),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const { goals } = run;
  const perScenario = (byId: Readonly<Record<string, boolean | null>>) =>
    Object.entries(byId).map(([id, ok]) => `${id} ${mark(ok)}`).join(', ');
  return [
    `Engine benchmark: decisions per second, median of ${run.settings.rounds} rounds × ${run.settings.secondsPerMeasurement} s`,
    `peer: ${run.peer.name} ${run.peer.version} (${run.peer.api}); node ${run.machine.node}; ${run.machine.cpus} × ${run.machine.cpu}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `goal ≥${goals.minRatio}× peer, compiled: ${perScenario(goals.ratioMetCompiled)}`,
    `goal ≥${goals.minRatio}× peer, parsed every call: ${perScenario(goals.ratioMetParsed)}`,
    `goal ≥${goals.minCompiledPerSecondA.toLocaleString('en-US')} dec/s on A, compiled: ${mark(goals.compiledPerSecondAMet)}`,
  ].join('\n');
}
