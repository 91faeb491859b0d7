import { onPostgres, preparePostgresTemplate } from './test-platform.ts';

export default async function setup() {
  if (onPostgres()) await preparePostgresTemplate();
}
