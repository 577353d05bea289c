// "Did you mean …": the closest known name by edit distance, when it is close enough to be a typo.

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length] as number;
}

/** The candidate nearest to `name` within a distance that grows with the name's length. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestKey: [number, number, string] = [limit + 1, 0, ''];
  const lower = name.toLowerCase();
  for (const c of candidates) {
    if (c === name) continue;
    // Case-insensitive distance first; ties go to the closer spelling in case, then alphabetically.
    const key: [number, number, string] = [editDistance(lower, c.toLowerCase()), editDistance(name, c), c];
    if (
      key[0] < bestKey[0] ||
      (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && c < bestKey[2])))
    ) {
      best = c;
      bestKey = key;
    }
  }
  return bestKey[0] <= limit ? best : undefined;
}

export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const c = closest(name, candidates);
  return c === undefined ? undefined : `did you mean ${c}?`;
}
