// The PostgreSQL extensions the embedded database loads (a real server ships them in contrib):
// unaccent and pg_trgm, for accent- and typo-tolerant search.
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

export const pgliteExtensions = { unaccent, pg_trgm };
