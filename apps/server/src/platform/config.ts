// The one place that reads process.env: parsed once, validated, frozen.
import { z } from 'zod';

const boolish = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public origin used in links sent by mail. */
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: embedded PGlite in DATA_DIR. Set: a PostgreSQL 15+ server. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  DATA_DIR: z.string().default('./data'),
  /** Cluster: Redis 7 for shared rate limits, cache, presence and socket fan-out. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Prefix of the JetStream streams and subjects, so several deployments can share one NATS. */
  EVENTS_NAMESPACE: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,30}$/, 'must be lowercase letters, digits and _')
    .default('edumatrix'),
  /** Cluster: NATS JetStream for the event bus. */
  NATS_URL: z
    .string()
    .regex(/^(nats|tls):\/\//, 'must be a nats:// or tls:// URL')
    .optional(),
  MIGRATE_ON_START: boolish.default(true),
  ROLES: z
    .string()
    .default('api,realtime,worker')
    .transform((s) => s.split(',').map((r) => r.trim()))
    .pipe(z.array(z.enum(['api', 'realtime', 'worker'])).min(1)),
  /** HS256 signing key for access tokens; unset outside production means one kept in the database. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).default(30),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().default('EDU Matrix <no-reply@edumatrix.local>'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** All members of one institution together, so one busy tenant cannot starve the others. */
  INSTITUTION_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(1000),
  LOGIN_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  LOGIN_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).default(50),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Serve the built web app from this folder; unset: apps/web/dist next to the server. */
  WEB_DIST_DIR: z.string().optional(),
  TRUST_PROXY: boolish.default(false),
  /** Event consumers: attempts and first backoff for p0/p1 and for p2/p3 (doubling each time). */
  EVENT_RETRY_ATTEMPTS_HIGH: z.coerce.number().int().min(1).max(20).default(3),
  EVENT_RETRY_BASE_MS_HIGH: z.coerce.number().int().min(1).default(25),
  EVENT_RETRY_ATTEMPTS_LOW: z.coerce.number().int().min(1).max(20).default(5),
  EVENT_RETRY_BASE_MS_LOW: z.coerce.number().int().min(1).default(1000),
  /** How long a worker holds a consumer group's lane before another process may take it over. */
  EVENT_LEASE_SECONDS: z.coerce.number().int().min(1).default(30),
  /** Outbound calls (SMTP, webhooks): attempts, timeout per attempt, failures that open the breaker, and its pause. */
  OUTBOUND_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  OUTBOUND_TIMEOUT_MS: z.coerce.number().int().min(10).default(10_000),
  OUTBOUND_BREAKER_THRESHOLD: z.coerce.number().int().min(1).default(5),
  OUTBOUND_BREAKER_HALF_OPEN_MS: z.coerce.number().int().min(10).default(30_000),
  /** Webhook receivers on private, loopback or link-local addresses (on-premise setups; tests). */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: boolish.default(false),
  /** Attempts per webhook delivery; waits between them start here and grow four-fold (max 12 h). */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30_000),
  /** Failed deliveries in a row after which an endpoint is disabled and its admins notified. */
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).default(5),
  /** How often the worker looks for scheduled announcements that are due. */
  ANNOUNCEMENT_POLL_MS: z.coerce.number().int().min(50).default(15_000),
  /** How often a worker looks for assignment "due soon" reminders to send. */
  REMINDER_POLL_MS: z.coerce.number().int().min(50).default(60_000),
  /** A user counts as online this long after their last heartbeat (a process refreshes at half of it). */
  PRESENCE_TTL_SECONDS: z.coerce.number().int().min(2).default(60),
  /** Events a client may send on one socket per 10 seconds. */
  SOCKET_EVENTS_PER_10S: z.coerce.number().int().min(1).default(50),
  /** Events all clients together may send for one institution's rooms per 10 seconds. */
  SOCKET_EVENTS_PER_INSTITUTION_PER_10S: z.coerce.number().int().min(1).default(2000),
  /** Uploaded files (logos, later attachments): `local` disk by default, or an S3-compatible bucket. */
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  /** Local driver: where files go; unset means `${DATA_DIR}/files`. */
  LOCAL_STORAGE_DIR: z.string().optional(),
  /** S3 driver: the endpoint (path-style addressing: `${S3_ENDPOINT}/${S3_BUCKET}/key`), bucket and credentials. */
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Web push (VAPID, RFC 8292): all three, or none and push is off. `npx web-push generate-vapid-keys` makes a pair. */
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{80,100}$/, 'must be a base64url P-256 public key')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{40,50}$/, 'must be a base64url P-256 private key')
    .optional(),
  /** Who push services may contact about our pushes: a mailto: or https: URL. */
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)/, 'must be a mailto: or https:// URL')
    .optional(),
  /** Push endpoints on private, loopback or link-local addresses (tests with a fake push service). */
  PUSH_ALLOW_PRIVATE_NETWORKS: boolish.default(false),
  /** Lets link previews fetch private and loopback addresses (tests serve pages on loopback). */
  LINK_PREVIEW_ALLOW_PRIVATE_NETWORKS: boolish.default(false),
  /** How often the worker looks for notification e-mails, pushes and digests that are due. */
  NOTIFICATION_POLL_MS: z.coerce.number().int().min(50).default(5000),
  /** Similar notifications within this window are grouped into one entry, e-mail and push. */
  NOTIFICATION_GROUP_WINDOW_SECONDS: z.coerce.number().int().min(0).default(900),
});

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

export class ConfigError extends Error {}

/** Parses the environment; a bad variable stops start-up with a message naming it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.STORAGE_DRIVER === 's3') {
    const missing = (['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => !config[k]);
    if (missing.length)
      throw new ConfigError(`Invalid configuration:\n${missing.map((k) => `  ${k}: is required when STORAGE_DRIVER=s3`).join('\n')}`);
  }
  const vapid = (['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT'] as const).filter((k) => !config[k]);
  if (vapid.length > 0 && vapid.length < 3)
    throw new ConfigError(`Invalid configuration:\n${vapid.map((k) => `  ${k}: is required when any VAPID_ variable is set`).join('\n')}`);
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: is required in production');
  }
  return Object.freeze(config);
}
