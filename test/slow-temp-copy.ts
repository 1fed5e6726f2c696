// The environment that preloads slow-temp-copy.cjs into a started pipe (see there why).
import { fileURLToPath } from 'node:url';

export function slowTempCopy(): Record<string, string> {
  const preload = fileURLToPath(new URL('./slow-temp-copy.cjs', import.meta.url));
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(preload)}`.trim() };
}
