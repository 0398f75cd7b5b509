// npm run bench: prints the figures the issues ask for; ratios are against baselines measured in the same run.
import { benchHttp } from './http.js';
import { benchMatcher } from './matcher.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);

function print(title: string, figures: Record<string, number>): void {
  console.log(`\n## ${title}`);
  for (const [name, value] of Object.entries(figures)) {
    console.log(`${name.padEnd(26)} ${Number.isInteger(value) ? value : value.toFixed(name.toLowerCase().includes('ratio') ? 3 : 1)}`);
  }
}

print('Word matcher (one core)', { ...(await benchMatcher()) });
print(`HTTP on SQLite, 50 connections, ${seconds}s per run`, await benchHttp(seconds));
