import type { SimClock } from './types';

/**
 * Simulated time: starts at `start` (default: the real now), runs `speed` times faster than real time,
 * and can jump forward. Changing speed keeps the current simulated time continuous.
 */
export function createClock(
  options: { speed?: number; start?: number; realNow?: () => number } = {},
): SimClock {
  const realNow = options.realNow ?? Date.now;
  let anchorReal = realNow();
  let anchorSim = options.start ?? anchorReal;
  let speed = checkSpeed(options.speed ?? 1);
  const now = () => anchorSim + (realNow() - anchorReal) * speed;
  return {
    now: () => Math.floor(now()),
    get speed() {
      return speed;
    },
    setSpeed(next: number) {
      anchorSim = now();
      anchorReal = realNow();
      speed = checkSpeed(next);
    },
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
      anchorSim += ms;
    },
  };
}

function checkSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed <= 0 || speed > 10_000)
    throw new RangeError('speed must be in (0, 10000]');
  return speed;
}
