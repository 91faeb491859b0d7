import type { Db } from '../db/database.ts';

/**
 * A versioned schema change. `global` migrations run once against the module's own schema;
 * `tenant` migrations run in every institution's schema, with search_path set to it, so their SQL
 * names tables without a schema.
 */
export type Migration = {
  /** `<UTC timestamp>_<module>_<change>`, unique; order of application is by name. */
  name: string;
  scope: 'global' | 'tenant';
  up(db: Db): Promise<void>;
};
