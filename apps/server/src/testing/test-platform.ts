// Builds real platforms for integration tests: on embedded PGlite (a migrated template cloned per
// platform) or, when TEST_DATABASE_URL is set, on PostgreSQL (a database created from a migrated template).
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@edumatrix/client';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect } from 'kysely';
import pg from 'pg';
import { allMigrations } from '../modules/all-migrations.ts';
import { loadConfig } from '../platform/config.ts';
import { type Database, openDatabase } from '../platform/db/database.ts';
import { pgliteExtensions } from '../platform/db/pglite-extensions.ts';
import type { Consumer } from '../platform/events/consumer.ts';
import type { Catalog } from '../platform/events/outbox.ts';
import type { Migration } from '../platform/migrations/migration.ts';
import { migrate } from '../platform/migrations/runner.ts';
import { createPlatform, type Platform } from '../platform.ts';

export const TEMPLATE_DB = 'edumatrix_test_template';
const WEB_FIXTURE = fileURLToPath(new URL('./web-fixture', import.meta.url));
const adminUrl = process.env.TEST_DATABASE_URL;

export const onPostgres = () => adminUrl !== undefined;
export const dbLabel = () => (adminUrl ? 'postgres' : 'pglite');

let pgliteTemplate: Promise<PGlite> | null = null;

/** One migrated PGlite per worker; every platform gets a clone (~1 s instead of ~6 s). */
async function clonePglite(): Promise<PGlite> {
  pgliteTemplate ??= (async () => {
    const template = await PGlite.create({ extensions: pgliteExtensions });
    await migrate(new Kysely({ dialect: new PGliteDialect({ pglite: template }) }), allMigrations);
    return template;
  })();
  return (await (await pgliteTemplate).clone()) as PGlite;
}

function databaseUrl(name: string): string {
  const url = new URL(adminUrl as string);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(adminUrl as string, fn);
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Vitest global setup for PostgreSQL: the migrated template every test database is copied from. */
export async function preparePostgresTemplate(): Promise<void> {
  await withAdmin(async (c) => {
    await c.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await c.query(`create database ${TEMPLATE_DB}`);
  });
  const pool = new pg.Pool({ connectionString: databaseUrl(TEMPLATE_DB), max: 2 });
  const { PostgresDialect } = await import('kysely');
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  await migrate(db, allMigrations);
  await db.destroy();
}

export type TestPlatformOptions = {
  env?: Record<string, string>;
  extraMigrations?: Migration[];
  /** Reuse this database (restart tests); otherwise a fresh copy of the template. */
  reuse?: { pglite?: PGlite; databaseName?: string };
  dataDir?: string;
  /** Serve the built web app (end-to-end tests). */
  webDistDir?: string;
  extraEvents?: Catalog;
  consumers?: Consumer[];
  /** SQL run on the database before the platform starts (tables that test consumers write to). */
  setupSql?: string;
  /** A movable clock for time-driven notification rules. */
  now?: () => Date;
};

export type TestPlatform = {
  platform: Platform;
  url: string;
  databaseName: string | null;
  client(): ReturnType<typeof createClient>;
  close(options?: { keepDatabase?: boolean }): Promise<void>;
};

export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  let databaseName: string | null = null;
  let pglite: PGlite | undefined;
  // Uploaded files go to a folder of this platform's own, never into the checkout's ./data.
  const ownFiles = options.dataDir ? null : join(tmpdir(), `edumatrix-test-files-${randomUUID()}`);
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    RATE_LIMIT_PER_MINUTE: '100000',
    INSTITUTION_REQUESTS_PER_MINUTE: '100000',
    // JetStream names are global to the NATS server: every test platform gets its own.
    EVENTS_NAMESPACE: `t${randomUUID().replaceAll('-', '').slice(0, 20)}`,
    ...(ownFiles ? { LOCAL_STORAGE_DIR: ownFiles } : {}),
    ...options.env,
  };
  if (adminUrl) {
    databaseName = options.reuse?.databaseName ?? `edumatrix_test_${randomUUID().replaceAll('-', '')}`;
    if (!options.reuse?.databaseName) {
      await withAdmin((c) => c.query(`create database ${databaseName} template ${TEMPLATE_DB}`));
    }
    env.DATABASE_URL = databaseUrl(databaseName);
  } else if (options.dataDir) {
    env.DATA_DIR = options.dataDir;
  } else {
    pglite = options.reuse?.pglite ?? (await clonePglite());
  }
  if (options.setupSql) {
    if (pglite) await pglite.exec(options.setupSql);
    else await withClient(env.DATABASE_URL as string, (c) => c.query(options.setupSql as string));
  }
  const platform = await createPlatform({
    ...(options.extraEvents ? { extraEvents: options.extraEvents } : {}),
    ...(options.consumers ? { consumers: options.consumers } : {}),
    ...(options.now ? { now: options.now } : {}),
    config: loadConfig(env),
    ...(pglite ? { pglite } : {}),
    extraMigrations: options.extraMigrations ?? [],
    // Always mount a web app, as production does: plugin order bugs only show with it.
    webDistDir: options.webDistDir ?? WEB_FIXTURE,
  });
  await platform.app.listen({ host: '127.0.0.1', port: 0 });
  const address = platform.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    platform,
    url,
    databaseName,
    client: () => createClient({ baseUrl: url }),
    async close(closeOptions = {}) {
      await platform.close().catch(() => {});
      if (ownFiles) await rm(ownFiles, { recursive: true, force: true });
      if (adminUrl && databaseName && !closeOptions.keepDatabase) {
        await withAdmin((c) => c.query(`drop database if exists ${databaseName} with (force)`));
      }
    },
  };
}

let seq = 0;
/** Unique, valid test data. */
export const unique = (prefix: string) =>
  `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
export const newEmail = () => `${unique('user')}@example.org`;
export const PASSWORD = 'correct horse battery staple';

/** Environment for a separate server process: its own new database (PostgreSQL) or data folder (PGlite). */
export async function processDatabaseEnv(dataDir: string): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (!adminUrl) return { env: { DATA_DIR: dataDir }, drop: async () => {} };
  const name = `edumatrix_proc_${randomUUID().replaceAll('-', '')}`;
  await withAdmin((c) => c.query(`create database ${name}`));
  return {
    env: { DATABASE_URL: databaseUrl(name) },
    drop: () => withAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}

/** A database with nothing in it (for migration tests): a new PGlite, or a new PostgreSQL database. */
export async function emptyDatabase(): Promise<{ open(): Promise<Database>; drop(): Promise<void> }> {
  if (!adminUrl) {
    const pglite = await PGlite.create({ extensions: pgliteExtensions });
    return { open: () => openDatabase({ pglite }), drop: async () => {} };
  }
  const name = `edumatrix_empty_${randomUUID().replaceAll('-', '')}`;
  await withAdmin((c) => c.query(`create database ${name}`));
  return {
    open: () => openDatabase({ url: databaseUrl(name), poolMax: 4 }),
    drop: () => withAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}

/** The event bus adapters to run contract tests against: the PostgreSQL log, and NATS when the suite started one. */
export function busAdapters(): { name: string; env: Record<string, string> }[] {
  const natsUrl = process.env.TEST_NATS_URL;
  return [{ name: 'PostgreSQL event log', env: {} }, ...(natsUrl ? [{ name: 'NATS JetStream', env: { NATS_URL: natsUrl } }] : [])];
}
