const RESERVED = /^(true|false|yes|no|on|off|null|~)$/i;
const PLAIN = /^[A-Za-z][A-Za-z0-9 _.,()/-]*$/;

type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalar(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value !== 'string') {
    throw new Error(`Cannot write ${typeof value} as a YAML scalar`);
  }
  if (PLAIN.test(value) && !RESERVED.test(value) && !value.endsWith(' ')) {
    return value;
  }
  return `'${value.replace(/'/g, "''")}'`;
}

function mapping(value: Mapping, indent: number): string[] {
  return Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .flatMap(([key, item]) => entry(key, item, indent));
}

function entry(key: string, value: unknown, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (!value.some(item => isMapping(item) || Array.isArray(item))) {
      return [`${pad}${key}: [${value.map(scalar).join(', ')}]`];
    }
    return [
      `${pad}${key}:`,
      ...value.flatMap(item => {
        if (!isMapping(item)) {
          throw new Error('Only lists of scalars or of mappings are written');
        }
        const [first, ...rest] = mapping(item, indent + 4);
        return [`${pad}  - ${first.trimStart()}`, ...rest];
      }),
    ];
  }
  if (isMapping(value)) {
    return [`${pad}${key}:`, ...mapping(value, indent + 2)];
  }
  return [`${pad}${key}: ${scalar(value)}`];
}

/**
 * Block-style YAML for plain configuration data, written the way the README
 * shows it: single quotes only where a plain scalar would not do, lists of
 * scalars in flow style, undefined values left out.
 */
export function toYaml(value: Mapping): string {
  return `${mapping(value, 0).join('\n')}\n`;
}
