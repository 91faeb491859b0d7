// A background loop that does work while there is some, then naps until its poll interval passes
// or someone wakes it (work queued in this process). Used by queue runners (webhooks, imports).
import type { Logger } from '../observability/logger.ts';

export type PollLoop = { wake(): void; stop(): Promise<void> };

export function startPollLoop(options: {
  name: string;
  log: Logger;
  pollMs: number;
  /** Does one round of work; true when it found some (so the loop goes on without napping). */
  tick(): Promise<boolean>;
}): PollLoop {
  const abort = new AbortController();
  let wakeUp: (() => void) | null = null;
  let woken = false;

  /** Waits for the poll interval, a wake-up or stop, whichever comes first (and leaves no listener behind). */
  function nap(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        abort.signal.removeEventListener('abort', done);
        wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      abort.signal.addEventListener('abort', done, { once: true });
      wakeUp = done;
    });
  }

  async function loop() {
    while (!abort.signal.aborted) {
      try {
        if (await options.tick()) continue;
      } catch (err) {
        if (!abort.signal.aborted) options.log.error({ err }, `${options.name} failed; retrying`);
      }
      if (!woken) await nap(options.pollMs);
      woken = false;
    }
  }

  const running = loop();
  return {
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      abort.abort();
      wakeUp?.();
      await running;
    },
  };
}
