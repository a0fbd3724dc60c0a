#!/usr/bin/env node
// The `pail` command. It runs the built CLI; build it once with `npm run build`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(built)) {
  process.stderr.write('pail: the CLI is not built yet. Run `npm run build` in the Pail folder first.\n');
  process.exit(1);
}
require(built);
