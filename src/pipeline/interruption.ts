import { constants } from 'node:os';

/**
 * Ctrl+C (SIGINT) and `kill` / CI cancellation (SIGTERM) during a build. The first signal aborts
 * `signal`: the build starts nothing new, stops the handouts in progress, removes their temporary
 * files and reports what was built. A second signal calls `onRepeat`, which should clean up
 * synchronously and exit at once.
 */
export interface Interruption {
  /** Aborted on the first signal; its `reason` is the signal's name (`SIGINT`, `SIGTERM`). */
  readonly signal: AbortSignal;
  /** Stop listening (the default behaviour of the signals returns). */
  dispose(): void;
}

export interface InterruptionOptions {
  signals?: readonly NodeJS.Signals[];
  /** On the first signal, e.g. to say that the build is stopping. */
  onFirst?: (signal: NodeJS.Signals) => void;
  /** On a second signal while the build is still stopping. */
  onRepeat?: (signal: NodeJS.Signals) => void;
}

export function listenForInterruption(options: InterruptionOptions = {}): Interruption {
  const controller = new AbortController();
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  const handle = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      controller.abort(signal);
      options.onFirst?.(signal);
    } else {
      options.onRepeat?.(signal);
    }
  };
  for (const signal of signals) process.on(signal, handle);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const signal of signals) process.off(signal, handle);
    },
  };
}

/** The shell convention: 128 + the signal's number (SIGINT → 130, SIGTERM → 143). */
export function exitCodeForSignal(signal: string): number {
  const number = (constants.signals as Record<string, number | undefined>)[signal];
  return number === undefined ? 1 : 128 + number;
}
