/** Edit distance, for did-you-mean hints on misspelt keys and enum values. */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The candidate the word abbreviates (`rarest` → `rarest-first`), else the
 * closest within a third of the word's length (at least 1 edit), if any.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length >= 3) {
    const expansion = candidates.find((c) => c.toLowerCase().startsWith(word.toLowerCase()));
    if (expansion !== undefined) return expansion;
  }
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

export function didYouMean(word: string, candidates: readonly string[]): string {
  const hit = closest(word, candidates);
  return hit === undefined ? "" : ` (did you mean ${hit}?)`;
}
