#!/usr/bin/env node
// The `tnh` command: runs the TypeScript CLI through tsx's loader (no separate build step for the server).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/server/cli.ts');
await runCli(process.argv);
