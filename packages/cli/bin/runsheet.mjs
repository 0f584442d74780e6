#!/usr/bin/env node
// @ts-check
import { main } from '../src/main.mjs';

process.exitCode = await main(process.argv.slice(2), process.env);
