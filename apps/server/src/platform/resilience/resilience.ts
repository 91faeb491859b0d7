// Every outbound dependency (SMTP, webhooks, later OIDC and translation) is called through a named
// policy: timeout per attempt, retries with exponential backoff, and a circuit breaker that stops
// calling a dependency that keeps failing. Breaker states are exported as metrics and readiness detail.
import {
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleAll,
  retry,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';
import { Gauge, type Registry } from 'prom-client';

export type ResilienceSettings = { attempts: number; timeoutMs: number; breakerThreshold: number; halfOpenAfterMs: number };

export type DependencyPolicy = {
  execute<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
  state(): 'closed' | 'open' | 'half_open' | 'isolated';
};

const NAMES = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Isolated]: 'isolated',
} as const;

export type Resilience = ReturnType<typeof createResilience>;

export function createResilience(registry: Registry, settings: ResilienceSettings) {
  const policies = new Map<string, DependencyPolicy>();
  new Gauge({
    name: 'edumatrix_circuit_breaker_state',
    help: 'Circuit breaker per outbound dependency: 0 closed, 1 open, 2 half-open, 3 isolated',
    labelNames: ['dependency'] as const,
    registers: [registry],
    collect() {
      for (const [name, p] of policies) this.set({ dependency: name }, Object.values(NAMES).indexOf(p.state()));
    },
  });

  return {
    /** The policy for one dependency; the same name always gives the same breaker. */
    policy(name: string, overrides: Partial<ResilienceSettings> = {}): DependencyPolicy {
      const existing = policies.get(name);
      if (existing) return existing;
      const s = { ...settings, ...overrides };
      const breaker = circuitBreaker(handleAll, { halfOpenAfter: s.halfOpenAfterMs, breaker: new ConsecutiveBreaker(s.breakerThreshold) });
      // Retry outside the breaker: an open breaker fails fast, and retries do not hammer it.
      const policy = wrap(
        retry(handleAll, {
          maxAttempts: Math.max(0, s.attempts - 1),
          backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 5000 }),
        }),
        breaker,
        timeout(s.timeoutMs, TimeoutStrategy.Aggressive),
      );
      const dependency: DependencyPolicy = {
        execute: (fn) => policy.execute(({ signal }) => fn(signal)),
        state: () => NAMES[breaker.state],
      };
      policies.set(name, dependency);
      return dependency;
    },
    /** Every breaker's state, for /health/ready's detail. */
    states(): Record<string, string> {
      return Object.fromEntries([...policies].map(([name, p]) => [name, p.state()]));
    },
  };
}
