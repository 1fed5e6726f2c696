// Numbers as pipe writes them into params files, so that every reader of the file reads the same
// number. pipe reads YAML 1.2, where `1e-7` is a float; PyYAML's `safe_load`, which most Python
// stages use, reads YAML 1.1, where a float needs a `.` in its mantissa and a signed exponent:
// `1e-7` is the *string* '1e-7' there (a stage computing `lr * 2` then gets '1e-71e-7'). JS prints
// numbers below 1e-6 and from 1e21 in that bare exponent form, so pipe writes `1.0e-7` instead
// (as PyYAML's own `1.0e-07`). An integral value the user wrote as a float (`2.0`, `0.0`) stays one:
// a stage that checks `isinstance(x, float)` sees no type change between runs.
import type { ScalarTag, Scalar, Tags } from 'yaml';

const FLOAT_TAG = 'tag:yaml.org,2002:float';

/** `n` as YAML both 1.1 and 1.2 readers take for that number; `float`: an integral value keeps a `.0`. */
export function yamlNumber(n: number, float: boolean): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n > 0 ? '.inf' : '-.inf';
  const js = String(n);
  const e = js.indexOf('e');
  if (e < 0) return float && !js.includes('.') ? `${js}.0` : js;
  const mantissa = js.slice(0, e);
  const exponent = js.slice(e + 1);
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}e${/^[+-]/.test(exponent) ? exponent : `+${exponent}`}`;
}

/** Source text that reads as a float (`2.0`, `1e-7`), not as an integer (`2`, `0x1f`). */
export function looksFloat(source: string): boolean {
  const s = source.trim();
  return /^[-+]?(\d[\d_]*)?\.\d*([eE][-+]?\d+)?$|^[-+]?\d[\d_]*[eE][-+]?\d+$/.test(s);
}

/**
 * The yaml package's tags with its float tags writing through `yamlNumber` (for lists, mappings
 * and whole files that the yaml package prints): pass as `customTags`.
 */
export function pythonSafeTags(tags: Tags): Tags {
  return tags.map((t) => {
    if (typeof t === 'string' || t.tag !== FLOAT_TAG || !('stringify' in t) || t.stringify === undefined) return t;
    const own = t.stringify;
    return {
      ...t,
      stringify: (item: Scalar, ctx, onComment, onChompKeep) => {
        const v = item.value;
        if (typeof v !== 'number' || !Number.isFinite(v)) return own(item, ctx, onComment, onChompKeep);
        return yamlNumber(v, (item.minFractionDigits ?? 0) > 0);
      },
    } as ScalarTag;
  });
}
