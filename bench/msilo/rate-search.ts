// The highest passing rate: double the rate until a trial fails (halve first if the start rate
// already fails), then bisect between the last pass and the first failure.
import { GENERATOR_SHORTFALL, type TrialOutcome } from './scenarios.js';

export interface SearchPlan {
  readonly startRate: number;
  readonly maxRate: number;
  readonly minRate: number;
  /** Bisection steps after the first failure. */
  readonly bisections: number;
  /** Stop bisecting once the failing rate is within this fraction above the passing one. */
  readonly tolerance: number;
  /** Give up (keeping what was found) once this wall-clock time is reached. */
  readonly deadline: number;
}

export interface SearchResult {
  /** Highest passing rate, 0 when none passed. */
  readonly best: number;
  /** The trial at `best` (its CPU figure is the one reported). */
  readonly bestTrial?: TrialOutcome;
  /** Lowest failing rate seen, when any failed. */
  readonly firstFailure?: TrialOutcome;
  /** True when the search stopped at maxRate without a failure: the true limit is higher. */
  readonly capped: boolean;
  /** True when the time budget ran out before any trial failed: the true limit is higher. */
  readonly outOfTime: boolean;
  /** True when a trial passed but SIPp sent well below its rate: the search stopped, the limit may be higher. */
  readonly generatorLimited: boolean;
  readonly trials: readonly TrialOutcome[];
}

export async function searchRate(
  plan: SearchPlan,
  trial: (rate: number) => Promise<TrialOutcome>,
  log: (outcome: TrialOutcome) => void,
): Promise<SearchResult> {
  const trials: TrialOutcome[] = [];
  let pass: TrialOutcome | undefined;
  let fail: TrialOutcome | undefined;
  let generatorLimited = false;
  const run = async (rate: number): Promise<TrialOutcome> => {
    const outcome = await trial(rate);
    trials.push(outcome);
    log(outcome);
    // A clean trial at a rate SIPp could not reach says nothing about the server at that rate.
    if (outcome.passed && outcome.achievedRate < rate * GENERATOR_SHORTFALL) {
      generatorLimited = true;
      return { ...outcome, passed: false };
    }
    if (outcome.passed && (!pass || rate > pass.rate)) pass = outcome;
    if (!outcome.passed && (!fail || rate < fail.rate)) fail = outcome;
    return outcome;
  };
  const timeLeft = (): boolean => Date.now() < plan.deadline;

  let rate = plan.startRate;
  // Step up: doubling while trials pass.
  while (timeLeft()) {
    const outcome = await run(rate);
    if (!outcome.passed || generatorLimited) break;
    if (rate >= plan.maxRate) break;
    rate = Math.min(plan.maxRate, rate * 2);
  }
  // Step down when even the start rate fails.
  rate = plan.startRate;
  while (!pass && timeLeft() && rate > plan.minRate) {
    rate = Math.max(plan.minRate, Math.floor(rate / 2));
    await run(rate);
  }
  // Bisect between the best pass and the lowest failure.
  for (let i = 0; i < plan.bisections && pass && fail && !generatorLimited && timeLeft(); i++) {
    if (fail.rate <= pass.rate * (1 + plan.tolerance)) break;
    const mid = Math.round((pass.rate + fail.rate) / 2);
    if (mid === pass.rate || mid === fail.rate) break;
    await run(mid);
  }
  return {
    best: pass?.rate ?? 0,
    ...(pass ? { bestTrial: pass } : {}),
    ...(fail ? { firstFailure: fail } : {}),
    capped: !fail && pass?.rate === plan.maxRate,
    outOfTime: !fail && !generatorLimited && pass !== undefined && pass.rate < plan.maxRate,
    generatorLimited: !fail && generatorLimited,
    trials,
  };
}
