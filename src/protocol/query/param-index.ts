// Sorted view of a flat Query parameter map, so finding every key under a prefix (`Tags.member.`) is a
// binary search instead of a scan: a large request with nested lists stays linear in its size.

export interface ParamIndex {
  get(key: string): string | undefined;
  /** True when some parameter name starts with `prefix`. */
  hasUnder(prefix: string): boolean;
  /** The parameter names that start with `prefix`, in sorted order. */
  keysUnder(prefix: string): readonly string[];
}

export function indexParams(params: ReadonlyMap<string, string>): ParamIndex {
  const keys = [...params.keys()].sort();
  const lowerBound = (prefix: string): number => {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const keysUnder = (prefix: string): readonly string[] => {
    const out: string[] = [];
    for (let i = lowerBound(prefix); i < keys.length && keys[i]!.startsWith(prefix); i += 1) out.push(keys[i]!);
    return out;
  };
  return {
    get: (key) => params.get(key),
    hasUnder: (prefix) => {
      const i = lowerBound(prefix);
      return i < keys.length && keys[i]!.startsWith(prefix);
    },
    keysUnder,
  };
}
