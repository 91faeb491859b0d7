// Bundles the server into dist/main.js. npm packages stay external (installed beside it); our own
// workspace packages are TypeScript source, so they are bundled in.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts', 'src/cli/migrate.ts', 'src/cli/seed-demo.ts', 'src/cli/platform-role.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'external-npm-packages',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@edumatrix/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
