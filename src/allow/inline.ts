/**
 * Inline allow: a `keygate:allow` comment on the same line, in any comment syntax
 * (# // /* -- ; <!--), optionally naming rule ids, optionally followed by a reason:
 *   key = "..."  # keygate:allow aws-secret-access-key -- fixture for the parser test
 */
const MARK_RE = /(?:#|\/\/|\/\*|<!--|--|;|%)\s*keygate:allow\b([^\n]*)/;
const RULE_ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;

export interface InlineAllow {
  rules: string[];
  reason: string;
}

export function parseInlineAllow(lineText: string): InlineAllow | undefined {
  const m = MARK_RE.exec(lineText);
  if (m === null) return undefined;
  const words = (m[1] ?? '').replace(/\*\/|-->/g, ' ').trim().split(/[\s,]+/).filter(Boolean);
  const rules: string[] = [];
  while (words.length > 0 && RULE_ID_RE.test(words[0] as string)) rules.push(words.shift() as string);
  const reason = words.join(' ').replace(/^(?:--|:|-)\s*/, '');
  return { rules, reason };
}

/** The reason a finding of `ruleId` on this line is allowed, or undefined. */
export function inlineAllowReason(lineText: string, ruleId: string): string | undefined {
  const allow = parseInlineAllow(lineText);
  if (allow === undefined) return undefined;
  if (allow.rules.length > 0 && !allow.rules.includes(ruleId)) return undefined;
  return `inline keygate:allow${allow.reason ? ` (${allow.reason})` : ''}`;
}
