// Engine benchmark (`npm run bench`): the four scenarios of bench/scenarios.ts decided by Keycard and by
// @cloud-copilot/iam-simulate in one process. Checks that both engines agree, then times each in rounds.
// Flags: --rounds N, --seconds S (per measurement), --warmup S, --only A,C, --peer-only, --out FILE.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measure, median, warmUp, type Decide, type Sample } from './measure.js';
import type { KeycardOutcome } from './keycard.js';
import { checkPeerUnderstands, peerDecide, toPeerSimulation } from './peer.js';
import { goalsOf, renderReport, type RunResult, type ScenarioResult, type Throughput } from './report.js';
import { SCENARIOS, type Decision, type Scenario } from './scenarios.js';

const PEER_PACKAGE = '@cloud-copilot/iam-simulate';

type Mode = 'peer' | 'compiled' | 'parsed';

interface Subject {
  readonly scenario: Scenario;
  readonly mode: Mode;
  readonly label: string;
  readonly decide: Decide;
  readonly expected: Decision;
  batch: number;
  readonly samples: Sample[];
}

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '1.5' },
    warmup: { type: 'string', default: '1' },
    only: { type: 'string' },
    'peer-only': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

const rounds = positive('rounds', flags.rounds);
const seconds = positive('seconds', flags.seconds);
const warmupSeconds = positive('warmup', flags.warmup);
const peerOnly = flags['peer-only'] ?? false;
const wanted = flags.only?.toUpperCase().split(',').map((id) => id.trim());
const scenarios = SCENARIOS.filter((s) => !wanted || wanted.includes(s.id));
const outFile = flags.out ?? fileURLToPath(new URL('../../bench/results/engine.json', import.meta.url));

function positive(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${value}`);
  return n;
}

// Loaded dynamically so that --peer-only runs even while the engine does not build.
const keycard = peerOnly ? undefined : await import('./keycard.js');

/**
 * Decides each scenario once per engine and mode; any disagreement between the engines, or with the decision
 * and deciding statement the scenario expects, stops the run before timing.
 */
async function subjectsFor(scenario: Scenario): Promise<{ subjects: Subject[]; decidedBy: string | null }> {
  const simulation = toPeerSimulation(scenario);
  const peer = await checkPeerUnderstands(scenario, simulation);
  const k = keycard?.keycardSubjects(scenario);
  const outcomes = k?.outcomes();
  const answers: Record<string, string> = { peer: `${peer.decision} [${peer.sids.join(', ')}]` };
  if (outcomes) {
    for (const [mode, o] of Object.entries(outcomes)) answers[`Keycard ${mode}`] = `${o.decision} (${o.decidedBy}) [${o.sid ?? '-'}]`;
  }
  const listing = Object.entries(answers).map(([who, answer]) => `${who}: ${answer}`).join('; ');
  const decisions = [peer.decision, outcomes?.compiled.decision, outcomes?.parsed.decision].filter((d) => d !== undefined);
  if (new Set(decisions).size > 1) {
    throw new Error(`scenario ${scenario.id} ${scenario.name}: THE ENGINES DISAGREE — ${listing}`);
  }
  const { decision, decidedBy, sid } = scenario.expect;
  const isKeycardAsExpected = (o: KeycardOutcome) => o.decidedBy === decidedBy && o.sid === sid;
  if (
    peer.decision !== decision ||
    !peer.sids.includes(sid) ||
    (outcomes && !(isKeycardAsExpected(outcomes.compiled) && isKeycardAsExpected(outcomes.parsed)))
  ) {
    throw new Error(`scenario ${scenario.id} ${scenario.name}: expected ${decision} (${decidedBy}) [${sid}], got ${listing}`);
  }
  const subject = (mode: Mode, decide: Decide): Subject => ({
    scenario,
    mode,
    label: `${scenario.id} ${mode}`,
    decide,
    expected: decision,
    batch: 1,
    samples: [],
  });
  const subjects = [subject('peer', { kind: 'async', decide: () => peerDecide(simulation) })];
  if (k) subjects.push(subject('compiled', { kind: 'sync', decide: k.compiled }), subject('parsed', { kind: 'sync', decide: k.parsed }));
  return { subjects, decidedBy: outcomes ? outcomes.compiled.decidedBy : null };
}

function peerVersion(): string {
  // The package exports no ./package.json; walk up from its entry point.
  let dir = dirname(fileURLToPath(import.meta.resolve(PEER_PACKAGE)));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PEER_PACKAGE) return pkg.version ?? 'unknown';
    } catch {
      // no package.json at this level
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

const throughput = (samples: readonly Sample[]): Throughput => ({
  perSecond: median(samples.map((s) => s.perSecond)),
  rounds: samples.map((s) => Math.round(s.perSecond)),
  decisions: samples.reduce((n, s) => n + s.decisions, 0),
});

async function main(): Promise<void> {
  const prepared = [];
  for (const scenario of scenarios) prepared.push({ scenario, ...(await subjectsFor(scenario)) });
  const subjects = prepared.flatMap((p) => p.subjects);
  const estimate = Math.ceil(subjects.length * (warmupSeconds + rounds * seconds));
  const agreement = peerOnly ? 'the peer decides as expected' : 'the engines agree';
  console.error(`${agreement} on ${scenarios.length} scenario(s); timing ${subjects.length} subjects, about ${estimate} s`);

  for (const s of subjects) s.batch = await warmUp(s.decide, s.expected, warmupSeconds, s.label);
  // Rounds go across all subjects in turn, so that drift on a shared machine touches every engine alike.
  for (let round = 1; round <= rounds; round++) {
    for (const s of subjects) s.samples.push(await measure(s.decide, s.expected, seconds, s.batch, s.label));
    console.error(`round ${round}/${rounds} done`);
  }

  const results: ScenarioResult[] = prepared.map(({ scenario, subjects: own, decidedBy }) => {
    const of = (mode: Mode) => {
      const found = own.find((s) => s.mode === mode);
      return found ? throughput(found.samples) : null;
    };
    const peer = of('peer')!;
    const compiled = of('compiled');
    const parsed = of('parsed');
    return {
      id: scenario.id,
      name: scenario.name,
      description: scenario.description,
      decision: scenario.expect.decision,
      decidedBy,
      peer,
      keycardCompiled: compiled,
      keycardParsed: parsed,
      ratioCompiled: compiled ? compiled.perSecond / peer.perSecond : null,
      ratioParsed: parsed ? parsed.perSecond / peer.perSecond : null,
    };
  });

  const run: RunResult = {
    schema: 'keycard-bench-engine/1',
    date: new Date().toISOString(),
    machine: { node: process.version, platform: `${platform()} ${process.arch}`, cpu: cpus()[0]?.model.trim() ?? 'unknown', cpus: availableParallelism() },
    peer: { name: PEER_PACKAGE, version: peerVersion(), api: 'await runSimulation(simulation, {})' },
    settings: { rounds, secondsPerMeasurement: seconds, warmupSeconds },
    scenarios: results,
    goals: goalsOf(results),
  };
  console.log(renderReport(run));
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(run, null, 2)}\n`);
  console.log(`\nresults written to ${outFile}`);
}

await main();
