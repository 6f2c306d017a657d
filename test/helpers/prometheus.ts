/**
 * A strict parser of the Prometheus text exposition format (0.0.4), for tests: every sample
 * belongs to a family declared by `# TYPE` before it, names and labels are well formed, label
 * values are escaped, values are numbers, histograms have ordered cumulative buckets ending in
 * `+Inf` equal to `_count`. Throws on anything else, naming the line.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help: string | null;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const SUFFIXES: Record<string, string[]> = { histogram: ['_bucket', '_sum', '_count'], summary: ['', '_sum', '_count'], counter: ['', '_total'], gauge: [''], untyped: [''] };

export function parsePrometheus(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a line feed');
  const lines = text.slice(0, -1).split('\n');
  lines.forEach((line, i) => {
    const where = `line ${i + 1}: ${line}`;
    if (line === '') return;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta;
      if (!NAME.test(name)) throw new Error(`bad metric name, ${where}`);
      const family = families.get(name) ?? { name, type: 'untyped', help: null, samples: [] };
      if (kind === 'TYPE') {
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest)) throw new Error(`bad type, ${where}`);
        if (family.samples.length > 0) throw new Error(`TYPE after samples, ${where}`);
        family.type = rest as Family['type'];
      } else family.help = rest;
      families.set(name, family);
      return;
    }
    if (line.startsWith('#')) return;
    const sample = parseSample(line, where);
    const family = [...families.values()].find((f) => f.type !== 'untyped' && SUFFIXES[f.type].some((s) => sample.name === f.name + s));
    if (!family) throw new Error(`sample of no declared family, ${where}`);
    family.samples.push(sample);
  });
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f);
  return families;
}

function parseSample(line: string, where: string): Sample {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)( -?\d+)?$/.exec(line);
  if (!m) throw new Error(`bad sample, ${where}`);
  const labels: Record<string, string> = {};
  if (m[2]) {
    let rest = m[2].slice(1, -1);
    while (rest !== '') {
      const l = /^([^=]+)="((?:[^"\\\n]|\\["\\n])*)"(,?)/.exec(rest);
      if (!l || !LABEL.test(l[1])) throw new Error(`bad label, ${where}`);
      if (l[1] in labels) throw new Error(`duplicate label ${l[1]}, ${where}`);
      labels[l[1]] = l[2].replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
      rest = rest.slice(l[0].length);
      if (!l[3] && rest !== '') throw new Error(`labels must be comma separated, ${where}`);
    }
  }
  const value = m[3] === '+Inf' ? Infinity : m[3] === '-Inf' ? -Infinity : m[3] === 'NaN' ? NaN : Number(m[3]);
  if (Number.isNaN(value) && m[3] !== 'NaN') throw new Error(`bad value, ${where}`);
  return { name: m[1], labels, value };
}

function checkHistogram(f: Family): void {
  const groups = new Map<string, Sample[]>();
  for (const s of f.samples.filter((x) => x.name === `${f.name}_bucket`)) {
    const { le, ...rest } = s.labels;
    if (le === undefined) throw new Error(`${f.name}: a bucket without le`);
    const key = JSON.stringify(rest);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  if (groups.size === 0) throw new Error(`${f.name}: a histogram without buckets`);
  for (const [key, buckets] of groups) {
    const bounds = buckets.map((b) => (b.labels.le === '+Inf' ? Infinity : Number(b.labels.le)));
    if (bounds.at(-1) !== Infinity) throw new Error(`${f.name}: the last bucket must be +Inf`);
    for (let i = 1; i < buckets.length; i++) {
      if (!(bounds[i] > bounds[i - 1])) throw new Error(`${f.name}: bucket bounds out of order`);
      if (buckets[i].value < buckets[i - 1].value) throw new Error(`${f.name}: buckets must be cumulative`);
    }
    const count = f.samples.find((s) => s.name === `${f.name}_count` && JSON.stringify(s.labels) === key);
    if (!count || count.value !== buckets.at(-1)!.value) throw new Error(`${f.name}: _count must equal the +Inf bucket`);
  }
}

/** The value of the sample of `name` whose labels include `labels`, or undefined. */
export function sampleValue(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const f of families.values()) {
    const s = f.samples.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
    if (s) return s.value;
  }
  return undefined;
}
