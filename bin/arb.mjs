#!/usr/bin/env node
// Entry point for the `arb` command. Runs the TypeScript sources directly through tsx so a fresh clone
// needs no build step (`npm run build` still produces dist/ for type-checked emission).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/app/main.ts');
process.exitCode = await main(process.argv.slice(2));
