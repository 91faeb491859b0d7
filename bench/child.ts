// Every measurement runs in a fresh child process (TypeScript through tsx, talking over IPC), so one
// scenario's leftovers (JIT state, heap, sockets) never colour the next one's numbers.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type Message = { type: string } & Record<string, unknown>;

/** `script` is relative to bench/; an `undefined` in `env` removes the variable. --expose-gc lets servers measure memory after a collection. */
export function forkBench(script: string, args: string[], env: Record<string, string | undefined> = {}): ChildProcess {
  return fork(fileURLToPath(new URL(script, import.meta.url)), args, {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The next message of `type` from the child; fails if the child exits first or after `timeoutMs`. */
export function nextMessage<T extends Message>(child: ChildProcess, type: string, timeoutMs = 180_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      fn();
    };
    const onMessage = (m: Message) => {
      if (m.type === 'error') done(() => reject(new Error(String(m.message))));
      else if (m.type === type) done(() => resolve(m as T));
    };
    const onExit = (code: number | null) => done(() => reject(new Error(`child exited (${code}) before sending ${type}`)));
    const timer = setTimeout(() => done(() => reject(new Error(`no ${type} from the child within ${timeoutMs} ms`))), timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** For child scripts: runs `main`, reports a failure to the parent, and exits either way. */
export function runAsChild(main: () => Promise<void>): void {
  // A parent that died or gave up must not leave this process (or its servers) running.
  process.once('disconnect', () => process.exit(1));
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.send?.({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      setTimeout(() => process.exit(1), 100);
    },
  );
}

/** Sends to the parent and waits until the message is on its way. */
export const send = (message: Message) => new Promise<void>((resolve) => process.send?.(message, () => resolve()) ?? resolve());
