// npm run migrate [-- --status | --dry-run]: applies pending migrations to every schema under the
// advisory lock, or lists what is applied and pending per schema.
import { allMigrations } from '../modules/all-migrations.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrate, migrationStatus } from '../platform/migrations/runner.ts';

async function main() {
  const args = new Set(process.argv.slice(2));
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolMax: 2 });
  try {
    if (args.has('--status')) {
      for (const s of await migrationStatus(database.db, allMigrations)) {
        console.log(`${s.schema}: ${s.applied.length} applied, ${s.pending.length} pending`);
        for (const name of s.applied) console.log(`  [x] ${name}`);
        for (const name of s.pending) console.log(`  [ ] ${name}`);
      }
      return;
    }
    const dryRun = args.has('--dry-run');
    const result = await migrate(database.db, allMigrations, {
      dryRun,
      onProgress: (schema, name) => console.log(`applying ${name} to ${schema}`),
    });
    const pending = result.reduce((n, s) => n + s.pending.length, 0);
    console.log(
      dryRun
        ? `${pending} migration(s) would be applied across ${result.length} schema(s)`
        : `${pending} migration(s) applied across ${result.length} schema(s)`,
    );
    if (dryRun) for (const s of result) for (const name of s.pending) console.log(`  ${s.schema}: ${name}`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
