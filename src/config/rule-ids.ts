/**
 * One grammar for rule ids, wherever a user writes one: `.keygate.json` (`allow[].rule`,
 * `rules[].id`), inline `keygate:allow` comments, `keygate allow --rule`. Lower-case words
 * joined by single hyphens; a one-word id (`jwt`) is as much an id as `aws-access-key-id`.
 */
export const RULE_ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The known name (rule id, option, command) closest to a misspelt one, if close enough to be what was meant. */
export function closestMatch(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const id of known) {
    const d = editDistance(name.toLowerCase(), id);
    if (d < bestDistance) {
      best = id;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? best : undefined;
}

/** Levenshtein distance, two rows; ids are short. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] as number;
}

/**
 * A word the user wrote, as it may be shown back: only when it has the shape of a rule id,
 * short and not random-looking. Words that are no rule id are often what the line holds
 * (# keygate:allow <the secret itself>, --rule <pasted value>): those are never echoed.
 */
export function echoable(word: string): string | undefined {
  if (word.length > 40 || !RULE_ID_RE.test(word)) return undefined;
  // Digits among letters over 12 characters: generated, not a name someone meant.
  if (word.replace(/-/g, '').length > 12 && /\d/.test(word) && /[a-z]/.test(word)) return undefined;
  return word;
}

export function unknownRuleMessage(name: string, known: Iterable<string>): string {
  const shown = echoable(name);
  if (shown === undefined) return 'a word that is no rule id (not shown: it may be a secret); keygate rules lists every rule id';
  const near = closestMatch(name, known);
  return `unknown rule "${shown}"${near !== undefined ? ` (did you mean ${near}?)` : ''}; keygate rules lists every rule id`;
}
